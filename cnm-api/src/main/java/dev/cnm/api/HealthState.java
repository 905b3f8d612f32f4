package dev.cnm.api;

import java.util.List;
import org.immutables.value.Value;

/**
 * A container's health ({@code State.Health}): the status, the number of consecutive failures and
 * the last five results, oldest first.
 *
 * <pre>{@code
 * HealthState h = engine.container("db").health().orElseThrow();
 * h.status();        // HEALTHY
 * h.failingStreak(); // 0
 * }</pre>
 */
@Value.Immutable
@CnmStyle
public abstract class HealthState {
  HealthState() {}

  /** {@return the status} */
  public abstract HealthStatus status();

  /** {@return consecutive failed checks ({@code FailingStreak})} */
  @Value.Default
  public int failingStreak() {
    return 0;
  }

  /** {@return the last results, oldest first, at most five} */
  public abstract List<HealthCheckResult> log();

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link HealthState} values. */
  public static final class Builder extends ImmutableHealthState.Builder {}
}
