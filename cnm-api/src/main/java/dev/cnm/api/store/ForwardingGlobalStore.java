package dev.cnm.api.store;

import java.util.Optional;

/**
 * A {@link GlobalStore} that forwards every call to another one, for decorators that change a few
 * calls: fault injection, counting, latency, logging. Subclasses override what they change, as
 * with Guava's {@code Forwarding*} classes. {@link #close()} closes the delegate too.
 *
 * <p>Each call is forwarded as it is: {@link #commitFirst} goes to the delegate's {@code
 * commitFirst} (one transaction on etcd), not through this class's {@link #commit}. A decorator
 * that changes what {@code commit} does (a fault, a count, a delay) and means it for every
 * transaction overrides {@code commitFirst} too, or routes it through its {@code commit} with
 * {@link #standardCommitFirst}.
 *
 * <pre>{@code
 * GlobalStore flaky = new ForwardingGlobalStore() {
 *   int puts;
 *
 *   protected GlobalStore delegate() {
 *     return store;
 *   }
 *
 *   public long putIfAbsent(String key, byte[] value) {
 *     if (++puts == 3) {
 *       throw new StoreUnavailableException(StoreUnavailableException.Outcome.UNKNOWN, "leader lost");
 *     }
 *     return super.putIfAbsent(key, value);
 *   }
 * };
 * }</pre>
 */
public abstract class ForwardingGlobalStore implements GlobalStore {
  /** Constructor for subclasses. */
  protected ForwardingGlobalStore() {}

  /** {@return the store the calls go to} */
  protected abstract GlobalStore delegate();

  @Override
  public Optional<Versioned> get(String key) {
    return delegate().get(key);
  }

  @Override
  public Listing list(String prefix) {
    return delegate().list(prefix);
  }

  @Override
  public long putIfAbsent(String key, byte[] value) {
    return delegate().putIfAbsent(key, value);
  }

  @Override
  public long compareAndSet(String key, long expectedModRevision, byte[] value) {
    return delegate().compareAndSet(key, expectedModRevision, value);
  }

  @Override
  public void compareAndDelete(String key, long expectedModRevision) {
    delegate().compareAndDelete(key, expectedModRevision);
  }

  @Override
  public long commit(StoreTxn txn) {
    return delegate().commit(txn);
  }

  @Override
  public StoreTxn.Chosen commitFirst(java.util.List<StoreTxn> choices) {
    return delegate().commitFirst(choices);
  }

  /**
   * {@link #commitFirst} as the alternatives one by one through this object's {@link #commit}
   * (the interface's default), for a decorator whose {@code commit} should see every
   * transaction. It loses the delegate's single round trip, not its meaning: the first
   * alternative whose conditions hold is committed.
   *
   * @param choices the alternatives, in order of preference; at least one
   * @return which alternative was committed, and the store revision of the commit
   */
  protected final StoreTxn.Chosen standardCommitFirst(java.util.List<StoreTxn> choices) {
    return GlobalStore.super.commitFirst(choices);
  }

  @Override
  public long revision() {
    return delegate().revision();
  }

  @Override
  public Watch watch(String prefix, long fromRevision, WatchListener listener) {
    return delegate().watch(prefix, fromRevision, listener);
  }

  @Override
  public void close() {
    delegate().close();
  }
}
