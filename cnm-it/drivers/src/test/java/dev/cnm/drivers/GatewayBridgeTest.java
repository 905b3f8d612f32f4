package dev.cnm.drivers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.EndpointInfo;
import dev.cnm.api.EndpointSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.NetworkInfo;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.Scope;
import dev.cnm.api.error.ForbiddenException;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.port.PortSpec;
import dev.cnm.api.port.PublishedPort;
import dev.cnm.core.Cnm;
import dev.cnm.core.json.DockerJson;
import dev.cnm.core.store.InMemoryGlobalStore;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * libnetwork's {@code docker_gwbridge} (default_gateway.go): a sandbox whose endpoints offer no
 * gateway (overlay) gets an anonymous endpoint {@code gateway_<id12>} on a local bridge network
 * {@code docker_gwbridge}, created on demand, which is its gateway endpoint; it is removed when no
 * endpoint needs it any more. Real drivers, found by ServiceLoader, over an in-memory store.
 */
class GatewayBridgeTest {
  private final InMemoryGlobalStore store = InMemoryGlobalStore.create();
  private final Engine docker = Cnm.builder().seed(7).driversFromServiceLoader().globalStore(store).build();

  private ContainerInfo run(String name, String network, String... ports) {
    ContainerSpec.Builder spec = ContainerSpec.builder().image("nginx").name(name)
        .networkMode(NetworkMode.network(network));
    for (String p : ports) {
      spec.portBindings(PortSpec.parse(p));
    }
    return docker.run(spec.build());
  }

  private List<String> networkNames() {
    return docker.networks().stream().map(NetworkInfo::name).collect(Collectors.toList());
  }

  private List<String> endpointNames(String network) {
    return docker.network(network).endpoints().stream().map(EndpointInfo::name).collect(Collectors.toList());
  }

  @Test
  void an_overlay_only_container_gets_a_gateway_endpoint_on_docker_gwbridge_created_on_demand_with_dockers_options() {
    docker.createNetwork(NetworkSpec.builder().name("ov").driver("overlay").build());
    assertThat(networkNames()).doesNotContain("docker_gwbridge");
    ContainerInfo c = run("web", "ov");

    NetworkInfo gw = docker.network("docker_gwbridge");
    assertThat(gw.driver()).isEqualTo("bridge");
    assertThat(gw.scope()).isEqualTo(Scope.LOCAL);
    assertThat(gw.internal()).isFalse();
    assertThat(gw.enableIpv6()).isFalse();
    assertThat(gw.options()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "com.docker.network.bridge.enable_icc", "false",
        "com.docker.network.bridge.enable_ip_masquerade", "true",
        "com.docker.network.bridge.name", "docker_gwbridge"));
    assertThat(gw.ipamConfigs().get(0).subnet()).isEqualTo(Subnet.parse("172.18.0.0/16"));
    EndpointInfo ep = gw.endpoints().get(0);
    assertThat(ep.name()).isEqualTo("gateway_" + c.id().substring(0, 12));
    assertThat(ep.containerId()).isEqualTo(c.id());
    assertThat(ep.ipv4Address()).contains(Subnet.parse("172.18.0.2/16"));
    assertThat(ep.gateway()).contains(IpAddress.parse("172.18.0.1"));

    // docker network inspect docker_gwbridge: the container under its id, named gateway_<id12>.
    JsonNode containers = DockerJson.network(gw).get("Containers");
    assertThat(containers.get(c.id()).get("Name").asText()).isEqualTo("gateway_" + c.id().substring(0, 12));
    assertThat(containers.get(c.id()).get("IPv4Address").asText()).isEqualTo("172.18.0.2/16");

