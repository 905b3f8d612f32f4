package dev.cnm.core.template;

import static dev.cnm.core.template.Fn.Param.ANY;
import static dev.cnm.core.template.Fn.Param.INT;
import static dev.cnm.core.template.Fn.Param.STRING;
import static dev.cnm.core.template.Fn.Param.STRINGS;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The docker CLI's template functions (docker/cli templates/templates.go). */
final class DockerFunctions {
  private DockerFunctions() {}

  static Map<String, Fn> all() {
    Map<String, Fn> m = new LinkedHashMap<>();
    m.put("json", new Fn("json", List.of(ANY), null, (args, b) -> GoJson.encode(args.get(0))));
    m.put("split", new Fn("split", List.of(STRING, STRING), null,
        (args, b) -> split((String) args.get(0), (String) args.get(1))));
    m.put("join", new Fn("join", List.of(STRINGS, STRING), null, (args, b) -> {
      @SuppressWarnings("unchecked")
      List<String> parts = (List<String>) args.get(0);
      return join(parts, (String) args.get(1), b);
    }));
    m.put("title", new Fn("title", List.of(STRING), null,
        (args, b) -> title((String) args.get(0), b)));
    m.put("lower", new Fn("lower", List.of(STRING), null,
        (args, b) -> mapRunes((String) args.get(0), false, b)));
    m.put("upper", new Fn("upper", List.of(STRING), null,
        (args, b) -> mapRunes((String) args.get(0), true, b)));
    m.put("pad", new Fn("pad", List.of(STRING, INT, INT), null,
        (args, b) -> pad((String) args.get(0), (Long) args.get(1), (Long) args.get(2))));
    m.put("truncate", new Fn("truncate", List.of(STRING, INT), null,
        (args, b) -> truncate((String) args.get(0), (Long) args.get(1))));
    return m;
  }

  /** docker's templates.HeaderFunctions: the same names, passing the header text through. */
  static Map<String, Fn> headers() {
    Map<String, Fn> m = new LinkedHashMap<>();
    m.put("json", new Fn("json", List.of(ANY), null, (args, b) -> ""));
    m.put("split", new Fn("split", List.of(STRING, STRING), null, (args, b) -> args.get(0)));
    m.put("join", new Fn("join", List.of(STRING, STRING), null, (args, b) -> args.get(0)));
    m.put("title", new Fn("title", List.of(STRING), null, (args, b) -> args.get(0)));
    m.put("lower", new Fn("lower", List.of(STRING), null, (args, b) -> args.get(0)));
    m.put("upper", new Fn("upper", List.of(STRING), null, (args, b) -> args.get(0)));
    m.put("pad", new Fn("pad", List.of(STRING, INT, INT), null, (args, b) -> args.get(0)));
    m.put("truncate", new Fn("truncate", List.of(STRING, INT), null, (args, b) -> args.get(0)));
    return m;
  }

  /** strings.Split. */
  static List<String> split(String s, String sep) {
    List<String> out = new ArrayList<>();
    if (sep.isEmpty()) {
      for (int i = 0; i < s.length(); ) {
        int r = s.codePointAt(i);
        out.add(new String(Character.toChars(r)));
        i += Character.charCount(r);
      }
      return List.copyOf(out);
    }
    int start = 0;
    while (true) {
      int x = s.indexOf(sep, start);
      if (x < 0) {
        break;
      }
      out.add(s.substring(start, x));
      start = x + sep.length();
    }
    out.add(s.substring(start));
    return List.copyOf(out);
  }

  /** strings.Join; the length is checked before anything is built (n parts times a long sep). */
  private static String join(List<String> parts, String sep, Budget budget) {
    long length = (long) sep.length() * Math.max(parts.size() - 1, 0);
    for (String p : parts) {
      length += p.length();
    }
    budget.checkChars(length);
    return String.join(sep, parts);
  }

  /** strings.Title (deprecated in Go, still what the CLI uses). */
  static String title(String s, Budget budget) {
    StringBuilder sb = new StringBuilder();
    int prev = ' ';
    for (int i = 0; i < s.length(); ) {
      budget.checkChars(sb.length());
      int r = s.codePointAt(i);
      i += Character.charCount(r);
      if (isSeparator(prev)) {
        sb.appendCodePoint(Character.toTitleCase(r));
      } else {
        sb.appendCodePoint(r);
      }
      prev = r;
    }
    return sb.toString();
  }

  private static boolean isSeparator(int r) {
    if (r <= 0x7f) {
      return !((r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z')
          || r == '_');
    }
    if (Character.isLetter(r) || Character.isDigit(r)) {
      return false;
    }
    return Character.isWhitespace(r) || Character.isSpaceChar(r);
  }

  private static String mapRunes(String s, boolean upper, Budget budget) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); ) {
      budget.checkChars(sb.length());
      int r = s.codePointAt(i);
      i += Character.charCount(r);
      sb.appendCodePoint(upper ? Character.toUpperCase(r) : Character.toLowerCase(r));
    }
    return sb.toString();
  }

  private static String pad(String s, long prefix, long suffix) {
    if (s.isEmpty()) {
      return s;
    }
    if (prefix < 0 || suffix < 0) {
      throw Builtins.error("strings: negative Repeat count");
    }
    if (prefix > 1_000_000 || suffix > 1_000_000) {
      throw Builtins.error("strings: Repeat output length overflow");
    }
    return " ".repeat((int) prefix) + s + " ".repeat((int) suffix);
  }

  private static String truncate(String s, long length) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    if (b.length < length) {
      return s;
    }
    if (length < 0) {
      throw Builtins.error("runtime error: slice bounds out of range [:" + length + "]");
    }
    return new String(b, 0, (int) length, StandardCharsets.UTF_8);
  }
}
