package dev.cnm.core.internal;

/**
 * Go's {@code path.Match} (and {@code filepath.Match} on Linux): {@code *} matches any run of
 * characters but {@code /}, {@code ?} one character but {@code /}, {@code [...]} a class ({@code
 * [^a-z]} negated), {@code \} escapes. A malformed pattern matches nothing, as moby ignores the
 * error where it matches COPY sources and image references.
 */
public final class GlobMatch {
  private GlobMatch() {}

  /** Whether {@code name} matches {@code pattern} as a whole. */
  public static boolean matches(String pattern, String name) {
    try {
      return match(pattern, 0, name, 0);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Whether {@code pattern} is malformed ({@code path.ErrBadPattern}). */
  public static boolean isBadPattern(String pattern) {
    try {
      match(pattern, 0, "", 0);
      // A bad class or escape may only show once a character reaches it: check every part.
      for (int i = 0; i < pattern.length(); i++) {
        char c = pattern.charAt(i);
        if (c == '\\') {
          if (i + 1 >= pattern.length()) {
            return true;
          }
          i++;
        } else if (c == '[') {
          int end = classEnd(pattern, i + 1);
          if (end < 0) {
            return true;
          }
          i = end;
        }
      }
      return false;
    } catch (IllegalArgumentException e) {
      return true;
    }
  }

  private static boolean match(String p, int pi, String s, int si) {
    while (pi < p.length()) {
      char c = p.charAt(pi);
      if (c == '*') {
        while (pi < p.length() && p.charAt(pi) == '*') {
          pi++;
        }
        if (pi == p.length()) {
          return s.indexOf('/', si) < 0;
        }
        for (int k = si; k <= s.length(); k++) {
          if (match(p, pi, s, k)) {
            return true;
          }
          if (k < s.length() && s.charAt(k) == '/') {
            return false;
          }
        }
        return false;
      }
      if (si >= s.length()) {
        return false;
      }
      char ch = s.charAt(si);
      if (c == '?') {
        if (ch == '/') {
          return false;
        }
        pi++;
        si++;
      } else if (c == '[') {
        int end = classEnd(p, pi + 1);
        if (end < 0) {
          throw new IllegalArgumentException("syntax error in pattern");
        }
        if (ch == '/' || !inClass(p, pi + 1, end, ch)) {
          return false;
        }
        pi = end + 1;
        si++;
      } else if (c == '\\') {
        if (pi + 1 >= p.length()) {
          throw new IllegalArgumentException("syntax error in pattern");
        }
        if (p.charAt(pi + 1) != ch) {
          return false;
        }
        pi += 2;
        si++;
      } else {
        if (c != ch) {
          return false;
        }
        pi++;
        si++;
      }
    }
    return si == s.length();
  }

  /** The index of the {@code ]} closing a class that starts at {@code from}, or -1. */
  private static int classEnd(String p, int from) {
    int i = from;
    if (i < p.length() && p.charAt(i) == '^') {
      i++;
    }
    boolean first = true;
    while (i < p.length()) {
      char c = p.charAt(i);
      if (c == ']' && !first) {
        return i;
      }
      if (c == '\\') {
        i++;
      }
      i++;
      first = false;
    }
    return -1;
  }

  private static boolean inClass(String p, int from, int end, char ch) {
    boolean negated = from < end && p.charAt(from) == '^';
    int i = negated ? from + 1 : from;
    boolean matched = false;
    while (i < end) {
      char lo = p.charAt(i);
      if (lo == '\\') {
        i++;
        lo = p.charAt(i);
      }
      i++;
      char hi = lo;
      if (i + 1 < end && p.charAt(i) == '-') {
        hi = p.charAt(i + 1);
        if (hi == '\\') {
          hi = p.charAt(i + 2);
          i++;
        }
        i += 2;
      }
      if (lo <= ch && ch <= hi) {
        matched = true;
      }
    }
    return matched != negated;
  }
}
