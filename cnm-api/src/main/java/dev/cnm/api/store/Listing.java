package dev.cnm.api.store;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The entries under a prefix, sorted by key, as of one store revision. Watching the same prefix
 * from {@code revision() + 1} continues the listing without a gap and without a duplicate.
 *
 * <pre>{@code
 * Listing networks = store.list("network/");
 * networks.entries().forEach(e -> cache.put(e.key(), e));
 * Watch w = store.watch("network/", networks.revision() + 1, cache::apply);
 * }</pre>
 */
public final class Listing {
  private final List<Versioned> entries;
  private final long revision;

  private Listing(List<Versioned> entries, long revision) {
    this.entries = entries;
    this.revision = revision;
  }

  /**
   * Creates a listing; the entries are sorted by key.
   *
   * @param entries the entries, in any order
   * @param revision the store revision the listing was taken at
   * @return the listing
   */
  public static Listing of(List<Versioned> entries, long revision) {
    checkArgument(revision >= 0, "revision must not be negative: %s", revision);
    List<Versioned> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparing(Versioned::key));
    return new Listing(List.copyOf(sorted), revision);
  }

  /** {@return the entries, sorted by key; immutable} */
  public List<Versioned> entries() {
    return entries;
  }

  /** {@return the store revision at which the listing was taken} */
  public long revision() {
    return revision;
  }

  /**
   * {@return the listed entry for {@code key}, if any}
   *
   * @param key the key
   */
  public Optional<Versioned> get(String key) {
    return entries.stream().filter(e -> e.key().equals(key)).findFirst();
  }

  @Override
  public String toString() {
    return "Listing@" + revision + entries;
  }
}
