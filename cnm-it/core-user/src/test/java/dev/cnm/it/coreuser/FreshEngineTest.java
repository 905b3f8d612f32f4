package dev.cnm.it.coreuser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.NetworkInfo;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.port.PortSpec;
import dev.cnm.api.port.PublishedPort;
import dev.cnm.api.spi.NetworkDriverProvider;
import dev.cnm.core.Cnm;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A fresh engine in a build that depends on cnm-core alone has Docker's built-in drivers: cnm-core
 * brings cnm-drivers at run time, so {@code plugin "bridge" not found} never greets a new user.
 */
class FreshEngineTest {

  @Test
  void built_in_drivers_are_on_the_class_path() {
    List<String> types = ServiceLoader.load(NetworkDriverProvider.class).stream()
        .map(p -> p.get().type()).sorted().collect(Collectors.toList());

    assertEquals(List.of("bridge", "host", "ipvlan", "macvlan", "null", "overlay"), types);
  }

  @Test
  void a_fresh_engine_has_dockers_predefined_networks() {
    Engine docker = Cnm.newEngine();

    assertEquals(List.of("bridge/bridge", "host/host", "none/null"),
        docker.networks().stream().map(n -> n.name() + "/" + n.driver()).sorted().collect(Collectors.toList()));
  }

  @Test
  void a_fresh_builder_engine_creates_a_bridge_network_and_runs_a_container_on_it() {
    Engine docker = Cnm.builder().build();

    NetworkInfo dev = docker.createNetwork(NetworkSpec.of("dev"));
    ContainerInfo search = docker.run(ContainerSpec.builder().image("elasticsearch").name("search")
        .networkMode(NetworkMode.network("dev")).build());

    assertEquals("bridge", dev.driver());
    assertEquals("172.18.0.2/16",
        search.endpoint("dev").orElseThrow().ipv4Address().orElseThrow().toString());
  }

  @Test
  void the_default_bridge_publishes_ports_and_host_and_none_modes_run() {
    Engine docker = Cnm.builder().seed(42).build();

    ContainerInfo web = docker.run(ContainerSpec.builder().image("nginx").name("web")
        .portBindings(PortSpec.parse("8080:80")).build());
    ContainerInfo onHost = docker.run(ContainerSpec.builder().image("nginx").name("on-host")
        .networkMode(NetworkMode.host()).build());
    ContainerInfo isolated = docker.run(ContainerSpec.builder().image("busybox").name("isolated")
        .networkMode(NetworkMode.none()).build());

    assertEquals(List.of("80/tcp -> 0.0.0.0:8080", "80/tcp -> [::]:8080"),
        web.ports().stream().map(PublishedPort::portLine).collect(Collectors.toList()));
    assertTrue(onHost.isRunning());
    assertTrue(isolated.isRunning());
  }
}
