package dev.cnm.core.json;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Docker's wording of a duration: {@code HumanDuration} of {@code github.com/docker/go-units},
 * used by the engine in a container's {@code Status} ({@code Up 5 seconds}, {@code Exited (0)
 * About a minute ago}) and by the CLI in {@code CREATED} columns ({@code 2 hours ago}).
 *
 * <p>The thresholds and the rounding are Go's: seconds and minutes are truncated, hours are
 * rounded ({@code int(d.Hours() + 0.5)}), and days, weeks and months are counted from those
 * rounded hours; negative durations read {@code Less than a second}.
 *
 * <pre>{@code
 * HumanDuration.format(Duration.ofSeconds(5));   // "5 seconds"
 * HumanDuration.format(Duration.ofMinutes(90));  // "2 hours" (hours are rounded)
 * }</pre>
 */
public final class HumanDuration {
  private static final double NANOS_PER_SECOND = 1e9;

  private HumanDuration() {}

  /**
   * {@return the go-units wording of {@code d}}
   *
   * @param d the duration
   */
  public static String format(Duration d) {
    requireNonNull(d, "d");
    long nanos = saturatedNanos(d);
    int seconds = (int) goFloat(nanos, 1);
    if (seconds < 1) {
      return "Less than a second";
    } else if (seconds == 1) {
      return "1 second";
    } else if (seconds < 60) {
      return seconds + " seconds";
    }
    int minutes = (int) goFloat(nanos, 60);
    if (minutes == 1) {
      return "About a minute";
    } else if (minutes < 60) {
      return minutes + " minutes";
    }
    int hours = (int) (goFloat(nanos, 3600) + 0.5);
    if (hours == 1) {
      return "About an hour";
    } else if (hours < 48) {
      return hours + " hours";
    } else if (hours < 24 * 7 * 2) {
      return hours / 24 + " days";
    } else if (hours < 24 * 30 * 2) {
      return hours / 24 / 7 + " weeks";
    } else if (hours < 24 * 365 * 2) {
      return hours / 24 / 30 + " months";
    }
    return (int) goFloat(nanos, 3600) / 24 / 365 + " years";
  }

  /** Go's {@code Duration.Seconds/Minutes/Hours}: whole units plus the remainder as a fraction. */
  private static double goFloat(long nanos, long unitSeconds) {
    long unit = unitSeconds * 1_000_000_000L;
    long whole = nanos / unit;
    long rest = nanos % unit;
    return whole + rest / (unitSeconds * NANOS_PER_SECOND);
  }

  /** A Go {@code time.Duration} is an int64 of nanoseconds; it saturates the same way. */
  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }
}
