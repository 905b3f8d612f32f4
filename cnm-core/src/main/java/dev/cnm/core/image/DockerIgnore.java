package dev.cnm.core.image;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A {@code .dockerignore} file (moby's {@code patternmatcher}): one pattern per line, {@code #}
 * comments, {@code !} exceptions, {@code *} and {@code ?} within one path element, {@code **}
 * across any number of them. A path is excluded when the last pattern that matches it or one
 * of its parent directories is not an exception.
 *
 * <pre>{@code
 * DockerIgnore ignore = DockerIgnore.parse("node_modules\n*.log\n!keep.log\n");
 * ignore.excludes("node_modules/x/y.js"); // true
 * ignore.excludes("keep.log");            // false
 * }</pre>
 */
public final class DockerIgnore {
  private static final DockerIgnore NONE = new DockerIgnore(List.of());

  private record Rule(Pattern pattern, boolean exclusion) {}

  private final List<Rule> rules;

  private DockerIgnore(List<Rule> rules) {
    this.rules = rules;
  }

  /** {@return a {@code .dockerignore} that excludes nothing} */
  public static DockerIgnore none() {
    return NONE;
  }

  /**
   * {@return the patterns of a {@code .dockerignore} file}
   *
   * @param text the file's content
   */
  public static DockerIgnore parse(String text) {
    requireNonNull(text, "text");
    List<Rule> rules = new ArrayList<>();
    for (String raw : text.split("\n", -1)) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      boolean exclusion = line.startsWith("!");
      if (exclusion) {
        line = line.substring(1).strip();
      }
      String cleaned = clean(line);
      if (cleaned.isEmpty()) {
        continue;
      }
      rules.add(new Rule(Pattern.compile(regex(cleaned)), exclusion));
    }
    return new DockerIgnore(List.copyOf(rules));
  }

  /**
   * {@return whether {@code path} (relative to the context, {@code /}-separated) is left out}
   *
   * @param path the path
   */
  public boolean excludes(String path) {
    requireNonNull(path, "path");
    boolean excluded = false;
    for (Rule r : rules) {
      if (matchesOrParent(r.pattern, path)) {
        excluded = !r.exclusion;
      }
    }
    return excluded;
  }

  private static boolean matchesOrParent(Pattern p, String path) {
    String candidate = path;
    while (true) {
      if (p.matcher(candidate).matches()) {
        return true;
      }
      int slash = candidate.lastIndexOf('/');
      if (slash < 0) {
        return false;
      }
      candidate = candidate.substring(0, slash);
    }
  }

  /** {@code filepath.Clean} of a pattern, relative: no leading {@code /} or {@code ./}. */
  private static String clean(String pattern) {
    List<String> parts = new ArrayList<>();
    for (String p : pattern.split("/")) {
      if (p.isEmpty() || p.equals(".")) {
        continue;
      }
      if (p.equals("..")) {
        if (!parts.isEmpty()) {
          parts.remove(parts.size() - 1);
        }
        continue;
      }
      parts.add(p);
    }
    return String.join("/", parts);
  }

  /** The pattern as a regular expression: {@code **} any path, {@code *} and {@code ?} within one element. */
  private static String regex(String pattern) {
    StringBuilder re = new StringBuilder("^");
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*') {
        if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
          i++;
          if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '/') {
            i++;
            re.append("(.*/)?");
          } else {
            re.append(".*");
          }
        } else {
          re.append("[^/]*");
        }
      } else if (c == '?') {
        re.append("[^/]");
      } else if (c == '\\' && i + 1 < pattern.length()) {
        re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else if (c == '[') {
        int end = pattern.indexOf(']', i + 1);
        if (end < 0) {
          re.append("\\[");
        } else {
          String cls = pattern.substring(i + 1, end).replace("\\", "\\\\");
          re.append('[').append(cls.startsWith("^") ? "^" + cls.substring(1) : cls).append(']');
          i = end;
        }
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return re.append('$').toString();
  }
}
