package dev.cnm.core;

import dev.cnm.api.Engine;

/**
 * Static factories for engines, the entry point of cnm (as {@code Jimfs} is of Jimfs).
 *
 * <pre>{@code
 * Engine docker = Cnm.newEngine();                 // Docker's defaults, drivers from the classpath
 * Engine seeded = Cnm.builder().seed(7).build();   // fully deterministic
 * }</pre>
 */
public final class Cnm {
  private Cnm() {}

  /**
   * {@return a new engine with Docker's defaults, using the drivers
   * {@link java.util.ServiceLoader} finds}
   */
  public static Engine newEngine() {
    return builder().build();
  }

  /** {@return a builder for an engine with other drivers, configuration, seed or clock} */
  public static EngineBuilder builder() {
    return new EngineBuilder();
  }
}
