package dev.cnm.core.internal.build;

/** Go's {@code strconv.Quote} ({@code %q}), for the messages that quote what the user wrote. */
final class Quote {
  private Quote() {}

  static String go(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    s.codePoints().forEach(c -> {
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case 7:
          out.append("\\a");
          break;
        case '\b':
          out.append("\\b");
          break;
        case '\f':
          out.append("\\f");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        case 0x0B:
          out.append("\\v");
          break;
        default:
          if (c < 0x20 || c == 0x7F) {
            out.append(String.format("\\x%02x", c));
          } else if (!Character.isDefined(c) || Character.getType(c) == Character.CONTROL
              || Character.getType(c) == Character.FORMAT || Character.getType(c) == Character.SURROGATE
              || Character.getType(c) == Character.PRIVATE_USE) {
            out.append(c > 0xFFFF ? String.format("\\U%08x", c) : String.format("\\u%04x", c));
          } else {
            out.appendCodePoint(c);
          }
      }
    });
    return out.append('"').toString();
  }

  /** Go's {@code fmt.Sprintf("%q", []string{...})}: {@code ["a" "b"]}. */
  static String goList(java.util.List<String> values) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(' ');
      }
      out.append(go(values.get(i)));
    }
    return out.append(']').toString();
  }
}
