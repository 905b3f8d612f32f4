package dev.cnm.drivers.overlay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.store.ForwardingGlobalStore;
import dev.cnm.api.store.GlobalStore;
import dev.cnm.api.store.StoreUnavailableException;
import dev.cnm.api.store.StoreUnavailableException.Outcome;
import dev.cnm.core.store.InMemoryGlobalStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * VXLAN id allocations whose write has an unknown outcome: recognised when the re-read works
 * (taken once, not twice), given back at the next call when the store went away first. Releases
 * the store refused are made at the next call; one whose outcome is unknown is not made again.
 */
class VxlanIdsInDoubtTest {
  private final InMemoryGlobalStore store = InMemoryGlobalStore.create();

  @Test
  void allocation_in_doubt_but_rereadable_takes_its_ids_once() {
    VxlanIds ids = new VxlanIds(store);
    store.failNextWrite(InMemoryGlobalStore.Fault.WRITE_APPLIED_UNKNOWN);

    assertThat(ids.allocate(1)).containsExactly(4096);
    assertThat(ids.inUse()).containsExactly(4096);
    assertThat(ids.allocate(1)).containsExactly(4097);
  }

  @Test
  void reservation_in_doubt_but_rereadable_is_not_refused_as_its_own_conflict() {
    VxlanIds ids = new VxlanIds(store);
    store.failNextWrite(InMemoryGlobalStore.Fault.WRITE_APPLIED_UNKNOWN);

    ids.reserve(List.of(5000), List.of("10.0.0.0/24"));

    assertThat(ids.inUse()).containsExactly(5000);
  }

  @Test
  void allocation_in_doubt_when_the_store_went_away_is_given_back_at_the_next_call() {
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

  @Test
  void release_the_store_refused_is_made_at_the_next_call() {
    VxlanIds ids = new VxlanIds(store);
    assertThat(ids.allocate(2)).containsExactly(4096, 4097);
    store.setFault(InMemoryGlobalStore.Fault.UNAVAILABLE);

    ids.release(List.of(4096));

    store.setFault(InMemoryGlobalStore.Fault.NONE);
    assertThat(ids.inUse()).containsExactly(4096, 4097); // still marked, so nobody else takes it
    assertThat(ids.allocate(1)).containsExactly(4098);
    assertThat(ids.inUse()).containsExactly(4097, 4098);
  }

  @Test
  void release_whose_outcome_is_unknown_is_not_made_again_since_another_engine_may_hold_the_ids() {
    boolean[] armed = {false};
    VxlanIds ids = new VxlanIds(goesAwayAfterItsNextWrite(armed));
    assertThat(ids.allocate(1)).containsExactly(4096);
    armed[0] = true;

    assertThatThrownBy(() -> ids.release(List.of(4096)))
        .isInstanceOfSatisfying(StoreUnavailableException.class, e -> assertThat(e.outcome()).isEqualTo(Outcome.UNKNOWN));
    store.setFault(InMemoryGlobalStore.Fault.NONE);
    new VxlanIds(store).reserve(List.of(4096), List.of("10.0.0.0/24")); // it landed: free to take

    ids.allocate(1);
    assertThat(ids.inUse()).contains(4096);
  }

  @Test
  void release_whose_outcome_is_unknown_and_that_did_not_land_is_made_at_the_next_call() {
    boolean[] armed = {false};
    GlobalStore lost = new ForwardingGlobalStore() {
      @Override
      protected GlobalStore delegate() {
        return store;
      }

      @Override
      public long compareAndSet(String key, long expected, byte[] value) {
        if (armed[0]) {
          armed[0] = false; // the write never reached the store, which then went away
          store.setFault(InMemoryGlobalStore.Fault.UNAVAILABLE);
          throw new StoreUnavailableException(Outcome.UNKNOWN, "leader lost (outcome unknown)");
        }
        return super.compareAndSet(key, expected, value);
      }
    };
    VxlanIds ids = new VxlanIds(lost);
    assertThat(ids.allocate(2)).containsExactly(4096, 4097);
    armed[0] = true;

    assertThatThrownBy(() -> ids.release(List.of(4096)))
        .isInstanceOfSatisfying(StoreUnavailableException.class, e -> assertThat(e.outcome()).isEqualTo(Outcome.UNKNOWN));
    store.setFault(InMemoryGlobalStore.Fault.NONE);
    assertThat(ids.inUse()).containsExactly(4096, 4097); // still marked, so nobody else takes it

    assertThat(ids.allocate(1)).containsExactly(4098);
    assertThat(ids.inUse()).containsExactly(4097, 4098);
  }

  /** A store whose next write, once armed, lands and then fails as unknown, the store going away first. */
  private GlobalStore goesAwayAfterItsNextWrite(boolean[] armed) {
    return new ForwardingGlobalStore() {
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
  }
}
