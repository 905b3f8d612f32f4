package dev.cnm.api.store;

import java.util.Optional;

/**
 * The global-scope store: a flat key space of byte values, each stamped with the store revision of
 * its last write (its <em>mod revision</em>). It is what libnetwork used libkv for (networks,
 * endpoints, endpoint counts, IPAM bitmaps, VXLAN ids shared by every host) reduced to the
 * operations that are safe under concurrency: create-only put, compare-and-set and
 * compare-and-delete on the mod revision, prefix listing at a revision, and watches from a
 * revision.
 *
 * <p><b>Revisions.</b> One counter for the whole store, increased by every successful write;
 * mod revisions are never reused, not even after a delete and re-create, so a stale revision never
 * matches (no ABA, unlike ZooKeeper's per-node versions). Absolute numbers are not portable across
 * implementations; only their order is.
 *
 * <p><b>Errors.</b> A refused conditional write throws {@link StoreConflictException}; an
 * unreachable or slow store throws {@link StoreUnavailableException}, whose {@linkplain
 * StoreUnavailableException#outcome() outcome} says whether a write definitely failed or may have
 * landed. Malformed keys or values (see {@link StoreKeys}) are programming errors: {@link
 * IllegalArgumentException}. Calling a closed store throws {@link IllegalStateException}.
 *
 * <p>Read-modify-write callers should use {@link StoreOps#update}, which retries conflicts and
 * resolves unknown outcomes by re-reading, as libnetwork's datastore did.
 *
 * <pre>{@code
 * long rev = store.putIfAbsent("endpoint_count/" + nid, "0".getBytes(UTF_8));
 * Versioned v = store.get("endpoint_count/" + nid).orElseThrow();
 * store.compareAndSet(v.key(), v.modRevision(), "1".getBytes(UTF_8));
 * }</pre>
 */
public interface GlobalStore extends AutoCloseable {

  /**
   * Reads one key (linearizable: sees every write acknowledged before the call).
   *
   * @param key the key
   * @return the key's value and mod revision, or empty if the key does not exist
   * @throws StoreUnavailableException (outcome {@code FAILED}) if the store cannot be read
   */
  Optional<Versioned> get(String key);

  /**
   * Lists every key starting with {@code prefix} (the empty prefix lists everything), as one
   * consistent snapshot, together with the revision it was taken at.
   *
   * @param prefix the prefix; empty for every key
   * @return the entries, sorted by key, and the revision of the snapshot
   * @throws StoreUnavailableException (outcome {@code FAILED}) if the store cannot be read
   */
  Listing list(String prefix);

  /**
   * Creates {@code key} with {@code value} if it does not exist.
   *
   * @param key the key
   * @param value the value; the store keeps a copy
   * @return the new value's mod revision
   * @throws StoreConflictException ({@code KEY_EXISTS}, carrying the existing entry) if the key
   *     exists
   * @throws StoreUnavailableException if the store cannot be reached; see its outcome
   */
  long putIfAbsent(String key, byte[] value);

  /**
   * Replaces the value of {@code key} if its mod revision is still {@code expectedModRevision}.
   *
   * @param key the key
   * @param expectedModRevision the mod revision the caller read
   * @param value the new value; the store keeps a copy
   * @return the new value's mod revision
   * @throws StoreConflictException ({@code KEY_MODIFIED}, carrying the current entry or none) if
   *     the key was modified or deleted since
   * @throws StoreUnavailableException if the store cannot be reached; see its outcome
   * @throws IllegalArgumentException if {@code expectedModRevision} is not positive
   */
  long compareAndSet(String key, long expectedModRevision, byte[] value);

  /**
   * Deletes {@code key} if its mod revision is still {@code expectedModRevision}.
   *
   * @param key the key
   * @param expectedModRevision the mod revision the caller read
   * @throws StoreConflictException ({@code KEY_MODIFIED}, carrying the current entry or none) if
   *     the key was modified or deleted since
   * @throws StoreUnavailableException if the store cannot be reached; see its outcome
   * @throws IllegalArgumentException if {@code expectedModRevision} is not positive
   */
  void compareAndDelete(String key, long expectedModRevision);

  /**
   * Watches every key starting with {@code prefix}: delivers each put and delete with a revision
   * {@code >= fromRevision}, exactly once and in revision order, first the recorded history, then
   * live changes. {@code fromRevision <= 0} means "changes after now". To continue a {@link
   * Listing} without a gap, watch from {@code listing.revision() + 1}.
   *
   * <p>Delivery may happen on the writer's thread (in memory) or on a client thread (etcd), but
   * never concurrently for one watch. A listener must not block for long.
   *
   * @param prefix the prefix; empty for every key
   * @param fromRevision the first revision to deliver, or 0 for the changes after now
   * @param listener receives the events
   * @return the watch, to close when no more events are wanted
   * @throws StoreUnavailableException (outcome {@code FAILED}) if the watch cannot be started
   */
  Watch watch(String prefix, long fromRevision, WatchListener listener);

