package dev.cnm.store.etcd;

import dev.cnm.api.store.ForwardingGlobalStore;
import dev.cnm.api.store.GlobalStore;
import dev.cnm.api.store.Listing;
import dev.cnm.api.store.StoreTxn;
import dev.cnm.api.store.StoreUnavailableException;
import dev.cnm.api.store.Versioned;
import dev.cnm.api.store.Watch;
import dev.cnm.api.store.WatchListener;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/** A store that counts the failed calls it passes on, by outcome and key family, for reports. */
final class CountingStore extends ForwardingGlobalStore {
  private final GlobalStore delegate;
  private final Map<String, Integer> failures = new TreeMap<>();

  CountingStore(GlobalStore delegate) {
    this.delegate = delegate;
  }

  /** {@code "UNKNOWN ipam/GlobalDefault/addresses" -> 2}, ... */
  synchronized Map<String, Integer> failures() {
    return new TreeMap<>(failures);
  }

  private <T> T counted(String key, Supplier<T> call) {
    try {
      return call.get();
    } catch (StoreUnavailableException e) {
      String family = key.contains("/") ? key.substring(0, key.lastIndexOf('/')) : key;
      synchronized (this) {
        failures.merge(e.outcome() + " " + family, 1, Integer::sum);
      }
      throw e;
    }
  }

  @Override
  public Optional<Versioned> get(String key) {
    return counted(key, () -> delegate.get(key));
  }

  @Override
  public Listing list(String prefix) {
    return counted(prefix, () -> delegate.list(prefix));
  }

  @Override
  public long putIfAbsent(String key, byte[] value) {
    return counted(key, () -> delegate.putIfAbsent(key, value));
  }

  @Override
  public long compareAndSet(String key, long expectedModRevision, byte[] value) {
    return counted(key, () -> delegate.compareAndSet(key, expectedModRevision, value));
  }

  @Override
  public void compareAndDelete(String key, long expectedModRevision) {
    counted(key, () -> {
      delegate.compareAndDelete(key, expectedModRevision);
      return null;
    });
  }

  @Override
  public long commit(StoreTxn txn) {
    return counted(familyKey(txn), () -> delegate.commit(txn));
  }

  @Override
  public StoreTxn.Chosen commitFirst(List<StoreTxn> choices) {
    return counted(familyKey(choices.get(0)), () -> delegate.commitFirst(choices));
  }

  /** The first key a transaction writes (or checks), to file its failures under. */
  private static String familyKey(StoreTxn txn) {
    if (!txn.writes().isEmpty()) {
      return txn.writes().get(0).key();
    }
    return txn.conditions().isEmpty() ? "txn" : txn.conditions().get(0).key();
  }

  @Override
  public Watch watch(String prefix, long fromRevision, WatchListener listener) {
    return counted(prefix, () -> delegate.watch(prefix, fromRevision, listener));
  }

  @Override
  protected GlobalStore delegate() {
    return delegate;
  }
}
