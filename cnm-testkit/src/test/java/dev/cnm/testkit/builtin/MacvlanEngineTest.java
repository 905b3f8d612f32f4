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
import dev.cnm.api.Scope;
import dev.cnm.api.error.SystemException;
import dev.cnm.api.host.HostInterface;
import dev.cnm.api.host.HostInterfaces;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.MacAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.spi.NetworkDriverProvider;
import dev.cnm.core.Cnm;
import dev.cnm.drivers.macvlan.MacvlanDriverProvider;
import dev.cnm.testkit.EngineSnapshot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The built-in {@code macvlan} driver under the engine: Docker 28's messages for bad parents and
 * modes, the parent links on the host model, IPAM, and what a container reaches.
 */
class MacvlanEngineTest {
  private HostInterfaces host;
  private final Engine docker = Cnm.builder().seed(21).driversFromServiceLoader()
      .driver(NetworkDriverProvider.of("macvlan", context -> {
        host = context.interfaces();
        return new MacvlanDriverProvider().create(context);
      }))
      .build();

  private static NetworkSpec.Builder macvlan(String name, String parent, String subnet) {
    NetworkSpec.Builder b = NetworkSpec.builder().name(name).driver("macvlan");
    if (parent != null) {
      b.putOption("parent", parent);
    }
    if (subnet != null) {
      b.addIpamConfig(IpamPoolSpec.builder().subnet(Subnet.parse(subnet)).build());
    }
    return b;
  }

  private ContainerInfo run(String name, String network) {
    return run(name, network, EndpointSpec.empty());
  }

  private ContainerInfo run(String name, String network, EndpointSpec endpoint) {
    return docker.run(ContainerSpec.builder().image("alpine").name(name).tty(true)
        .networkMode(NetworkMode.network(network))
        .putEndpoint(network, endpoint).build());
  }

  private boolean pings(String from, String to) {
    return docker.exec(from, List.of("ping", "-c", "1", to)).exitCode() == 0;
  }

  @Test
  void missing_parent_is_refused_with_dockers_message_and_changes_nothing() {
    EngineSnapshot before = EngineSnapshot.of(docker);
    assertThatThrownBy(() -> docker.createNetwork(macvlan("lan", "nonexistent", "192.168.1.0/24").build()))
        .isExactlyInstanceOf(SystemException.class)
        .hasMessage("invalid subinterface vlan name nonexistent, example formatting is eth0.10");
    assertThat(EngineSnapshot.of(docker)).isEqualTo(before);
    // The pool was given back: the same subnet is free.
    assertThat(docker.createNetwork(macvlan("lan", "eth0", "192.168.1.0/24").build()).name()).isEqualTo("lan");
  }

  @Test
  void vlan_parent_on_a_missing_link_is_refused() {
    assertThatThrownBy(() -> docker.createNetwork(macvlan("lan", "eth9.10", null).build()))
        .hasMessage("-o parent interface was not found on the host: eth9");
    assertThatThrownBy(() -> docker.createNetwork(macvlan("lan", "eth0.5000", null).build()))
        .hasMessage("vlan id must be between 1-4094, received: 5000");
    assertThatThrownBy(() -> docker.createNetwork(macvlan("lan", "eth0.ten", null).build()))
        .hasMessage("unable to parse a valid vlan id from: ten (ex. eth0.10 for vlan 10)");
    assertThatThrownBy(() -> docker.createNetwork(macvlan("lan", "eth0.1.2", null).build()))
        .hasMessage("required interface name format is: name.vlan_id, ex. eth0.10 for vlan 10, instead received eth0.1.2");
    assertThat(docker.findNetwork("lan")).isEmpty();
    assertThat(host.get("eth0.5000")).isEmpty();
  }

  @Test
  void bad_mode_and_loopback_parent_are_refused() {
    assertThatThrownBy(() -> docker.createNetwork(macvlan("lan", "eth0", null).putOption("macvlan_mode", "fast").build()))
        .hasMessage("requested macvlan mode 'fast' is not valid, 'bridge' mode is the macvlan driver default");
    assertThatThrownBy(() -> docker.createNetwork(macvlan("lan", "lo", null).build()))
        .hasMessage("loopback interface is not a valid macvlan parent link");
  }

