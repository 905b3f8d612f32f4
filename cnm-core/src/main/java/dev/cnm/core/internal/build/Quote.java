package dev.cnm.core.internal.build;

import dev.cnm.core.internal.GoQuote;

/** Go's {@code strconv.Quote} ({@code %q}), for the messages that quote what the user wrote. */
final class Quote {
  private Quote() {}

  static String go(String s) {
    return GoQuote.quote(s);
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
