package dev.cnm.testkit.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.EndpointInfo;
import dev.cnm.api.EndpointSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.IpamPoolSpec;
import dev.cnm.api.NetworkInfo;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.error.SystemException;
import dev.cnm.api.host.HostInterface;
import dev.cnm.api.host.HostInterfaces;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.MacAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.spi.NetworkDriverProvider;
import dev.cnm.core.Cnm;
import dev.cnm.drivers.ipvlan.IpvlanDriverProvider;
import dev.cnm.testkit.EngineSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The built-in {@code ipvlan} driver under the engine: its modes and flags, one network per
 * parent, the parent's MAC shared and a custom one refused, and L3's routing without a gateway.
 */
class IpvlanEngineTest {
  private HostInterfaces host;
  private final Engine docker = Cnm.builder().seed(22).driversFromServiceLoader()
      .driver(NetworkDriverProvider.of("ipvlan", context -> {
        host = context.interfaces();
        return new IpvlanDriverProvider().create(context);
      }))
      .build();

  private static NetworkSpec.Builder ipvlan(String name, String parent, String subnet) {
    NetworkSpec.Builder b = NetworkSpec.builder().name(name).driver("ipvlan");
    if (parent != null) {
      b.putOption("parent", parent);
    }
    if (subnet != null) {
      b.addIpamConfig(IpamPoolSpec.builder().subnet(Subnet.parse(subnet)).build());
    }
    return b;
  }

  private ContainerInfo run(String name, String network, EndpointSpec endpoint) {
    return docker.run(ContainerSpec.builder().image("alpine").name(name).tty(true)
        .networkMode(NetworkMode.network(network))
        .putEndpoint(network, endpoint).build());
  }

  private String exec(String container, String... command) {
    return docker.exec(container, List.of(command)).stdout();
  }

  private boolean pings(String from, String to) {
    return docker.exec(from, List.of("ping", "-c", "1", to)).exitCode() == 0;
  }

  @Test
  void bad_mode_flag_and_loopback_are_refused_with_dockers_messages() {
    assertThatThrownBy(() -> docker.createNetwork(ipvlan("n1", "eth0", null).putOption("ipvlan_mode", "l4").build()))
        .isExactlyInstanceOf(SystemException.class)
        .hasMessage("requested ipvlan mode 'l4' is not valid, 'l2' mode is the ipvlan driver default");
    assertThatThrownBy(() -> docker.createNetwork(ipvlan("n1", "eth0", null).putOption("ipvlan_flag", "open").build()))
        .hasMessage("requested ipvlan flag 'open' is not valid, 'bridge' is the ipvlan driver default");
    assertThatThrownBy(() -> docker.createNetwork(ipvlan("n1", "lo", null).build()))
        .hasMessage("loopback interface is not a valid ipvlan parent link");
    assertThatThrownBy(() -> docker.createNetwork(ipvlan("n1", "nonexistent", null).build()))
        .hasMessage("invalid subinterface vlan name nonexistent, example formatting is eth0.10");
    assertThat(docker.findNetwork("n1")).isEmpty();
  }

  @Test
  void a_parent_takes_one_ipvlan_network() {
    NetworkInfo first = docker.createNetwork(ipvlan("n1", "eth0", "10.1.0.0/24").build());
    EngineSnapshot before = EngineSnapshot.of(docker);
    assertThatThrownBy(() -> docker.createNetwork(ipvlan("n2", "eth0", "10.2.0.0/24").build()))
        .isInstanceOf(SystemException.class)
        .hasMessage("network di-" + first.id().substring(0, 12) + " is already using parent interface eth0");
    assertThat(EngineSnapshot.of(docker)).isEqualTo(before);
  }

  @Test
  void a_custom_mac_address_is_refused_and_nothing_changes() {
    docker.createNetwork(ipvlan("ipv", "eth0", "10.1.0.0/24").build());
    // run pulls a missing image and Docker keeps it when the start fails: pulled before, so the
    // snapshot compares the network state alone.
    docker.images().pull("alpine");
    EngineSnapshot before = EngineSnapshot.of(docker);
    EndpointSpec withMac = EndpointSpec.builder().macAddress(MacAddress.parse("02:00:00:00:00:01")).build();
    assertThatThrownBy(() -> run("c1", "ipv", withMac))
        .isExactlyInstanceOf(SystemException.class)
        .hasMessage("failed to set up container networking: failed to create endpoint c1 on network ipv: "
            + "ipvlan interfaces do not support custom mac address assignment");
    docker.removeContainer("c1", true);
    assertThat(EngineSnapshot.of(docker)).isEqualTo(before);
  }

  @Test
  void l2_interfaces_share_the_parents_mac_and_use_the_pools_gateway() {
    docker.createNetwork(ipvlan("ipv", "eth0", "10.1.0.0/24").build());
    EndpointInfo ep = run("c1", "ipv", EndpointSpec.empty()).endpoint("ipv").orElseThrow();
    assertThat(ep.macAddress()).as("inspect shows no MAC, as Docker's").isEmpty();
    assertThat(ep.gateway()).contains(IpAddress.parse("10.1.0.1"));
    String eth0Mac = host.get("eth0").orElseThrow().mac().orElseThrow().toString();
    assertThat(exec("c1", "ip", "addr")).contains("link/ether " + eth0Mac)
        .contains("<BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN>");
    assertThat(exec("c1", "ip", "route")).startsWith("default via 10.1.0.1 dev eth0");
  }

