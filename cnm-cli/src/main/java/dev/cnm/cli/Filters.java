package dev.cnm.cli;

import dev.cnm.api.error.InvalidParameterException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** {@code --filter key=value} flags, grouped by key (values of one key are OR-ed, keys AND-ed). */
final class Filters {
  private final Map<String, List<String>> byKey;

  private Filters(Map<String, List<String>> byKey) {
    this.byKey = byKey;
  }

  static Filters parse(List<String> flags) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (String f : flags) {
      int eq = f.indexOf('=');
      if (eq < 0) {
        throw new UsageException("invalid argument \"" + f + "\" for \"-f, --filter\" flag: "
            + "bad format of filter (expected name=value)");
      }
      String key = f.substring(0, eq).trim().toLowerCase(java.util.Locale.ROOT);
      m.computeIfAbsent(key, k -> new ArrayList<>()).add(f.substring(eq + 1).trim());
    }
    return new Filters(m);
  }

  /** The daemon's check: {@code invalid filter 'foo'}. */
  void validate(Set<String> accepted) {
    for (String k : byKey.keySet()) {
      if (!accepted.contains(k)) {
        throw new InvalidParameterException("invalid filter '" + k + "'");
      }
    }
  }

  boolean has(String key) {
    return byKey.containsKey(key);
  }

  List<String> values(String key) {
    return byKey.getOrDefault(key, List.of());
  }

  /** True when no value of {@code key} matches. */
  boolean none(String key, Predicate<String> match) {
    return values(key).stream().noneMatch(match);
  }

  /** True when every value of {@code key} matches. */
  boolean all(String key, Predicate<String> match) {
    return values(key).stream().allMatch(match);
  }
}