  @Test
  void vlan_sub_interface_is_created_and_removed_with_the_last_network_using_it() {
    NetworkInfo a = docker.createNetwork(macvlan("vlan10a", "eth0.10", "10.10.0.0/24").build());
    HostInterface vlan = host.get("eth0.10").orElseThrow();
    assertThat(vlan.kind()).isEqualTo(HostInterface.Kind.VLAN);
    assertThat(vlan.link()).contains("eth0");
    assertThat(vlan.mac()).isEqualTo(host.get("eth0").orElseThrow().mac());
    docker.createNetwork(macvlan("vlan10b", "eth0.10", "10.10.1.0/24").build());
    docker.removeNetwork(a.id());
    assertThat(host.get("eth0.10")).isPresent();
    docker.removeNetwork("vlan10b");
    assertThat(host.get("eth0.10")).isEmpty();
    assertThat(host.get("eth0")).isPresent();
  }

  @Test
  void an_existing_parent_is_never_removed() {
    docker.createNetwork(macvlan("lan", "eth0", "192.168.1.0/24").build());
    docker.removeNetwork("lan");
    assertThat(host.get("eth0")).isPresent();
  }

  @Test
  void inspect_shows_the_parent_option_scope_and_driver() {
    NetworkInfo n = docker.createNetwork(macvlan("lan", "eth0.10", "10.10.0.0/24").build());
    assertThat(n.options()).isEqualTo(Map.of("parent", "eth0.10"));
    assertThat(n.scope()).isEqualTo(Scope.LOCAL);
    assertThat(n.driver()).isEqualTo("macvlan");
    assertThat(n.ipamConfigs().get(0).gateway()).contains(IpAddress.parse("10.10.0.1"));
  }

  @Test
  void one_passthru_network_per_parent() {
    NetworkInfo first = docker.createNetwork(macvlan("pt", "eth0", "10.1.0.0/24").putOption("macvlan_mode", "passthru")
        .build());
    assertThatThrownBy(() -> docker.createNetwork(macvlan("other", "eth0", "10.2.0.0/24").build()))
        .isInstanceOf(SystemException.class)
        .hasMessage("macvlan network " + first.id() + " is already using parent interface eth0 in mode passthru");
    docker.removeNetwork("pt");
    NetworkInfo bridged = docker.createNetwork(macvlan("br", "eth0", "10.3.0.0/24").build());
    assertThatThrownBy(() -> docker.createNetwork(macvlan("pt", "eth0", "10.1.0.0/24")
        .putOption("macvlan_mode", "passthru").build()))
        .hasMessage("cannot use mode passthru, macvlan network " + bridged.id() + " is already using parent interface eth0");
  }

  @Test
  void a_passthru_parent_takes_a_single_container() {
    docker.createNetwork(macvlan("pt", "eth0", "10.1.0.0/24").putOption("macvlan_mode", "passthru").build());
    run("one", "pt");
    EngineSnapshot before = EngineSnapshot.of(docker);
    assertThatThrownBy(() -> run("two", "pt"))
        .hasMessage("failed to set up container networking: failed to create the macvlan port: invalid argument");
    assertThat(docker.container("two").isRunning()).isFalse();
    docker.removeContainer("two", true);
    assertThat(EngineSnapshot.of(docker)).isEqualTo(before);
  }

  @Test
  void no_parent_gets_a_dummy_parent_and_no_gateway() {
    NetworkInfo n = docker.createNetwork(macvlan("isolated", null, "10.20.0.0/24").build());
    String dummy = "dm-" + n.id().substring(0, 12);
    assertThat(host.get(dummy).orElseThrow().kind()).isEqualTo(HostInterface.Kind.DUMMY);
    assertThat(n.options()).isEmpty();
    assertThat(n.ipamConfigs().get(0).gateway()).isEmpty();
    ContainerInfo c = run("c1", "isolated");
    assertThat(c.endpoint("isolated").orElseThrow().gateway()).isEmpty();
    run("c2", "isolated");
    assertThat(pings("c1", "c2")).isTrue();
    assertThat(pings("c1", "8.8.8.8")).isFalse();
    docker.removeContainer("c1", true);
    docker.removeContainer("c2", true);
    docker.removeNetwork("isolated");
    assertThat(host.get(dummy)).isEmpty();
  }

  @Test
  void internal_network_keeps_its_parent_and_gets_no_gateway() {
    NetworkInfo n = docker.createNetwork(macvlan("lab", "eth0", "10.30.0.0/24").internal(true).build());
    assertThat(n.options()).isEqualTo(Map.of("parent", "eth0"));
    assertThat(n.ipamConfigs().get(0).gateway()).isEmpty();
    assertThat(run("c1", "lab").endpoint("lab").orElseThrow().gateway()).isEmpty();
  }

