package dev.cnm.core.filter;

import dev.cnm.core.internal.GoQuote;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The few pieces of Go's standard library whose wording reaches a filter's error message: {@code
 * strconv.Quote} ({@code %q}), the {@code time} package's own quoting, and the {@code strconv}
 * number parsers with their errors ({@code strconv.Atoi: parsing "x": invalid syntax}).
 */
final class GoText {
  private GoText() {}

  /** A {@code strconv} parse failure; {@link #getMessage()} is Go's error text. */
  static final class NumError extends Exception {
    private static final long serialVersionUID = 1L;

    NumError(String function, String input, boolean range) {
      super("strconv." + function + ": parsing " + quote(input) + ": "
          + (range ? "value out of range" : "invalid syntax"));
    }
  }

  /** {@code strconv.Atoi}: a signed decimal {@code int} (64 bits). */
  static long atoi(String s) throws NumError {
    return parseInt("Atoi", s);
  }

  /** {@code strconv.ParseInt(s, 10, 64)}. */
  static long parseInt(String s) throws NumError {
    return parseInt("ParseInt", s);
  }

  private static long parseInt(String function, String s) throws NumError {
    int i = 0;
    boolean neg = false;
    if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
      neg = s.charAt(0) == '-';
      i = 1;
    }
    if (i == s.length()) {
      throw new NumError(function, s, false);
    }
    java.math.BigInteger v = java.math.BigInteger.ZERO;
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw new NumError(function, s, false);
      }
      v = v.multiply(java.math.BigInteger.TEN).add(java.math.BigInteger.valueOf(c - '0'));
    }
    if (neg) {
      v = v.negate();
    }
    if (v.bitLength() > 63) {
      throw new NumError(function, s, true);
    }
    return v.longValue();
  }

  /** {@code strconv.ParseUint(s, 10, bits)}: unsigned decimal, no sign. */
  static long parseUint(String s, int bits) throws NumError {
    if (s.isEmpty()) {
      throw new NumError("ParseUint", s, false);
    }
    java.math.BigInteger v = java.math.BigInteger.ZERO;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw new NumError("ParseUint", s, false);
      }
      v = v.multiply(java.math.BigInteger.TEN).add(java.math.BigInteger.valueOf(c - '0'));
    }
    if (v.bitLength() > bits) {
      throw new NumError("ParseUint", s, true);
    }
    return v.longValue();
  }

  /**
   * {@code strconv.Quote} ({@code fmt}'s {@code %q}): double quotes, Go's escapes for quotes,
   * backslashes and control characters, printable characters as they are.
   */
  static String quote(String s) {
    return GoQuote.quote(s);
  }

  /**
   * The {@code time} package's quoting in its parse errors: ASCII as it is (quotes and
   * backslashes escaped), every byte of anything else as {@code \xNN}.
   */
  static String timeQuote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      if (c >= 0x80 || c < ' ') {
        b.append(String.format(Locale.ROOT, "\\x%02x", c));
      } else {
        if (c == '"' || c == '\\') {
          b.append('\\');
        }
        b.append((char) c);
      }
    }
    return b.append('"').toString();
  }
}
