package dev.cnm.core.internal;

/**
 * Go's string quoting ({@code strconv.Quote}, {@code %q}), which Docker's messages and templates
 * use to quote what the user wrote. One implementation for the templates, the filters, the
 * Dockerfile parser and the command line.
 *
 * <pre>{@code
 * GoQuote.quote("a\tb"); // "\"a\\tb\""
 * }</pre>
 */
public final class GoQuote {
  private GoQuote() {}

  /**
   * Go's {@code strconv.Quote} ({@code fmt}'s {@code %q}).
   *
   * @param s the text
   * @return it in double quotes, with Go's escapes
   */
  public static String quote(String s) {
    return quoteWith(s, '"', false);
  }

  /**
   * Go's {@code strconv.quoteWith}: {@code s} between {@code q}s, escaping {@code q}, backslashes
   * and what is not printable (and, with {@code asciiOnly}, every rune past ASCII:
   * {@code QuoteToASCII}).
   *
   * @param s the text
   * @param q the quote character
   * @param asciiOnly whether runes past ASCII are escaped too
   * @return the quoted text
   */
  public static String quoteWith(String s, char q, boolean asciiOnly) {
    StringBuilder sb = new StringBuilder();
    sb.append(q);
    for (int i = 0; i < s.length(); ) {
      int r = s.codePointAt(i);
      i += Character.charCount(r);
      appendEscapedRune(sb, r, q, asciiOnly);
    }
    sb.append(q);
    return sb.toString();
  }

  /**
   * Appends rune {@code r} as Go writes it between {@code q}s ({@code strconv.appendEscapedRune}).
   *
   * @param sb where to append
   * @param r the code point
   * @param q the quote character around it
   * @param asciiOnly whether runes past ASCII are escaped too
   */
  public static void appendEscapedRune(StringBuilder sb, int r, char q, boolean asciiOnly) {
    if (r == q || r == '\\') {
      sb.append('\\').appendCodePoint(r);
      return;
    }
    if (asciiOnly) {
      if (r < 0x80 && isPrint(r)) {
        sb.appendCodePoint(r);
        return;
      }
    } else if (isPrint(r)) {
      sb.appendCodePoint(r);
      return;
    }
    switch (r) {
      case 7:
        sb.append("\\a");
        return;
      case '\b':
        sb.append("\\b");
        return;
      case '\f':
        sb.append("\\f");
        return;
      case '\n':
        sb.append("\\n");
        return;
      case '\r':
        sb.append("\\r");
        return;
      case '\t':
        sb.append("\\t");
        return;
      case 11:
        sb.append("\\v");
        return;
      default:
        break;
    }
    if (r < ' ' || r == 0x7f) {
      sb.append("\\x").append(hex2(r));
    } else if (Character.isSurrogate((char) r) && r < 0x10000) {
      sb.append("\\ufffd");
    } else if (r < 0x10000) {
      sb.append("\\u").append(String.format("%04x", r));
    } else {
      sb.append("\\U").append(String.format("%08x", r));
    }
  }

  private static String hex2(int b) {
    return String.format("%02x", b);
  }

  /**
   * Go's {@code strconv.IsPrint}, approximated with Java's Unicode tables: letters, marks,
   * numbers, punctuation, symbols and the ASCII space.
   *
   * @param r a code point
   * @return whether Go prints it as it is
   */
  public static boolean isPrint(int r) {
    if (r == ' ') {
      return true;
    }
    if (r < 0x20 || r == 0x7f) {
      return false;
    }
    switch (Character.getType(r)) {
      case Character.UNASSIGNED:
      case Character.CONTROL:
      case Character.FORMAT:
      case Character.PRIVATE_USE:
      case Character.SURROGATE:
      case Character.SPACE_SEPARATOR:
      case Character.LINE_SEPARATOR:
      case Character.PARAGRAPH_SEPARATOR:
        return false;
      default:
        return true;
    }
  }
}
