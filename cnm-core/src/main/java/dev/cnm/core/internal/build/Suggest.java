package dev.cnm.core.internal.build;

import java.util.List;
import java.util.Locale;

/**
 * BuildKit's {@code util/suggest}: the option closest to a mistyped word (edit distance below 3),
 * for {@code unknown instruction: RUNN (did you mean RUN?)}. Options are tried in the order given,
 * so that the answer is the same on every run (BuildKit walks a map).
 */
final class Suggest {
  private Suggest() {}

  /** The closest option, in the case the word was written in, or null when none is close or it matched exactly. */
  static String search(String val, List<String> options, boolean caseSensitive) {
    String orig = val;
    if (!caseSensitive) {
      val = val.toLowerCase(Locale.ROOT);
    }
    String match = null;
    int minDist = 3;
    for (String opt : options) {
      if (!caseSensitive) {
        opt = opt.toLowerCase(Locale.ROOT);
      }
      if (val.equals(opt)) {
        return null;
      }
      int dist = distance(val, opt);
      if (dist < minDist) {
        match = caseSensitive ? opt : matchCase(opt, orig);
        minDist = dist;
      }
    }
    return match;
  }

  private static String matchCase(String val, String orig) {
    if (orig.equals(orig.toLowerCase(Locale.ROOT))) {
      return val.toLowerCase(Locale.ROOT);
    }
    if (orig.equals(orig.toUpperCase(Locale.ROOT))) {
      return val.toUpperCase(Locale.ROOT);
    }
    return val;
  }

  /** Levenshtein distance over code points, every edit costing 1. */
  static int distance(String a, String b) {
    int[] s = a.codePoints().toArray();
    int[] t = b.codePoints().toArray();
    int[] prev = new int[t.length + 1];
    int[] cur = new int[t.length + 1];
    for (int j = 0; j <= t.length; j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= s.length; i++) {
      cur[0] = i;
      for (int j = 1; j <= t.length; j++) {
        int cost = s[i - 1] == t[j - 1] ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] tmp = prev;
      prev = cur;
      cur = tmp;
    }
    return prev[t.length];
  }
}
