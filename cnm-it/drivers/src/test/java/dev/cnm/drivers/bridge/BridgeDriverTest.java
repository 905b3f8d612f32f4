package dev.cnm.drivers.bridge;

import static dev.cnm.testkit.contract.Requests.endpoint;
import static dev.cnm.testkit.contract.Requests.id;
import static dev.cnm.testkit.contract.Requests.join;
import static dev.cnm.testkit.contract.Requests.network;
import static dev.cnm.testkit.contract.Requests.v4;
import static dev.cnm.testkit.contract.Requests.v6;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.error.ForbiddenException;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.error.NotFoundException;
import dev.cnm.api.error.SystemException;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.MacAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.spi.DriverCapability;
import dev.cnm.api.spi.EndpointCreateRequest;
import dev.cnm.api.spi.EndpointInterface;
import dev.cnm.api.spi.IpamData;
import dev.cnm.api.spi.JoinInfo;
import dev.cnm.api.spi.NetworkCreateRequest;
import dev.cnm.testkit.contract.TestDriverContext;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BridgeDriverTest {
  private static final String N1 = id("1111aaaa2222");
  private static final String N2 = id("3333bbbb4444");
  private static final String E1 = id("e1");
  private static final String E2 = id("e2");

  private BridgeDriver driver = new BridgeDriver(TestDriverContext.seeded(42));

  private static NetworkCreateRequest dualStack(String id, String v4Pool, String v6Pool) {
    return NetworkCreateRequest.builder().from(network(id, v4Pool, Map.of()))
        .enableIpv6(true).addIpv6Data(v6(v6Pool)).build();
  }

  // ---- networks ----

  @Test
  void type_and_capability() {
    assertThat(driver.type()).isEqualTo("bridge");
    assertThat(driver.capability()).isEqualTo(DriverCapability.local());
    assertThat(new BridgeDriverProvider().type()).isEqualTo("bridge");
  }

  @Test
  void create_network_default_bridge_name_is_br_and_twelve_hex_of_the_id() {
    driver.createNetwork(network(N1, "172.18.0.0/16", Map.of()));
    BridgeNetwork n = driver.findNetwork(N1).orElseThrow();
    assertThat(n.bridgeName).isEqualTo("br-1111aaaa2222");
    assertThat(n.bridgeIpv4).contains(Subnet.parse("172.18.0.1/16"));
    assertThat(n.gatewayIpv4).contains(IpAddress.parse("172.18.0.1"));
    assertThat(n.bridgeIpv6).isEmpty();
  }

  @Test
  void create_network_same_id_is_forbidden() {
    driver.createNetwork(network(N1, "172.18.0.0/16", Map.of()));
    assertThatThrownBy(() -> driver.createNetwork(network(N1, "172.19.0.0/16", Map.of())))
        .isExactlyInstanceOf(ForbiddenException.class)
        .hasMessage("network " + N1 + " exists");
  }

  @Test
  void create_network_bad_option_is_invalid_parameter_and_leaves_no_network() {
    assertThatThrownBy(() -> driver.createNetwork(network(N1, "172.18.0.0/16", Map.of(BridgeOptions.MTU, "-1"))))
        .isExactlyInstanceOf(InvalidParameterException.class)
        .hasMessage("invalid MTU number: -1");
    assertThat(driver.networkIds()).isEmpty();
  }

  @Test
  void create_network_without_ipv4_pool_is_invalid_parameter() {
    NetworkCreateRequest noPool = NetworkCreateRequest.builder().networkId(N1).networkName("x").options(Map.of()).build();
    assertThatThrownBy(() -> driver.createNetwork(noPool))
        .isExactlyInstanceOf(InvalidParameterException.class)
        .hasMessage("ipv4 pool is empty");
    NetworkCreateRequest everything = NetworkCreateRequest.builder().from(noPool).addIpv4Data(v4("0.0.0.0/0")).build();
    assertThatThrownBy(() -> driver.createNetwork(everything)).hasMessage("ipv4 pool is empty");
    assertThat(driver.networkIds()).isEmpty();
  }

  @Test
  void create_network_ipv6_only_is_allowed_when_ipv4_is_disabled() {
    NetworkCreateRequest v6only = NetworkCreateRequest.builder().networkId(N1).networkName("x").options(Map.of())
        .enableIpv4(false).enableIpv6(true).addIpv6Data(v6("fd00:1::/64")).build();
    driver.createNetwork(v6only);
    BridgeNetwork n = driver.findNetwork(N1).orElseThrow();
    assertThat(n.gatewayIpv4).isEmpty();
    assertThat(n.gatewayIpv6).contains(IpAddress.parse("fd00:1::1"));
  }

  @Test
  void create_network_two_pools_of_a_family_is_forbidden() {
    NetworkCreateRequest twoV4 = NetworkCreateRequest.builder().from(network(N1, "172.18.0.0/16", Map.of()))
        .addIpv4Data(v4("172.19.0.0/16")).build();
    NetworkCreateRequest twoV6 = NetworkCreateRequest.builder().from(dualStack(N1, "172.18.0.0/16", "fd00:1::/64"))
        .addIpv6Data(v6("fd00:2::/64")).build();
    for (NetworkCreateRequest r : List.of(twoV4, twoV6)) {
      assertThatThrownBy(() -> driver.createNetwork(r))
          .isExactlyInstanceOf(ForbiddenException.class)
          .hasMessage("bridge driver doesn't support multiple subnets");
    }
    assertThat(driver.networkIds()).isEmpty();
  }

  @Test
  void create_network_same_bridge_name_conflicts() {
    driver.createNetwork(network(N1, "172.18.0.0/16", Map.of(BridgeOptions.BRIDGE_NAME, "br-dev")));
    assertThatThrownBy(() -> driver.createNetwork(network(N2, "172.19.0.0/16", Map.of(BridgeOptions.BRIDGE_NAME, "br-dev"))))
        .isExactlyInstanceOf(ForbiddenException.class)
        .hasMessage("cannot create network " + N2 + " (br-dev): conflicts with network " + N1
            + " (br-dev): networks have same bridge name");
    assertThat(driver.networkIds()).containsExactly(N1);
  }

  @Test
  void create_network_explicit_name_equal_to_another_default_name_conflicts() {
    driver.createNetwork(network(N1, "172.18.0.0/16", Map.of()));
    assertThatThrownBy(() -> driver.createNetwork(network(N2, "172.19.0.0/16", Map.of(BridgeOptions.BRIDGE_NAME, "br-1111aaaa2222"))))
        .hasMessage("cannot create network " + N2 + " (br-1111aaaa2222): conflicts with network " + N1
            + " (br-1111aaaa2222): networks have same bridge name");
  }

  @Test
  void create_network_overlapping_ipv4_conflicts() {
    driver.createNetwork(network(N1, "172.18.0.0/16", Map.of()));
    assertThatThrownBy(() -> driver.createNetwork(network(N2, "172.18.5.0/24", Map.of())))
        .isExactlyInstanceOf(ForbiddenException.class)
        .hasMessage("cannot create network " + N2 + " (br-3333bbbb4444): conflicts with network " + N1
            + " (br-1111aaaa2222): networks have overlapping IPv4");
    assertThatThrownBy(() -> driver.createNetwork(network(N2, "172.0.0.0/8", Map.of())))
        .hasMessageEndingWith("networks have overlapping IPv4");
  }

  @Test
  void create_network_overlapping_ipv6_conflicts() {
    driver.createNetwork(dualStack(N1, "172.18.0.0/16", "fd00:1::/64"));
    assertThatThrownBy(() -> driver.createNetwork(dualStack(N2, "172.19.0.0/16", "fd00:1::/48")))
        .isExactlyInstanceOf(ForbiddenException.class)
        .hasMessage("cannot create network " + N2 + " (br-3333bbbb4444): conflicts with network " + N1
            + " (br-1111aaaa2222): networks have overlapping IPv6");
  }

  @Test
  void create_network_disjoint_networks_coexist() {
    driver.createNetwork(dualStack(N1, "172.18.0.0/16", "fd00:1::/64"));
    driver.createNetwork(dualStack(N2, "172.19.0.0/16", "fd00:2::/64"));
    assertThat(driver.networkIds()).containsExactly(N1, N2);
  }

  @Test
  void create_network_aux_default_gateway_is_the_join_gateway() {
    IpamData data = IpamData.builder().from(v4("172.18.0.0/16"))
        .putAuxAddress(BridgeDriver.DEFAULT_GATEWAY_V4_AUX_KEY, Subnet.parse("172.18.0.254/16")).build();
    driver.createNetwork(NetworkCreateRequest.builder().networkId(N1).networkName("x").options(Map.of())
        .addIpv4Data(data).build());
    driver.createEndpoint(endpoint(N1, E1, "172.18.0.2/16"));
    JoinInfo info = driver.join(join(N1, E1));
    assertThat(info.gateway()).contains(IpAddress.parse("172.18.0.254"));
    assertThat(driver.findNetwork(N1).orElseThrow().bridgeIpv4).contains(Subnet.parse("172.18.0.1/16"));
  }

  @Test
  void delete_network_releases_name_and_subnet() {
    driver.createNetwork(network(N1, "172.18.0.0/16", Map.of(BridgeOptions.BRIDGE_NAME, "br-dev")));
    driver.deleteNetwork(N1);
    assertThat(driver.networkIds()).isEmpty();
    driver.createNetwork(network(N2, "172.18.0.0/16", Map.of(BridgeOptions.BRIDGE_NAME, "br-dev")));
    assertThat(driver.networkIds()).containsExactly(N2);
  }

  @Test
  void delete_network_unknown_is_not_found() {
    assertThatThrownBy(() -> driver.deleteNetwork(N1))
        .isExactlyInstanceOf(NotFoundException.class)
        .hasMessage("No network (" + N1 + ") exists");
  }

  @Test
  void delete_network_with_endpoints_is_forbidden() {
    driver.createNetwork(network(N1, "172.18.0.0/16", Map.of()));
    driver.createEndpoint(endpoint(N1, E1, "172.18.0.2/16"));
    assertThatThrownBy(() -> driver.deleteNetwork(N1))
        .isExactlyInstanceOf(ForbiddenException.class)
        .hasMessage("network " + N1 + " has active endpoint");
    assertThat(driver.networkIds()).containsExactly(N1);
  }

  // ---- endpoints ----

  @Test
  void create_endpoint_generates_mac_and_veth_from_the_contexts_random() {
    driver.createNetwork(network(N1, "172.18.0.0/16", Map.of()));
    EndpointInterface iface = driver.createEndpoint(endpoint(N1, E1, "172.18.0.2/16"));
    MacAddress mac = iface.macAddress().orElseThrow();
    assertThat(mac.isLocallyAdministered()).isTrue();
    assertThat(mac.isMulticast()).isFalse();
    assertThat(iface.ipv4Address()).contains(Subnet.parse("172.18.0.2/16"));
    BridgeEndpoint ep = driver.findEndpoint(N1, E1).orElseThrow();
    assertThat(ep.vethName()).matches("veth[0-9a-f]{7}");
    assertThat(ep.macAddress).isEqualTo(mac);
    assertThat(ep.peerName()).matches("veth[0-9a-f]{7}").isNotEqualTo(ep.vethName());
    assertThat(driver.interfaceNames()).containsExactlyInAnyOrder(ep.vethName(), ep.peerName());

    // The same seed gives the same names: the driver uses nothing but the context's random.
    BridgeDriver twin = new BridgeDriver(TestDriverContext.seeded(42));
    twin.createNetwork(network(N1, "172.18.0.0/16", Map.of()));
    assertThat(twin.createEndpoint(endpoint(N1, E1, "172.18.0.2/16")).macAddress()).contains(mac);
    assertThat(twin.findEndpoint(N1, E1).orElseThrow().vethName()).isEqualTo(ep.vethName());
  }

  @Test
  void create_endpoint_keeps_the_given_mac() {
    driver.createNetwork(network(N1, "172.18.0.0/16", Map.of()));
    EndpointInterface iface = driver.createEndpoint(endpoint(N1, E1, "172.18.0.2/16", "92:d0:c6:0a:29:33"));
    assertThat(iface.macAddress()).contains(MacAddress.parse("92:d0:c6:0a:29:33"));
  }

  @Test
  void create_endpoint_unknown_network_is_not_found() {
    assertThatThrownBy(() -> driver.createEndpoint(endpoint(N1, E1, "172.18.0.2/16")))
        .isExactlyInstanceOf(NotFoundException.class)
        .hasMessage("No network (" + N1 + ") exists");
  }

  @Test
  void create_endpoint_same_id_twice_is_forbidden_and_keeps_the_first() {
    driver.createNetwork(network(N1, "172.18.0.0/16", Map.of()));
    driver.createEndpoint(endpoint(N1, E1, "172.18.0.2/16"));
    BridgeEndpoint first = driver.findEndpoint(N1, E1).orElseThrow();
    assertThatThrownBy(() -> driver.createEndpoint(endpoint(N1, E1, "172.18.0.3/16")))
        .isExactlyInstanceOf(ForbiddenException.class)
        .hasMessage("Endpoint (" + E1 + ") already exists (Only one endpoint allowed)");
    assertThat(driver.findEndpoint(N1, E1)).containsSame(first);
    assertThat(driver.interfaceNames()).containsExactlyInAnyOrder(first.vethName(), first.peerName());
  }

  @Test
  void create_endpoint_veth_name_collisions_are_retried_three_times() {
    // A random source that only ever yields two numbers: the second endpoint finds both names taken.
    long[] values = {0x0123_4567_0000_0000L, 0x0abc_def0_0000_0000L};
    int[] next = {0};
    RandomGenerator twoValues = () -> values[next[0]++ % 2];
    BridgeDriver d = new BridgeDriver(TestDriverContext.withRandom(twoValues));
    d.createNetwork(network(N1, "172.18.0.0/16", Map.of()));
    d.createEndpoint(endpoint(N1, E1, "172.18.0.2/16", "02:00:00:00:00:01"));
    assertThat(d.findEndpoint(N1, E1).orElseThrow().vethName()).isEqualTo("veth1234567");
    assertThat(d.findEndpoint(N1, E1).orElseThrow().peerName()).isEqualTo("vethabcdef0");
    assertThatThrownBy(() -> d.createEndpoint(endpoint(N1, E2, "172.18.0.3/16", "02:00:00:00:00:02")))
        .isExactlyInstanceOf(SystemException.class)
        .hasMessage("could not generate interface name");
    assertThat(d.findEndpoint(N1, E2)).isEmpty();
  }

  @Test
  void create_endpoint_on_ipv6_network_without_ipv6_derives_it_from_the_mac() {
    driver.createNetwork(dualStack(N1, "172.18.0.0/16", "fd00:1::/64"));
    EndpointInterface iface = driver.createEndpoint(endpoint(N1, E1, "172.18.0.2/16", "02:42:ac:12:00:02"));
    assertThat(iface.ipv6Address()).contains(Subnet.parse("fd00:1::242:ac12:2/64"));
  }

  @Test
  void create_endpoint_on_ipv6_network_keeps_the_given_ipv6() {
    driver.createNetwork(dualStack(N1, "172.18.0.0/16", "fd00:1::/64"));
    EndpointCreateRequest r = EndpointCreateRequest.builder().from(endpoint(N1, E1, "172.18.0.2/16"))
        .iface(EndpointInterface.builder().ipv4Address(Subnet.parse("172.18.0.2/16"))
            .ipv6Address(Subnet.parse("fd00:1::2/64")).build()).build();
    assertThat(driver.createEndpoint(r).ipv6Address()).contains(Subnet.parse("fd00:1::2/64"));
  }

  @Test
  void create_endpoint_on_small_ipv6_network_without_ipv6_is_forbidden() {
    driver.createNetwork(dualStack(N1, "172.18.0.0/16", "fd00:1::/96"));
    assertThatThrownBy(() -> driver.createEndpoint(endpoint(N1, E1, "172.18.0.2/16")))
        .isExactlyInstanceOf(ForbiddenException.class)
        .hasMessage("Cannot self generate an IPv6 address on network fd00:1::1/96: At least 48 host bits are needed.");
    assertThat(driver.findEndpoint(N1, E1)).isEmpty();
    assertThat(driver.interfaceNames()).isEmpty();
  }

  @Test
  void delete_endpoint_unknown_ids_are_not_found() {
    assertThatThrownBy(() -> driver.deleteEndpoint(N1, E1))
        .isExactlyInstanceOf(NotFoundException.class).hasMessage("No network (" + N1 + ") exists");
    driver.createNetwork(network(N1, "172.18.0.0/16", Map.of()));
    assertThatThrownBy(() -> driver.deleteEndpoint(N1, E1))
        .isExactlyInstanceOf(NotFoundException.class).hasMessage("No endpoint (" + E1 + ") exists");
  }

  @Test
  void delete_endpoint_releases_the_veth() {
    driver.createNetwork(network(N1, "172.18.0.0/16", Map.of()));
    driver.createEndpoint(endpoint(N1, E1, "172.18.0.2/16"));
    driver.deleteEndpoint(N1, E1);
    assertThat(driver.findEndpoint(N1, E1)).isEmpty();
    assertThat(driver.interfaceNames()).isEmpty();
    driver.deleteNetwork(N1);
  }

  // ---- join / leave ----

  @Test
  void join_returns_veth_prefix_and_gateways() {
    driver.createNetwork(dualStack(N1, "172.18.0.0/16", "fd00:1::/64"));
    driver.createEndpoint(endpoint(N1, E1, "172.18.0.2/16"));
    JoinInfo info = driver.join(join(N1, E1));
    assertThat(info.interfaceSourceName()).isEqualTo(driver.findEndpoint(N1, E1).orElseThrow().vethName());
    assertThat(info.interfaceDestinationPrefix()).isEqualTo("eth");
    assertThat(info.gateway()).contains(IpAddress.parse("172.18.0.1"));
    assertThat(info.ipv6Gateway()).contains(IpAddress.parse("fd00:1::1"));
    assertThat(info.staticRoutes()).isEmpty();
    assertThat(info.disableGatewayService()).isFalse();
    assertThat(driver.findEndpoint(N1, E1).orElseThrow().joined).isTrue();
  }

  @Test
  void join_uses_the_container_interface_prefix_option() {
    driver.createNetwork(network(N1, "172.18.0.0/16", Map.of(BridgeOptions.CONTAINER_IFACE_PREFIX, "ens")));
    driver.createEndpoint(endpoint(N1, E1, "172.18.0.2/16"));
    assertThat(driver.join(join(N1, E1)).interfaceDestinationPrefix()).isEqualTo("ens");
  }

  @Test
  void join_with_inhibit_ipv4_still_offers_the_gateway() {
    driver.createNetwork(network(N1, "172.18.0.0/16", Map.of(BridgeOptions.INHIBIT_IPV4, "true")));
    driver.createEndpoint(endpoint(N1, E1, "172.18.0.2/16"));
    assertThat(driver.join(join(N1, E1)).gateway()).contains(IpAddress.parse("172.18.0.1"));
  }

  @Test
  void join_and_leave_unknown_ids_are_not_found() {
    assertThatThrownBy(() -> driver.join(join(N1, E1)))
        .isExactlyInstanceOf(NotFoundException.class).hasMessage("No network (" + N1 + ") exists");
    assertThatThrownBy(() -> driver.leave(N1, E1))
        .isExactlyInstanceOf(NotFoundException.class).hasMessage("No network (" + N1 + ") exists");
    driver.createNetwork(network(N1, "172.18.0.0/16", Map.of()));
    assertThatThrownBy(() -> driver.join(join(N1, E1)))
        .isExactlyInstanceOf(NotFoundException.class).hasMessage("No endpoint (" + E1 + ") exists");
    assertThatThrownBy(() -> driver.leave(N1, E1))
        .isExactlyInstanceOf(NotFoundException.class).hasMessage("No endpoint (" + E1 + ") exists");
  }

  @Test
  void leave_undoes_join() {
    driver.createNetwork(network(N1, "172.18.0.0/16", Map.of()));
    driver.createEndpoint(endpoint(N1, E1, "172.18.0.2/16"));
    BridgeEndpoint before = driver.findEndpoint(N1, E1).orElseThrow();
    driver.join(join(N1, E1));
    driver.leave(N1, E1);
    BridgeEndpoint after = driver.findEndpoint(N1, E1).orElseThrow();
    assertThat(after.joined).isFalse();
    assertThat(after.vethName()).isEqualTo(before.vethName());
    assertThat(after.macAddress).isEqualTo(before.macAddress);
  }
}
