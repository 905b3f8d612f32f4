package dev.cnm.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A structural diff of two JSON trees: one line per path that was added, removed or changed,
 * such as {@code changed containers[web].endpoints[dev].ipv4: "172.18.0.2" -> "172.18.0.3"}.
 * Elements of an array of objects are named by what names them in the engine's state document
 * (a {@code name}, a network name, a short id), so a change reads the same wherever the element
 * moved; other arrays are compared by index.
 */
final class JsonDiff {
  /** The longest value a line shows before it is shortened. */
  private static final int MAX_VALUE = 120;
  private static final List<String> NAME_FIELDS = List.of("name", "spec.name", "networkName", "network", "id", "chainId");

  private final List<String> lines = new ArrayList<>();

  private JsonDiff() {}

  /** {@return the differences from {@code before} to {@code after}, one line per path, in document order} */
  static List<String> diff(JsonNode before, JsonNode after) {
    JsonDiff d = new JsonDiff();
    d.compare("", before, after);
    return d.lines;
  }

  private void compare(String path, JsonNode was, JsonNode now) {
    if (was.equals(now)) {
      return;
    }
    if (was.isObject() && now.isObject()) {
      Set<String> seen = new HashSet<>();
      for (Iterator<String> it = was.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        seen.add(f);
        child(join(path, f), was.get(f), now.get(f));
      }
      for (Iterator<String> it = now.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!seen.contains(f)) {
          child(join(path, f), null, now.get(f));
        }
      }
      return;
    }
    if (was.isArray() && now.isArray()) {
      Map<String, JsonNode> before = elements(was);
      Map<String, JsonNode> after = elements(now);
      if (before != null && after != null) {
        for (Map.Entry<String, JsonNode> e : before.entrySet()) {
          child(path + "[" + e.getKey() + "]", e.getValue(), after.get(e.getKey()));
        }
        for (Map.Entry<String, JsonNode> e : after.entrySet()) {
          if (!before.containsKey(e.getKey())) {
            child(path + "[" + e.getKey() + "]", null, e.getValue());
          }
        }
        return;
      }
      int n = Math.max(was.size(), now.size());
      for (int i = 0; i < n; i++) {
        child(path + "[" + i + "]", was.get(i), now.get(i));
      }
      return;
    }
    lines.add("changed " + display(path) + ": " + shown(was) + " -> " + shown(now));
  }

  private void child(String path, JsonNode was, JsonNode now) {
    if (was == null) {
      lines.add("added " + display(path) + ": " + shown(now));
    } else if (now == null) {
      lines.add("removed " + display(path) + ": " + shown(was));
    } else {
      compare(path, was, now);
    }
  }

  /** The array's elements by name, or null when they are not objects each named uniquely. */
  private static Map<String, JsonNode> elements(JsonNode array) {
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    for (JsonNode e : array) {
      String name = name(e);
      if (name == null || byName.put(name, e) != null) {
        return null;
      }
    }
    return byName;
  }

  private static String name(JsonNode e) {
    if (!e.isObject()) {
      return null;
    }
    for (String f : NAME_FIELDS) {
      JsonNode v = e.at("/" + f.replace('.', '/'));
      if (v.isTextual() && !v.asText().isEmpty()) {
        return shortId(v.asText());
      }
    }
    return null;
  }

  /** A 64-hex id (or {@code sha256:} digest) as its 12-character short form. */
  private static String shortId(String s) {
    String hex = s.startsWith("sha256:") ? s.substring(7) : s;
    return hex.length() == 64 && hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))
        ? hex.substring(0, 12) : s;
  }

  private static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  private static String display(String path) {
    return path.isEmpty() ? "(document)" : path;
  }

  private static String shown(JsonNode v) {
    String s = v.toString();
    return s.length() <= MAX_VALUE ? s : s.substring(0, MAX_VALUE - 3) + "...";
  }
}