    // Not one of the container's networks (docker inspect hides it); the overlay endpoint offers no gateway.
    assertThat(c.networks()).containsOnlyKeys("ov");
    assertThat(DockerJson.container(c).get("NetworkSettings").get("Networks").has("docker_gwbridge")).isFalse();
    assertThat(c.endpoint("ov").orElseThrow().gateway()).isEmpty();
    // Inside: eth0 on the overlay, eth1 on docker_gwbridge with the default route; no hosts line for it.
    String routes = docker.exec("web", List.of("ip", "route")).stdout();
    assertThat(routes).startsWith("default via 172.18.0.1 dev eth1 \n");
    assertThat(docker.exec("web", List.of("cat", "/etc/hosts")).stdout()).doesNotContain("172.18.0.2");
  }

  @Test
  void published_ports_of_an_overlay_only_container_go_through_docker_gwbridge() {
    docker.createNetwork(NetworkSpec.builder().name("ov").driver("overlay").build());
    ContainerInfo c = run("web", "ov", "8080:80");
    assertThat(c.ports()).extracting(PublishedPort::portLine).contains("80/tcp -> 0.0.0.0:8080");
  }

  @Test
  void the_gateway_endpoint_goes_when_a_bridge_network_joins_and_when_the_overlay_is_left_and_the_network_stays() {
    docker.createNetwork(NetworkSpec.builder().name("ov").driver("overlay").build());
    docker.createNetwork(NetworkSpec.of("dev"));
    run("c1", "ov");
    run("c2", "ov");
    assertThat(endpointNames("docker_gwbridge")).hasSize(2);

    // c1 gets a gateway from dev (172.18.0.0/16, taken before docker_gwbridge was): docker_gwbridge
    // is no longer needed (clearDefaultGW).
    docker.connect("dev", "c1", EndpointSpec.empty());
    assertThat(docker.network("docker_gwbridge").endpoints()).extracting(EndpointInfo::containerId)
        .containsExactly(docker.container("c2").id());
    assertThat(docker.exec("c1", List.of("ip", "route")).stdout()).startsWith("default via 172.18.0.1 dev eth2 \n");

    // c2 leaves its only overlay: nothing needs the gateway endpoint.
    docker.disconnect("ov", "c2");
    assertThat(endpointNames("docker_gwbridge")).isEmpty();
    assertThat(networkNames()).contains("docker_gwbridge");

    // Like any empty user network, it can be removed; the next overlay container creates it again.
    docker.removeNetwork("docker_gwbridge");
    run("c3", "ov");
    assertThat(endpointNames("docker_gwbridge")).hasSize(1);
    docker.stop("c3");
    assertThat(endpointNames("docker_gwbridge")).isEmpty();
  }

  @Test
  void a_container_also_on_a_bridge_network_or_only_on_an_internal_overlay_gets_no_gateway_endpoint() {
    docker.createNetwork(NetworkSpec.builder().name("ov").driver("overlay").build());
    docker.createNetwork(NetworkSpec.builder().name("iov").driver("overlay").internal(true).build());
    docker.createContainer(ContainerSpec.builder().image("nginx").name("both")
        .networkMode(NetworkMode.network("bridge")).putEndpoint("ov", EndpointSpec.empty()).build());
    docker.start("both");
    run("internal", "iov");
    assertThat(networkNames()).doesNotContain("docker_gwbridge");
  }

  @Test
  void docker_gwbridge_in_use_cannot_be_removed_and_names_its_gateway_endpoint() {
    docker.createNetwork(NetworkSpec.builder().name("ov").driver("overlay").build());
    ContainerInfo c = run("web", "ov");
    EndpointInfo ep = docker.network("docker_gwbridge").endpoints().get(0);
    assertThatThrownBy(() -> docker.removeNetwork("docker_gwbridge"))
        .isInstanceOf(ForbiddenException.class)
        .hasMessage("error while removing network: network docker_gwbridge has active endpoints (name:\"gateway_"
            + c.id().substring(0, 12) + "\" id:\"" + ep.id().substring(0, 12) + "\")");
  }

  @Test
  void when_docker_gwbridge_cannot_be_created_the_start_fails_with_libnetworks_wrapping_and_nothing_is_left() {
    docker.createNetwork(NetworkSpec.builder().name("ov").driver("overlay").build());
    NetworkInfo squatter = docker.createNetwork(NetworkSpec.builder().name("squatter")
        .putOption("com.docker.network.bridge.name", "docker_gwbridge").build());
    docker.createContainer(ContainerSpec.builder().image("nginx").name("web")
        .networkMode(NetworkMode.network("ov")).build());
    List<NetworkInfo> before = docker.networks();

    assertThatThrownBy(() -> docker.start("web"))
        .isInstanceOf(ForbiddenException.class)
        .hasMessageStartingWith("failed to set up container networking: error creating external connectivity network: "
            + "cannot create network ")
        .hasMessageEndingWith(" (docker_gwbridge): conflicts with network " + squatter.id()
            + " (docker_gwbridge): networks have same bridge name");
    assertThat(docker.networks()).isEqualTo(before);
    assertThat(docker.network("ov").endpoints()).isEmpty();
    assertThat(docker.container("web").isRunning()).isFalse();
  }
}
