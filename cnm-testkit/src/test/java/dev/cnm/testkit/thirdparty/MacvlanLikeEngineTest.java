package dev.cnm.testkit.thirdparty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.EndpointInfo;
import dev.cnm.api.Engine;
import dev.cnm.api.IpamPoolSpec;
import dev.cnm.api.NetworkInfo;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.Scope;
import dev.cnm.api.error.ErrorKind;
import dev.cnm.api.error.ForbiddenException;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.error.SystemException;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.spi.EndpointCreateRequest;
import dev.cnm.api.spi.ExternalConnectivityRequest;
import dev.cnm.api.spi.JoinRequest;
import dev.cnm.api.spi.NetworkCreateRequest;
import dev.cnm.core.Cnm;
import dev.cnm.drivers.bridge.BridgeDriverProvider;
import dev.cnm.drivers.host.HostDriverProvider;
import dev.cnm.drivers.none.NullDriverProvider;
import dev.cnm.testkit.faults.FaultInjector;
import dev.cnm.testkit.faults.SpiCall;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A third-party driver and its own IPAM, written only against cnm-api, under the real engine: it
 * gets exactly libnetwork's calls in libnetwork's order with typed arguments, and when it throws
 * the engine rolls everything back and the user sees Docker's wrapping.
 */
class MacvlanLikeEngineTest {
  private final FaultInjector faults = FaultInjector.create();
  private final Engine docker = Cnm.builder().seed(5)
      .driver(new BridgeDriverProvider()).driver(new HostDriverProvider()).driver(new NullDriverProvider())
      .driver(faults.wrap(new MacvlanLikeDriverProvider()))
      .ipamDriver(faults.wrap(new MacvlanLikeIpam()))
      .build();

  private static NetworkSpec vlan(String name, String parent, String subnet) {
    NetworkSpec.Builder b = NetworkSpec.builder().name(name).driver(MacvlanLikeDriver.TYPE)
        .ipamDriver(MacvlanLikeIpam.NAME);
    if (parent != null) {
      b.putOption("parent", parent);
    }
    if (subnet != null) {
      b.addIpamConfig(IpamPoolSpec.builder().subnet(Subnet.parse(subnet)).build());
    }
    return b.build();
  }

  private ContainerInfo run(String name, String network) {
    return docker.run(ContainerSpec.builder().image("alpine").tty(true).name(name).networkMode(NetworkMode.network(network))
        .build());
  }

  private List<String> methods() {
    return faults.calls().stream().map(SpiCall::qualifiedMethod).collect(Collectors.toList());
  }

