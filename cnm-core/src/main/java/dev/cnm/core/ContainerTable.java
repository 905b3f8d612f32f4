package dev.cnm.core;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.cnm.api.error.ConflictException;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.error.NotFoundException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's containers and the name registry they share with legacy link paths (moby {@code
 * daemon/names.go}): names are stored with Docker's leading slash, {@code /web} for a container
 * and {@code /web/db} for the link alias {@code db} of {@code web}. Lookup follows {@code
 * GetContainer}: full id, exact name, unique id prefix.
 */
final class ContainerTable {
  /** Every container id has 64 hex digits (generated, or checked on restore). */
  private static final int ID_LENGTH = 64;

  /**
   * The containers by id, and the id-prefix index (Docker's {@code truncindex}): buckets by the
   * leading bits of the id, so an id names one bucket and a prefix one bucket or a run of them,
   * chained through {@link ContainerRecord#nextInBucket}. No map by id besides: its entry would
   * cost 40 bytes a container.
   * Ids are random hex, so the buckets fill evenly; the table doubles at two records a bucket.
   * Against a {@code TreeMap} of strings: 8 bytes a container instead of 40, and an insert that
   * touches one bucket instead of some 17 keys at 100 000 containers (a cache miss each, 20 % of
   * a {@code run} + {@code rm} there).
   */
  @GuardedBy("lock")
  private ContainerRecord[] buckets = new ContainerRecord[16];
  /** log2 of {@code buckets.length}. */
  @GuardedBy("lock")
  private int bucketBits = 4;
  @GuardedBy("lock")
  private int size;
  /** The oldest and newest container: creation order, a list through the records. */
  @GuardedBy("lock")
  private ContainerRecord oldest;
  @GuardedBy("lock")
  private ContainerRecord newest;
  /** What {@link #all} gives: a view, like a map's values. */
  private final Collection<ContainerRecord> all = Chain.view(() -> oldest, c -> c.nextCreated, () -> size);
  /**
   * Registered names without Docker's leading slash ({@code web}, {@code web/db}: a valid name has
   * no slash, so this is unambiguous), to the id of the container that holds them. Without the
   * slash a container's key is its name string itself, not a second copy.
   */
  @GuardedBy("lock")
  private final Map<String, String> names = new HashMap<>();

  void add(ContainerRecord c) {
    if (byId(c.id) != null) {
      throw new IllegalStateException("container " + c.id + " already in the table");
    }
    if (++size > 2 * buckets.length) {
      grow();
    }
    link(c);
    c.previousCreated = newest;
    if (newest == null) {
      oldest = c;
    } else {
      newest.nextCreated = c;
    }
    newest = c;
  }

  void remove(ContainerRecord c) {
    int b = bucket(leadingBits(c.id));
    if (buckets[b] == c) {
      buckets[b] = c.nextInBucket;
    } else {
      ContainerRecord prev = buckets[b];
      while (prev != null && prev.nextInBucket != c) {
        prev = prev.nextInBucket;
      }
      if (prev == null) {
        return; // not in the table
      }
      prev.nextInBucket = c.nextInBucket;
    }
    c.nextInBucket = null;
    size--;
    if (c.previousCreated == null) {
      oldest = c.nextCreated;
    } else {
      c.previousCreated.nextCreated = c.nextCreated;
    }
    if (c.nextCreated == null) {
      newest = c.previousCreated;
    } else {
      c.nextCreated.previousCreated = c.previousCreated;
    }
    c.previousCreated = null;
    c.nextCreated = null;
  }

  /** {@return the container with exactly this id, or null} */
  private ContainerRecord byId(String id) {
    if (id.length() != ID_LENGTH || !isHex(id, 8)) {
      return null;
    }
    for (ContainerRecord c = buckets[bucket(leadingBits(id))]; c != null; c = c.nextInBucket) {
      if (c.id.equals(id)) {
        return c;
      }
    }
    return null;
  }

