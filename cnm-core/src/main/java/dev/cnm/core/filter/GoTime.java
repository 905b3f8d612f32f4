package dev.cnm.core.filter;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * Go's {@code time.Parse} and {@code time.ParseInLocation} for the layouts Docker's timestamp
 * filters use ({@code 2006-01-02T15:04:05.999999999Z07:00} and its shorter forms), with Go's
 * error messages ({@code parsing time "2020-13-01" as "2006-01-02": ...}). Only the layout
 * elements those layouts contain are known: {@code 2006}, {@code 01}, {@code 02}, {@code 15},
 * {@code 04}, {@code 05}, {@code .999999999} and {@code Z07:00}; anything else is literal text.
 */
final class GoTime {
  private GoTime() {}

  /** A value that does not fit its layout; the message is Go's {@code time.ParseError}. */
  static final class ParseError extends Exception {
    private static final long serialVersionUID = 1L;

    ParseError(String message) {
      super(message);
    }
  }

  private enum Std {
    LONG_YEAR("2006"), ZERO_MONTH("01"), ZERO_DAY("02"), HOUR("15"), ZERO_MINUTE("04"), ZERO_SECOND("05"),
    FRAC_SECOND_9(".999999999"), ISO8601_COLON_TZ("Z07:00");

    final String text;

    Std(String text) {
      this.text = text;
    }
  }

  /** One step of a layout: literal text, then an element (null at the end). */
  private record Chunk(String prefix, Std std, String suffix) {}

  private static Chunk nextChunk(String layout) {
    for (int i = 0; i < layout.length(); i++) {
      for (Std std : Std.values()) {
        if (layout.startsWith(std.text, i)) {
          return new Chunk(layout.substring(0, i), std, layout.substring(i + std.text.length()));
        }
      }
    }
    return new Chunk(layout, null, "");
  }

  /**
   * The instant {@code value} names under {@code layout}; a value without a zone is taken at
   * {@code offset}, as {@code ParseInLocation} with a fixed zone does ({@code Parse}: UTC).
   */
  static Instant parse(String layout, String value, ZoneOffset offset) throws ParseError {
    final String alayout = layout;
    final String avalue = value;
    int year = 1;
    int month = -1;
    int day = -1;
    int hour = 0;
    int min = 0;
    int sec = 0;
    long nsec = 0;
    Integer zone = null; // seconds east of UTC, when the value names its zone
    while (true) {
      Chunk chunk = nextChunk(layout);
      String stdstr = chunk.std() == null ? "" : chunk.std().text;
      Skipped skipped = skip(value, chunk.prefix());
      value = skipped.rest();
      if (!skipped.ok()) {
        throw error(alayout, avalue, chunk.prefix(), value, "");
      }
      if (chunk.std() == null) {
        if (!value.isEmpty()) {
          throw error(alayout, avalue, "", value, ": extra text: " + GoText.timeQuote(value));
        }
        break;
      }
      layout = chunk.suffix();
      String hold = value;
      String range = null;
      boolean bad = false;
      switch (chunk.std()) {
        case LONG_YEAR -> {
          if (value.length() < 4 || !isDigit(value, 0)) {
            bad = true;
            break;
          }
          Integer y = atoi(value.substring(0, 4));
          value = value.substring(4);
          if (y == null) {
            bad = true;
          } else {
            year = y;
          }
        }
        case ZERO_MONTH, ZERO_DAY, HOUR, ZERO_MINUTE, ZERO_SECOND -> {
          boolean fixed = chunk.std() != Std.HOUR;
          int n = getnum(value, fixed);
          if (n < 0) {
            bad = true;
            n = 0;
          } else {
            value = value.substring(isDigit(value, 1) ? 2 : 1);
          }
          switch (chunk.std()) {
            case ZERO_MONTH -> {
              month = n;
              if (!bad && (month <= 0 || month > 12)) {
                range = "month";
              }
            }
            case ZERO_DAY -> day = n;
            case HOUR -> {
              hour = n;
              if (hour >= 24) {
                range = "hour";
              }
            }
            case ZERO_MINUTE -> {
              min = n;
              if (min >= 60) {
                range = "minute";
              }
            }
            default -> {
              sec = n;
              if (bad) {
                break;
              }
              if (sec >= 60) {
                range = "second";
                break;
              }
              // A fraction the layout does not ask for is still read (Go's special case).
              if (value.length() >= 2 && commaOrPeriod(value.charAt(0)) && isDigit(value, 1)
                  && nextChunk(layout).std() != Std.FRAC_SECOND_9) {
                int end = 2;
                while (end < value.length() && isDigit(value, end)) {
                  end++;
                }
                Long ns = nanoseconds(value, end);
                if (ns == null) {
                  bad = true;
                } else {
                  nsec = ns;
                }
                value = value.substring(end);
              }
            }
          }
        }
        case FRAC_SECOND_9 -> {
          if (value.length() < 2 || !commaOrPeriod(value.charAt(0)) || !isDigit(value, 1)) {
            break; // the fraction may be left out
          }
          int end = 1;
          while (end < value.length() && isDigit(value, end)) {
            end++;
          }
          Long ns = nanoseconds(value, end);
          if (ns == null) {
            bad = true;
          } else {
            nsec = ns;
          }
          value = value.substring(end);
        }
        case ISO8601_COLON_TZ -> {
          if (!value.isEmpty() && value.charAt(0) == 'Z') {
            value = value.substring(1);
            zone = 0;
            break;
          }
          if (value.length() < 6 || value.charAt(3) != ':') {
            bad = true;
            break;
          }
          char sign = value.charAt(0);
          int hr = getnum(value.substring(1, 3), true);
          int mm = hr < 0 ? 0 : getnum(value.substring(4, 6), true);
          value = value.substring(6);
          if (hr < 0 || mm < 0) {
            bad = true;
            hr = Math.max(hr, 0);
            mm = Math.max(mm, 0);
          }
          // Go's range test uses > rather than >=: some people write offsets of 24 hours.
          if (hr > 24) {
            range = "time zone offset hour";
          }
          if (mm > 60) {
            range = "time zone offset minute";
          }
          if (sign != '+' && sign != '-') {
            bad = true;
          }
          if (!bad && range == null) {
            int seconds = (hr * 60 + mm) * 60;
            zone = sign == '-' ? -seconds : seconds;
          }
        }
        default -> throw new IllegalStateException(chunk.std().name());
      }
      if (range != null) {
        throw error(alayout, avalue, stdstr, value, ": " + range + " out of range");
      }
      if (bad) {
        throw error(alayout, avalue, stdstr, hold, "");
      }
    }
    if (day < 1 || day > YearMonth.of(Year.isLeap(year) ? 2000 : 2001, month).lengthOfMonth()) {
      throw error(alayout, avalue, "", value, ": day out of range");
    }
    // Go accepts offsets up to 24:60, past java.time's 18 hours: subtract them by hand.
    long local = LocalDateTime.of(year, month, day, hour, min, sec).toEpochSecond(ZoneOffset.UTC);
    return Instant.ofEpochSecond(local - (zone != null ? zone : offset.getTotalSeconds()), nsec);
  }

