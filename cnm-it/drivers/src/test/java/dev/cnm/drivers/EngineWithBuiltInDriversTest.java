package dev.cnm.drivers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.EndpointInfo;
import dev.cnm.api.Engine;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.error.CnmException;
import dev.cnm.api.error.ErrorKind;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.port.PortSpec;
import dev.cnm.api.port.PublishedPort;
import dev.cnm.core.Cnm;
import dev.cnm.drivers.bridge.BridgeDriverProvider;
import dev.cnm.drivers.bridge.BridgeOptions;
import dev.cnm.drivers.host.HostDriverProvider;
import dev.cnm.drivers.none.NullDriverProvider;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The built-in drivers under the real engine, through its public API only. */
class EngineWithBuiltInDriversTest {
  private final Engine docker = Cnm.builder().seed(42)
      .driver(new BridgeDriverProvider()).driver(new HostDriverProvider()).driver(new NullDriverProvider())
      .build();

  private ContainerInfo run(String name, String network, String... ports) {
    ContainerSpec.Builder spec = ContainerSpec.builder().image("nginx").name(name);
    if (network != null) {
      spec.networkMode(NetworkMode.network(network));
    }
    for (String p : ports) {
      spec.portBindings(PortSpec.parse(p));
    }
    return docker.run(spec.build());
  }

  @Test
  void user_network_endpoint_gets_gateway_and_a_random_local_mac() {
    docker.createNetwork(NetworkSpec.of("dev"));
    EndpointInfo ep = run("search", "dev").endpoint("dev").orElseThrow();
    assertThat(ep.gateway()).contains(IpAddress.parse("172.18.0.1"));
    assertThat(ep.macAddress().orElseThrow().isLocallyAdministered()).isTrue();
    assertThat(ep.interfaceName()).isEqualTo("eth0");
  }

  @Test
  void container_iface_prefix_option_names_the_interface() {
    docker.createNetwork(NetworkSpec.builder().name("dev").putOption(BridgeOptions.CONTAINER_IFACE_PREFIX, "ens").build());
    assertThat(run("c1", "dev").endpoint("dev").orElseThrow().interfaceName()).isEqualTo("ens0");
  }

  @Test
  void published_port_is_on_both_families_and_freed_when_the_container_stops() {
    ContainerInfo web = run("web", null, "8080:80");
    assertThat(web.ports()).extracting(PublishedPort::portLine)
        .containsExactly("80/tcp -> 0.0.0.0:8080", "80/tcp -> [::]:8080");
    docker.stop("web");
    assertThat(run("web2", null, "8080:80").ports()).hasSize(2);
  }

  @Test
  void taken_port_fails_with_dockers_wrapped_message_and_the_second_container_does_not_run() {
    run("web", null, "8080:80");
    assertThatThrownBy(() -> run("web2", null, "8080:80"))
        .isInstanceOf(CnmException.class)
        .hasMessageContaining("driver failed programming external connectivity on endpoint web2 (")
        .hasMessageEndingWith("): Bind for 0.0.0.0:8080 failed: port is already allocated")
        .extracting(e -> ((CnmException) e).kind()).isEqualTo(ErrorKind.SYSTEM);
    assertThat(docker.container("web2").isRunning()).isFalse();
  }

  @Test
  void internal_network_publishes_nothing() {
    docker.createNetwork(NetworkSpec.builder().name("back").internal(true).build());
    assertThat(run("db", "back", "5432:5432").ports()).isEmpty();
  }

  @Test
  void second_host_network_is_refused_by_the_driver() {
    assertThatThrownBy(() -> docker.createNetwork(NetworkSpec.builder().name("host2").driver("host").build()))
        .isInstanceOf(CnmException.class)
        .hasMessage("only one instance of \"host\" network is allowed");
    assertThatThrownBy(() -> docker.createNetwork(NetworkSpec.builder().name("none2").driver("null").build()))
        .hasMessage("only one instance of \"null\" network is allowed");
  }

  @Test
  void same_bridge_name_is_refused_by_the_driver_and_the_network_is_not_created() {
    docker.createNetwork(NetworkSpec.builder().name("first").putOption(BridgeOptions.BRIDGE_NAME, "br-dev").build());
    assertThatThrownBy(() -> docker.createNetwork(NetworkSpec.builder().name("second")
            .putOption(BridgeOptions.BRIDGE_NAME, "br-dev").build()))
        .isInstanceOf(CnmException.class)
        .hasMessageEndingWith("networks have same bridge name");
    assertThat(docker.findNetwork("second")).isEmpty();
  }

  @Test
  void bad_option_is_refused_with_dockers_message() {
    assertThatThrownBy(() -> docker.createNetwork(NetworkSpec.builder().name("x")
            .options(Map.of(BridgeOptions.ENABLE_ICC, "maybe")).build()))
        .isInstanceOf(CnmException.class)
        .hasMessage("failed to parse com.docker.network.bridge.enable_icc value: maybe"
            + " (strconv.ParseBool: parsing \"maybe\": invalid syntax)");
  }
}
