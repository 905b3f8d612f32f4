package dev.cnm.api.image;

import dev.cnm.api.CnmStyle;
import java.time.Duration;
import java.util.List;
import org.immutables.value.Value;

/**
 * A health check ({@code HEALTHCHECK} in a Dockerfile, {@code --health-cmd} on {@code docker
 * run}; moby's {@code container.HealthConfig}). {@code test} is {@code ["NONE"]} (disabled), {@code
 * ["CMD", args...]} (exec form), or {@code ["CMD-SHELL", command]}; an empty test inherits the
 * image's. Durations of zero mean "Docker's default" (30s interval and timeout, no start
 * period); retries of zero mean 3.
 *
 * <pre>{@code
 * HealthConfig check = HealthConfig.builder()
 *     .test(List.of("CMD-SHELL", "curl -f http://localhost/ || exit 1"))
 *     .interval(Duration.ofSeconds(5))
 *     .retries(3)
 *     .build();
 * }</pre>
 */
@Value.Immutable
@CnmStyle
public abstract class HealthConfig {
  HealthConfig() {}

  /** {@return the test: {@code NONE}, {@code CMD ...}, {@code CMD-SHELL command}, or empty to inherit} */
  public abstract List<String> test();

  /** {@return the time between two checks; zero for the default} */
  @Value.Default
  public Duration interval() {
    return Duration.ZERO;
  }

  /** {@return how long one check may run; zero for the default} */
  @Value.Default
  public Duration timeout() {
    return Duration.ZERO;
  }

  /** {@return the start period, during which failures do not count; zero for none} */
  @Value.Default
  public Duration startPeriod() {
    return Duration.ZERO;
  }

  /** {@return the time between checks during the start period; zero for the default} */
  @Value.Default
  public Duration startInterval() {
    return Duration.ZERO;
  }

  /** {@return how many consecutive failures make the container unhealthy; zero for the default} */
  @Value.Default
  public int retries() {
    return 0;
  }

  /** Rejects negative durations and retries, as the daemon does. */
  @Value.Check
  void check() {
    for (Duration d : List.of(interval(), timeout(), startPeriod(), startInterval())) {
      if (d.isNegative()) {
        throw new IllegalArgumentException("health check durations must not be negative: " + d);
      }
    }
    if (retries() < 0) {
      throw new IllegalArgumentException("health check retries must not be negative: " + retries());
    }
  }

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link HealthConfig} values. */
  public static final class Builder extends ImmutableHealthConfig.Builder {}
}
