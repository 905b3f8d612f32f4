package dev.cnm.dockerapi.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.core.json.DockerJson;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A list endpoint's {@code filters} query parameter: a JSON map of sets ({@code
 * {"driver":{"bridge":true}}}), or the older map of lists, as moby's {@code filters.FromJSON}
 * reads it.
 */
final class Filters {
  private final Map<String, Set<String>> values;

  private Filters(Map<String, Set<String>> values) {
    this.values = values;
  }

  static Filters parse(Optional<String> json) {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    if (json.isEmpty() || json.get().isBlank()) {
      return new Filters(out);
    }
    JsonNode root;
    try {
      root = DockerJson.parse(json.get());
    } catch (InvalidParameterException e) {
      throw new InvalidParameterException("invalid filter: " + e.getMessage(), e);
    }
    if (!root.isObject()) {
      throw new InvalidParameterException("invalid filter: expected a JSON object");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Set<String> set = new LinkedHashSet<>();
      JsonNode v = e.getValue();
      if (v.isObject()) {
        v.fieldNames().forEachRemaining(set::add);
      } else if (v.isArray()) {
        v.forEach(x -> set.add(x.asText()));
      } else {
        throw new InvalidParameterException("invalid filter: '" + e.getKey() + "' must be a set of strings");
      }
      out.put(e.getKey(), set);
    }
    return new Filters(out);
  }

  boolean isEmpty() {
    return values.isEmpty();
  }

  boolean has(String key) {
    return values.containsKey(key);
  }

  Set<String> get(String key) {
    return values.getOrDefault(key, Set.of());
  }

  /** Rejects keys outside {@code accepted}: {@code invalid filter 'x'}. */
  void validate(Set<String> accepted) {
    for (String k : values.keySet()) {
      if (!accepted.contains(k)) {
        throw new InvalidParameterException("invalid filter '" + k + "'");
      }
    }
  }

  /** moby's {@code Match}: no values for the key, or one value equal to or an unanchored regex of the source. */
  boolean match(String key, String source) {
    Set<String> set = values.get(key);
    if (set == null || set.isEmpty()) {
      return true;
    }
    for (String v : set) {
      if (v.equals(source)) {
        return true;
      }
      try {
        if (Pattern.compile(v).matcher(source).find()) {
          return true;
        }
      } catch (PatternSyntaxException ignored) {
        // not a regex: only the exact comparison above applies
      }
    }
    return false;
  }

  /** {@code label} filters: every value is {@code key} or {@code key=value}, all must hold. */
  boolean matchLabels(Map<String, String> labels) {
    for (String v : get("label")) {
      int eq = v.indexOf('=');
      if (eq < 0) {
        if (!labels.containsKey(v)) {
          return false;
        }
      } else if (!v.substring(eq + 1).equals(labels.get(v.substring(0, eq)))) {
        return false;
      }
    }
    return true;
  }
}
