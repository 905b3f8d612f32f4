package dev.cnm.drivers.overlay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.store.ForwardingGlobalStore;
import dev.cnm.api.store.GlobalStore;
import dev.cnm.api.store.StoreUnavailableException;
import dev.cnm.api.store.StoreUnavailableException.Outcome;
import dev.cnm.core.store.InMemoryGlobalStore;
import org.junit.jupiter.api.Test;

/**
 * VXLAN id allocations whose write has an unknown outcome: recognised when the re-read works
 * (taken once, not twice), given back at the next call when the store went away first.
 */
class VxlanIdsInDoubtTest {
  private final InMemoryGlobalStore store = InMemoryGlobalStore.create();

  @Test
  void allocationInDoubtButRereadable_takesItsIdsOnce() {
    VxlanIds ids = new VxlanIds(store);
    store.failNextWrite(InMemoryGlobalStore.Fault.WRITE_APPLIED_UNKNOWN);

    assertThat(ids.allocate(1)).containsExactly(4096);
    assertThat(ids.inUse()).containsExactly(4096);
    assertThat(ids.allocate(1)).containsExactly(4097);
  }

  @Test
  void reservationInDoubtButRereadable_isNotRefusedAsItsOwnConflict() {
    VxlanIds ids = new VxlanIds(store);
    store.failNextWrite(InMemoryGlobalStore.Fault.WRITE_APPLIED_UNKNOWN);

    ids.reserve(java.util.List.of(5000), java.util.List.of("10.0.0.0/24"));

    assertThat(ids.inUse()).containsExactly(5000);
  }

  @Test
  void allocationInDoubtWhenTheStoreWentAway_isGivenBackAtTheNextCall() {
    boolean[] armed = {true};
    GlobalStore flaky = new ForwardingGlobalStore() {
      @Override
      protected GlobalStore delegate() {
        return store;
      }

      @Override
      public long compareAndSet(String key, long expected, byte[] value) {
        return check(super.compareAndSet(key, expected, value));
      }

      @Override
      public long putIfAbsent(String key, byte[] value) {
        return check(super.putIfAbsent(key, value));
      }

      private long check(long rev) {
        if (armed[0]) {
          armed[0] = false;
          store.setFault(InMemoryGlobalStore.Fault.UNAVAILABLE);
          throw new StoreUnavailableException(Outcome.UNKNOWN, "leader lost (outcome unknown)");
        }
        return rev;
      }
    };
    VxlanIds ids = new VxlanIds(flaky);

    assertThatThrownBy(() -> ids.allocate(1))
        .isInstanceOfSatisfying(StoreUnavailableException.class, e -> assertThat(e.outcome()).isEqualTo(Outcome.UNKNOWN));
    store.setFault(InMemoryGlobalStore.Fault.NONE);
    assertThat(ids.inUse()).containsExactly(4096); // it did land

    assertThat(ids.allocate(1)).containsExactly(4097);
    assertThat(ids.inUse()).containsExactly(4097);
  }
}
