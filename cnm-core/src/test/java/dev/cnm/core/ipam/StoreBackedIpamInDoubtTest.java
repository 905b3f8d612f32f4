package dev.cnm.core.ipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.ipam.AddressRequest;
import dev.cnm.api.ipam.AllocatedPool;
import dev.cnm.api.ipam.PoolRequest;
import dev.cnm.api.store.ForwardingGlobalStore;
import dev.cnm.api.store.GlobalStore;
import dev.cnm.api.store.StoreUnavailableException;
import dev.cnm.api.store.StoreUnavailableException.Outcome;
import dev.cnm.core.store.InMemoryGlobalStore;
import org.junit.jupiter.api.Test;

/**
 * A write that lands while its answer is lost, and the store goes away before the allocation can
 * re-read (a leader loss): the allocation fails with outcome {@code UNKNOWN}, and what it took is
 * given back at the driver's next global call, never leaked.
 */
class StoreBackedIpamInDoubtTest {
  private final InMemoryGlobalStore store = InMemoryGlobalStore.create();
  private final LandThenDown flaky = new LandThenDown(store);
  private final StoreBackedIpam ipam = StoreBackedIpam.create(IpamConfiguration.dockerDefaults(), flaky);

  @Test
  void address_written_in_doubt_is_given_back_at_the_next_call() {
    AllocatedPool pool = ipam.requestPool(PoolRequest.of("GlobalDefault"));
    AddressRequest any = AddressRequest.builder().poolId(pool.poolId()).build();
    flaky.landThenFail(StoreBackedIpam.USED_PREFIX);

    assertThatThrownBy(() -> ipam.requestAddress(any))
        .isInstanceOfSatisfying(StoreUnavailableException.class, e -> assertThat(e.outcome()).isEqualTo(Outcome.UNKNOWN));
    store.setFault(InMemoryGlobalStore.Fault.NONE);
    assertThat(ipam.addressesInUse(pool.poolId())).hasToString("[10.0.0.1]"); // it did land

    // Given back first, so that the lowest free address is that one again, held once.
    assertThat(ipam.requestAddress(any)).hasToString("10.0.0.1/24");
    assertThat(ipam.addressesInUse(pool.poolId())).hasToString("[10.0.0.1]");
  }

  @Test
  void pool_written_in_doubt_is_given_back_at_the_next_call() {
    flaky.landThenFail(StoreBackedIpam.POOLS_KEY);

    assertThatThrownBy(() -> ipam.requestPool(PoolRequest.of("GlobalDefault")))
        .isInstanceOfSatisfying(StoreUnavailableException.class, e -> assertThat(e.outcome()).isEqualTo(Outcome.UNKNOWN));
    store.setFault(InMemoryGlobalStore.Fault.NONE);
    assertThat(store.get(StoreBackedIpam.POOLS_KEY).orElseThrow().valueUtf8()).contains("10.0.0.0/24");

    AllocatedPool again = ipam.requestPool(PoolRequest.of("GlobalDefault"));
    assertThat(again.pool()).hasToString("10.0.0.0/24"); // the in-doubt entry went back first
    assertThat(store.get(StoreBackedIpam.POOLS_KEY).orElseThrow().valueUtf8())
        .containsOnlyOnce("10.0.0.0/24").doesNotContain("10.0.1.0/24");
  }

  @Test
  void address_written_in_doubt_but_rereadable_is_taken_once() {
    AllocatedPool pool = ipam.requestPool(PoolRequest.of("GlobalDefault"));
    store.failNextWrite(InMemoryGlobalStore.Fault.WRITE_APPLIED_UNKNOWN);

    assertThat(ipam.requestAddress(AddressRequest.builder().poolId(pool.poolId()).build())).hasToString("10.0.0.1/24");
    assertThat(ipam.addressesInUse(pool.poolId())).hasToString("[10.0.0.1]");
  }

  /** Applies the next write under a prefix, then goes unavailable and reports the write as in doubt. */
  static final class LandThenDown extends ForwardingGlobalStore {
    private final InMemoryGlobalStore store;
    private String armed;

    LandThenDown(InMemoryGlobalStore store) {
      this.store = store;
    }

    void landThenFail(String keyPrefix) {
      armed = keyPrefix;
    }

    private <T> T write(String key, java.util.function.Supplier<T> w) {
      T result = w.get();
      if (armed != null && key.startsWith(armed)) {
        armed = null;
        store.setFault(InMemoryGlobalStore.Fault.UNAVAILABLE);
        throw new StoreUnavailableException(Outcome.UNKNOWN, "leader lost (outcome unknown)");
      }
      return result;
    }

    @Override
    public long putIfAbsent(String key, byte[] value) {
      return write(key, () -> store.putIfAbsent(key, value));
    }

    @Override
    public long compareAndSet(String key, long expectedModRevision, byte[] value) {
      return write(key, () -> store.compareAndSet(key, expectedModRevision, value));
    }

    @Override
    public void compareAndDelete(String key, long expectedModRevision) {
      write(key, () -> {
        store.compareAndDelete(key, expectedModRevision);
        return null;
      });
    }

    @Override
    public long commit(dev.cnm.api.store.StoreTxn txn) {
      return write(txn.writes().get(0).key(), () -> store.commit(txn));
    }

    @Override
    public dev.cnm.api.store.StoreTxn.Chosen commitFirst(java.util.List<dev.cnm.api.store.StoreTxn> choices) {
      return write(choices.get(0).writes().get(0).key(), () -> store.commitFirst(choices));
    }

    @Override
    protected GlobalStore delegate() {
      return store;
    }

    @Override
    public void close() {} // the test's store outlives it
  }
}
