package dev.cnm.api.process;

/**
 * How an engine's time moves (see {@link EngineClock}).
 *
 * <pre>{@code
 * Engine engine = Cnm.builder().seed(1).build();
 * engine.clock().mode(); // VIRTUAL
 * }</pre>
 */
public enum ClockMode {
  /**
   * Time moves only when asked ({@link EngineClock#advance}), or when a caller blocks waiting for
   * something the engine has scheduled: time then jumps to the next scheduled action
   * (discrete-event simulation), so "sleep 10 and exit" takes microseconds. The default of seeded
   * engines.
   */
  VIRTUAL,
  /**
   * Time is the clock's: scheduled actions run when an operation finds them due, and a blocking
   * wait sleeps until the next one. The default of unseeded engines.
   */
  SYSTEM
}
