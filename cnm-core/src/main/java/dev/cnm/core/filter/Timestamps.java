package dev.cnm.core.filter;

import dev.cnm.api.error.InvalidParameterException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;

/**
 * Docker's {@code until} (and {@code since}) values, after moby's {@code api/types/time}: a Go
 * duration before {@code now} ({@code 24h}, {@code 90m}), an RFC 3339 date or time, complete or
 * cut short ({@code 2025-06-02}, {@code 2025-06-02T09:13}, {@code 2025-06-02T09:13:58.7Z}), taken
 * in the local zone without an offset, or Unix seconds ({@code 1748855638.5}).
 */
final class Timestamps {
  private static final String RFC3339_LOCAL = "2006-01-02T15:04:05";
  private static final String RFC3339_NANO_LOCAL = "2006-01-02T15:04:05.999999999";
  private static final String RFC3339 = "2006-01-02T15:04:05Z07:00";
  private static final String RFC3339_NANO = "2006-01-02T15:04:05.999999999Z07:00";
  private static final String DATE_WITH_ZONE = "2006-01-02Z07:00";
  private static final String DATE_LOCAL = "2006-01-02";

  private Timestamps() {}

  /**
   * moby's {@code getUntilFromPruneFilters}: the {@code until} filter's instant, or null without
   * one.
   *
   * @throws InvalidParameterException {@code more than one until filter specified}, or the
   *     value's parse error ({@code failed to parse value as time or duration: "x"})
   */
  static Instant until(FilterArgs filters, Clock clock) {
    if (!filters.contains("until")) {
      return null;
    }
    List<String> values = filters.get("until");
    if (values.size() > 1) {
      throw new InvalidParameterException("more than one until filter specified");
    }
    // An until key without values reads as "" in Go, which is no timestamp at all.
    return parse(values.isEmpty() ? "" : values.get(0), clock);
  }

  /**
   * {@code GetTimestamp} then {@code ParseTimestamps}: the instant {@code value} names. The
   * clock's zone is asked for only when a timestamp without an offset needs it (the CLI's
   * default zone costs the time-zone database).
   */
  static Instant parse(String value, Clock clock) {
    Instant now = clock.instant();
    OptionalLong duration = value.equals("0") ? OptionalLong.empty() : GoDuration.parse(value);
    if (duration.isPresent()) {
      // Go formats reference.Add(-d).Unix(): whole seconds, rounded down.
      Instant at = minusNanos(now, duration.getAsLong());
      return Instant.ofEpochSecond(at.getEpochSecond());
    }
    boolean inLocation = !containsAny(value, "zZ+") && value.chars().filter(c -> c == '-').count() != 3;
    String layout;
    if (value.contains(".")) {
      layout = inLocation ? RFC3339_NANO_LOCAL : RFC3339_NANO;
    } else if (value.contains("T")) {
      int colons = (int) value.chars().filter(c -> c == ':').count();
      // An offset such as +01:00 (not Z) brings a colon of its own.
      if (!inLocation && !containsAny(value, "zZ") && colons > 0) {
        colons--;
      }
      if (inLocation) {
        layout = colons == 0 ? "2006-01-02T15" : colons == 1 ? "2006-01-02T15:04" : RFC3339_LOCAL;
      } else {
        layout = colons == 0 ? "2006-01-02T15Z07:00" : colons == 1 ? "2006-01-02T15:04Z07:00" : RFC3339;
      }
    } else {
      layout = inLocation ? DATE_LOCAL : DATE_WITH_ZONE;
    }
    ZoneOffset local = inLocation ? clock.getZone().getRules().getOffset(now) : ZoneOffset.UTC;
    try {
      return GoTime.parse(layout, value, local);
    } catch (GoTime.ParseError e) {
      if (value.contains("-")) {
        // It looked like an RFC 3339 time: Go's own parse error.
        throw new InvalidParameterException(e.getMessage());
      }
      Instant unix = unixSeconds(value);
      if (unix == null) {
        throw new InvalidParameterException("failed to parse value as time or duration: " + GoText.quote(value));
      }
      return unix;
    }
  }

  /** {@code parseTimestamp}: seconds, then optionally a point and a fraction; null when not that. */
  private static Instant unixSeconds(String value) {
    int dot = value.indexOf('.');
    String s = dot < 0 ? value : value.substring(0, dot);
    String n = dot < 0 ? null : value.substring(dot + 1);
    long sec;
    long nsec = 0;
    try {
      sec = GoText.parseInt(s);
      if (n != null) {
        nsec = GoText.parseInt(n);
        // Nanoseconds already, "but just in case": scaled by the digits given (Go, in float64).
        nsec = (long) (nsec * Math.pow(10, 9 - n.length()));
      }
    } catch (GoText.NumError e) {
      return null;
    }
    return ofEpoch(sec, nsec);
  }

  private static Instant ofEpoch(long sec, long nsec) {
    try {
      return Instant.ofEpochSecond(sec, nsec);
    } catch (java.time.DateTimeException | ArithmeticException e) {
      return sec < 0 ? Instant.MIN : Instant.MAX;
    }
  }

  private static Instant minusNanos(Instant t, long nanos) {
    try {
      return t.minusNanos(nanos);
    } catch (java.time.DateTimeException | ArithmeticException e) {
      return nanos > 0 ? Instant.MIN : Instant.MAX;
    }
  }

  private static boolean containsAny(String s, String chars) {
    for (int i = 0; i < chars.length(); i++) {
      if (s.indexOf(chars.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }
}
