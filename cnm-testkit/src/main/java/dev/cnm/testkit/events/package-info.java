/**
 * Engine events for tests: {@link dev.cnm.testkit.events.RecordingEngine} decorates an engine and
 * records every event the engine emits ({@link dev.cnm.api.Engine#subscribe}) as {@link
 * dev.cnm.testkit.events.EngineEvent}s, unbounded, so tests can assert what happened and in which
 * order.
 */
package dev.cnm.testkit.events;
