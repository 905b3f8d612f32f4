package dev.cnm.drivers.bridge;

import static dev.cnm.testkit.contract.Requests.endpoint;
import static dev.cnm.testkit.contract.Requests.id;
import static dev.cnm.testkit.contract.Requests.join;
import static dev.cnm.testkit.contract.Requests.network;
import static dev.cnm.testkit.contract.Requests.v6;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.error.SystemException;
import dev.cnm.api.host.HostInterface;
import dev.cnm.api.host.HostInterfaces;
import dev.cnm.api.host.HostRules;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.port.ExposedPort;
import dev.cnm.api.port.PortBinding;
import dev.cnm.api.spi.ExternalConnectivityRequest;
import dev.cnm.api.spi.JoinRequest;
import dev.cnm.api.spi.NetworkCreateRequest;
import dev.cnm.core.host.DefaultHostRules;
import dev.cnm.testkit.contract.TestDriverContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BridgeDataPlaneTest {
  private static final String N1 = id("1111aaaa2222");
  private static final String N2 = id("3333bbbb4444");
  private static final String BR1 = "br-1111aaaa2222";
  private static final String E1 = id("e1");

  private final TestDriverContext context = TestDriverContext.seeded(5);
  private final BridgeDriver driver = new BridgeDriver(context);

  private HostInterfaces interfaces() {
    return context.interfaces();
  }

  private HostRules rules() {
    return context.rules();
  }

  /** The rules of a host where the chains are set up and no network exists. */
  private static String chainsOnly(boolean userlandProxy) {
    HostRules fresh = DefaultHostRules.create();
    BridgeFirewall.create(fresh, userlandProxy).setupChains();
    return fresh.save();
  }

  // ---- bridge devices ----

  @Test
  void create_network_creates_the_bridge_with_the_gateway_address_and_delete_removes_it() {
    driver.createNetwork(network(N1, "172.18.0.0/16", Map.of()));
    HostInterface br = interfaces().get(BR1).orElseThrow();
    assertThat(br.kind()).isEqualTo(HostInterface.Kind.BRIDGE);
    assertThat(br.addresses()).containsExactly(Subnet.parse("172.18.0.1/16"));
    assertThat(br.mtu()).isEqualTo(1500);
    driver.deleteNetwork(N1);
    assertThat(interfaces().get(BR1)).isEmpty();
  }

  @Test
  void bridge_takes_the_mtu_option_both_gateways_and_no_ipv4_when_inhibited() {
    driver.createNetwork(NetworkCreateRequest.builder()
        .from(network(N1, "172.18.0.0/16", Map.of(BridgeOptions.MTU, "1400", BridgeOptions.INHIBIT_IPV4, "true")))
        .enableIpv6(true).addIpv6Data(v6("fd00:1::/64")).build());
    HostInterface br = interfaces().get(BR1).orElseThrow();
    assertThat(br.mtu()).isEqualTo(1400);
    assertThat(br.addresses()).containsExactly(Subnet.parse("fd00:1::1/64"));
  }

  @Test
  void existing_interface_that_is_not_a_bridge_is_refused_and_nothing_changes() {
    String before = rules().save();
    assertThatThrownBy(() -> driver.createNetwork(network(N1, "172.18.0.0/16", Map.of(BridgeOptions.BRIDGE_NAME, "eth0"))))
        .isExactlyInstanceOf(SystemException.class)
        .hasMessage("existing interface eth0 is not a bridge");
    assertThat(driver.networkIds()).isEmpty();
    assertThat(rules().save()).isEqualTo(before);
  }

  @Test
  void existing_bridge_is_reused_and_kept_when_the_network_goes() {
    interfaces().addBridge("br-user", List.of(), 1500);
    driver.createNetwork(network(N1, "172.18.0.0/16", Map.of(BridgeOptions.BRIDGE_NAME, "br-user")));
    driver.deleteNetwork(N1);
    assertThat(interfaces().get("br-user")).isPresent();
  }

  @Test
  void bridge_name_longer_than_fifteen_is_refused_by_the_kernel() {
    assertThatThrownBy(() -> driver.createNetwork(network(N1, "172.18.0.0/16",
            Map.of(BridgeOptions.BRIDGE_NAME, "br-0123456789abc"))))
        .isExactlyInstanceOf(SystemException.class)
        .hasMessage("numerical result out of range");
    assertThat(driver.networkIds()).isEmpty();
  }

  // ---- veths ----

  @Test
  void create_endpoint_attaches_a_veth_to_the_bridge_and_delete_removes_it() {
    driver.createNetwork(network(N1, "172.18.0.0/16", Map.of(BridgeOptions.MTU, "1450")));
    driver.createEndpoint(endpoint(N1, E1, "172.18.0.2/16"));
    BridgeEndpoint ep = driver.findEndpoint(N1, E1).orElseThrow();
    HostInterface veth = interfaces().get(ep.vethName()).orElseThrow();
    assertThat(veth.kind()).isEqualTo(HostInterface.Kind.VETH);
    assertThat(veth.master()).contains(BR1);
    assertThat(veth.peer()).contains(ep.peerName());
    assertThat(veth.mtu()).isEqualTo(1450);
    assertThat(interfaces().bridgePorts(BR1)).containsExactly(ep.vethName());
    driver.deleteEndpoint(N1, E1);
    assertThat(interfaces().get(ep.vethName())).isEmpty();
    assertThat(interfaces().bridgePorts(BR1)).isEmpty();
  }

  @Test
  void full_bridge_fails_with_exchange_full_and_the_endpoint_is_not_created() {
    driver.createNetwork(network(N1, "10.10.0.0/16", Map.of()));
    for (int i = 0; i < HostInterfaces.BRIDGE_MAX_PORTS; i++) {
      driver.createEndpoint(endpoint(N1, id(String.format(Locale.ROOT, "e%05d", i)), "10.10.0.2/16"));
    }
    Set<String> names = driver.interfaceNames();
    String last = id("f0000");
    assertThatThrownBy(() -> driver.createEndpoint(endpoint(N1, last, "10.10.4.2/16")))
        .isExactlyInstanceOf(SystemException.class)
        .hasMessageMatching("adding interface veth[0-9a-f]{7} to bridge " + BR1 + " failed: exchange full");
    assertThat(driver.findEndpoint(N1, last)).isEmpty();
    assertThat(driver.interfaceNames()).isEqualTo(names);
    assertThat(interfaces().bridgePorts(BR1)).hasSize(HostInterfaces.BRIDGE_MAX_PORTS);
  }

  // ---- rules ----

  @Test
  void create_network_programs_isolation_icc_and_masquerade_and_delete_removes_them() {
    driver.createNetwork(network(N1, "172.18.0.0/16", Map.of()));
    String save = rules().save();
    assertThat(save)
        .contains("-A POSTROUTING -s 172.18.0.0/16 ! -o " + BR1 + " -j MASQUERADE")
        .contains("-A FORWARD -i " + BR1 + " -o " + BR1 + " -j ACCEPT")
        .contains("-A DOCKER-ISOLATION-STAGE-1 -i " + BR1 + " ! -o " + BR1 + " -j DOCKER-ISOLATION-STAGE-2")
        .contains("-A DOCKER-ISOLATION-STAGE-2 -o " + BR1 + " -j DROP");
    driver.deleteNetwork(N1);
    assertThat(rules().save()).isEqualTo(chainsOnly(true));
  }

  @Test
  void icc_off_drops_bridge_to_bridge_traffic_and_masquerade_off_has_no_postrouting() {
    driver.createNetwork(network(N1, "172.18.0.0/16",
        Map.of(BridgeOptions.ENABLE_ICC, "false", BridgeOptions.ENABLE_IP_MASQUERADE, "false")));
    assertThat(rules().save())
        .contains("-A FORWARD -i " + BR1 + " -o " + BR1 + " -j DROP")
        .doesNotContain("-j MASQUERADE");
  }

  @Test
  void host_ipv4_option_snats_instead_of_masquerading() {
    driver.createNetwork(network(N1, "172.18.0.0/16", Map.of(BridgeOptions.HOST_IPV4, "192.168.1.10")));
    assertThat(rules().save()).contains("-A POSTROUTING -s 172.18.0.0/16 ! -o " + BR1 + " -j SNAT --to-source 192.168.1.10");
  }

  @Test
  void internal_network_drops_traffic_leaving_the_subnet_and_is_not_masqueraded() {
    driver.createNetwork(NetworkCreateRequest.builder().from(network(N1, "172.18.0.0/16", Map.of())).internal(true).build());
    assertThat(rules().save())
        .contains("-A DOCKER-ISOLATION-STAGE-1 ! -d 172.18.0.0/16 -i " + BR1 + " -j DROP")
        .contains("-A DOCKER-ISOLATION-STAGE-1 ! -s 172.18.0.0/16 -o " + BR1 + " -j DROP")
        .doesNotContain("MASQUERADE");
    driver.deleteNetwork(N1);
    assertThat(rules().save()).isEqualTo(chainsOnly(true));
  }

  @Test
  void two_networks_are_isolated_from_each_other_and_removing_one_keeps_the_other() {
    driver.createNetwork(network(N1, "172.18.0.0/16", Map.of()));
    String oneNetwork = rules().save();
    driver.createNetwork(network(N2, "172.19.0.0/16", Map.of()));
    assertThat(rules().save()).contains("-A DOCKER-ISOLATION-STAGE-2 -o br-3333bbbb4444 -j DROP");
    driver.deleteNetwork(N2);
    assertThat(rules().save()).isEqualTo(oneNetwork);
  }

  @Test
  void published_ports_get_dnat_and_accept_and_revoke_removes_them() {
    driver.createNetwork(network(N1, "172.18.0.0/16", Map.of()));
    driver.createEndpoint(endpoint(N1, E1, "172.18.0.2/16"));
    driver.join(join(N1, E1));
    String before = rules().save();
    driver.programExternalConnectivity(ExternalConnectivityRequest.builder().networkId(N1).endpointId(E1)
        .addBinding(PortBinding.of(ExposedPort.tcp(80), 8080)).containerIpv4(IpAddress.parse("172.18.0.2")).build());
    assertThat(rules().save())
        .contains("--dport 8080 -j DNAT --to-destination 172.18.0.2:80")
        .contains("-A DOCKER -d 172.18.0.2/32 ! -i " + BR1 + " -o " + BR1 + " -p tcp -m tcp --dport 80 -j ACCEPT");
    driver.revokeExternalConnectivity(N1, E1);
    assertThat(rules().save()).isEqualTo(before);
  }

  @Test
  void failed_publishing_leaves_no_rules() {
    driver.createNetwork(network(N1, "172.18.0.0/16", Map.of()));
    driver.createEndpoint(endpoint(N1, E1, "172.18.0.2/16"));
    context.hostPorts().requestPort(IpAddress.ANY_V4, dev.cnm.api.port.PortProtocol.TCP, 8080);
    String before = rules().save();
    assertThatThrownBy(() -> driver.programExternalConnectivity(ExternalConnectivityRequest.builder()
            .networkId(N1).endpointId(E1)
            .addBinding(PortBinding.of(ExposedPort.tcp(81), 8081)).addBinding(PortBinding.of(ExposedPort.tcp(80), 8080))
            .containerIpv4(IpAddress.parse("172.18.0.2")).build()))
        .hasMessage("Bind for 0.0.0.0:8080 failed: port is already allocated");
    assertThat(rules().save()).isEqualTo(before);
  }

  @Test
  void delete_endpoint_while_publishing_removes_its_rules() {
    driver.createNetwork(network(N1, "172.18.0.0/16", Map.of()));
    driver.createEndpoint(endpoint(N1, E1, "172.18.0.2/16"));
    String before = rules().save();
    driver.programExternalConnectivity(ExternalConnectivityRequest.builder().networkId(N1).endpointId(E1)
        .addBinding(PortBinding.ephemeral(ExposedPort.tcp(80))).containerIpv4(IpAddress.parse("172.18.0.2")).build());
    driver.deleteEndpoint(N1, E1);
    assertThat(rules().save()).isEqualTo(before);
    assertThat(context.hostPorts().allocatedPorts()).isEmpty();
  }

  @Test
  void icc_off_linked_containers_get_accept_rules_on_the_childs_exposed_ports_until_revoked() {
    driver.createNetwork(network(N1, "172.18.0.0/16", Map.of(BridgeOptions.ENABLE_ICC, "false")));
    String child = id("c1");
    String parent = id("a1");
    driver.createEndpoint(endpoint(N1, child, "172.18.0.2/16"));
    driver.join(join(N1, child));
    driver.programExternalConnectivity(ExternalConnectivityRequest.builder().networkId(N1).endpointId(child)
        .addExposedPort(ExposedPort.tcp(5432)).containerIpv4(IpAddress.parse("172.18.0.2")).build());
    driver.createEndpoint(endpoint(N1, parent, "172.18.0.3/16"));
    String before = rules().save();
    driver.join(JoinRequest.builder().from(join(N1, parent))
        .putOption(BridgeDriverProvider.JOIN_CHILD_ENDPOINTS, child).build());
    driver.programExternalConnectivity(ExternalConnectivityRequest.builder().networkId(N1).endpointId(parent)
        .containerIpv4(IpAddress.parse("172.18.0.3")).build());
    assertThat(rules().save())
        .contains("-A DOCKER -s 172.18.0.3/32 -d 172.18.0.2/32 -i " + BR1 + " -o " + BR1
            + " -p tcp -m tcp --dport 5432 -j ACCEPT")
        .contains("-A DOCKER -s 172.18.0.2/32 -d 172.18.0.3/32 -i " + BR1 + " -o " + BR1
            + " -p tcp -m tcp --sport 5432 -j ACCEPT");
    driver.revokeExternalConnectivity(N1, parent);
    assertThat(rules().save()).isEqualTo(before);
  }

  @Test
  void icc_on_links_need_no_rules() {
    driver.createNetwork(network(N1, "172.18.0.0/16", Map.of()));
    driver.createEndpoint(endpoint(N1, E1, "172.18.0.2/16"));
    driver.join(JoinRequest.builder().from(join(N1, E1)).putOption(BridgeDriverProvider.JOIN_PARENT_ENDPOINTS, id("a1"))
        .build());
    String before = rules().save();
    driver.programExternalConnectivity(ExternalConnectivityRequest.builder().networkId(N1).endpointId(E1)
        .addExposedPort(ExposedPort.tcp(5432)).containerIpv4(IpAddress.parse("172.18.0.2")).build());
    assertThat(rules().save()).isEqualTo(before);
  }
}
