package dev.cnm.core.store;

import static java.util.Objects.requireNonNull;

import com.google.common.base.Preconditions;
import dev.cnm.api.store.GlobalStore;
import dev.cnm.api.store.Listing;
import dev.cnm.api.store.StoreConflictException;
import dev.cnm.api.store.StoreEvent;
import dev.cnm.api.store.StoreKeys;
import dev.cnm.api.store.StoreTxn;
import dev.cnm.api.store.StoreUnavailableException;
import dev.cnm.api.store.Versioned;
import dev.cnm.api.store.Watch;
import dev.cnm.api.store.WatchListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link GlobalStore} held in memory, with etcd's semantics: one store-wide revision counter
 * (an empty store is at revision 1, and each successful write increments it), mod revisions never
 * reused, prefix listings at a revision, and watches that replay the full history from any
 * revision (nothing is ever compacted). It is thread-safe and deterministic: the same calls in the
 * same order give the same revisions, and watch events are delivered on the writer's thread before
 * the write returns (unless another thread is delivering to that watch at the same moment).
 *
 * <p>{@link #setFault} and {@link #failNextWrite} make it misbehave like an unreachable etcd, so
 * callers' handling of {@link StoreUnavailableException} can be tested.
 *
 * <pre>{@code
 * InMemoryGlobalStore store = InMemoryGlobalStore.create();
 * long rev = store.putIfAbsent("idm/vxlan-id", bitmap);
 * store.setFault(InMemoryGlobalStore.Fault.UNAVAILABLE); // every call now fails
 * }</pre>
 */
public final class InMemoryGlobalStore implements GlobalStore {
  /** A way to misbehave, for tests. */
  public enum Fault {
    /** Behave normally. */
    NONE,
    /** Every read, write and new watch fails with outcome {@code FAILED}; nothing is applied. */
    UNAVAILABLE,
    /** Writes are not applied but fail with outcome {@code UNKNOWN}; reads work. */
    WRITE_LOST_UNKNOWN,
    /** Writes are applied, then fail with outcome {@code UNKNOWN}; reads work. */
    WRITE_APPLIED_UNKNOWN
  }

  private static final System.Logger LOG = System.getLogger(InMemoryGlobalStore.class.getName());
  private static final long INITIAL_REVISION = 1;

  private final Object lock = new Object();

  // @GuardedBy("lock")
  private final TreeMap<String, Versioned> entries = new TreeMap<>();
  // @GuardedBy("lock"): every event ever, in revision order (a commit's writes share a revision).
  private final List<StoreEvent> history = new ArrayList<>();
  // @GuardedBy("lock")
  private long revision = INITIAL_REVISION;
  // @GuardedBy("lock")
  private Fault fault = Fault.NONE;
  // @GuardedBy("lock")
  private Fault nextWriteFault = Fault.NONE;
  // @GuardedBy("lock")
  private boolean closed;

  private final List<MemoryWatch> watches = new CopyOnWriteArrayList<>();

  private InMemoryGlobalStore() {}

  /**
   * Creates an empty store at revision 1.
   *
   * @return an empty store at revision 1
   */
  public static InMemoryGlobalStore create() {
    return new InMemoryGlobalStore();
  }

  /**
   * Sets a fault that applies to every following call until it is set back to {@code NONE}.
   *
   * @param fault the fault; {@code NONE} clears it
   */
  public void setFault(Fault fault) {
    synchronized (lock) {
      this.fault = requireNonNull(fault, "fault");
    }
  }

  /**
   * Makes only the next write fail with {@code fault} (a write that already fails for a conflict
   * or a {@linkplain #setFault standing fault} does not use it up).
   *
   * @param fault the fault
   */
  public void failNextWrite(Fault fault) {
    synchronized (lock) {
      this.nextWriteFault = requireNonNull(fault, "fault");
    }
  }

  /**
   * {@return the current store revision: the mod revision of the latest write, 1 for an empty
   * store}
   */
  @Override
  public long revision() {
    synchronized (lock) {
      checkReadable();
      return revision;
    }
  }

  @Override
  public Optional<Versioned> get(String key) {
    StoreKeys.checkKey(key);
    synchronized (lock) {
      checkReadable();
      return Optional.ofNullable(entries.get(key));
    }
  }

  @Override
  public Listing list(String prefix) {
    StoreKeys.checkPrefix(prefix);
    synchronized (lock) {
      checkReadable();
      return Listing.of(List.copyOf(withPrefix(entries, prefix).values()), revision);
    }
  }

  @Override
  public long putIfAbsent(String key, byte[] value) {
    StoreKeys.checkKey(key);
    StoreKeys.checkValue(value);
    long rev;
    Fault f;
    synchronized (lock) {
      f = writeFault();
      Versioned existing = entries.get(key);
      if (existing != null) {
        throw new StoreConflictException(StoreConflictException.Reason.KEY_EXISTS, key, 0, existing);
      }
      rev = apply(f, key, value);
    }
    return afterWrite(f, rev);
  }

  @Override
  public long compareAndSet(String key, long expectedModRevision, byte[] value) {
    StoreKeys.checkKey(key);
    StoreKeys.checkRevision(expectedModRevision);
    StoreKeys.checkValue(value);
    long rev;
    Fault f;
    synchronized (lock) {
      f = writeFault();
      checkRevision(key, expectedModRevision);
      rev = apply(f, key, value);
    }
    return afterWrite(f, rev);
  }

  @Override
  public void compareAndDelete(String key, long expectedModRevision) {
    StoreKeys.checkKey(key);
    StoreKeys.checkRevision(expectedModRevision);
    long rev;
    Fault f;
    synchronized (lock) {
      f = writeFault();
      checkRevision(key, expectedModRevision);
      rev = apply(f, key, null);
    }
    afterWrite(f, rev);
  }

  @Override
  public long commit(StoreTxn txn) {
    requireNonNull(txn, "txn");
    long rev;
    Fault f;
    synchronized (lock) {
      f = writeFault();
      for (StoreTxn.Condition c : txn.conditions()) {
        check(c);
      }
      rev = applyAll(f, txn.writes());
    }
    return afterWrite(f, rev);
  }

  @Override
  public StoreTxn.Chosen commitFirst(java.util.List<StoreTxn> choices) {
    if (choices.isEmpty()) {
      throw new IllegalArgumentException("no transaction to commit");
    }
    long rev;
    Fault f;
    int chosen = -1;
    synchronized (lock) {
      f = writeFault();
      StoreConflictException last = null;
      for (int i = 0; i < choices.size() && chosen < 0; i++) {
        try {
          for (StoreTxn.Condition c : choices.get(i).conditions()) {
            check(c);
          }
          chosen = i;
        } catch (StoreConflictException e) {
          last = e;
        }
      }
      if (chosen < 0) {
        throw last;
      }
      rev = applyAll(f, choices.get(chosen).writes());
    }
    return new StoreTxn.Chosen(chosen, afterWrite(f, rev));
  }

  private void check(StoreTxn.Condition c) {
    switch (c.kind()) {
      case ABSENT -> {
        Versioned existing = entries.get(c.key());
        if (existing != null) {
          throw new StoreConflictException(StoreConflictException.Reason.KEY_EXISTS, c.key(), 0, existing);
        }
      }
      case MOD_REVISION -> checkRevision(c.key(), c.modRevision());
      case NO_KEY_WITH_PREFIX -> {
        Map<String, Versioned> under = withPrefix(entries, c.key());
        if (!under.isEmpty()) {
          Versioned first = under.values().iterator().next();
          throw new StoreConflictException(StoreConflictException.Reason.KEY_EXISTS, first.key(), 0, first);
        }
      }
    }
  }

  @Override
  public Watch watch(String prefix, long fromRevision, WatchListener listener) {
    StoreKeys.checkPrefix(prefix);
    requireNonNull(listener, "listener");
    MemoryWatch watch = new MemoryWatch(prefix, fromRevision, listener);
    synchronized (lock) {
      checkReadable();
      if (fromRevision > 0) {
        int first = firstEventAt(fromRevision);
        for (StoreEvent event : history.subList(first, history.size())) {
          watch.offer(event);
        }
      }
      watches.add(watch);
    }
    watch.drain();
    return watch;
  }

  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
    }
    for (MemoryWatch w : watches) {
      w.close();
    }
  }

  @Override
  public String toString() {
    synchronized (lock) {
      return "InMemoryGlobalStore@" + revision + "(" + entries.size() + " keys)";
    }
  }

  // ---- internals, all called with the lock held unless said otherwise

  private void checkReadable() {
    Preconditions.checkState(!closed, "store is closed");
    if (fault == Fault.UNAVAILABLE) {
      throw new StoreUnavailableException(
          StoreUnavailableException.Outcome.FAILED, "global store unavailable (in-memory fault)");
    }
  }

  /** Checks that a write may proceed and returns the fault that applies to it. */
  private Fault writeFault() {
    checkReadable();
    return fault != Fault.NONE ? fault : nextWriteFault;
  }

  /** Delivers the write's events (without the lock), then reports an in-doubt outcome if faulty. */
  private long afterWrite(Fault f, long rev) {
    deliver();
    if (f == Fault.WRITE_APPLIED_UNKNOWN) {
      throw new StoreUnavailableException(
          StoreUnavailableException.Outcome.UNKNOWN,
          "global store did not answer in time (in-memory fault, write applied)");
    }
    return rev;
  }

  private void checkRevision(String key, long expectedModRevision) {
    Versioned current = entries.get(key);
    if (current == null || current.modRevision() != expectedModRevision) {
      throw new StoreConflictException(
          StoreConflictException.Reason.KEY_MODIFIED, key, expectedModRevision, current);
    }
  }

  /** Applies a put (value non-null) or delete, honouring the fault; returns the new revision. */
  private long apply(Fault f, String key, byte[] value) {
    return applyAll(f, List.of(new StoreTxn.Write(key, Optional.ofNullable(value))));
  }

  /** Applies writes at one new revision, honouring the fault; returns the new revision. */
  private long applyAll(Fault f, List<StoreTxn.Write> writes) {
    if (fault == Fault.NONE) {
      nextWriteFault = Fault.NONE; // a one-shot fault is used up by the first write it hits
    }
    if (f == Fault.UNAVAILABLE) {
      throw new StoreUnavailableException(
          StoreUnavailableException.Outcome.FAILED, "global store unavailable (in-memory fault)");
    }
    if (f == Fault.WRITE_LOST_UNKNOWN) {
      throw new StoreUnavailableException(
          StoreUnavailableException.Outcome.UNKNOWN,
          "global store did not answer in time (in-memory fault, write lost)");
    }
    long rev = ++revision;
    for (StoreTxn.Write write : writes) {
      String key = write.key();
      StoreEvent event;
      if (write.isDelete()) {
        if (entries.remove(key) == null) {
          continue; // etcd records no event for deleting a missing key
        }
        event = StoreEvent.delete(key, rev);
      } else {
        byte[] value = write.value().get();
        entries.put(key, Versioned.of(key, value, rev));
        event = StoreEvent.put(key, value, rev);
      }
      history.add(event);
      for (MemoryWatch w : watches) {
        if (event.key().startsWith(w.prefix)) {
          w.offer(event);
        }
      }
    }
    return rev;
  }

  /** The index in the history of the first event at {@code fromRevision} or later. */
  private int firstEventAt(long fromRevision) {
    int lo = 0;
    int hi = history.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (history.get(mid).revision() < fromRevision) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Delivers queued events; called without the lock. */
  private void deliver() {
    for (MemoryWatch w : watches) {
      w.drain();
    }
  }

  private static <V> Map<String, V> withPrefix(TreeMap<String, V> map, String prefix) {
    if (prefix.isEmpty()) {
      return map;
    }
    return map.subMap(prefix, true, prefix + Character.MAX_VALUE, false);
  }

  /** One watch: a queue filled under the store lock, drained by whichever writer gets there. */
  private final class MemoryWatch implements Watch {
    private final String prefix;
    private final long fromRevision;
    private final WatchListener listener;
    // @GuardedBy("this")
    private final ArrayDeque<StoreEvent> queue = new ArrayDeque<>();
    // @GuardedBy("this")
    private boolean draining;
    // @GuardedBy("this")
    private boolean stopped;

    MemoryWatch(String prefix, long fromRevision, WatchListener listener) {
      this.prefix = prefix;
      this.fromRevision = fromRevision;
      this.listener = listener;
    }

    synchronized void offer(StoreEvent event) {
      if (!stopped && event.revision() >= fromRevision) { // a watch may start in the future
        queue.add(event);
      }
    }

    void drain() {
      synchronized (this) {
        if (draining) {
          return; // another thread (or an outer frame of this one) delivers in order
        }
        draining = true;
      }
      while (true) {
        StoreEvent next;
        synchronized (this) {
          next = stopped ? null : queue.poll();
          if (next == null) {
            draining = false;
            return;
          }
        }
        try {
          listener.onEvent(next);
        } catch (RuntimeException e) {
          LOG.log(System.Logger.Level.WARNING, "watch listener failed on " + next, e);
        }
      }
    }

    @Override
    public void close() {
      synchronized (this) {
        stopped = true;
        queue.clear();
      }
      watches.remove(this);
    }
  }
}
