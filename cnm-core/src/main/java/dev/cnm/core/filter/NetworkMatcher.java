package dev.cnm.core.filter;

import dev.cnm.api.NetworkInfo;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.error.SystemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code docker network ls} over a list of networks, after moby's {@code daemon/network/filter.go}
 * ({@code FilterNetworks}) with the keys the API accepts ({@code network.ValidateFilters}).
 */
final class NetworkMatcher {
  static final Set<String> ACCEPTED = Set.of("dangling", "driver", "id", "label", "name", "scope", "type");

  private NetworkMatcher() {}

  static List<NetworkInfo> list(List<NetworkInfo> networks, FilterArgs f) {
    f.validate(ACCEPTED);
    if (f.isEmpty()) {
      return List.copyOf(networks);
    }
    List<NetworkInfo> shown = new ArrayList<>();
    for (NetworkInfo n : networks) {
      if (f.contains("driver") && !f.exactMatch("driver", n.driver())) {
        continue;
      }
      if (f.contains("name") && !f.match("name", n.name())) {
        continue;
      }
      if (f.contains("id") && !f.match("id", n.id())) {
        continue;
      }
      if (f.contains("label") && !f.matchKeyValues("label", n.labels())) {
        continue;
      }
      if (f.contains("scope") && !f.exactMatch("scope", n.scope().toString())) {
        continue;
      }
      shown.add(n);
    }
    List<String> dangling = f.get("dangling");
    if (!dangling.isEmpty()) {
      if (dangling.size() > 1) {
        throw new InvalidParameterException("got more than one value for filter key \"dangling\"");
      }
      boolean danglingOnly = switch (dangling.get(0)) {
        case "0", "false" -> false;
        case "1", "true" -> true;
        default -> throw new InvalidParameterException(
            "invalid value for filter 'dangling', must be \"true\" (or \"1\"), or \"false\" (or \"0\")");
      };
      // A network is in use while a running container has an endpoint on it. (Engine 28 tests
      // this before filling in the endpoints, so there every custom network looks dangling;
      // Engine 29 tests the endpoints, as its documentation always said.)
      shown.removeIf(n -> danglingOnly == (n.predefined() || !n.endpoints().isEmpty()));
    }
    if (f.contains("type")) {
      List<String> types = f.get("type");
      for (String type : types) {
        if (!type.equals("builtin") && !type.equals("custom")) {
          // moby returns this error untyped: the API answers 500.
          throw new SystemException("invalid filter: 'type'='" + type + "'");
        }
      }
      shown.removeIf(n -> !types.contains(n.predefined() ? "builtin" : "custom"));
    }
    return List.copyOf(shown);
  }
}
