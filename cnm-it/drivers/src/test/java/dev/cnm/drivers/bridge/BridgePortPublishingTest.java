package dev.cnm.drivers.bridge;

import static dev.cnm.testkit.contract.Requests.endpoint;
import static dev.cnm.testkit.contract.Requests.id;
import static dev.cnm.testkit.contract.Requests.join;
import static dev.cnm.testkit.contract.Requests.network;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.error.NotFoundException;
import dev.cnm.api.error.SystemException;
import dev.cnm.api.host.AllocatedPort;
import dev.cnm.api.host.HostPortAllocator;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.port.ExposedPort;
import dev.cnm.api.port.PortAlreadyAllocatedException;
import dev.cnm.api.port.PortBinding;
import dev.cnm.api.port.PortProtocol;
import dev.cnm.api.port.PublishedPort;
import dev.cnm.api.spi.DaemonSettings;
import dev.cnm.api.spi.ExternalConnectivityRequest;
import dev.cnm.api.spi.NetworkCreateRequest;
import dev.cnm.testkit.contract.TestDriverContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BridgePortPublishingTest {
  private static final String N1 = id("1111");
  private static final String E1 = id("e1");
  private static final String E2 = id("e2");
  private static final IpAddress ANY4 = IpAddress.ANY_V4;
  private static final IpAddress ANY6 = IpAddress.ANY_V6;
  private static final IpAddress LOCALHOST = IpAddress.parse("127.0.0.1");
  private static final ExposedPort TCP80 = ExposedPort.tcp(80);

  private TestDriverContext context = TestDriverContext.seeded(1);
  private BridgeDriver driver = new BridgeDriver(context);

  private HostPortAllocator ports() {
    return context.hostPorts();
  }

  private void start(NetworkCreateRequest network, String... endpoints) {
    driver.createNetwork(network);
    int i = 2;
    for (String e : endpoints) {
      driver.createEndpoint(endpoint(network.networkId(), e, "172.18.0." + i++ + "/16"));
      driver.join(join(network.networkId(), e));
    }
  }

  private static ExternalConnectivityRequest program(String endpointId, PortBinding... bindings) {
    return ExternalConnectivityRequest.builder().networkId(N1).endpointId(endpointId)
        .bindings(List.of(bindings)).containerIpv4(IpAddress.parse("172.18.0.2")).build();
  }

  @Test
  void binding_without_host_ip_is_published_on_any_v4_and_any_v6_with_the_same_port() {
    start(network(N1, "172.18.0.0/16", Map.of()), E1);
    List<PublishedPort> published = driver.programExternalConnectivity(program(E1, PortBinding.of(TCP80, 8080)));
    assertThat(published).containsExactly(PublishedPort.of(TCP80, ANY4, 8080), PublishedPort.of(TCP80, ANY6, 8080));
    assertThat(ports().allocatedPorts()).containsExactlyInAnyOrder(
        AllocatedPort.of(ANY4, PortProtocol.TCP, 8080), AllocatedPort.of(ANY6, PortProtocol.TCP, 8080));
    assertThat(driver.findEndpoint(N1, E1).orElseThrow().published()).isEqualTo(published);
  }

  @Test
  void ephemeral_binding_gets_one_first_ephemeral_port_on_both_families() {
    start(network(N1, "172.18.0.0/16", Map.of()), E1);
    List<PublishedPort> published = driver.programExternalConnectivity(program(E1,
        PortBinding.ephemeral(TCP80), PortBinding.ephemeral(ExposedPort.udp(53))));
    assertThat(published).extracting(PublishedPort::portLine).containsExactly(
        "80/tcp -> 0.0.0.0:32768", "80/tcp -> [::]:32768", "53/udp -> 0.0.0.0:32768", "53/udp -> [::]:32768");
  }

  @Test
  void identical_bindings_count_once() {
    start(network(N1, "172.18.0.0/16", Map.of()), E1);
    assertThat(driver.programExternalConnectivity(program(E1, PortBinding.of(TCP80, 8080), PortBinding.of(TCP80, 8080))))
        .hasSize(2);
  }

  @Test
  void explicit_host_ip_binds_only_that_family() {
    start(network(N1, "172.18.0.0/16", Map.of()), E1);
    assertThat(driver.programExternalConnectivity(program(E1,
            PortBinding.of(TCP80, LOCALHOST, 8080), PortBinding.of(ExposedPort.tcp(443), IpAddress.parse("::1"), 8443))))
        .containsExactly(PublishedPort.of(TCP80, LOCALHOST, 8080),
            PublishedPort.of(ExposedPort.tcp(443), IpAddress.parse("::1"), 8443));
  }

  @Test
  void host_binding_ipv4_option_replaces_the_default_and_opens_no_ipv6_wildcard() {
    start(network(N1, "172.18.0.0/16", Map.of(BridgeOptions.HOST_BINDING_IPV4, "127.0.0.1")), E1);
    assertThat(driver.programExternalConnectivity(program(E1, PortBinding.of(TCP80, 8080))))
        .containsExactly(PublishedPort.of(TCP80, LOCALHOST, 8080));
  }

  @Test
  void daemon_default_bind_ip_is_used_without_the_option() {
    context = TestDriverContext.of(DaemonSettings.builder().defaultBindIp(LOCALHOST).build(), 1);
    driver = new BridgeDriver(context);
    start(network(N1, "172.18.0.0/16", Map.of()), E1);
    assertThat(driver.programExternalConnectivity(program(E1, PortBinding.of(TCP80, 8080))))
        .containsExactly(PublishedPort.of(TCP80, LOCALHOST, 8080));
  }

  @Test
  void without_userland_proxy_and_without_container_ipv6_the_ipv6_binding_is_dropped() {
    context = TestDriverContext.of(DaemonSettings.builder().userlandProxy(false).build(), 1);
    driver = new BridgeDriver(context);
    start(network(N1, "172.18.0.0/16", Map.of()), E1);
    assertThat(driver.programExternalConnectivity(program(E1, PortBinding.of(TCP80, 8080))))
        .containsExactly(PublishedPort.of(TCP80, ANY4, 8080));
  }

  @Test
  void taken_fixed_port_fails_with_the_bare_bind_error_and_releases_what_the_endpoint_took() {
    start(network(N1, "172.18.0.0/16", Map.of()), E1, E2);
    driver.programExternalConnectivity(program(E1, PortBinding.of(TCP80, 8080)));
    var before = ports().allocatedPorts();
    assertThatThrownBy(() -> driver.programExternalConnectivity(program(E2,
            PortBinding.of(ExposedPort.tcp(81), 9090), PortBinding.of(TCP80, 8080))))
        .isInstanceOf(PortAlreadyAllocatedException.class)
        .isInstanceOf(SystemException.class)
        .hasMessage("Bind for 0.0.0.0:8080 failed: port is already allocated");
    assertThat(ports().allocatedPorts()).isEqualTo(before);
    assertThat(driver.findEndpoint(N1, E2).orElseThrow().published()).isEmpty();
  }

  @Test
  void full_range_fails_with_all_ports_are_allocated_and_releases_everything() {
    start(network(N1, "172.18.0.0/16", Map.of()), E1, E2);
    driver.programExternalConnectivity(program(E1, PortBinding.of(TCP80, 8000), PortBinding.of(ExposedPort.tcp(81), 8001)));
    var before = ports().allocatedPorts();
    assertThatThrownBy(() -> driver.programExternalConnectivity(program(E2,
            PortBinding.of(ExposedPort.tcp(82), 9090), PortBinding.of(TCP80, Optional.empty(), 8000, 8001))))
        .isExactlyInstanceOf(SystemException.class)
        .hasMessage("all ports are allocated");
    assertThat(ports().allocatedPorts()).isEqualTo(before);
  }

  @Test
  void range_takes_the_first_free_port_of_the_range() {
    start(network(N1, "172.18.0.0/16", Map.of()), E1, E2);
    driver.programExternalConnectivity(program(E1, PortBinding.of(TCP80, 8000)));
    assertThat(driver.programExternalConnectivity(program(E2, PortBinding.of(TCP80, Optional.empty(), 8000, 8010))))
        .extracting(PublishedPort::hostPort).containsExactly(8001, 8001);
  }

  @Test
  void revoke_releases_the_ports_and_programming_again_works() {
    start(network(N1, "172.18.0.0/16", Map.of()), E1);
    driver.programExternalConnectivity(program(E1, PortBinding.of(TCP80, 8080)));
    driver.revokeExternalConnectivity(N1, E1);
    assertThat(ports().allocatedPorts()).isEmpty();
    assertThat(driver.findEndpoint(N1, E1).orElseThrow().published()).isEmpty();
    assertThat(driver.programExternalConnectivity(program(E1, PortBinding.of(TCP80, 8080)))).hasSize(2);
  }

  @Test
  void programming_twice_replaces_the_bindings_and_a_failed_replacement_keeps_the_old_ones() {
    start(network(N1, "172.18.0.0/16", Map.of()), E1, E2);
    driver.programExternalConnectivity(program(E1, PortBinding.of(TCP80, 8080)));
    driver.programExternalConnectivity(program(E1, PortBinding.of(TCP80, 8081)));
    assertThat(ports().isAllocated(ANY4, PortProtocol.TCP, 8080)).isFalse();
    assertThat(ports().isAllocated(ANY4, PortProtocol.TCP, 8081)).isTrue();

    driver.programExternalConnectivity(program(E2, PortBinding.of(TCP80, 9000)));
    var before = ports().allocatedPorts();
    assertThatThrownBy(() -> driver.programExternalConnectivity(program(E1, PortBinding.of(TCP80, 9000))))
        .hasMessage("Bind for 0.0.0.0:9000 failed: port is already allocated");
    assertThat(ports().allocatedPorts()).isEqualTo(before);
    assertThat(driver.findEndpoint(N1, E1).orElseThrow().published())
        .containsExactly(PublishedPort.of(TCP80, ANY4, 8081), PublishedPort.of(TCP80, ANY6, 8081));
  }

  @Test
  void delete_endpoint_still_publishing_releases_its_ports() {
    start(network(N1, "172.18.0.0/16", Map.of()), E1);
    driver.programExternalConnectivity(program(E1, PortBinding.of(TCP80, 8080)));
    driver.leave(N1, E1);
    driver.deleteEndpoint(N1, E1);
    assertThat(ports().allocatedPorts()).isEmpty();
  }

  @Test
  void internal_network_never_publishes() {
    start(NetworkCreateRequest.builder().from(network(N1, "172.18.0.0/16", Map.of())).internal(true).build(), E1);
    assertThat(driver.programExternalConnectivity(program(E1, PortBinding.of(TCP80, 8080)))).isEmpty();
    assertThat(ports().allocatedPorts()).isEmpty();
  }

  @Test
  void unknown_ids_are_not_found() {
    assertThatThrownBy(() -> driver.programExternalConnectivity(program(E1)))
        .isExactlyInstanceOf(NotFoundException.class).hasMessage("No network (" + N1 + ") exists");
    assertThatThrownBy(() -> driver.revokeExternalConnectivity(N1, E1))
        .isExactlyInstanceOf(NotFoundException.class).hasMessage("No network (" + N1 + ") exists");
    start(network(N1, "172.18.0.0/16", Map.of()));
    assertThatThrownBy(() -> driver.programExternalConnectivity(program(E1)))
        .isExactlyInstanceOf(NotFoundException.class).hasMessage("No endpoint (" + E1 + ") exists");
    assertThatThrownBy(() -> driver.revokeExternalConnectivity(N1, E1))
        .isExactlyInstanceOf(NotFoundException.class).hasMessage("No endpoint (" + E1 + ") exists");
  }
}
