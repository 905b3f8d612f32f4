package dev.cnm.core;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.error.NotFoundException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The engine's networks, indexed by id (creation order), by name and by sorted id for prefix
 * lookup. Lookup follows the daemon's {@code FindNetwork}: full id, exact name, unique id prefix.
 */
final class NetworkTable {
  @GuardedBy("lock")
  private final Map<String, NetworkRecord> byId = new LinkedHashMap<>();
  @GuardedBy("lock")
  private final Map<String, NetworkRecord> byName = new HashMap<>();
  @GuardedBy("lock")
  private final NavigableMap<String, NetworkRecord> sortedIds = new TreeMap<>();

  void add(NetworkRecord n) {
    byId.put(n.id, n);
    byName.put(n.name, n);
    sortedIds.put(n.id, n);
  }

  void remove(NetworkRecord n) {
    byId.remove(n.id);
    byName.remove(n.name);
    sortedIds.remove(n.id);
  }

  Collection<NetworkRecord> all() {
    return byId.values();
  }

  /** The network with exactly this id, or null (a map lookup, not a pass over the networks). */
  NetworkRecord byExactId(String id) {
    return byId.get(id);
  }

  Optional<NetworkRecord> byName(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /**
   * The network {@code ref} names, or empty.
   *
   * @throws InvalidParameterException {@code network 7 is ambiguous (2 matches found based on ID prefix)}
   */
  Optional<NetworkRecord> find(String ref) {
    NetworkRecord n = byId.get(ref);
    if (n == null) {
      n = byName.get(ref);
    }
    if (n != null || ref.isEmpty()) {
      return Optional.ofNullable(n);
    }
    NavigableMap<String, NetworkRecord> matches = sortedIds.subMap(ref, true, ref + Character.MAX_VALUE, false);
    if (matches.size() > 1) {
      throw new InvalidParameterException(
          "network " + ref + " is ambiguous (" + matches.size() + " matches found based on ID prefix)");
    }
    return matches.isEmpty() ? Optional.empty() : Optional.of(matches.firstEntry().getValue());
  }

  /**
   * The network {@code ref} names.
   *
   * @throws NotFoundException {@code network dev not found}
   */
  NetworkRecord require(String ref) {
    return find(ref).orElseThrow(() -> notFound(ref));
  }

  static NotFoundException notFound(String ref) {
    return new NotFoundException("network " + ref + " not found");
  }
}
