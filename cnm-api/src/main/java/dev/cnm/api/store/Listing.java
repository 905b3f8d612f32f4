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

  /** Creates a listing; the entries are sorted by key. */
  public static Listing of(List<Versioned> entries, long revision) {
    checkArgument(revision >= 0, "revision must not be negative: %s", revision);
    List<Versioned> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparing(Versioned::key));
    return new Listing(List.copyOf(sorted), revision);
  }

  /** The entries, sorted by key; immutable. */
  public List<Versioned> entries() {
    return entries;
  }

  /** The store revision at which the listing was taken. */
  public long revision() {
    return revision;
  }

  /** The listed entry for {@code key}, if any. */
  public Optional<Versioned> get(String key) {
    return entries.stream().filter(e -> e.key().equals(key)).findFirst();
  }

  @Override
  public String toString() {
    return "Listing@" + revision + entries;
  }
}