  /**
   * Applies {@code txn}'s writes atomically if all of its conditions hold (one etcd transaction);
   * otherwise writes nothing. Every write of one commit gets the same mod revision, and a watch
   * delivers them with that revision.
   *
   * <p>The default implementation serves stores written before this method existed: it maps a
   * transaction of one write with at most one condition on the same key to {@link #putIfAbsent},
   * {@link #compareAndSet} or {@link #compareAndDelete}, and refuses anything else with {@link
   * UnsupportedOperationException}. Stores that can should implement it in full (the engine's
   * cluster features need it); {@code GlobalStoreContract} in cnm-testkit checks it.
   *
   * @param txn the conditions and writes
   * @return the store revision of the commit
   * @throws StoreConflictException if a condition does not hold: {@code KEY_EXISTS} for a key that
   *     should be absent or a prefix that should be empty (carrying the key found), {@code
   *     KEY_MODIFIED} for a key at another mod revision (carrying its current entry, or none)
   * @throws StoreUnavailableException if the store cannot be reached; see its outcome
   */
  default long commit(StoreTxn txn) {
    java.util.Objects.requireNonNull(txn, "txn");
    if (txn.writes().size() == 1 && txn.conditions().size() == 1
        && txn.conditions().get(0).key().equals(txn.writes().get(0).key())) {
      StoreTxn.Condition c = txn.conditions().get(0);
      StoreTxn.Write w = txn.writes().get(0);
      if (c.kind() == StoreTxn.Kind.ABSENT && !w.isDelete()) {
        return putIfAbsent(w.key(), w.value().get());
      }
      if (c.kind() == StoreTxn.Kind.MOD_REVISION && !w.isDelete()) {
        return compareAndSet(w.key(), c.modRevision(), w.value().get());
      }
      if (c.kind() == StoreTxn.Kind.MOD_REVISION) {
        compareAndDelete(w.key(), c.modRevision());
        return revision();
      }
    }
    throw new UnsupportedOperationException(getClass().getName() + " does not implement multi-key commits: " + txn);
  }

  /**
   * Commits the first of {@code choices} whose conditions all hold, and nothing else, as one
   * atomic step (one etcd transaction whose else branch nests the next alternative): several hosts
   * racing for the lowest free address each take the lowest one still free in one round trip,
   * instead of a refused transaction and another one for the next address.
   *
   * <p>The default implementation commits the alternatives one after another ({@link #commit}),
   * moving on after a conflict: the same choice for a store that nothing else writes meanwhile,
   * one round trip per alternative tried.
   *
   * <pre>{@code
   * StoreTxn.Chosen c = store.commitFirst(List.of(
   *     StoreTxn.builder().requireAbsent("used/2").put("used/2", owner).build(),
   *     StoreTxn.builder().requireAbsent("used/3").put("used/3", owner).build()));
   * }</pre>
   *
   * @param choices the alternatives, in order of preference; at least one
   * @return which alternative was committed, and the store revision of the commit
   * @throws StoreConflictException if no alternative's conditions hold: the conflict of the last
   *     one, as {@link #commit} reports it
   * @throws StoreUnavailableException if the store cannot be reached; see its outcome (an unknown
   *     outcome may be any one of the alternatives, or none)
   */
  default StoreTxn.Chosen commitFirst(java.util.List<StoreTxn> choices) {
    if (choices.isEmpty()) {
      throw new IllegalArgumentException("no transaction to commit");
    }
    StoreConflictException last = null;
    for (int i = 0; i < choices.size(); i++) {
      try {
        return new StoreTxn.Chosen(i, commit(choices.get(i)));
      } catch (StoreConflictException e) {
        last = e;
      }
    }
    throw last;
  }

  /**
   * {@return the store's current revision (linearizable: at least the revision of every write
   * acknowledged before the call)} A watch that has delivered this revision has seen every such
   * write. The default implementation lists an unused prefix.
   *
   * @throws StoreUnavailableException (outcome {@code FAILED}) if the store cannot be read
   */
  default long revision() {
    return list("cnm-revision-probe/").revision();
  }

  /** Closes the store and every watch it started. Closing twice is harmless. */
  @Override
  void close();
}
