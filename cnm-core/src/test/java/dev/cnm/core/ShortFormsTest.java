package dev.cnm.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.DisconnectOption;
import dev.cnm.api.EndpointSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.RemoveOption;
import dev.cnm.api.error.ConflictException;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.port.PortSpec;
import dev.cnm.api.port.PublishedPort;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The short forms every test writes: host ports, addresses, a network with aliases, force as a named option. */
class ShortFormsTest {
  private Engine engine;

  @BeforeEach
  void setUp() {
    engine = TestDrivers.builder(19).build();
  }

  private ContainerInfo web() {
    return engine.run(ContainerSpec.builder().image("nginx").name("web")
        .addAllPortBindings(PortSpec.parse("8080:80"))
        .addAllPortBindings(PortSpec.parse("127.0.0.1:5353:53/udp"))
        .build());
  }

  @Test
  void host_port_gives_the_first_ipv4_binding_like_docker_port() {
    ContainerInfo web = web();

    assertThat(web.hostPort(80)).isEqualTo(8080);
    assertThat(web.hostPort("80/tcp")).isEqualTo(8080);
    assertThat(web.hostPort("53/udp")).isEqualTo(5353);
    assertThat(web.hostPorts("80")).extracting(PublishedPort::portLine)
        .containsExactly("80/tcp -> 0.0.0.0:8080", "80/tcp -> [::]:8080");
    assertThat(web.hostPorts("53/udp")).extracting(PublishedPort::hostIp)
        .containsExactly(IpAddress.parse("127.0.0.1"));
  }

  @Test
  void host_port_of_an_unpublished_port_names_it_and_the_container() {
    ContainerInfo web = web();

    assertThatThrownBy(() -> web.hostPort(81))
        .isInstanceOf(NoSuchElementException.class).hasMessage("No public port '81/tcp' published for web");
    assertThatThrownBy(() -> web.hostPort("53"))
        .isInstanceOf(NoSuchElementException.class).hasMessage("No public port '53/tcp' published for web");
    assertThat(web.hostPorts("81")).isEmpty();
    assertThatThrownBy(() -> web.hostPort("http")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid containerPort: http");
    assertThat(engine.stop("web").hostPorts("80")).isEmpty();
  }

  @Test
  void ip_address_gives_the_address_without_its_prefix_or_says_why_not() {
    engine.createNetwork(NetworkSpec.of("dev"));
    ContainerInfo db = engine.run(ContainerSpec.builder().image("postgres").name("db").network("dev").build());

    assertThat(db.ipAddress("dev")).isEqualTo(IpAddress.parse("172.18.0.2"));
    assertThatThrownBy(() -> db.ipAddress("bridge")).isInstanceOf(NoSuchElementException.class)
        .hasMessage("container db is not connected to network bridge (its networks: [dev])");
    assertThatThrownBy(() -> db.ipv6Address("dev")).isInstanceOf(NoSuchElementException.class)
        .hasMessage("container db has no IPv6 address on network dev");
    ContainerInfo stopped = engine.stop("db");
    assertThatThrownBy(() -> stopped.ipAddress("dev")).isInstanceOf(NoSuchElementException.class)
        .hasMessage("container db has no endpoint on network dev: it is exited");
  }

  @Test
  void network_step_joins_with_aliases_in_one_call_and_repeats_like_docker_run_network() {
    engine.createNetwork(NetworkSpec.of("dev"));
    engine.createNetwork(NetworkSpec.of("backend"));
    ContainerSpec spec = ContainerSpec.builder().image("postgres").name("db")
        .network("dev", "database", "pg")
        .network("backend")
        .build();

    assertThat(spec.networkMode()).isEqualTo(NetworkMode.network("dev"));
    assertThat(spec.endpoints()).containsOnlyKeys("dev", "backend");
    assertThat(spec.endpoints().get("dev").aliases()).containsExactly("database", "pg");
    assertThat(spec.endpoints().get("backend")).isEqualTo(EndpointSpec.empty());
    ContainerInfo db = engine.run(spec);
    engine.run(ContainerSpec.builder().image("alpine").tty(true).name("app").network("dev").build());
    assertThat(engine.resolve("app", "database")).containsExactly(db.ipAddress("dev"));
    assertThat(db.networks()).containsOnlyKeys("dev", "backend");
    assertThat(ContainerSpec.builder().image("alpine").network("dev").build().endpoints()).isEmpty();
  }

  @Test
  void remove_and_disconnect_take_force_as_a_named_option() {
    engine.createNetwork(NetworkSpec.of("dev"));
    engine.run(ContainerSpec.builder().image("nginx").name("web").network("dev").network("bridge").build());

    assertThat(engine.disconnect("bridge", "web").networks()).containsOnlyKeys("dev");
    assertThat(engine.disconnect("dev", "web", DisconnectOption.FORCE).networks()).isEmpty();
    assertThatThrownBy(() -> engine.removeContainer("web")).isInstanceOf(ConflictException.class)
        .hasMessage("cannot remove container \"/web\": container is running: stop the container before removing or force remove");
    engine.removeContainer("web", RemoveOption.FORCE);
    assertThat(engine.findContainer("web")).isEmpty();
    assertThatThrownBy(() -> engine.removeContainer("x", (RemoveOption) null)).isInstanceOf(NullPointerException.class);
  }
}
