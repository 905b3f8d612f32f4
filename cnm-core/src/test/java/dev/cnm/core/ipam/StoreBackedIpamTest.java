package dev.cnm.core.ipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.error.NotFoundException;
import dev.cnm.api.error.UnavailableException;
import dev.cnm.api.ipam.AddressInUseException;
import dev.cnm.api.ipam.AddressOutOfRangeException;
import dev.cnm.api.ipam.AddressRequest;
import dev.cnm.api.ipam.AllocatedPool;
import dev.cnm.api.ipam.NoAvailableAddressException;
import dev.cnm.api.ipam.PoolOverlapException;
import dev.cnm.api.ipam.PoolRequest;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.core.store.InMemoryGlobalStore;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StoreBackedIpamTest {
  private static final String GLOBAL = "GlobalDefault";

  private InMemoryGlobalStore store;
  private StoreBackedIpam one;
  private StoreBackedIpam two;

  @BeforeEach
  void setUp() {
    store = InMemoryGlobalStore.create();
    one = StoreBackedIpam.create(IpamConfiguration.dockerDefaults(), store);
    two = StoreBackedIpam.create(IpamConfiguration.dockerDefaults(), store);
  }

  private static Subnet next(StoreBackedIpam ipam, String poolId) {
    return ipam.requestAddress(AddressRequest.builder().poolId(poolId).serial(true).build());
  }

  @Test
  void addresses_are_the_lowest_free_whichever_driver_asks() {
    String pool = one.requestPool(PoolRequest.of(GLOBAL)).poolId();
    AddressRequest any = AddressRequest.builder().poolId(pool).build();
    assertThat(one.requestAddress(any)).hasToString("10.0.0.1/24");
    assertThat(two.requestAddress(any)).hasToString("10.0.0.2/24");
    assertThat(one.requestAddress(any)).hasToString("10.0.0.3/24");
    two.releaseAddress(pool, IpAddress.parse("10.0.0.2"));
    assertThat(one.requestAddress(any)).hasToString("10.0.0.2/24");
    assertThat(store.list(StoreBackedIpam.CURSOR_PREFIX).entries()).isEmpty(); // no hot key per pool
  }

  @Test
  void a_stale_listing_costs_a_conflict_and_the_next_lowest_free_address_is_taken() {
    String pool = one.requestPool(PoolRequest.of(GLOBAL)).poolId();
    AddressRequest any = AddressRequest.builder().poolId(pool).build();
    one.observe(store.list(""));
    assertThat(two.requestAddress(any)).hasToString("10.0.0.1/24");
    assertThat(two.requestAddress(any)).hasToString("10.0.0.2/24");

    assertThat(one.requestAddress(any)).hasToString("10.0.0.3/24");
    assertThat(one.addressesInUse(pool)).extracting(IpAddress::toString)
        .containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.3");
  }

  @Test
  void a_host_that_loses_the_lowest_addresses_takes_the_next_free_one_in_the_same_round_trip() {
    String pool = one.requestPool(PoolRequest.of(GLOBAL)).poolId();
    AddressRequest any = AddressRequest.builder().poolId(pool).build();
    int[] commits = {0};
    dev.cnm.api.store.GlobalStore counting = new dev.cnm.api.store.ForwardingGlobalStore() {
      @Override
      protected dev.cnm.api.store.GlobalStore delegate() {
        return store;
      }

      @Override
      public long commit(dev.cnm.api.store.StoreTxn txn) {
        commits[0]++;
        return store.commit(txn);
      }

      @Override
      public dev.cnm.api.store.StoreTxn.Chosen commitFirst(List<dev.cnm.api.store.StoreTxn> choices) {
        commits[0]++;
        return store.commitFirst(choices);
      }
    };
    StoreBackedIpam three = StoreBackedIpam.create(IpamConfiguration.dockerDefaults(), counting);
    three.observe(store.list(""));
    assertThat(two.requestAddress(any)).hasToString("10.0.0.1/24"); // both taken after the view
    assertThat(two.requestAddress(any)).hasToString("10.0.0.2/24");

    assertThat(three.requestAddress(any)).hasToString("10.0.0.3/24");
    assertThat(commits[0]).isEqualTo(1);

    three.observe(store.list(""));
    two.releaseAddress(pool, IpAddress.parse("10.0.0.1")); // freed after the view: not seen,
    assertThat(two.requestAddress(any)).hasToString("10.0.0.1/24"); // and taken again
    assertThat(one.requestAddress(any)).hasToString("10.0.0.4/24");
    assertThat(one.requestAddress(any)).hasToString("10.0.0.5/24");
    assertThat(one.requestAddress(any)).hasToString("10.0.0.6/24");
    commits[0] = 0;
    assertThat(three.requestAddress(any)).hasToString("10.0.0.7/24"); // 4, 5, 6 lost: a second round
    assertThat(commits[0]).isEqualTo(2);
  }

  @Test
  void the_callers_writes_land_with_the_address_and_a_refused_condition_of_its_writes_nothing() {
    String pool = one.requestPool(PoolRequest.of(GLOBAL)).poolId();
    AddressRequest any = AddressRequest.builder().poolId(pool).build();
    Subnet got = one.requestAddress(any, (address, txn) -> txn.put("owner/" + address.address(), new byte[] {1}));
    assertThat(store.get("owner/" + got.address()).orElseThrow().modRevision())
        .isEqualTo(store.list(StoreBackedIpam.USED_PREFIX).entries().get(0).modRevision());

    store.putIfAbsent("taken", new byte[] {1});
    assertThatThrownBy(() -> one.requestAddress(any, (address, txn) -> txn.requireAbsent("taken")))
        .isInstanceOf(dev.cnm.api.store.StoreConflictException.class);
    assertThat(one.addressesInUse(pool)).containsExactly(got.address());
  }

  @Test
  void global_pools_are_the_lowest_free24s_across_drivers() {
    AllocatedPool a = one.requestPool(PoolRequest.of(GLOBAL));
    AllocatedPool b = two.requestPool(PoolRequest.of(GLOBAL));
    assertThat(a.poolId()).isEqualTo("GlobalDefault/10.0.0.0/24");
    assertThat(b.pool()).isEqualTo(Subnet.parse("10.0.1.0/24"));
    one.releasePool(a.poolId());
    assertThat(two.requestPool(PoolRequest.of(GLOBAL)).pool()).isEqualTo(Subnet.parse("10.0.0.0/24"));
  }

  @Test
  void a_requested_pool_overlapping_another_drivers_pool_is_refused() {
    one.requestPool(PoolRequest.of(GLOBAL));
    assertThatThrownBy(() -> two.requestPool(PoolRequest.of(GLOBAL, Subnet.parse("10.0.0.0/16"))))
        .isInstanceOf(PoolOverlapException.class)
        .hasMessage("invalid pool request: Pool overlaps with other one on this address space");
    assertThat(two.requestPool(PoolRequest.of(GLOBAL, Subnet.parse("10.1.0.0/16"))).poolId())
        .isEqualTo("GlobalDefault/10.1.0.0/16");
  }

  @Test
  void local_pools_stay_in_the_engine() {
    assertThat(one.requestPool(PoolRequest.of("LocalDefault")).pool()).isEqualTo(Subnet.parse("172.17.0.0/16"));
    assertThat(two.requestPool(PoolRequest.of("LocalDefault")).pool()).isEqualTo(Subnet.parse("172.17.0.0/16"));
    assertThat(store.list("").entries()).isEmpty();
  }

  @Test
  void addresses_are_serial_across_drivers_and_the_gateway_takes_the_lowest() {
    String pool = one.requestPool(PoolRequest.of(GLOBAL)).poolId();
    assertThat(one.requestAddress(AddressRequest.builder().poolId(pool).gateway(true).build()))
        .isEqualTo(Subnet.parse("10.0.0.1/24"));
    assertThat(next(one, pool)).isEqualTo(Subnet.parse("10.0.0.2/24"));
    assertThat(next(two, pool)).isEqualTo(Subnet.parse("10.0.0.3/24"));
    one.releaseAddress(pool, IpAddress.parse("10.0.0.2"));
    assertThat(next(two, pool)).isEqualTo(Subnet.parse("10.0.0.4/24"));
    assertThat(one.addressesInUse(pool)).containsExactly(IpAddress.parse("10.0.0.1"), IpAddress.parse("10.0.0.3"),
        IpAddress.parse("10.0.0.4"));
  }

  @Test
  void serial_allocation_wraps_around_and_reports_a_full_pool() {
    String pool = one.requestPool(PoolRequest.of(GLOBAL, Subnet.parse("10.9.0.0/29"))).poolId();
    for (int i = 1; i <= 6; i++) {
      assertThat(next(i % 2 == 0 ? one : two, pool).address()).isEqualTo(IpAddress.parse("10.9.0." + i));
    }
    assertThatThrownBy(() -> next(one, pool)).isInstanceOf(NoAvailableAddressException.class);
    two.releaseAddress(pool, IpAddress.parse("10.9.0.3"));
    two.releaseAddress(pool, IpAddress.parse("10.9.0.5"));
    assertThat(next(one, pool).address()).isEqualTo(IpAddress.parse("10.9.0.3"));
  }

  @Test
  void preferred_addresses_are_checked_on_the_stored_version() {
    String pool = one.requestPool(PoolRequest.of(GLOBAL)).poolId();
    one.requestAddress(AddressRequest.of(pool, IpAddress.parse("10.0.0.9")));
    assertThatThrownBy(() -> two.requestAddress(AddressRequest.of(pool, IpAddress.parse("10.0.0.9"))))
        .isInstanceOf(AddressInUseException.class);
    assertThatThrownBy(() -> two.requestAddress(AddressRequest.of(pool, IpAddress.parse("10.0.1.9"))))
        .isInstanceOf(AddressOutOfRangeException.class);
  }

  @Test
  void a_pool_released_elsewhere_is_not_found() {
    String pool = one.requestPool(PoolRequest.of(GLOBAL)).poolId();
    two.releasePool(pool);
    assertThatThrownBy(() -> next(one, pool)).isInstanceOf(NotFoundException.class)
        .hasMessage("cannot find address pool for poolID:10.0.0.0/24/invalid Prefix");
    assertThat(store.list("").entries()).isEmpty();
  }

  @Test
  void a_write_with_an_unknown_outcome_that_landed_is_not_applied_twice() {
    String pool = one.requestPool(PoolRequest.of(GLOBAL)).poolId();
    store.failNextWrite(InMemoryGlobalStore.Fault.WRITE_APPLIED_UNKNOWN);
    assertThat(next(one, pool)).isEqualTo(Subnet.parse("10.0.0.1/24"));
    assertThat(one.addressesInUse(pool)).containsExactly(IpAddress.parse("10.0.0.1"));

    store.failNextWrite(InMemoryGlobalStore.Fault.WRITE_APPLIED_UNKNOWN);
    AllocatedPool second = two.requestPool(PoolRequest.of(GLOBAL));
    assertThat(second.pool()).isEqualTo(Subnet.parse("10.0.1.0/24"));
    assertThat(one.requestPool(PoolRequest.of(GLOBAL)).pool()).isEqualTo(Subnet.parse("10.0.2.0/24"));
  }

  @Test
  void a_write_with_an_unknown_outcome_that_was_lost_is_retried() {
    String pool = one.requestPool(PoolRequest.of(GLOBAL)).poolId();
    store.failNextWrite(InMemoryGlobalStore.Fault.WRITE_LOST_UNKNOWN);
    assertThat(next(one, pool)).isEqualTo(Subnet.parse("10.0.0.1/24"));
    assertThat(two.addressesInUse(pool)).containsExactly(IpAddress.parse("10.0.0.1"));
  }

  @Test
  void an_unavailable_store_fails_global_requests_only() {
    String pool = one.requestPool(PoolRequest.of(GLOBAL)).poolId();
    long revision = store.revision();
    store.setFault(InMemoryGlobalStore.Fault.UNAVAILABLE);
    assertThatThrownBy(() -> one.requestPool(PoolRequest.of(GLOBAL))).isInstanceOf(UnavailableException.class);
    assertThatThrownBy(() -> next(one, pool)).isInstanceOf(UnavailableException.class);
    assertThat(one.requestPool(PoolRequest.of("LocalDefault")).pool()).isEqualTo(Subnet.parse("172.17.0.0/16"));
    store.setFault(InMemoryGlobalStore.Fault.NONE);
    assertThat(store.revision()).isEqualTo(revision);
    assertThat(List.of(next(two, pool))).containsExactly(Subnet.parse("10.0.0.1/24"));
  }
}
