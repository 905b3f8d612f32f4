package dev.cnm.dockerapi.internal;

import dev.cnm.api.NetworkInfo;
import dev.cnm.api.error.InvalidParameterException;
import java.util.Set;

/** {@code GET /networks} filters, with moby's rules ({@code daemon/network/filter.go}). */
final class NetworkFilters {
  private static final Set<String> ACCEPTED = Set.of("driver", "id", "label", "name", "scope", "type", "dangling");

  private NetworkFilters() {}

  /** Rejects unknown keys and bad values before anything is listed. */
  static void validate(Filters f) {
    f.validate(ACCEPTED);
    for (String t : f.get("type")) {
      if (!t.equals("custom") && !t.equals("builtin")) {
        throw new InvalidParameterException("invalid filter: 'type'='" + t + "'");
      }
    }
    Set<String> dangling = f.get("dangling");
    if (dangling.size() > 1) {
      throw new InvalidParameterException("got more than one value for filter key \"dangling\"");
    }
    for (String d : dangling) {
      if (!Set.of("true", "1", "false", "0").contains(d)) {
        throw new InvalidParameterException(
            "invalid value for filter 'dangling', must be \"true\" (or \"1\"), or \"false\" (or \"0\")");
      }
    }
  }

  static boolean matches(Filters f, NetworkInfo n) {
    Set<String> dangling = f.get("dangling");
    if (f.has("driver") && !f.get("driver").contains(n.driver())) {
      return false;
    }
    if (f.has("scope") && !f.get("scope").contains(n.scope().toString())) {
      return false;
    }
    if (!f.match("name", n.name()) || !f.match("id", n.id()) || !f.matchLabels(n.labels())) {
      return false;
    }
    if (f.has("type")) {
      boolean custom = f.get("type").contains("custom") && !n.predefined();
      boolean builtin = f.get("type").contains("builtin") && n.predefined();
      if (!custom && !builtin) {
        return false;
      }
    }
    if (!dangling.isEmpty()) {
      String d = dangling.iterator().next();
      boolean want = d.equals("true") || d.equals("1");
      boolean isDangling = !n.predefined() && n.endpoints().isEmpty();
      if (isDangling != want) {
        return false;
      }
    }
    return true;
  }
}