  @Test
  void without_a_subnet_the_pool_is_a_predefined_one() {
    NetworkInfo n = docker.createNetwork(macvlan("lan", "eth0", null).build());
    assertThat(n.ipamConfigs().get(0).subnet()).isEqualTo(Subnet.parse("172.18.0.0/16"));
    assertThat(n.ipamConfigs().get(0).gateway()).contains(IpAddress.parse("172.18.0.1"));
    assertThat(run("c1", "lan").endpoint("lan").orElseThrow().ipv4Address()).contains(Subnet.parse("172.18.0.2/16"));
  }

  @Test
  void aux_addresses_ip_ip6_and_ipv6_behave_as_on_any_network() {
    docker.createNetwork(macvlan("lan", "eth0", null).enableIpv6(true)
        .ipamConfigs(List.of(
            IpamPoolSpec.builder().subnet(Subnet.parse("192.168.1.0/24")).gateway(IpAddress.parse("192.168.1.1"))
                .putAuxAddress("printer", IpAddress.parse("192.168.1.2")).build(),
            IpamPoolSpec.builder().subnet(Subnet.parse("fd00:10::/64")).build()))
        .build());
    EndpointInfo auto = run("auto", "lan").endpoint("lan").orElseThrow();
    assertThat(auto.ipv4Address()).contains(Subnet.parse("192.168.1.3/24"));
    assertThat(auto.ipv6Address()).contains(Subnet.parse("fd00:10::2/64"));
    assertThat(auto.gateway()).contains(IpAddress.parse("192.168.1.1"));
    assertThat(auto.ipv6Gateway()).contains(IpAddress.parse("fd00:10::1"));
    EndpointInfo fixed = run("fixed", "lan", EndpointSpec.builder().ipv4Address(IpAddress.parse("192.168.1.50"))
        .ipv6Address(IpAddress.parse("fd00:10::50")).build()).endpoint("lan").orElseThrow();
    assertThat(fixed.ipv4Address()).contains(Subnet.parse("192.168.1.50/24"));
    assertThat(fixed.ipv6Address()).contains(Subnet.parse("fd00:10::50/64"));
    assertThatThrownBy(() -> run("clash", "lan", EndpointSpec.builder().ipv4Address(IpAddress.parse("192.168.1.2"))
        .build())).hasMessageContaining("Address already in use");
  }

  @Test
  void endpoints_get_a_random_local_mac_unless_the_user_chose_one() {
    docker.createNetwork(macvlan("lan", "eth0", "192.168.1.0/24").build());
    assertThat(run("c1", "lan").endpoint("lan").orElseThrow().macAddress().orElseThrow().isLocallyAdministered())
        .isTrue();
    MacAddress mine = MacAddress.parse("02:00:00:00:10:01");
    assertThat(run("c2", "lan", EndpointSpec.builder().macAddress(mine).build()).endpoint("lan").orElseThrow()
        .macAddress()).contains(mine);
  }

  @Test
  void containers_reach_each_other_and_the_lan_but_not_the_host() {
    docker.createNetwork(macvlan("lan", "eth0", "10.40.0.0/24").build());
    run("ca", "lan");
    ContainerInfo b = run("cb", "lan");
    String bIp = b.endpoint("lan").orElseThrow().ipv4Address().orElseThrow().address().toString();
    assertThat(pings("ca", bIp)).isTrue();
    assertThat(pings("ca", "10.40.0.1")).as("the LAN's router").isTrue();
    assertThat(pings("ca", "8.8.8.8")).isTrue();
    assertThat(pings("ca", "192.168.1.10")).as("the host's own eth0 address").isFalse();
    assertThat(pings("ca", "172.17.0.1")).as("the host's docker0 address").isFalse();
  }

  @Test
  void private_mode_isolates_the_containers_of_the_network() {
    docker.createNetwork(macvlan("lan", "eth0", "10.50.0.0/24").putOption("macvlan_mode", "private").build());
    run("ca", "lan");
    String bIp = run("cb", "lan").endpoint("lan").orElseThrow().ipv4Address().orElseThrow().address().toString();
    assertThat(pings("ca", bIp)).isFalse();
    assertThat(pings("ca", "10.50.0.1")).isTrue();
  }

  @Test
  void a_bridge_container_still_reaches_the_host() {
    docker.run(ContainerSpec.builder().image("alpine").name("plain").tty(true).build());
    assertThat(pings("plain", "192.168.1.10")).isTrue();
  }
}
