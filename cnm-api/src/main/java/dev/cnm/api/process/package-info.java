/**
 * Containers' processes: what a program does ({@link dev.cnm.api.process.Script}, its {@link
 * dev.cnm.api.process.Step steps}, {@link dev.cnm.api.process.Signal signal} reactions, health
 * checks and exec answers), programs registered by name or image ({@link
 * dev.cnm.api.process.Program}), the engine's clock ({@link dev.cnm.api.process.EngineClock}),
 * logs ({@link dev.cnm.api.process.LogEntry}) and waits ({@link
 * dev.cnm.api.process.WaitCondition}).
 */
package dev.cnm.api.process;
