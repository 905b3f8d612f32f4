package dev.cnm.core.ipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.error.CnmException;
import dev.cnm.api.error.ErrorKind;
import dev.cnm.api.ipam.AddressInUseException;
import dev.cnm.api.ipam.AddressOutOfRangeException;
import dev.cnm.api.ipam.AddressRequest;
import dev.cnm.api.ipam.AllocatedPool;
import dev.cnm.api.ipam.IpamOptions;
import dev.cnm.api.ipam.NoAvailableAddressException;
import dev.cnm.api.ipam.NoAvailablePoolException;
import dev.cnm.api.ipam.PoolOverlapException;
import dev.cnm.api.ipam.PoolRequest;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.Subnet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DefaultIpamDriverTest {
  private static final String LOCAL = "LocalDefault";
  private DefaultIpamDriver ipam;

  @BeforeEach
  void setUp() {
    ipam = DefaultIpamDriver.create();
  }

  private static Subnet net(String s) {
    return Subnet.parse(s);
  }

  private static IpAddress ip(String s) {
    return IpAddress.parse(s);
  }

  private AllocatedPool pool(String subnet) {
    return ipam.requestPool(PoolRequest.of(LOCAL, net(subnet)));
  }

  private AllocatedPool pool(String subnet, String range) {
    return ipam.requestPool(PoolRequest.builder().addressSpace(LOCAL).pool(net(subnet)).subPool(net(range)).build());
  }

  private String any(String poolId) {
    return ipam.requestAddress(AddressRequest.of(poolId)).toString();
  }

  private String serial(String poolId) {
    return ipam.requestAddress(AddressRequest.builder().poolId(poolId).serial(true).build()).toString();
  }

  private String at(String poolId, String address) {
    return ipam.requestAddress(AddressRequest.of(poolId, ip(address))).toString();
  }

  @Test
  void identity() {
    assertThat(ipam.name()).isEqualTo("default");
    assertThat(ipam.isBuiltIn()).isTrue();
    assertThat(ipam.capability().requiresRequestReplay()).isTrue();
    assertThat(ipam.capability().requiresMacAddress()).isFalse();
    assertThat(ipam.defaultAddressSpaces().local()).isEqualTo("LocalDefault");
    assertThat(ipam.defaultAddressSpaces().global()).isEqualTo("GlobalDefault");
  }

  @Test
  void predefined_local_pools_come_lowest_first_and_number31() {
    List<String> got = new ArrayList<>();
    for (int i = 0; i < 31; i++) {
      AllocatedPool p = ipam.requestPool(PoolRequest.of(LOCAL));
      assertThat(p.poolId()).isEqualTo("LocalDefault/" + p.pool());
      assertThat(p.meta()).isEmpty();
      got.add(p.pool().toString());
    }
    assertThat(got.subList(0, 5)).containsExactly("172.17.0.0/16", "172.18.0.0/16", "172.19.0.0/16", "172.20.0.0/16", "172.21.0.0/16");
    assertThat(got.get(14)).isEqualTo("172.31.0.0/16");
    assertThat(got.subList(15, 17)).containsExactly("192.168.0.0/20", "192.168.16.0/20");
    assertThat(got.get(30)).isEqualTo("192.168.240.0/20");
    assertThatThrownBy(() -> ipam.requestPool(PoolRequest.of(LOCAL)))
        .isInstanceOf(NoAvailablePoolException.class)
        .hasMessage("all predefined address pools have been fully subnetted")
        .extracting(e -> ((CnmException) e).kind()).isEqualTo(ErrorKind.INVALID_PARAMETER);
  }

  @Test
  void predefined_fills_the_gap_of_a_released_pool() {
    ipam.requestPool(PoolRequest.of(LOCAL));
    AllocatedPool second = ipam.requestPool(PoolRequest.of(LOCAL));
    ipam.requestPool(PoolRequest.of(LOCAL));
    ipam.releasePool(second.poolId());
    assertThat(ipam.requestPool(PoolRequest.of(LOCAL)).pool()).isEqualTo(net("172.18.0.0/16"));
    assertThat(ipam.requestPool(PoolRequest.of(LOCAL)).pool()).isEqualTo(net("172.20.0.0/16"));
  }

  @Test
  void predefined_skips_user_pools_and_excluded_prefixes() {
    pool("172.17.5.0/24");
    AllocatedPool p = ipam.requestPool(PoolRequest.builder().addressSpace(LOCAL)
        .addExclude(net("172.18.1.0/24")).addExclude(net("172.16.0.0/13")).build());
    assertThat(p.pool()).isEqualTo(net("172.24.0.0/16"));
  }

  @Test
  void predefined_partial_overlap_leaves_the_rest_of_a_base_usable() {
    pool("192.168.0.0/24");
    DefaultIpamDriver small = DefaultIpamDriver.create(IpamConfiguration.builder()
        .addLocalPool(DefaultAddressPool.of(net("192.168.0.0/16"), 20)).build());
    small.requestPool(PoolRequest.of(LOCAL, net("192.168.16.5/24")));
    assertThat(small.requestPool(PoolRequest.of(LOCAL)).pool()).isEqualTo(net("192.168.0.0/20"));
    assertThat(small.requestPool(PoolRequest.of(LOCAL)).pool()).isEqualTo(net("192.168.32.0/20"));
  }

  @Test
  void predefined_size_only_request() {
    AllocatedPool p = ipam.requestPool(PoolRequest.of(LOCAL, net("0.0.0.0/24")));
    assertThat(p.pool()).isEqualTo(net("172.17.0.0/24"));
    assertThat(ipam.requestPool(PoolRequest.of(LOCAL, net("0.0.0.0/24"))).pool()).isEqualTo(net("172.17.1.0/24"));
    assertThat(ipam.requestPool(PoolRequest.of(LOCAL)).pool()).isEqualTo(net("172.18.0.0/16"));
  }

  @Test
  void predefined_global() {
    assertThat(ipam.requestPool(PoolRequest.of("GlobalDefault")).pool()).isEqualTo(net("10.0.0.0/24"));
    assertThat(ipam.requestPool(PoolRequest.of("GlobalDefault")).poolId()).isEqualTo("GlobalDefault/10.0.1.0/24");
    // Different spaces never conflict.
    assertThat(pool("10.0.0.0/8").poolId()).isEqualTo("LocalDefault/10.0.0.0/8");
  }

  @Test
  void predefined_ipv6_needs_configured_pools() {
    assertThatThrownBy(() -> ipam.requestPool(PoolRequest.builder().addressSpace(LOCAL).v6(true).build()))
        .isInstanceOf(NoAvailablePoolException.class);
    DefaultIpamDriver v6 = DefaultIpamDriver.create(IpamConfiguration.dockerDefaults().toBuilder()
        .addLocalPool(DefaultAddressPool.of(net("fd12:3456:789a::/48"), 64)).build());
    AllocatedPool p = v6.requestPool(PoolRequest.builder().addressSpace(LOCAL).v6(true).build());
    assertThat(p.poolId()).isEqualTo("LocalDefault/fd12:3456:789a::/64");
    assertThat(v6.requestPool(PoolRequest.builder().addressSpace(LOCAL).v6(true).build()).pool())
        .isEqualTo(net("fd12:3456:789a:1::/64"));
    assertThat(v6.requestAddress(AddressRequest.of(p.poolId())).toString()).isEqualTo("fd12:3456:789a::1/64");
  }

  @Test
  void derived_ula_is_a_host_unique_slash48_split_into_slash64s() throws Exception {
    byte[] sha = java.security.MessageDigest.getInstance("SHA-256").digest("host-1".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String expected = String.format("fd%02x:%02x%02x:%02x%02x::/48", sha[3] & 0xFF, sha[4] & 0xFF, sha[5] & 0xFF, sha[6] & 0xFF, sha[7] & 0xFF);
    DefaultAddressPool ula = DefaultAddressPool.derivedUla("host-1");
    assertThat(ula.base()).isEqualTo(Subnet.parse(expected));
    assertThat(ula.size()).isEqualTo(64);
    assertThat(DefaultAddressPool.derivedUla("host-2").base()).isNotEqualTo(ula.base());
    IpamConfiguration c = IpamConfiguration.dockerDefaults("host-1");
    assertThat(c.localPools()).hasSize(8).last().isEqualTo(ula);
    assertThat(c.toBuilder().addDerivedUlaPool("host-2").build()).isEqualTo(c);
    DefaultIpamDriver d = DefaultIpamDriver.create(c);
    AllocatedPool p = d.requestPool(PoolRequest.builder().addressSpace(LOCAL).v6(true).build());
    assertThat(p.pool()).isEqualTo(Subnet.of(ula.base().network(), 64));
    assertThat(d.requestPool(PoolRequest.of(LOCAL)).pool()).isEqualTo(net("172.17.0.0/16"));
  }

  @Test
  void addresses_gateway_then_containers_lowest_free() {
    String id = pool("172.18.0.0/16").poolId();
    assertThat(ipam.requestAddress(AddressRequest.builder().poolId(id).gateway(true).build()).toString()).isEqualTo("172.18.0.1/16");
    assertThat(any(id)).isEqualTo("172.18.0.2/16");
    assertThat(any(id)).isEqualTo("172.18.0.3/16");
    ipam.releaseAddress(id, ip("172.18.0.2"));
    assertThat(any(id)).isEqualTo("172.18.0.2/16");
    assertThat(any(id)).isEqualTo("172.18.0.4/16");
  }

  @Test
  void addresses_host_bits_of_the_pool_are_cleared() {
    AllocatedPool p = pool("10.1.2.3/16");
    assertThat(p.pool()).isEqualTo(net("10.1.0.0/16"));
    assertThat(p.poolId()).isEqualTo("LocalDefault/10.1.0.0/16");
  }

  @Test
  void addresses_exhaustion() {
    String id = pool("10.0.0.0/30").poolId();
    assertThat(any(id)).isEqualTo("10.0.0.1/30");
    assertThat(any(id)).isEqualTo("10.0.0.2/30");
    assertThatThrownBy(() -> any(id)).isInstanceOf(NoAvailableAddressException.class)
        .hasMessage("no available addresses on this pool")
        .satisfies(e -> assertThat(((NoAvailableAddressException) e).kind()).isEqualTo(ErrorKind.UNAVAILABLE));
  }

  @Test
  void addresses_slash31_and32_reserve_nothing() {
    String p31 = pool("10.0.0.0/31").poolId();
    assertThat(any(p31)).isEqualTo("10.0.0.0/31");
    assertThat(any(p31)).isEqualTo("10.0.0.1/31");
    String p32 = pool("10.0.1.7/32").poolId();
    assertThat(any(p32)).isEqualTo("10.0.1.7/32");
    assertThatThrownBy(() -> any(p32)).isInstanceOf(NoAvailableAddressException.class);
  }

  @Test
  void addresses_extreme_prefix_lengths() {
    String all = pool("0.0.0.0/0").poolId();
    assertThat(any(all)).isEqualTo("0.0.0.1/0");
    assertThatThrownBy(() -> at(all, "255.255.255.255")).isInstanceOf(AddressInUseException.class);
    assertThat(at(all, "255.255.255.254")).isEqualTo("255.255.255.254/0");
    // An IPv6 /128 reserves its only address (the subnet-router anycast address).
    String one = ipam.requestPool(PoolRequest.of(LOCAL, net("fd00::5/128"))).poolId();
    assertThatThrownBy(() -> any(one)).isInstanceOf(NoAvailableAddressException.class);
    String two = ipam.requestPool(PoolRequest.of(LOCAL, net("fd00::6/127"))).poolId();
    assertThat(any(two)).isEqualTo("fd00::7/127");
  }

  @Test
  void addresses_ipv6_reserves_only_the_first_address() {
    String id = ipam.requestPool(PoolRequest.of(LOCAL, net("fd00::/126"))).poolId();
    assertThat(any(id)).isEqualTo("fd00::1/126");
    assertThat(any(id)).isEqualTo("fd00::2/126");
    assertThat(any(id)).isEqualTo("fd00::3/126");
    assertThatThrownBy(() -> any(id)).isInstanceOf(NoAvailableAddressException.class);
    assertThatThrownBy(() -> at(id, "fd00::")).isInstanceOf(AddressInUseException.class);
  }

  @Test
  void addresses_huge_ipv6_pools_are_not_materialised() {
    String id = ipam.requestPool(PoolRequest.of(LOCAL, net("fd00:1::/48"))).poolId();
    assertThat(any(id)).isEqualTo("fd00:1::1/48");
    assertThat(at(id, "fd00:1:0:ffff:ffff:ffff:ffff:ffff")).isEqualTo("fd00:1:0:ffff:ffff:ffff:ffff:ffff/48");
    assertThatThrownBy(() -> at(id, "fd00:1:0:ffff:ffff:ffff:ffff:ffff")).isInstanceOf(AddressInUseException.class);
    ipam.releaseAddress(id, ip("fd00:1:0:ffff:ffff:ffff:ffff:ffff"));
    assertThat(at(id, "fd00:1:0:ffff:ffff:ffff:ffff:ffff")).endsWith("/48");
    // A sub-pool far beyond the first 2^32 addresses allocates lowest-free there.
    String sub = ipam.requestPool(PoolRequest.builder().addressSpace(LOCAL).pool(net("fd00:1::/48"))
        .subPool(net("fd00:1:0:5::/64")).build()).poolId();
    assertThat(any(sub)).isEqualTo("fd00:1:0:5::/48");
    assertThat(any(sub)).isEqualTo("fd00:1:0:5::1/48");
    ipam.releaseAddress(sub, ip("fd00:1:0:5::"));
    assertThat(any(sub)).isEqualTo("fd00:1:0:5::/48");
    assertThat(ipam.estimatedBytes(id)).isLessThan(2_000);
  }

  @Test
  void addresses_static_anywhere_in_the_master_pool_dynamic_only_in_the_range() {
    AllocatedPool p = pool("10.1.0.0/16", "10.1.1.0/24");
    assertThat(p.poolId()).isEqualTo("LocalDefault/10.1.0.0/16/10.1.1.0/24");
    assertThat(p.pool()).isEqualTo(net("10.1.0.0/16"));
    // The automatic gateway is the first free address of the range (Docker's quirk).
    assertThat(ipam.requestAddress(AddressRequest.builder().poolId(p.poolId()).gateway(true).build()).toString())
        .isEqualTo("10.1.1.0/16");
    assertThat(any(p.poolId())).isEqualTo("10.1.1.1/16");
    assertThat(at(p.poolId(), "10.1.200.7")).isEqualTo("10.1.200.7/16");
    assertThatThrownBy(() -> at(p.poolId(), "10.2.0.1")).isInstanceOf(AddressOutOfRangeException.class)
        .hasMessage("requested address is out of range");
  }

  @Test
  void addresses_range_exhaustion_leaves_the_rest_of_the_pool() {
    String id = pool("10.1.0.0/24", "10.1.0.4/30").poolId();
    assertThat(List.of(any(id), any(id), any(id), any(id)))
        .containsExactly("10.1.0.4/24", "10.1.0.5/24", "10.1.0.6/24", "10.1.0.7/24");
    assertThatThrownBy(() -> any(id)).isInstanceOf(NoAvailableAddressException.class);
    assertThat(at(id, "10.1.0.8")).isEqualTo("10.1.0.8/24");
  }

  @Test
  void addresses_serial_is_next_after_last_and_wraps() {
    String id = pool("10.0.0.0/29").poolId();
    assertThat(serial(id)).isEqualTo("10.0.0.1/29");
    assertThat(serial(id)).isEqualTo("10.0.0.2/29");
    ipam.releaseAddress(id, ip("10.0.0.1"));
    assertThat(serial(id)).isEqualTo("10.0.0.3/29");
    assertThat(serial(id)).isEqualTo("10.0.0.4/29");
    assertThat(serial(id)).isEqualTo("10.0.0.5/29");
    assertThat(serial(id)).isEqualTo("10.0.0.6/29");
    assertThat(serial(id)).isEqualTo("10.0.0.1/29");
    assertThatThrownBy(() -> serial(id)).isInstanceOf(NoAvailableAddressException.class);
  }

  @Test
  void addresses_serial_as_an_option() {
    String id = pool("10.0.0.0/29").poolId();
    any(id);
    any(id);
    ipam.releaseAddress(id, ip("10.0.0.1"));
    AddressRequest r = AddressRequest.builder().poolId(id).putOption(IpamOptions.SERIAL, "true").build();
    assertThat(r.serial()).isTrue();
    assertThat(ipam.requestAddress(r).toString()).isEqualTo("10.0.0.3/29");
    assertThat(any(id)).isEqualTo("10.0.0.1/29");
  }

  @Test
  void addresses_reserved_are_in_use_and_never_released() {
    String id = pool("10.0.0.0/24").poolId();
    assertThatThrownBy(() -> at(id, "10.0.0.0")).isInstanceOf(AddressInUseException.class).hasMessage("Address already in use");
    assertThatThrownBy(() -> at(id, "10.0.0.255")).isInstanceOf(AddressInUseException.class);
    ipam.releaseAddress(id, ip("10.0.0.0"));
    ipam.releaseAddress(id, ip("10.0.0.255"));
    assertThatThrownBy(() -> at(id, "10.0.0.0")).isInstanceOf(AddressInUseException.class);
  }

  @Test
  void addresses_ipv4_mapped_ipv6_is_unmapped() {
    String id = pool("10.0.0.0/24").poolId();
    assertThat(at(id, "::ffff:10.0.0.7")).isEqualTo("10.0.0.7/24");
    ipam.releaseAddress(id, ip("::ffff:10.0.0.7"));
    assertThat(at(id, "10.0.0.7")).isEqualTo("10.0.0.7/24");
  }

  @Test
  void predefined_global_space_fills_in_order_and_refills_gaps() {
    List<AllocatedPool> pools = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      pools.add(ipam.requestPool(PoolRequest.of("GlobalDefault")));
    }
    assertThat(pools.get(599).pool()).isEqualTo(net("10.2.87.0/24"));
    ipam.releasePool(pools.get(300).poolId());
    ipam.releasePool(pools.get(5).poolId());
    assertThat(ipam.requestPool(PoolRequest.of("GlobalDefault")).pool()).isEqualTo(net("10.0.5.0/24"));
    assertThat(ipam.requestPool(PoolRequest.of("GlobalDefault")).pool()).isEqualTo(net("10.1.44.0/24"));
    assertThat(ipam.requestPool(PoolRequest.of("GlobalDefault")).pool()).isEqualTo(net("10.2.88.0/24"));
  }

  @Test
  void addresses_releasing_a_free_address_is_no_error() {
    String id = pool("10.0.0.0/24").poolId();
    ipam.releaseAddress(id, ip("10.0.0.9"));
    assertThat(any(id)).isEqualTo("10.0.0.1/24");
  }

  @Test
  void address_in_use_carries_the_values() {
    String id = pool("10.0.0.0/24").poolId();
    at(id, "10.0.0.9");
    assertThatThrownBy(() -> at(id, "10.0.0.9")).isInstanceOfSatisfying(AddressInUseException.class, e -> {
      assertThat(e.kind()).isEqualTo(ErrorKind.FORBIDDEN);
      assertThat(e.address()).isEqualTo(ip("10.0.0.9"));
      assertThat(e.poolId()).isEqualTo(id);
    });
  }

  @Test
  void overlap_is_refused_for_master_pools() {
    pool("10.0.0.0/16");
    for (String s : List.of("10.0.0.0/16", "10.0.5.0/24", "10.0.0.0/8")) {
      assertThatThrownBy(() -> pool(s)).isInstanceOfSatisfying(PoolOverlapException.class, e -> {
        assertThat(e).hasMessage("invalid pool request: Pool overlaps with other one on this address space");
        assertThat(e.kind()).isEqualTo(ErrorKind.FORBIDDEN);
        assertThat(e.pool()).isEqualTo(net(s));
      });
    }
    assertThat(pool("10.1.0.0/16").pool()).isEqualTo(net("10.1.0.0/16"));
  }

  @Test
  void overlap_sub_pool_quirk_shares_the_pool() {
    AllocatedPool a = pool("10.5.0.0/16", "10.5.1.0/24");
    AllocatedPool b = pool("10.5.0.0/16", "10.5.2.0/24");
    assertThat(any(a.poolId())).isEqualTo("10.5.1.0/16");
    assertThatThrownBy(() -> at(b.poolId(), "10.5.1.0")).isInstanceOf(AddressInUseException.class);
    // The same sub-pool twice is an overlap; a master request for the shared pool too.
    assertThatThrownBy(() -> pool("10.5.0.0/16", "10.5.1.0/24")).isInstanceOf(PoolOverlapException.class);
    assertThatThrownBy(() -> pool("10.5.0.0/16")).isInstanceOf(PoolOverlapException.class);
    // An existing master pool is shared too, without an overlap error.
    AllocatedPool m = pool("10.6.0.0/16");
    AllocatedPool c = pool("10.6.0.0/16", "10.6.9.0/24");
    assertThat(any(c.poolId())).isEqualTo("10.6.9.0/16");
    ipam.releasePool(m.poolId());
    assertThat(any(c.poolId())).isEqualTo("10.6.9.1/16");
    ipam.releasePool(c.poolId());
    assertThat(pool("10.6.0.0/16").poolId()).isEqualTo("LocalDefault/10.6.0.0/16");
    // A sub-pool request also skips the check against other pools.
    assertThat(pool("10.0.0.0/8", "10.7.0.0/24").pool()).isEqualTo(net("10.0.0.0/8"));
  }

  @Test
  void release_pool_last_user_frees_the_shared_pool() {
    AllocatedPool a = pool("10.5.0.0/16", "10.5.1.0/24");
    AllocatedPool b = pool("10.5.0.0/16", "10.5.2.0/24");
    ipam.releasePool(a.poolId());
    assertThat(ipam.allocatedPools(LOCAL, false)).containsExactly(net("10.5.0.0/16"));
    assertThatThrownBy(() -> any(a.poolId())).isInstanceOf(CnmException.class)
        .hasMessage("cannot find address pool for poolID:10.5.0.0/16/10.5.1.0/24");
    ipam.releasePool(b.poolId());
    assertThat(ipam.allocatedPools(LOCAL, false)).isEmpty();
  }

  @Test
  void sub_pool_larger_than_the_pool_means_the_pool() {
    AllocatedPool p = pool("10.5.1.0/24", "10.5.0.0/16");
    assertThat(p.poolId()).isEqualTo("LocalDefault/10.5.1.0/24/10.5.1.0/24");
    assertThat(any(p.poolId())).isEqualTo("10.5.1.1/24");
  }

  @Test
  void sub_pool_outside_the_pool_fails_on_dynamic_requests() {
    AllocatedPool p = pool("10.5.1.0/24", "10.9.0.0/28");
    assertThatThrownBy(() -> any(p.poolId())).isInstanceOf(CnmException.class)
        .hasMessage("add-any, range '10.9.0.0/28' is not in subnet '10.5.1.0/24'")
        .extracting(e -> ((CnmException) e).kind()).isEqualTo(ErrorKind.SYSTEM);
    assertThat(at(p.poolId(), "10.5.1.9")).isEqualTo("10.5.1.9/24");
  }

  static Stream<Arguments> badPoolRequests() {
    return Stream.of(
        Arguments.of(PoolRequest.builder().addressSpace("").build(), ErrorKind.SYSTEM,
            "failed to parse pool request for address space \"\" pool \"\" subpool \"\": invalid address space"),
        Arguments.of(PoolRequest.builder().addressSpace("Nope").build(), ErrorKind.INVALID_PARAMETER,
            "cannot find address space Nope"),
        Arguments.of(PoolRequest.builder().addressSpace(LOCAL).subPool(net("10.0.0.0/24")).build(), ErrorKind.SYSTEM,
            "failed to parse pool request for address space \"LocalDefault\" pool \"\" subpool \"10.0.0.0/24\": invalid address subpool"),
        Arguments.of(PoolRequest.builder().addressSpace(LOCAL).pool(net("10.0.0.0/16")).subPool(net("fd00::/64")).build(),
            ErrorKind.INVALID_PARAMETER, "pool and subpool are of incompatible address families"),
        Arguments.of(PoolRequest.builder().addressSpace(LOCAL).pool(net("172.17.0.0/16")).build(), ErrorKind.FORBIDDEN,
            "invalid pool request: Pool overlaps with other one on this address space"));
  }

  @ParameterizedTest
  @MethodSource("badPoolRequests")
  void request_pool_bad_input(PoolRequest request, ErrorKind kind, String message) {
    ipam.requestPool(PoolRequest.of(LOCAL));
    List<Subnet> before = ipam.allocatedPools(LOCAL, false);
    assertThatThrownBy(() -> ipam.requestPool(request)).isInstanceOfSatisfying(CnmException.class, e -> {
      assertThat(e).hasMessage(message);
      assertThat(e.kind()).isEqualTo(kind);
    });
    assertThat(ipam.allocatedPools(LOCAL, false)).isEqualTo(before);
  }

  static Stream<Arguments> badAddressCalls() {
    String id = "LocalDefault/10.0.0.0/24";
    Consumer<DefaultIpamDriver> none = d -> { };
    return Stream.of(
        Arguments.of("request, bad id", (Consumer<DefaultIpamDriver>) d -> d.requestAddress(AddressRequest.of("junk")),
            ErrorKind.INVALID_PARAMETER, "invalid pool id: junk"),
        Arguments.of("request, bad id", (Consumer<DefaultIpamDriver>) d -> d.requestAddress(AddressRequest.of("LocalDefault/10.0.0.0/24/x")),
            ErrorKind.INVALID_PARAMETER, "invalid pool id: LocalDefault/10.0.0.0/24/x"),
        Arguments.of("request, unknown space", (Consumer<DefaultIpamDriver>) d -> d.requestAddress(AddressRequest.of("Foo/10.0.0.0/24")),
            ErrorKind.INVALID_PARAMETER, "cannot find address space Foo"),
        Arguments.of("request, unknown pool", (Consumer<DefaultIpamDriver>) d -> d.requestAddress(AddressRequest.of("LocalDefault/10.9.0.0/24")),
            ErrorKind.NOT_FOUND, "cannot find address pool for poolID:10.9.0.0/24/invalid Prefix"),
        Arguments.of("request, unknown sub-pool", (Consumer<DefaultIpamDriver>) d -> d.requestAddress(AddressRequest.of(id + "/10.0.0.0/28")),
            ErrorKind.NOT_FOUND, "cannot find address pool for poolID:10.0.0.0/24/10.0.0.0/28"),
        Arguments.of("request, out of range", (Consumer<DefaultIpamDriver>) d -> d.requestAddress(AddressRequest.of(id, IpAddress.parse("10.0.1.1"))),
            ErrorKind.INVALID_PARAMETER, "requested address is out of range"),
        Arguments.of("request, other family", (Consumer<DefaultIpamDriver>) d -> d.requestAddress(AddressRequest.of(id, IpAddress.parse("fd00::1"))),
            ErrorKind.INVALID_PARAMETER, "requested address is out of range"),
        Arguments.of("request, in use", (Consumer<DefaultIpamDriver>) d -> d.requestAddress(AddressRequest.of(id, IpAddress.parse("10.0.0.1"))),
            ErrorKind.FORBIDDEN, "Address already in use"),
        Arguments.of("release, unknown pool", (Consumer<DefaultIpamDriver>) d -> d.releaseAddress("LocalDefault/10.9.0.0/24", IpAddress.parse("10.9.0.1")),
            ErrorKind.NOT_FOUND, "cannot find address pool for 10.9.0.0/24/invalid Prefix"),
        Arguments.of("release, unknown sub-pool", (Consumer<DefaultIpamDriver>) d -> d.releaseAddress(id + "/10.0.0.0/28", IpAddress.parse("10.0.0.1")),
            ErrorKind.NOT_FOUND, "cannot find address pool for poolID:10.0.0.0/24/10.0.0.0/28"),
        Arguments.of("release, out of range", (Consumer<DefaultIpamDriver>) d -> d.releaseAddress(id, IpAddress.parse("10.0.1.1")),
            ErrorKind.INVALID_PARAMETER, "requested address is out of range"),
        Arguments.of("release, bad id", (Consumer<DefaultIpamDriver>) d -> d.releaseAddress("x/y", IpAddress.parse("10.0.0.1")),
            ErrorKind.INVALID_PARAMETER, "invalid pool id: x/y"),
        Arguments.of("release pool, bad id", (Consumer<DefaultIpamDriver>) d -> d.releasePool("LocalDefault"),
            ErrorKind.INVALID_PARAMETER, "invalid pool id: LocalDefault"),
        Arguments.of("release pool, unknown space", (Consumer<DefaultIpamDriver>) d -> d.releasePool("Foo/10.0.0.0/24"),
            ErrorKind.INVALID_PARAMETER, "cannot find address space Foo"),
        Arguments.of("release pool, unknown", (Consumer<DefaultIpamDriver>) d -> d.releasePool("LocalDefault/10.9.0.0/24"),
            ErrorKind.INVALID_PARAMETER, "address space does not contain specified address pool"),
        Arguments.of("release pool, unknown sub-pool", (Consumer<DefaultIpamDriver>) d -> d.releasePool(id + "/10.0.0.0/28"),
            ErrorKind.INVALID_PARAMETER, "address space does not contain specified address pool"),
        Arguments.of("exhausted", (Consumer<DefaultIpamDriver>) d -> {
          for (int i = 0; i < 300; i++) {
            d.requestAddress(AddressRequest.of(id));
          }
        }, ErrorKind.UNAVAILABLE, "no available addresses on this pool"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badAddressCalls")
  void address_calls_bad_input(String what, Consumer<DefaultIpamDriver> call, ErrorKind kind, String message) {
    String id = ipam.requestPool(PoolRequest.of(LOCAL, net("10.0.0.0/24"))).poolId();
    ipam.requestAddress(AddressRequest.of(id));
    byte[] before = ipam.snapshotAddresses(id);
    assertThatThrownBy(() -> call.accept(ipam)).isInstanceOfSatisfying(CnmException.class, e -> {
      assertThat(e).hasMessage(message);
      assertThat(e.kind()).isEqualTo(kind);
    });
    if (!what.equals("exhausted")) {
      assertThat(ipam.snapshotAddresses(id)).isEqualTo(before);
    }
  }

  @Test
  void release_pool_twice_is_a_bad_pool() {
    AllocatedPool p = pool("10.0.0.0/24");
    ipam.releasePool(p.poolId());
    assertThatThrownBy(() -> ipam.releasePool(p.poolId())).isInstanceOf(CnmException.class)
        .hasMessage("address space does not contain specified address pool");
    assertThatThrownBy(() -> any(p.poolId())).hasMessage("cannot find address pool for poolID:10.0.0.0/24/invalid Prefix");
    // The same subnet can be allocated again, with fresh addresses.
    AllocatedPool again = pool("10.0.0.0/24");
    assertThat(any(again.poolId())).isEqualTo("10.0.0.1/24");
  }

  @Test
  void default_address_pool_rejects_bad_sizes() {
    assertThatThrownBy(() -> DefaultAddressPool.of(net("10.0.0.0/16"), 8)).isInstanceOf(CnmException.class)
        .hasMessage("invalid pools size: 8");
    assertThatThrownBy(() -> DefaultAddressPool.of(net("10.0.0.0/16"), 33)).hasMessage("invalid pools size: 33");
    assertThat(DefaultAddressPool.of(net("10.0.0.0/16"), 24).subnetCount()).isEqualTo(256);
  }

  @Test
  void configuration_overlapping_predefined_entries_keep_the_larger() {
    DefaultIpamDriver d = DefaultIpamDriver.create(IpamConfiguration.builder()
        .addLocalPool(DefaultAddressPool.of(net("10.0.0.0/24"), 26))
        .addLocalPool(DefaultAddressPool.of(net("10.0.0.0/16"), 24))
        .build());
    assertThat(d.requestPool(PoolRequest.of(LOCAL)).pool()).isEqualTo(net("10.0.0.0/24"));
    assertThat(d.requestPool(PoolRequest.of(LOCAL)).pool()).isEqualTo(net("10.0.1.0/24"));
  }

  @Test
  void snapshot_round_trips() {
    String id = pool("10.0.0.0/16").poolId();
    for (int i = 0; i < 50_000; i++) {
      any(id);
    }
    ipam.releaseAddress(id, ip("10.0.3.3"));
    byte[] snap = ipam.snapshotAddresses(id);
    DefaultIpamDriver other = DefaultIpamDriver.create();
    String otherId = other.requestPool(PoolRequest.of(LOCAL, net("10.0.0.0/16"))).poolId();
    other.restoreAddresses(otherId, snap);
    assertThat(other.poolData(otherId).sameAddressesAs(ipam.poolData(id))).isTrue();
    assertThat(other.requestAddress(AddressRequest.of(otherId)).toString()).isEqualTo("10.0.3.3/16");
    assertThat(snap.length).isLessThan(10_000);
    String wrong = other.requestPool(PoolRequest.of(LOCAL, net("10.1.0.0/16"))).poolId();
    assertThatThrownBy(() -> other.restoreAddresses(wrong, snap)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void memory_full_and_empty_pools_are_small() {
    String id = pool("10.0.0.0/16").poolId();
    assertThat(ipam.estimatedBytes(id)).isLessThan(1_500);
    for (int i = 0; i < 65_534; i++) {
      any(id);
    }
    assertThat(ipam.usedCount(id)).isEqualTo(65_536);
    assertThat(ipam.estimatedBytes(id)).isLessThan(1_500);
    for (int i = 1; i < 65_535; i++) {
      ipam.releaseAddress(id, Subnet.parse("10.0.0.0/16").addressAt(i));
    }
    assertThat(ipam.usedCount(id)).isEqualTo(2);
    assertThat(ipam.estimatedBytes(id)).isLessThan(1_500);
    assertThat(ipam.poolData(id).sameAddressesAs(new PoolData(net("10.0.0.0/16"), "x"))).isTrue();
  }

  @Test
  void concurrent_requests_never_hand_out_an_address_twice() throws Exception {
    String id = pool("10.0.0.0/20").poolId();
    Set<String> seen = ConcurrentHashMap.newKeySet();
    List<Thread> threads = new ArrayList<>();
    CountDownLatch start = new CountDownLatch(1);
    List<Throwable> failures = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread th = new Thread(() -> {
        try {
          start.await();
          Set<String> mine = new HashSet<>();
          for (int i = 0; i < 800; i++) {
            String a = any(id);
            if (!seen.add(a)) {
              throw new AssertionError("twice: " + a);
            }
            mine.add(a);
            if (i % 3 == 0) {
              String r = mine.iterator().next();
              mine.remove(r);
              seen.remove(r);
              ipam.releaseAddress(id, Subnet.parse(r).address());
            }
          }
        } catch (Throwable e) {
          synchronized (failures) {
            failures.add(e);
          }
        }
      });
      threads.add(th);
      th.start();
    }
    start.countDown();
    for (Thread th : threads) {
      th.join();
    }
    assertThat(failures).isEmpty();
    assertThat(ipam.usedCount(id)).isEqualTo(seen.size() + 2);
  }
}