  private static ParseError error(String layout, String value, String layoutElem, String valueElem, String message) {
    if (!message.isEmpty()) {
      return new ParseError("parsing time " + GoText.timeQuote(value) + message);
    }
    return new ParseError("parsing time " + GoText.timeQuote(value) + " as " + GoText.timeQuote(layout)
        + ": cannot parse " + GoText.timeQuote(valueElem) + " as " + GoText.timeQuote(layoutElem));
  }

  /** What {@link #skip} leaves of the value, and whether the prefix was all there. */
  private record Skipped(String rest, boolean ok) {}

  /** Go's {@code skip}: consumes {@code prefix} from {@code value}, a space matching any run of them. */
  private static Skipped skip(String value, String prefix) {
    int v = 0;
    int p = 0;
    while (p < prefix.length()) {
      if (prefix.charAt(p) == ' ') {
        if (v < value.length() && value.charAt(v) != ' ') {
          return new Skipped(value.substring(v), false);
        }
        while (p < prefix.length() && prefix.charAt(p) == ' ') {
          p++;
        }
        while (v < value.length() && value.charAt(v) == ' ') {
          v++;
        }
        continue;
      }
      if (v >= value.length() || value.charAt(v) != prefix.charAt(p)) {
        return new Skipped(value.substring(v), false);
      }
      p++;
      v++;
    }
    return new Skipped(value.substring(v), true);
  }

  /** Go's {@code getnum}: one or two digits (two when {@code fixed}); -1 when there are none. */
  private static int getnum(String s, boolean fixed) {
    if (!isDigit(s, 0)) {
      return -1;
    }
    if (!isDigit(s, 1)) {
      return fixed ? -1 : s.charAt(0) - '0';
    }
    return (s.charAt(0) - '0') * 10 + (s.charAt(1) - '0');
  }

  /** Go's {@code atoi} on a short field: an optional sign and digits only; null otherwise. */
  private static Integer atoi(String s) {
    try {
      return (int) GoText.atoi(s);
    } catch (GoText.NumError e) {
      return null;
    }
  }

  /** Go's {@code parseNanoseconds}: the separator and up to nine digits of {@code value[0:end]}. */
  private static Long nanoseconds(String value, int end) {
    if (end > 10) {
      value = value.substring(0, 10);
      end = 10;
    }
    long ns;
    try {
      ns = GoText.atoi(value.substring(1, end));
    } catch (GoText.NumError e) {
      return null;
    }
    for (int i = 0; i < 10 - end; i++) {
      ns *= 10;
    }
    return ns;
  }

  private static boolean commaOrPeriod(char c) {
    return c == '.' || c == ',';
  }

  private static boolean isDigit(String s, int i) {
    return i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9';
  }
}
