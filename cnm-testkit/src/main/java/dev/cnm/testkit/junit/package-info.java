/**
 * JUnit 5 support: {@link dev.cnm.testkit.junit.CnmTest @CnmTest} and {@link
 * dev.cnm.testkit.junit.CnmExtension} inject fresh seeded engines, clusters, fault injectors and
 * event recorders into test methods, and print the seed of a failing test so it can be replayed
 * with {@link dev.cnm.testkit.junit.Seed @Seed}.
 */
package dev.cnm.testkit.junit;