  @Test
  void l3_has_no_gateway_a_default_route_via_the_device_and_no_arp() {
    NetworkInfo n = docker.createNetwork(ipvlan("routed", "eth0", "10.9.0.0/24").putOption("ipvlan_mode", "l3").build());
    assertThat(n.ipamConfigs().get(0).gateway()).isEmpty();
    run("c1", "routed", EndpointSpec.empty());
    EndpointInfo ep = docker.container("c1").endpoint("routed").orElseThrow();
    assertThat(ep.gateway()).isEmpty();
    assertThat(ep.ipv4Address()).contains(Subnet.parse("10.9.0.1/24"));
    assertThat(exec("c1", "ip", "route")).isEqualTo("default dev eth0 scope link \n"
        + "10.9.0.0/24 dev eth0 scope link  src 10.9.0.1 \n");
    assertThat(exec("c1", "ip", "addr")).contains("<BROADCAST,MULTICAST,NOARP,UP,LOWER_UP,M-DOWN>");
    run("c2", "routed", EndpointSpec.empty());
    assertThat(pings("c1", "10.9.0.2")).isTrue();
    assertThat(pings("c1", "8.8.8.8")).as("out through the default route").isTrue();
    assertThat(pings("c1", "192.168.1.10")).as("never the host").isFalse();
  }

  @Test
  void private_flag_isolates_the_containers() {
    docker.createNetwork(ipvlan("ipv", "eth0", "10.1.0.0/24").putOption("ipvlan_flag", "private").build());
    run("c1", "ipv", EndpointSpec.empty());
    run("c2", "ipv", EndpointSpec.empty());
    assertThat(pings("c1", "10.1.0.3")).isFalse();
    assertThat(pings("c1", "10.1.0.1")).isTrue();
  }

  @Test
  void no_parent_gets_a_dummy_named_di_and_the_network_id() {
    NetworkInfo n = docker.createNetwork(ipvlan("solo", null, null).build());
    String dummy = "di-" + n.id().substring(0, 12);
    assertThat(host.get(dummy).orElseThrow().kind()).isEqualTo(HostInterface.Kind.DUMMY);
    EndpointInfo ep = run("c1", "solo", EndpointSpec.empty()).endpoint("solo").orElseThrow();
    assertThat(ep.gateway()).isEmpty();
    assertThat(exec("c1", "ip", "addr")).contains("link/ether " + host.get(dummy).orElseThrow().mac().orElseThrow());
    docker.removeContainer("c1", true);
    docker.removeNetwork("solo");
    assertThat(host.get(dummy)).isEmpty();
  }

  @Test
  void a_vlan_parent_goes_with_its_network() {
    docker.createNetwork(ipvlan("v20", "eth0.20", "10.20.0.0/24").build());
    assertThat(host.get("eth0.20").orElseThrow().kind()).isEqualTo(HostInterface.Kind.VLAN);
    docker.removeNetwork("v20");
    assertThat(host.get("eth0.20")).isEmpty();
  }

  @Test
  void l3s_routes_as_l3_without_a_gateway() {
    NetworkInfo n = docker.createNetwork(ipvlan("routed", "eth0", "10.9.0.0/24").putOption("ipvlan_mode", "l3s").build());
    assertThat(n.ipamConfigs().get(0).gateway()).isEmpty();
    assertThat(n.options()).containsEntry("ipvlan_mode", "l3s");
    EndpointInfo ep = run("c1", "routed", EndpointSpec.empty()).endpoint("routed").orElseThrow();
    assertThat(ep.gateway()).isEmpty();
    assertThat(exec("c1", "ip", "route")).startsWith("default dev eth0 scope link \n");
    assertThat(exec("c1", "ip", "addr")).contains("NOARP");
  }

  @Test
  void vepa_and_bridge_flags_let_the_containers_reach_each_other_but_not_the_host() {
    docker.createNetwork(ipvlan("v1", "eth0", "10.1.0.0/24").putOption("ipvlan_flag", "vepa").build());
    docker.createNetwork(ipvlan("b1", "eth0.30", "10.30.0.0/24").putOption("ipvlan_flag", "bridge").build());
    run("c1", "v1", EndpointSpec.empty());
    run("c2", "v1", EndpointSpec.empty());
    run("c3", "b1", EndpointSpec.empty());
    run("c4", "b1", EndpointSpec.empty());
    assertThat(pings("c1", "10.1.0.3")).isTrue();
    assertThat(pings("c3", "10.30.0.3")).isTrue();
    assertThat(pings("c1", "192.168.1.10")).as("never the host").isFalse();
  }

  @Test
  void an_internal_network_keeps_its_parent_and_gets_no_gateway() {
    NetworkInfo n = docker.createNetwork(ipvlan("lab", "eth0", "10.30.0.0/24").internal(true).build());
    assertThat(n.options()).isEqualTo(java.util.Map.of("parent", "eth0"));
    assertThat(n.ipamConfigs().get(0).gateway()).isEmpty();
    EndpointInfo ep = run("c1", "lab", EndpointSpec.empty()).endpoint("lab").orElseThrow();
    assertThat(ep.gateway()).isEmpty();
    assertThat(exec("c1", "ip", "route")).doesNotContain("default");
  }
}
