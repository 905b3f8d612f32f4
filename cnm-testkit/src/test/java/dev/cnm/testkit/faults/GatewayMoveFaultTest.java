package dev.cnm.testkit.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.EndpointSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.IpamPoolSpec;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.error.SystemException;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.port.PortSpec;
import dev.cnm.core.Cnm;
import dev.cnm.core.ipam.DefaultIpamDriver;
import dev.cnm.drivers.bridge.BridgeDriverProvider;
import dev.cnm.drivers.host.HostDriverProvider;
import dev.cnm.drivers.none.NullDriverProvider;
import dev.cnm.testkit.EngineSnapshot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Moving a container's published ports between its endpoints when its gateway endpoint changes,
 * with the driver failing, as libnetwork does it: a connect whose new endpoint becomes the gateway
 * fails when the old gateway's ports cannot be revoked, and changes nothing ({@code sbJoin}); a
 * disconnect from the gateway network stands when the ports cannot be programmed on the next
 * gateway endpoint ({@code sbLeave} logs {@code Failed to set gateway}), with no ports published
 * until the container starts again.
 */
class GatewayMoveFaultTest {
  private final FaultInjector faults = FaultInjector.create();
  private Engine docker;

  @BeforeEach
  void setUp() {
    docker = Cnm.builder().seed(7)
        .driver(faults.wrap(new BridgeDriverProvider()))
        .driver(faults.wrap(new HostDriverProvider()))
        .driver(faults.wrap(new NullDriverProvider()))
        .ipamDriver(faults.wrap(DefaultIpamDriver.create()))
        .build();
    docker.createNetwork(NetworkSpec.builder().name("front").build());
    docker.createNetwork(NetworkSpec.builder().name("back")
        .addIpamConfigs(IpamPoolSpec.ofSubnet(Subnet.parse("10.1.0.0/24"))).build());
    docker.run(ContainerSpec.builder().image("nginx").name("db").networkMode(NetworkMode.network("back"))
        .portBindings(PortSpec.parse("8080:80")).build());
    docker.connect("front", "db", EndpointSpec.empty());
  }

  @Test
  void connect_that_moves_the_gateway_fails_when_the_old_gateway_keeps_its_ports_and_changes_nothing() {
    // EngineFaultProperties (chains from FaultWorld.single's populated engine), seed
    // -5437208383032721435: the failed revoke was passed over, and the new gateway endpoint could
    // not bind the port the old one still held.
    docker.run(ContainerSpec.builder().image("nginx").name("web").networkMode(NetworkMode.network("front"))
        .portBindings(PortSpec.parse("9090:80")).build());
    String frontEndpoint = docker.container("web").endpoint("front").orElseThrow().id();
    EngineSnapshot before = EngineSnapshot.of(docker, faults);
    faults.clearCalls();
    faults.failNth("bridge.revokeExternalConnectivity", 1);

    assertThatThrownBy(() -> docker.connect("back", "web", EndpointSpec.empty()))
        .isInstanceOf(SystemException.class)
        .hasMessage("driver failed revoking external connectivity on endpoint web (" + frontEndpoint
            + "): injected fault: bridge.revokeExternalConnectivity (call #4)");

    assertThat(faults.calls()).extracting(SpiCall::method).containsExactly(
        "requestAddress", "createEndpoint", "join", "revokeExternalConnectivity", "leave", "deleteEndpoint",
        "releaseAddress");
    assertThat(EngineSnapshot.of(docker, faults).differences(before)).isEmpty();
    faults.clearFaults();
    assertThat(docker.connect("back", "web", EndpointSpec.empty()).ports())
        .extracting(p -> p.hostPort()).containsOnly(9090);
  }

  @Test
  void connect_that_moves_the_gateway_and_fails_gives_the_old_gateway_the_next_ephemeral_port() {
    // EngineFaultProperties (chains from FaultWorld.single's populated engine), seed
    // 4840771885893239560 at 50 times its tries: the rollback programs the old gateway endpoint's
    // bindings again as they were asked for, so "-p 80" takes the port after the last one handed
    // out (libnetwork's sbJoin rollback, the bridge driver's addPortMappings), not the one it had.
    String bridgeEndpoint = docker.run(ContainerSpec.builder().image("nginx").name("cache")
        .portBindings(PortSpec.parse("80")).build()).endpoint("bridge").orElseThrow().id();
    assertThat(docker.container("cache").ports()).extracting(p -> p.hostPort()).containsOnly(32768);
    EngineSnapshot before = EngineSnapshot.of(docker, faults);
    faults.clearCalls();
    faults.failNth("bridge.programExternalConnectivity", 1);

    assertThatThrownBy(() -> docker.connect("back", "cache", EndpointSpec.empty()))
        .isInstanceOf(SystemException.class)
        .hasMessageStartingWith("driver failed programming external connectivity on endpoint cache (");

    assertThat(faults.calls()).extracting(SpiCall::method).containsExactly(
        "requestAddress", "createEndpoint", "join", "revokeExternalConnectivity", "programExternalConnectivity",
        "programExternalConnectivity", "leave", "deleteEndpoint", "releaseAddress");
    assertThat(faults.calls().get(5).args().toString()).contains(bridgeEndpoint);
    assertThat(docker.container("cache").networks()).containsOnlyKeys("bridge");
    assertThat(EngineSnapshot.of(docker, faults).differences(before)).containsExactlyInAnyOrder(
        "engine state: changed containers[cache].endpoints[bridge].published[0].hostPort: 32768 -> 32769",
        "engine state: changed containers[cache].endpoints[bridge].published[1].hostPort: 32768 -> 32769",
        "host ports: removed 0.0.0.0:32768/tcp",
        "host ports: removed [::]:32768/tcp",
        "host ports: added 0.0.0.0:32769/tcp",
        "host ports: added [::]:32769/tcp",
        "rules: removed -A DOCKER ! -i docker0 -p tcp -m tcp --dport 32768 -j DNAT --to-destination 172.17.0.2:80",
        "rules: added -A DOCKER ! -i docker0 -p tcp -m tcp --dport 32769 -j DNAT --to-destination 172.17.0.2:80");
  }

  @Test
  void disconnect_from_the_gateway_network_stands_when_the_next_gateway_cannot_be_programmed() {
    // EngineFaultProperties (chains from FaultWorld.single's populated engine), seed
    // -63383544645993451: the disconnect failed with the driver's error after the endpoint on back
    // had left for good.
    assertThat(docker.container("db").ports()).extracting(p -> p.hostPort()).containsOnly(8080);
    String backEndpoint = docker.container("db").endpoint("back").orElseThrow().id();
    faults.clearCalls();
    faults.failNth("bridge.programExternalConnectivity", 1);

    ContainerInfo db = docker.disconnect("back", "db");

    assertThat(faults.calls()).extracting(SpiCall::method).containsExactly(
        "revokeExternalConnectivity", "leave", "deleteEndpoint", "releaseAddress", "programExternalConnectivity");
    assertThat(faults.calls().get(4).injected()).isTrue();
    assertThat(db.networks()).containsOnlyKeys("front");
    assertThat(db.ports()).isEmpty();
    assertThat(EngineSnapshot.of(docker, faults).hostPorts()).isEmpty();
    assertThat(faults.held()).noneMatch(h -> h.contains(backEndpoint) || h.contains(" external "));
    assertThat(faults.held()).doesNotContain("ipam:default address LocalDefault/10.1.0.0/24 10.1.0.2");

    faults.clearFaults();
    docker.stop("db");
    docker.start("db");
    assertThat(docker.container("db").ports()).extracting(p -> p.hostPort()).containsOnly(8080);
  }
}
