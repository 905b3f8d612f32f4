package dev.cnm.api;

import java.time.Instant;
import org.immutables.value.Value;

/**
 * One health-check run ({@code State.Health.Log[]}, moby {@code container.HealthcheckResult}).
 *
 * <pre>{@code
 * HealthCheckResult last = engine.container("db").health().orElseThrow().log().get(0);
 * last.exitCode(); // 0
 * }</pre>
 */
@Value.Immutable
@CnmStyle
public abstract class HealthCheckResult {
  HealthCheckResult() {}

  /** {@return when it started} */
  @Value.Parameter
  public abstract Instant start();

  /** {@return when it ended} */
  @Value.Parameter
  public abstract Instant end();

  /** {@return its exit code: 0 healthy, anything else a failure} */
  @Value.Parameter
  public abstract int exitCode();

  /** {@return what it printed (at most 4096 bytes)} */
  @Value.Parameter
  public abstract String output();

  /**
   * {@return a result}
   *
   * @param start when it started
   * @param end when it ended
   * @param exitCode its exit code
   * @param output what it printed
   */
  public static HealthCheckResult of(Instant start, Instant end, int exitCode, String output) {
    return ImmutableHealthCheckResult.of(start, end, exitCode, output);
  }
}
