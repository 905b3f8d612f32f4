package dev.cnm.core.template;

import java.math.BigInteger;

/** Go's strconv pieces the parser needs: Unquote, UnquoteChar, ParseInt (base 0), ParseFloat. */
final class GoStrings {
  private GoStrings() {}

  /** strconv.Unquote for "..." and `...` literals; IllegalArgumentException on bad syntax. */
  static String unquote(String s) {
    if (s.length() < 2) {
      throw new IllegalArgumentException("invalid syntax");
    }
    char q = s.charAt(0);
    if (q != s.charAt(s.length() - 1)) {
      throw new IllegalArgumentException("invalid syntax");
    }
    String body = s.substring(1, s.length() - 1);
    if (q == '`') {
      if (body.indexOf('`') >= 0) {
        throw new IllegalArgumentException("invalid syntax");
      }
      return body.replace("\r", "");
    }
    if (q != '"') {
      throw new IllegalArgumentException("invalid syntax");
    }
    StringBuilder sb = new StringBuilder();
    int i = 0;
    // Work on the full string so that unquoteChar sees positions in s.
    i = 1;
    int end = s.length() - 1;
    while (i < end) {
      char c = s.charAt(i);
      if (c == '"' || c == '\n') {
        throw new IllegalArgumentException("invalid syntax");
      }
      int[] r = unquoteChar(s, i, '"');
      if (r[1] > end) {
        throw new IllegalArgumentException("invalid syntax");
      }
      if (r[2] == 1) {
        // a byte value from \x or octal escape: Go keeps raw bytes; we map to the same code point
        sb.append((char) r[0]);
      } else {
        sb.appendCodePoint(r[0]);
      }
      i = r[1];
    }
    return sb.toString();
  }

  /**
   * strconv.UnquoteChar at s[i]: returns {codePoint, nextIndex, isByte}. For a character
   * constant, i is just after the opening quote.
   */
  static int[] unquoteChar(String s, int i, char quote) {
    if (i >= s.length()) {
      throw new IllegalArgumentException("invalid syntax");
    }
    char c = s.charAt(i);
    if (c == quote && (quote == '\'' || quote == '"')) {
      throw new IllegalArgumentException("invalid syntax");
    }
    if (c != '\\') {
      int cp = s.codePointAt(i);
      return new int[] {cp, i + Character.charCount(cp), 0};
    }
    if (i + 1 >= s.length()) {
      throw new IllegalArgumentException("invalid syntax");
    }
    char e = s.charAt(i + 1);
    int j = i + 2;
    switch (e) {
      case 'a':
        return new int[] {7, j, 0};
      case 'b':
        return new int[] {8, j, 0};
      case 'f':
        return new int[] {12, j, 0};
      case 'n':
        return new int[] {10, j, 0};
      case 'r':
        return new int[] {13, j, 0};
      case 't':
        return new int[] {9, j, 0};
      case 'v':
        return new int[] {11, j, 0};
      case '\\':
        return new int[] {'\\', j, 0};
      case '\'':
      case '"':
        if (e != quote) {
          throw new IllegalArgumentException("invalid syntax");
        }
        return new int[] {e, j, 0};
      case 'x':
      case 'u':
      case 'U': {
        int n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
        if (j + n > s.length()) {
          throw new IllegalArgumentException("invalid syntax");
        }
        int v = 0;
        for (int k = 0; k < n; k++) {
          int d = Character.digit(s.charAt(j + k), 16);
          if (d < 0) {
            throw new IllegalArgumentException("invalid syntax");
          }
          v = v * 16 + d;
        }
        if (e == 'x') {
          return new int[] {v, j + n, 1};
        }
        if (v > Character.MAX_CODE_POINT || (v >= 0xD800 && v < 0xE000) || v < 0) {
          throw new IllegalArgumentException("invalid syntax");
        }
        return new int[] {v, j + n, 0};
      }
      case '0':
      case '1':
      case '2':
      case '3':
      case '4':
      case '5':
      case '6':
      case '7': {
        if (i + 4 > s.length()) {
          throw new IllegalArgumentException("invalid syntax");
        }
        int v = 0;
        for (int k = 1; k <= 3; k++) {
          int d = s.charAt(i + k) - '0';
          if (d < 0 || d > 7) {
            throw new IllegalArgumentException("invalid syntax");
          }
          v = v * 8 + d;
        }
        if (v > 255) {
          throw new IllegalArgumentException("invalid syntax");
        }
        return new int[] {v, i + 4, 1};
      }
      default:
        throw new IllegalArgumentException("invalid syntax");
    }
  }

  /** strconv.ParseInt(text, 0, 64) without the range check; null on bad syntax. */
  static BigInteger parseInt(String text) {
    String s = text;
    boolean neg = false;
    if (s.startsWith("+") || s.startsWith("-")) {
      neg = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.isEmpty()) {
      return null;
    }
    int base = 10;
    boolean prefixed = false;
    if (s.length() > 1 && s.charAt(0) == '0') {
      char p = Character.toLowerCase(s.charAt(1));
      if (p == 'x') {
        base = 16;
        s = s.substring(2);
        prefixed = true;
      } else if (p == 'o') {
        base = 8;
        s = s.substring(2);
        prefixed = true;
      } else if (p == 'b') {
        base = 2;
        s = s.substring(2);
        prefixed = true;
      } else {
        base = 8;
        s = s.substring(1);
        prefixed = true;
      }
    }
    if (s.indexOf('_') >= 0) {
      if (!underscoreOk(prefixed ? "0" + s : s)) {
        return null;
      }
      s = s.replace("_", "");
    }
    if (s.isEmpty()) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      if (Character.digit(s.charAt(i), base) < 0) {
        return null;
      }
    }
    BigInteger v = new BigInteger(s, base);
    return neg ? v.negate() : v;
  }

  private static boolean underscoreOk(String s) {
    // '_' must separate digits: not first, not last, not doubled.
    char prev = '0';
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '_' && (prev == '_' || i == s.length() - 1)) {
        return false;
      }
      prev = c;
    }
    return s.charAt(0) != '_';
  }

  /** strconv.ParseFloat(text, 64); null on bad syntax or out of range. */
  static Double parseFloat(String text) {
    String s = text;
    if (s.indexOf('_') >= 0) {
      if (!underscoreOk(s.replaceFirst("^[+-]", ""))) {
        return null;
      }
      s = s.replace("_", "");
    }
    if (s.isEmpty() || !s.matches("[+-]?(0[xX][0-9a-fA-F]*\\.?[0-9a-fA-F]*[pP][+-]?[0-9]+"
        + "|[0-9]*\\.?[0-9]*([eE][+-]?[0-9]+)?)")) {
      return null;
    }
    String digits = s.replaceFirst("^[+-]", "");
    if (digits.isEmpty() || digits.equals(".") || digits.startsWith(".e") || digits.startsWith(".E")
        || digits.matches("0[xX]\\.?[pP].*")) {
      return null;
    }
    try {
      double d = Double.parseDouble(s);
      if (Double.isInfinite(d)) {
        return null;
      }
      return d;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