  @Test
  void the_driver_gets_libnetworks_calls_in_libnetworks_order_with_typed_arguments() {
    NetworkInfo n = docker.createNetwork(vlan("vlan10", "eth0.10", "192.168.10.0/24"));
    ContainerInfo c = run("web", "vlan10");
    EndpointInfo ep = c.endpoint("vlan10").orElseThrow();
    docker.stop("web");
    docker.removeNetwork("vlan10");

    String ipam = "ipam:" + MacvlanLikeIpam.NAME;
    String drv = MacvlanLikeDriver.TYPE;
    assertThat(methods()).containsExactly(
        ipam + ".requestPool", ipam + ".requestAddress", drv + ".createNetwork",          // NewNetwork
        ipam + ".requestAddress", drv + ".createEndpoint", drv + ".join",                 // CreateEndpoint, Join
        drv + ".programExternalConnectivity",                                             // the gateway endpoint
        drv + ".revokeExternalConnectivity", drv + ".leave", drv + ".deleteEndpoint",     // stop
        ipam + ".releaseAddress",
        drv + ".deleteNetwork", ipam + ".releaseAddress", ipam + ".releasePool");         // Network.Delete

    List<SpiCall> calls = faults.calls();
    NetworkCreateRequest create = (NetworkCreateRequest) calls.get(2).args().get(0);
    assertThat(create.networkId()).isEqualTo(n.id());
    assertThat(create.networkName()).isEqualTo("vlan10");
    assertThat(create.options()).containsEntry("parent", "eth0.10");
    assertThat(create.ipv4Data().get(0).pool()).isEqualTo(Subnet.parse("192.168.10.0/24"));
    assertThat(create.ipv4Data().get(0).gateway()).contains(Subnet.parse("192.168.10.1/24"));
    assertThat(create.ipv4Data().get(0).addressSpace()).isEqualTo(MacvlanLikeIpam.SPACE);
    EndpointCreateRequest endpoint = (EndpointCreateRequest) calls.get(4).args().get(0);
    assertThat(endpoint.endpointId()).isEqualTo(ep.id());
    assertThat(endpoint.endpointName()).isEqualTo("web");
    assertThat(endpoint.iface().ipv4Address()).contains(Subnet.parse("192.168.10.2/24"));
    JoinRequest join = (JoinRequest) calls.get(5).args().get(0);
    assertThat(join.containerId()).isEqualTo(c.id());
    assertThat(join.sandboxKey()).startsWith("/var/run/docker/netns/");
    ExternalConnectivityRequest ext = (ExternalConnectivityRequest) calls.get(6).args().get(0);
    assertThat(ext.containerIpv4()).contains(IpAddress.parse("192.168.10.2"));
    assertThat(calls.get(7).args()).containsExactly(n.id(), ep.id());

    // What the driver told the engine shows in the container: the subnet's gateway, its MAC, eth0.
    assertThat(ep.gateway()).contains(IpAddress.parse("192.168.10.1"));
    assertThat(ep.interfaceName()).isEqualTo("eth0");
    assertThat(ep.macAddress().orElseThrow().isLocallyAdministered()).isTrue();
    assertThat(n.scope()).isEqualTo(Scope.LOCAL);
    assertThat(faults.held()).isEmpty();
  }

  @Test
  void one_network_per_parent_with_dockers_message_and_nothing_is_left() {
    NetworkInfo first = docker.createNetwork(vlan("vlan10", "eth0.10", null));
    List<NetworkInfo> before = docker.networks();
    List<String> held = faults.held();
    assertThatThrownBy(() -> docker.createNetwork(vlan("again", "eth0.10", null)))
        .isInstanceOf(ForbiddenException.class)
        .hasMessage("network dm-" + first.id().substring(0, 12) + " is already using parent interface eth0.10");
    assertThat(docker.networks()).isEqualTo(before);
    assertThat(faults.held()).isEqualTo(held);
    // Another VLAN of the same link is another parent.
    assertThat(docker.createNetwork(vlan("vlan20", "eth0.20", null)).ipamConfigs().get(0).subnet())
        .isEqualTo(Subnet.parse("192.168.1.0/24"));
  }

  @Test
  void bad_parents_and_modes_are_refused_with_dockers_messages() {
    Map<String, String> cases = Map.of(
        "lo", "loopback interface is not a valid macvlan parent link",
        "eth9", "invalid subinterface vlan name eth9, example formatting is eth0.10",
        "eth9.10", "-o parent interface was not found on the host: eth9",
        "eth0.x", "unable to parse a valid vlan id from: x (ex. eth0.10 for vlan 10)");
    cases.forEach((parent, message) -> assertThatThrownBy(() -> docker.createNetwork(vlan("v", parent, null)))
        .as(parent).isInstanceOf(InvalidParameterException.class).hasMessage(message));
    assertThatThrownBy(() -> docker.createNetwork(NetworkSpec.builder().from(vlan("v", "eth0.10", null))
            .putOption("macvlan_mode", "fast").build()))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("requested macvlan mode 'fast' is not valid, 'bridge' mode is the macvlan driver default");
    assertThat(faults.held()).isEmpty();
  }

  @Test
  void without_a_parent_the_network_is_internal_and_its_endpoints_refuse_the_gateway() {
    docker.createNetwork(vlan("isolated", null, null));
    ContainerInfo c = run("c1", "isolated");
    assertThat(c.endpoint("isolated").orElseThrow().gateway()).isEmpty();
    assertThat(methods()).doesNotContain(MacvlanLikeDriver.TYPE + ".programExternalConnectivity");
    assertThat(docker.networks()).extracting(NetworkInfo::name).doesNotContain("docker_gwbridge");
  }

