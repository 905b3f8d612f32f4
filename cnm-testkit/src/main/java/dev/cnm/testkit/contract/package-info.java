/**
 * Contracts for driver authors: {@link dev.cnm.testkit.contract.NetworkDriverContract} and {@link
 * dev.cnm.testkit.contract.IpamDriverContract} are abstract JUnit 5 classes a driver's test extends
 * with one factory method; tests that apply only to some drivers are gated by what the driver
 * declares. {@link dev.cnm.testkit.contract.TestDriverContext} is a deterministic host to create
 * drivers in, and {@link dev.cnm.testkit.contract.Requests} builds the SPI requests the engine
 * would send, for a driver's own unit tests.
 */
package dev.cnm.testkit.contract;
