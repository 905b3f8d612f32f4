package dev.cnm.core.internal.build;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/** Go's {@code time.ParseDuration}, with its error messages (HEALTHCHECK's {@code --interval=30s}). */
final class GoDurations {
  private static final Map<String, Long> UNITS = Map.of(
      "ns", 1L, "us", 1_000L, "\u00b5s", 1_000L, "\u03bcs", 1_000L, "ms", 1_000_000L,
      "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);
  private static final BigDecimal MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  private GoDurations() {}

  /** Thrown with Go's message, such as {@code time: invalid duration "x"}. */
  static final class DurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DurationException(String message) {
      super(message, null, false, false);
    }
  }

  static Duration parse(String orig) {
    String s = orig;
    boolean neg = false;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      neg = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    if (s.isEmpty()) {
      throw invalid(orig);
    }
    BigDecimal total = BigDecimal.ZERO;
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (!(c == '.' || Character.isDigit(c))) {
        throw invalid(orig);
      }
      int start = i;
      while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
      }
      boolean pre = i > start;
      String whole = s.substring(start, i);
      String frac = "";
      if (i < s.length() && s.charAt(i) == '.') {
        i++;
        int fs = i;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
          i++;
        }
        frac = s.substring(fs, i);
      }
      if (!pre && frac.isEmpty()) {
        throw invalid(orig);
      }
      int us = i;
      while (i < s.length() && s.charAt(i) != '.' && !(s.charAt(i) >= '0' && s.charAt(i) <= '9')) {
        i++;
      }
      if (us == i) {
        throw new DurationException("time: missing unit in duration " + Quote.go(orig));
      }
      String unit = s.substring(us, i);
      Long nanos = UNITS.get(unit);
      if (nanos == null) {
        throw new DurationException("time: unknown unit " + Quote.go(unit) + " in duration " + Quote.go(orig));
      }
      BigDecimal value = new BigDecimal((whole.isEmpty() ? "0" : whole) + (frac.isEmpty() ? "" : "." + frac));
      total = total.add(value.multiply(BigDecimal.valueOf(nanos)));
      if (total.compareTo(MAX) > 0) {
        throw invalid(orig);
      }
    }
    long n = total.longValue();
    return Duration.ofNanos(neg ? -n : n);
  }

  private static DurationException invalid(String orig) {
    return new DurationException("time: invalid duration " + Quote.go(orig));
  }
}
