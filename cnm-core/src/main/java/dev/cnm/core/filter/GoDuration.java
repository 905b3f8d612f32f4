package dev.cnm.core.filter;

import java.math.BigInteger;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Go's {@code time.ParseDuration}: a signed sequence of decimal numbers, each with an optional
 * fraction and a unit ({@code ns}, {@code us} or {@code µs}, {@code ms}, {@code s}, {@code m},
 * {@code h}), such as {@code 300ms}, {@code -1.5h} or {@code 2h45m}; {@code 0} alone needs no
 * unit. Callers only need to know whether a value is a duration, so failures are not worded.
 */
final class GoDuration {
  private static final Map<String, Long> UNITS = Map.of(
      "ns", 1L, "us", 1_000L, "\u00b5s", 1_000L, "\u03bcs", 1_000L, "ms", 1_000_000L,
      "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);
  private static final BigInteger LIMIT = BigInteger.ONE.shiftLeft(63);

  private GoDuration() {}

  /** The duration in nanoseconds, or empty when {@code s} is not one Go would parse. */
  static OptionalLong parse(String s) {
    int i = 0;
    boolean neg = false;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      neg = s.charAt(0) == '-';
      i = 1;
    }
    if (s.substring(i).equals("0")) {
      return OptionalLong.of(0);
    }
    if (i == s.length()) {
      return OptionalLong.empty();
    }
    BigInteger total = BigInteger.ZERO;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (!(c == '.' || isDigit(c))) {
        return OptionalLong.empty();
      }
      // Digits before the point; Go fails once they pass 2^63.
      int start = i;
      BigInteger v = BigInteger.ZERO;
      while (i < s.length() && isDigit(s.charAt(i))) {
        v = v.multiply(BigInteger.TEN).add(BigInteger.valueOf(s.charAt(i) - '0'));
        if (v.compareTo(LIMIT) > 0) {
          return OptionalLong.empty();
        }
        i++;
      }
      boolean pre = i != start;
      // Digits after the point: those past 2^63 are dropped, not an error.
      boolean post = false;
      long f = 0;
      double scale = 1;
      if (i < s.length() && s.charAt(i) == '.') {
        i++;
        int fracStart = i;
        boolean overflow = false;
        while (i < s.length() && isDigit(s.charAt(i))) {
          if (!overflow) {
            long y = f * 10 + (s.charAt(i) - '0');
            if (f > Long.MAX_VALUE / 10 || y < 0) {
              overflow = true;
            } else {
              f = y;
              scale *= 10;
            }
          }
          i++;
        }
        post = i != fracStart;
      }
      if (!pre && !post) {
        return OptionalLong.empty();
      }
      int unitStart = i;
      while (i < s.length() && s.charAt(i) != '.' && !isDigit(s.charAt(i))) {
        i++;
      }
      Long unit = UNITS.get(s.substring(unitStart, i));
      if (unit == null) {
        return OptionalLong.empty();
      }
      if (v.compareTo(LIMIT.divide(BigInteger.valueOf(unit))) > 0) {
        return OptionalLong.empty();
      }
      v = v.multiply(BigInteger.valueOf(unit));
      if (f > 0) {
        v = v.add(BigInteger.valueOf((long) ((double) f * ((double) unit / scale))));
        if (v.compareTo(LIMIT) > 0) {
          return OptionalLong.empty();
        }
      }
      total = total.add(v);
      if (total.compareTo(LIMIT) > 0) {
        return OptionalLong.empty();
      }
    }
    if (neg) {
      return OptionalLong.of(total.negate().longValue());
    }
    if (total.compareTo(LIMIT) >= 0) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(total.longValue());
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
