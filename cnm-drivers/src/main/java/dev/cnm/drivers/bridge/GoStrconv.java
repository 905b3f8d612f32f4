package dev.cnm.drivers.bridge;

import java.util.Optional;

/**
 * The parts of Go's {@code strconv} the bridge driver's option parsing relies on, with Go's exact
 * error texts: libnetwork quotes {@code err.Error()} in its {@code failed to parse ...} messages,
 * so a faithful model has to produce {@code strconv.ParseBool: parsing "maybe": invalid syntax}
 * word for word.
 */
final class GoStrconv {
  private GoStrconv() {}

  /**
   * Go's {@code strconv.ParseBool}: {@code 1 t T TRUE true True 0 f F FALSE false False}.
   *
   * @return the value, or empty when Go would fail with {@link #boolSyntaxError}
   */
  static Optional<Boolean> parseBool(String s) {
    switch (s) {
      case "1": case "t": case "T": case "TRUE": case "true": case "True":
        return Optional.of(Boolean.TRUE);
      case "0": case "f": case "F": case "FALSE": case "false": case "False":
        return Optional.of(Boolean.FALSE);
      default:
        return Optional.empty();
    }
  }

  /** The text of the error {@code strconv.ParseBool(s)} returns. */
  static String boolSyntaxError(String s) {
    return "strconv.ParseBool: parsing " + quote(s) + ": invalid syntax";
  }

  /** The outcome of Go's {@code strconv.Atoi} on a 64-bit platform. */
  static final class IntResult {
    final long value;
    final String error; // null on success

    private IntResult(long value, String error) {
      this.value = value;
      this.error = error;
    }
  }

  /**
   * Go's {@code strconv.Atoi} on a 64-bit platform: an optional sign and decimal digits only;
   * {@code invalid syntax} for anything else, {@code value out of range} beyond int64.
   */
  static IntResult atoi(String s) {
    int i = 0;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
      negative = s.charAt(0) == '-';
      i = 1;
    }
    if (i == s.length()) {
      return new IntResult(0, atoiError(s, "invalid syntax"));
    }
    // Accumulate negatively so that Long.MIN_VALUE is representable.
    long acc = 0;
    boolean overflow = false;
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return new IntResult(0, atoiError(s, "invalid syntax"));
      }
      int d = c - '0';
      if (acc < (Long.MIN_VALUE + d) / 10) {
        overflow = true; // keep scanning: a later bad digit is still a syntax error in Go
      } else {
        acc = acc * 10 - d;
      }
    }
    if (overflow || (!negative && acc == Long.MIN_VALUE)) {
      return new IntResult(0, atoiError(s, "value out of range"));
    }
    return new IntResult(negative ? acc : -acc, null);
  }

  private static String atoiError(String s, String reason) {
    return "strconv.Atoi: parsing " + quote(s) + ": " + reason;
  }

  /** Go's {@code strconv.Quote} for the characters option values contain in practice. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    s.codePoints().forEach(cp -> {
      switch (cp) {
        case '"': sb.append("\\\""); break;
        case '\\': sb.append("\\\\"); break;
        case '\n': sb.append("\\n"); break;
        case '\t': sb.append("\\t"); break;
        case '\r': sb.append("\\r"); break;
        case 0x07: sb.append("\\a"); break;
        case '\b': sb.append("\\b"); break;
        case '\f': sb.append("\\f"); break;
        case 0x0B: sb.append("\\v"); break;
        default:
          if (cp < 0x20 || cp == 0x7F) {
            sb.append(String.format(java.util.Locale.ROOT, "\\x%02x", cp));
          } else if (!isGoPrint(cp)) {
            sb.append(cp > 0xFFFF
                ? String.format(java.util.Locale.ROOT, "\\U%08x", cp)
                : String.format(java.util.Locale.ROOT, "\\u%04x", cp));
          } else {
            sb.appendCodePoint(cp);
          }
      }
    });
    return sb.append('"').toString();
  }

  /**
   * Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and the ASCII
   * space; every other rune (controls, other spaces, format characters, unassigned) is escaped.
   */
  static boolean isGoPrint(int cp) {
    if (cp == ' ') {
      return true;
    }
    switch (Character.getType(cp)) {
      case Character.UPPERCASE_LETTER: case Character.LOWERCASE_LETTER: case Character.TITLECASE_LETTER:
      case Character.MODIFIER_LETTER: case Character.OTHER_LETTER:
      case Character.NON_SPACING_MARK: case Character.ENCLOSING_MARK: case Character.COMBINING_SPACING_MARK:
      case Character.DECIMAL_DIGIT_NUMBER: case Character.LETTER_NUMBER: case Character.OTHER_NUMBER:
      case Character.CONNECTOR_PUNCTUATION: case Character.DASH_PUNCTUATION: case Character.START_PUNCTUATION:
      case Character.END_PUNCTUATION: case Character.INITIAL_QUOTE_PUNCTUATION:
      case Character.FINAL_QUOTE_PUNCTUATION: case Character.OTHER_PUNCTUATION:
      case Character.MATH_SYMBOL: case Character.CURRENCY_SYMBOL: case Character.MODIFIER_SYMBOL:
      case Character.OTHER_SYMBOL:
        return true;
      default:
        return false;
    }
  }
}