  /** Whether the first {@code n} characters of {@code s} are lower-case hex digits. */
  private static boolean isHex(String s, int n) {
    for (int i = 0; i < n; i++) {
      if (digit(s.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  private void link(ContainerRecord c) {
    int b = bucket(leadingBits(c.id));
    c.nextInBucket = buckets[b];
    buckets[b] = c;
  }

  private void grow() {
    ContainerRecord[] old = buckets;
    buckets = new ContainerRecord[old.length * 2];
    bucketBits++;
    for (ContainerRecord head : old) {
      for (ContainerRecord c = head; c != null; ) {
        ContainerRecord next = c.nextInBucket;
        link(c);
        c = next;
      }
    }
  }

  private int bucket(int leading) {
    return leading >>> (32 - bucketBits);
  }

  /** The first 8 hex digits of an id as 32 bits. */
  private static int leadingBits(String id) {
    int bits = 0;
    for (int i = 0; i < 8; i++) {
      bits = bits << 4 | digit(id.charAt(i));
    }
    return bits;
  }

  /** A lower-case hex digit's value, else -1 (Docker's ids are lower-case hex). */
  private static int digit(char ch) {
    return ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
  }

  /**
   * The containers whose id starts with {@code ref}: none, one, or two of them (the search stops at
   * a second match, which is all an ambiguity needs).
   */
  private List<ContainerRecord> withPrefix(String ref) {
    if (!isHex(ref, ref.length())) {
      return List.of(); // every id is 64 lower-case hex digits (generated, or checked on restore)
    }
    int digits = Math.min(ref.length(), 8);
    int value = 0;
    for (int i = 0; i < digits; i++) {
      value = value << 4 | digit(ref.charAt(i));
    }
    int known = 4 * digits;
    if (known >= bucketBits) {
      int b = (value << (32 - known)) >>> (32 - bucketBits);
      return scan(b, b + 1, ref);
    }
    int first = value << (bucketBits - known);
    return scan(first, first + (1 << (bucketBits - known)), ref);
  }

  /** {@return the container named exactly {@code name} (not a link path), or null} */
  ContainerRecord named(String name) {
    if (name.indexOf('/') >= 0) {
      return null;
    }
    String holder = names.get(name);
    ContainerRecord c = holder == null ? null : byId(holder);
    return c != null && c.name.equals(name) ? c : null;
  }

  /** {@return every container whose short id is {@code shortId} (none unless it is 12 lower-case hex digits)} */
  List<ContainerRecord> withShortId(String shortId) {
    if (shortId.length() != Ids.SHORT_LENGTH || !isHex(shortId, Ids.SHORT_LENGTH)) {
      return List.of();
    }
    List<ContainerRecord> found = new ArrayList<>(1);
    for (ContainerRecord c = buckets[bucket(leadingBits(shortId))]; c != null; c = c.nextInBucket) {
      if (c.id.startsWith(shortId)) {
        found.add(c);
      }
    }
    return found;
  }

  private List<ContainerRecord> scan(int from, int to, String ref) {
    ContainerRecord found = null;
    for (int b = from; b < to; b++) {
      for (ContainerRecord c = buckets[b]; c != null; c = c.nextInBucket) {
        if (c.id.startsWith(ref)) {
          if (found != null) {
            return List.of(found, c);
          }
          found = c;
        }
      }
    }
    return found == null ? List.of() : List.of(found);
  }

  /** {@return the containers in creation order (a view)} */
  Collection<ContainerRecord> all() {
    return all;
  }

  int size() {
    return size;
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
    return byId(id) == null && !names.containsKey(id);
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
    ContainerRecord c = byId(ref);
    if (c != null) {
      return Optional.of(c);
    }
    String holder = names.get(key(ref));
    ContainerRecord named = holder == null ? null : byId(holder);
    if (named != null) {
      return Optional.of(named);
    }
    // a name reserved for a container still being created or restored names nothing yet:
    // Docker's GetByName fails there too and the lookup goes on by id prefix
    List<ContainerRecord> matches = withPrefix(ref);
    if (matches.size() > 1) {
      throw new InvalidParameterException("multiple IDs found with provided prefix: " + ref);
    }
    return matches.isEmpty() ? Optional.empty() : Optional.of(matches.get(0));
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
