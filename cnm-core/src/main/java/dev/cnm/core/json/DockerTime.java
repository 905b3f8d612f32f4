package dev.cnm.core.json;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Go's {@code time.RFC3339Nano} in UTC, as Docker writes every time: trailing zeros of the
 * fraction are dropped (and the dot with them), and the zero {@code time.Time} reads {@code
 * 0001-01-01T00:00:00Z}.
 */
final class DockerTime {
  static final String ZERO = "0001-01-01T00:00:00Z";

  private DockerTime() {}

  static String format(Optional<Instant> t) {
    return t.map(DockerTime::format).orElse(ZERO);
  }

  static String format(Instant t) {
    LocalDateTime d = LocalDateTime.ofInstant(t, ZoneOffset.UTC);
    StringBuilder out = new StringBuilder(30);
    int year = d.getYear();
    if (year < 0 || year > 9999) {
      // Go's MarshalJSON refuses such years; the model never produces them.
      throw new IllegalArgumentException("year outside [0,9999]: " + t);
    }
    pad(out, year, 4).append('-');
    pad(out, d.getMonthValue(), 2).append('-');
    pad(out, d.getDayOfMonth(), 2).append('T');
    pad(out, d.getHour(), 2).append(':');
    pad(out, d.getMinute(), 2).append(':');
    pad(out, d.getSecond(), 2);
    int nanos = d.getNano();
    if (nanos != 0) {
      StringBuilder fraction = new StringBuilder(9);
      pad(fraction, nanos, 9);
      int end = fraction.length();
      while (fraction.charAt(end - 1) == '0') {
        end--;
      }
      out.append('.').append(fraction, 0, end);
    }
    return out.append('Z').toString();
  }

  private static StringBuilder pad(StringBuilder out, int value, int width) {
    String s = Integer.toString(value);
    for (int i = s.length(); i < width; i++) {
      out.append('0');
    }
    return out.append(s);
  }
}
