package dev.cnm.api.store;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * The read-modify-write loop libnetwork ran around every atomic store update (endpoint counts,
 * bit sequences, IPAM address spaces): read the key, compute the new value, write it with
 * compare-and-set, and on a conflict read again and recompute. Cached revisions are never reused
 * after a failure, which is the bug libnetwork users hit as a persistent {@code Unable to complete
 * atomic operation, key modified}.
 *
 * <p><b>Unknown outcomes.</b> When a write's outcome is {@link
 * StoreUnavailableException.Outcome#UNKNOWN UNKNOWN}, the loop re-reads and calls the function
 * again with what it finds. The write may have landed, so a function that is not idempotent must
 * recognise its own earlier write in the value (for example by an operation id stored in the
 * document) and then return the value unchanged. When the function returns the current bytes
 * unchanged, nothing is written. A failure while re-reading is reported with outcome {@code
 * UNKNOWN}, because the earlier write is still in doubt.
 *
 * <pre>{@code
 * // endpoint count + 1, created at 1 when absent
 * StoreOps.update(store, "endpoint_count/" + nid, current -> {
 *   long n = current.map(b -> Long.parseLong(new String(b, UTF_8))).orElse(0L);
 *   return Long.toString(n + 1).getBytes(UTF_8);
 * });
 * }</pre>
 */
public final class StoreOps {
  /** Conflicts tolerated by {@link #update} before it gives up and rethrows the last one. */
  public static final int MAX_ATTEMPTS = 1000;

  private StoreOps() {}

  /**
   * Atomically replaces the value of {@code key} with {@code function(current)}, retrying on
   * conflicts and re-reading after unknown outcomes. The function receives the current value, or
   * empty if the key does not exist, and returns the new value, or {@code null} to delete the key.
   * It may be called several times and must not have side effects.
   *
   * @param store the store
   * @param key the key
   * @param function maps the current value, or empty, to the new value, or null to delete
   * @return the entry after the update, empty if the key was deleted or stayed absent
   * @throws StoreConflictException if {@value #MAX_ATTEMPTS} attempts all conflicted
   * @throws StoreUnavailableException if the store is unavailable; outcome {@code UNKNOWN} when a
   *     write of this call may have landed
   */
  public static Optional<Versioned> update(
      GlobalStore store, String key, Function<Optional<byte[]>, byte[]> function) {
    requireNonNull(store, "store");
    StoreKeys.checkKey(key);
    requireNonNull(function, "function");
    boolean inDoubt = false;
    StoreConflictException lastConflict = null;
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Optional<Versioned> current;
      try {
        current = store.get(key);
      } catch (StoreUnavailableException e) {
        throw inDoubt ? unknown(key, e) : e;
      }
      byte[] next = function.apply(current.map(Versioned::value));
      try {
        if (next == null) {
          if (current.isEmpty()) {
            return Optional.empty();
          }
          store.compareAndDelete(key, current.get().modRevision());
          return Optional.empty();
        }
        if (current.isEmpty()) {
          return Optional.of(Versioned.of(key, next, store.putIfAbsent(key, next)));
        }
        if (Arrays.equals(next, current.get().value())) {
          return current; // nothing to change (or our in-doubt write already landed)
        }
        long rev = store.compareAndSet(key, current.get().modRevision(), next);
        return Optional.of(Versioned.of(key, next, rev));
      } catch (StoreConflictException e) {
        lastConflict = e;
      } catch (StoreUnavailableException e) {
        if (e.outcome() == StoreUnavailableException.Outcome.FAILED) {
          throw inDoubt ? unknown(key, e) : e;
        }
        inDoubt = true;
      }
    }
    throw requireNonNull(lastConflict, "lastConflict");
  }

  private static StoreUnavailableException unknown(String key, StoreUnavailableException cause) {
    return new StoreUnavailableException(
        StoreUnavailableException.Outcome.UNKNOWN,
        "outcome of the update of " + key + " is unknown: " + cause.getMessage(),
        cause);
  }
}