  @Test
  void when_the_driver_throws_on_join_the_engine_rolls_back_and_the_user_sees_dockers_wrapping() {
    docker.createNetwork(vlan("vlan10", "eth0.10", null));
    docker.createContainer(ContainerSpec.builder().image("alpine").tty(true).name("web")
        .networkMode(NetworkMode.network("vlan10")).build());
    List<String> held = faults.held();
    faults.failNth(MacvlanLikeDriver.TYPE + ".join", 1);
    assertThatThrownBy(() -> docker.start("web"))
        .isInstanceOf(SystemException.class)
        .hasMessageMatching("failed to set up container networking: injected fault: macvlan-like\\.join \\(call #\\d+\\)");
    assertThat(faults.held()).isEqualTo(held);
    assertThat(docker.container("web").isRunning()).isFalse();
    assertThat(docker.network("vlan10").endpoints()).isEmpty();
    // The rollback called the inverses in reverse order.
    assertThat(methods().subList(methods().size() - 2, methods().size()))
        .containsExactly(MacvlanLikeDriver.TYPE + ".deleteEndpoint", "ipam:" + MacvlanLikeIpam.NAME + ".releaseAddress");
    // And the next start works.
    assertThat(docker.start("web").isRunning()).isTrue();
  }

  @Test
  void when_the_driver_throws_on_external_connectivity_the_user_sees_libnetworks_wrapping() {
    docker.createNetwork(vlan("vlan10", "eth0.10", null));
    docker.createContainer(ContainerSpec.builder().image("alpine").tty(true).name("web")
        .networkMode(NetworkMode.network("vlan10")).build());
    List<String> held = faults.held();
    faults.failWith(call -> new ForbiddenException("no room on " + call.component()))
        .failNth("programExternalConnectivity", 1);
    String id = docker.container("web").id();
    assertThatThrownBy(() -> docker.start("web"))
        .isInstanceOf(ForbiddenException.class)
        .hasMessageStartingWith("failed to set up container networking: driver failed programming external "
            + "connectivity on endpoint web (")
        .hasMessageEndingWith("): no room on macvlan-like")
        .satisfies(e -> assertThat(((ForbiddenException) e).kind()).isEqualTo(ErrorKind.FORBIDDEN));
    assertThat(faults.held()).isEqualTo(held);
    assertThat(docker.container(id).isRunning()).isFalse();
  }

  @Test
  void when_the_ipam_throws_on_create_the_network_is_not_created_and_its_pool_is_released() {
    List<NetworkInfo> before = docker.networks();
    faults.failNth(MacvlanLikeDriver.TYPE + ".createNetwork", 1);
    assertThatThrownBy(() -> docker.createNetwork(vlan("vlan10", "eth0.10", "192.168.10.0/24")))
        .isInstanceOf(SystemException.class).hasMessageStartingWith("injected fault: macvlan-like.createNetwork");
    assertThat(docker.networks()).isEqualTo(before);
    assertThat(faults.held()).isEmpty();
    assertThat(docker.createNetwork(vlan("vlan10", "eth0.10", "192.168.10.0/24")).ipamConfigs()).hasSize(1);
  }

  @Test
  void service_loader_finds_the_third_party_driver_next_to_the_built_ins() {
    Engine discovered = Cnm.builder().seed(6).driversFromServiceLoader().ipamDriver(new MacvlanLikeIpam()).build();
    NetworkInfo n = discovered.createNetwork(vlan("vlan10", "eth0.10", null));
    assertThat(n.driver()).isEqualTo(MacvlanLikeDriver.TYPE);
    ContainerInfo c = discovered.run(ContainerSpec.builder().image("alpine").tty(true).name("web")
        .networkMode(NetworkMode.network("vlan10")).build());
    assertThat(c.endpoint("vlan10").orElseThrow().ipv4Address()).contains(Subnet.parse("192.168.0.2/24"));
    // The built-ins are still there.
    assertThat(discovered.createNetwork(NetworkSpec.of("dev")).driver()).isEqualTo("bridge");
  }
}
