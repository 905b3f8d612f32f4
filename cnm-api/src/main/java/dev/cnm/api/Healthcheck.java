package dev.cnm.api;

import static com.google.common.base.Preconditions.checkArgument;

import dev.cnm.api.error.InvalidParameterException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A health check ({@code HEALTHCHECK} in an image, {@code --health-*} on {@code docker run}; moby
 * {@code container.HealthConfig}): the test, and the intervals that drive it. Unset durations take
 * the daemon's defaults (interval 30 s, timeout 30 s, start period 0, start interval 5 s, retries
 * 3, moby {@code daemon/health.go}). The test is Docker's: {@code ["CMD", prog, args...]}, {@code
 * ["CMD-SHELL", "command"]} (run with {@code /bin/sh -c}), or {@code ["NONE"]}, which disables
 * the image's check ({@code --no-healthcheck}).
 *
 * <pre>{@code
 * Healthcheck.shell("pg_isready -U postgres");              // --health-cmd
 * Healthcheck.builder().test(List.of("CMD-SHELL", "curl -f http://localhost/"))
 *     .interval(Duration.ofSeconds(5)).retries(2).build();
 * Healthcheck.none();                                         // --no-healthcheck
 * }</pre>
 */
@Value.Immutable
@CnmStyle
public abstract class Healthcheck {
  /** The daemon's default interval between checks. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
  /** The daemon's default timeout of one check. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  /** The daemon's default interval between checks during the start period. */
  public static final Duration DEFAULT_START_INTERVAL = Duration.ofSeconds(5);
  /** The daemon's default number of consecutive failures that make a container unhealthy. */
  public static final int DEFAULT_RETRIES = 3;
  private static final Duration MINIMUM = Duration.ofMillis(1);

  Healthcheck() {}

  /** {@return Docker's test: {@code CMD ...}, {@code CMD-SHELL command} or {@code NONE}; empty inherits the image's} */
  public abstract List<String> test();

  /** {@return the time between checks ({@code --health-interval}); empty for the default} */
  public abstract Optional<Duration> interval();

  /** {@return the longest one check may take ({@code --health-timeout}); empty for the default} */
  public abstract Optional<Duration> timeout();

  /** {@return the time failures do not count ({@code --health-start-period}); empty for none} */
  public abstract Optional<Duration> startPeriod();

  /** {@return the time between checks in the start period ({@code --health-start-interval})} */
  public abstract Optional<Duration> startInterval();

  /** {@return consecutive failures that make the container unhealthy ({@code --health-retries}); 0 for the default} */
  @Value.Default
  public int retries() {
    return 0;
  }

  @Value.Check
  void check() {
    checkArgument(test().isEmpty() || List.of("CMD", "CMD-SHELL", "NONE").contains(test().get(0)),
        "a health-check test starts with CMD, CMD-SHELL or NONE: %s", test());
  }

  /**
   * Checks the values as the daemon does at create ({@code validateHealthCheck}).
   *
   * @throws InvalidParameterException such as {@code Interval in Healthcheck cannot be less than
   *     1ms}
   */
  public void validate() {
    checkMinimum("Interval", interval());
    checkMinimum("Timeout", timeout());
    if (retries() < 0) {
      throw new InvalidParameterException("Retries in Healthcheck cannot be negative");
    }
    checkMinimum("StartPeriod", startPeriod());
    checkMinimum("StartInterval", startInterval());
  }

  private static void checkMinimum(String what, Optional<Duration> d) {
    if (d.isPresent() && !d.get().isZero() && d.get().compareTo(MINIMUM) < 0) {
      throw new InvalidParameterException(what + " in Healthcheck cannot be less than 1ms");
    }
  }

  /** {@return whether the test disables checks ({@code NONE})} */
  public boolean isDisabled() {
    return !test().isEmpty() && test().get(0).equals("NONE");
  }

  /**
   * {@return the command a check runs: {@code /bin/sh -c command} for {@code CMD-SHELL}, the
   * program and arguments for {@code CMD}; empty for {@code NONE} or no test}
   */
  public List<String> command() {
    if (test().isEmpty() || isDisabled()) {
      return List.of();
    }
    if (test().get(0).equals("CMD-SHELL")) {
      return List.of("/bin/sh", "-c", String.join(" ", test().subList(1, test().size())));
    }
    return test().subList(1, test().size());
  }

  /** {@return the interval, or the default} */
  public Duration effectiveInterval() {
    return interval().filter(d -> !d.isZero()).orElse(DEFAULT_INTERVAL);
  }

  /** {@return the timeout, or the default} */
  public Duration effectiveTimeout() {
    return timeout().filter(d -> !d.isZero()).orElse(DEFAULT_TIMEOUT);
  }

  /** {@return the start period, or none} */
  public Duration effectiveStartPeriod() {
    return startPeriod().orElse(Duration.ZERO);
  }

  /** {@return the start interval, or the default} */
  public Duration effectiveStartInterval() {
    return startInterval().filter(d -> !d.isZero()).orElse(DEFAULT_START_INTERVAL);
  }

  /** {@return the retries, or the default} */
  public int effectiveRetries() {
    return retries() <= 0 ? DEFAULT_RETRIES : retries();
  }

  /**
   * {@return {@code --health-cmd command}: a {@code CMD-SHELL} test with the defaults}
   *
   * @param command the shell command, such as {@code curl -f http://localhost/}
   */
  public static Healthcheck shell(String command) {
    return builder().addTest("CMD-SHELL", command).build();
  }

  /** {@return {@code --no-healthcheck}: the test {@code NONE}} */
  public static Healthcheck none() {
    return builder().addTest("NONE").build();
  }

  /**
   * {@return this check with the values {@code override} sets replacing its own, as the daemon
   * merges a container's {@code --health-*} flags into the image's {@code HEALTHCHECK}}
   *
   * @param override the container's check
   */
  public Healthcheck mergedWith(Healthcheck override) {
    Builder b = builder().from(this);
    if (!override.test().isEmpty()) {
      b.test(override.test());
    }
    override.interval().ifPresent(b::interval);
    override.timeout().ifPresent(b::timeout);
    override.startPeriod().ifPresent(b::startPeriod);
    override.startInterval().ifPresent(b::startInterval);
    if (override.retries() != 0) {
      b.retries(override.retries());
    }
    return b.build();
  }

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link Healthcheck} values. */
  public static final class Builder extends ImmutableHealthcheck.Builder {}
}
