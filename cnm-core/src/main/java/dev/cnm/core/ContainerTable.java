package dev.cnm.core;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.cnm.api.error.ConflictException;
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
 * The engine's containers and the name registry they share with legacy link paths (moby {@code
 * daemon/names.go}): names are stored with Docker's leading slash, {@code /web} for a container
 * and {@code /web/db} for the link alias {@code db} of {@code web}. Lookup follows {@code
 * GetContainer}: full id, exact name, unique id prefix.
 */
final class ContainerTable {

  @GuardedBy("lock")
  private final Map<String, ContainerRecord> byId = new LinkedHashMap<>();
  @GuardedBy("lock")
  private final NavigableMap<String, ContainerRecord> sortedIds = new TreeMap<>();
  /**
   * Registered names without Docker's leading slash ({@code web}, {@code web/db}: a valid name has
   * no slash, so this is unambiguous), to the id of the container that holds them. Without the
   * slash a container's key is its name string itself, not a second copy.
   */
  @GuardedBy("lock")
  private final Map<String, String> names = new HashMap<>();

  void add(ContainerRecord c) {
    byId.put(c.id, c);
    sortedIds.put(c.id, c);
  }

  void remove(ContainerRecord c) {
    byId.remove(c.id);
    sortedIds.remove(c.id);
  }

  Collection<ContainerRecord> all() {
    return byId.values();
  }

  int size() {
    return byId.size();
  }

  /** Strips one leading slash and checks Docker's name rule. */
  static String validName(String name) {
    String n = name.startsWith("/") ? name.substring(1) : name;
    if (!isValidName(n)) {
      throw new InvalidParameterException(
          "Invalid container name (" + n + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
    }
    return n;
  }

  /** {@code ^[a-zA-Z0-9][a-zA-Z0-9_.-]+$} without a regex matcher per container. */
  static boolean isValidName(String n) {
    if (n.length() < 2 || !isAlnum(n.charAt(0))) {
      return false;
    }
    for (int i = 1; i < n.length(); i++) {
      char ch = n.charAt(i);
      if (!isAlnum(ch) && ch != '_' && ch != '.' && ch != '-') {
        return false;
      }
    }
    return true;
  }

  private static boolean isAlnum(char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
  }

  boolean isNameFree(String name) {
    return !names.containsKey(name);
  }

  /**
   * Reserves {@code /name} (or a link path {@code /parent/alias}) for {@code id}.
   *
   * @throws ConflictException Docker's name-in-use message
   */
  void reserve(String name, String id) {
    String key = key(name);
    String holder = names.get(key);
    if (holder != null && !holder.equals(id)) {
      throw new ConflictException("Conflict. The container name \"/" + key + "\" is already in use by container \""
          + holder + "\". You have to remove (or rename) that container to be able to reuse that name.");
    }
    names.put(key, id);
  }

  void release(String name) {
    names.remove(key(name));
  }

  /** The id holding {@code /name} or the link path, if any. */
  Optional<String> holder(String name) {
    return Optional.ofNullable(names.get(key(name)));
  }

  /** The registry key of a name or link path: without one leading slash. */
  private static String key(String name) {
    return name.startsWith("/") ? name.substring(1) : name;
  }

  /** Whether a new id is free: no container has it and no name equals it (ids have one length). */
  boolean isIdFree(String id) {
    return !byId.containsKey(id) && !names.containsKey(id);
  }

  /**
   * The container {@code ref} names, or empty.
   *
   * @throws InvalidParameterException for empty input or an ambiguous prefix
   */
  Optional<ContainerRecord> find(String ref) {
    if (ref.isEmpty()) {
      throw new InvalidParameterException("invalid name or ID supplied: \"\"");
    }
    ContainerRecord c = byId.get(ref);
    if (c != null) {
      return Optional.of(c);
    }
    String holder = names.get(key(ref));
    ContainerRecord named = holder == null ? null : byId.get(holder);
    if (named != null) {
      return Optional.of(named);
    }
    // a name reserved for a container still being created or restored names nothing yet:
    // Docker's GetByName fails there too and the lookup goes on by id prefix
    NavigableMap<String, ContainerRecord> matches = sortedIds.subMap(ref, true, ref + Character.MAX_VALUE, false);
    if (matches.size() > 1) {
      throw new InvalidParameterException("multiple IDs found with provided prefix: " + ref);
    }
    return matches.isEmpty() ? Optional.empty() : Optional.of(matches.firstEntry().getValue());
  }

  /**
   * The container {@code ref} names.
   *
   * @throws NotFoundException {@code No such container: web}
   */
  ContainerRecord require(String ref) {
    return find(ref).orElseThrow(() -> new NotFoundException("No such container: " + ref));
  }
}
