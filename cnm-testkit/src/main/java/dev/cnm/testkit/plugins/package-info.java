/**
 * Testing a Docker plugin without Docker: {@link dev.cnm.testkit.plugins.PluginProbe} runs Docker's
 * call sequence against a plugin through a real engine and reports each call, its JSON and what
 * Docker does with the answer.
 */
package dev.cnm.testkit.plugins;
