/**
 * Engine events: {@link dev.cnm.testkit.events.RecordingEngine} decorates an engine and records
 * the Docker-shaped {@link dev.cnm.testkit.events.EngineEvent}s of its successful operations, so
 * tests can assert what happened and in which order.
 */
package dev.cnm.testkit.events;
