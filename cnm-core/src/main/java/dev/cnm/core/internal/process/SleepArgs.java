package dev.cnm.core.internal.process;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The arguments of {@code sleep}, as busybox reads them (with its "fancy" sleep, as in the alpine
 * and busybox images): each a decimal number with an optional unit {@code s}, {@code m}, {@code h}
 * or {@code d}, summed; {@code inf} or {@code infinity} sleeps for ever.
 */
public final class SleepArgs {
  /** A hundred years: a longer sleep is cut to it. */
  private static final BigDecimal CAP = BigDecimal.valueOf(100L * 365 * 86400);
  /** What the arguments say: a duration, for ever, or the first argument that is not a number. */
  public record Parsed(Optional<Duration> duration, boolean forever, Optional<String> invalid) {}

  private SleepArgs() {}

  /**
   * Reads {@code args}.
   *
   * @param args the arguments after {@code sleep}
   * @return the total, for ever, or the first invalid argument
   */
  public static Parsed parse(List<String> args) {
    if (args.isEmpty()) {
      return new Parsed(Optional.empty(), false, Optional.of(""));
    }
    Duration total = Duration.ZERO;
    for (String a : args) {
      if (a.equals("inf") || a.equals("infinity")) {
        return new Parsed(Optional.empty(), true, Optional.empty());
      }
      Optional<Duration> d = one(a);
      if (d.isEmpty()) {
        return new Parsed(Optional.empty(), false, Optional.of(a));
      }
      total = total.plus(d.get());
    }
    return new Parsed(Optional.of(total), false, Optional.empty());
  }

  private static Optional<Duration> one(String a) {
    if (a.isEmpty()) {
      return Optional.empty();
    }
    long unit = 1;
    String number = a;
    char last = a.charAt(a.length() - 1);
    switch (last) {
      case 's':
        number = a.substring(0, a.length() - 1);
        break;
      case 'm':
        unit = 60;
        number = a.substring(0, a.length() - 1);
        break;
      case 'h':
        unit = 3600;
        number = a.substring(0, a.length() - 1);
        break;
      case 'd':
        unit = 86400;
        number = a.substring(0, a.length() - 1);
        break;
      default:
        break;
    }
    if (number.isEmpty() || !number.matches("[0-9]*\\.?[0-9]*") || number.equals(".")) {
      return Optional.empty();
    }
    BigDecimal seconds = new BigDecimal(number).multiply(BigDecimal.valueOf(unit));
    if (seconds.compareTo(CAP) > 0) {
      return Optional.of(Duration.ofSeconds(CAP.longValue())); // longer than anything will run
    }
    long whole = seconds.longValue();
    long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
    return Optional.of(Duration.ofSeconds(whole, nanos));
  }
}
