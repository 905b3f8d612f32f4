package dev.cnm.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.ContainerSpec;
import dev.cnm.api.EndpointSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.IpamPoolSpec;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.RemoveOption;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.port.PortSpec;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EngineStateTest {

  private static Engine populated() {
    Engine e = TestDrivers.builder(11).build();
    e.createNetwork(NetworkSpec.of("dev"));
    e.createNetwork(NetworkSpec.builder().name("fixed").putLabel("env", "qa")
        .addIpamConfig(IpamPoolSpec.builder().subnet(Subnet.parse("10.5.0.0/24")).ipRange(Subnet.parse("10.5.0.128/25")).build())
        .build());
    e.run(ContainerSpec.builder().image("elasticsearch").name("search").networkMode(NetworkMode.network("dev"))
        .putEndpoint("dev", EndpointSpec.builder().addAlias("es").build()).build());
    e.run(ContainerSpec.builder().image("nginx").name("web").portBindings(PortSpec.parse("8080:80")).publishAllPorts(true).build());
    e.connect("fixed", "web", EndpointSpec.empty());
    e.createContainer(ContainerSpec.builder().image("redis").name("later").networkMode(NetworkMode.network("dev")).build());
    e.run(ContainerSpec.builder().image("alpine").tty(true).name("gone").build());
    e.stop("gone");
    return e;
  }

  @Test
  void restore_reproduces_every_snapshot() {
    Engine original = populated();
    byte[] saved = EngineState.export(original);
    Engine restored = EngineState.restore(saved, TestDrivers.builder(12));
    assertThat(restored.networks()).isEqualTo(original.networks());
    assertThat(restored.containers()).isEqualTo(original.containers());
    assertThat(new String(EngineState.export(restored), StandardCharsets.UTF_8))
        .isEqualTo(new String(saved, StandardCharsets.UTF_8));
  }

  @Test
  void restore_holds_every_address_and_port_again() {
    Engine restored = EngineState.restore(EngineState.export(populated()), TestDrivers.builder(12));
    // 172.18.0.2 is held by search: the next container gets .3.
    assertThat(restored.start("later").endpoint("dev").orElseThrow().ipv4Address().orElseThrow())
        .hasToString("172.18.0.3/16");
    assertThatThrownBy(() -> restored.run(ContainerSpec.builder().image("nginx").portBindings(PortSpec.parse("8080:80")).build()))
        .hasMessageEndingWith("Bind for 0.0.0.0:8080 failed: port is already allocated");
    assertThatThrownBy(() -> restored.createNetwork(NetworkSpec.builder().name("clash")
            .addIpamConfig(IpamPoolSpec.ofSubnet(Subnet.parse("10.5.0.0/24"))).build()))
        .hasMessage("invalid pool request: Pool overlaps with other one on this address space");
    restored.removeContainer("web", RemoveOption.FORCE);
    restored.run(ContainerSpec.builder().image("nginx").portBindings(PortSpec.parse("8080:80")).build());
  }

  @Test
  void restore_rejects_garbage_with_a_clear_error() {
    assertThatThrownBy(() -> EngineState.restore("{not json".getBytes(StandardCharsets.UTF_8), TestDrivers.builder(1)))
        .isInstanceOf(InvalidParameterException.class).hasMessageStartingWith("invalid engine state: ");
    assertThatThrownBy(() -> EngineState.restore("{\"version\":99}".getBytes(StandardCharsets.UTF_8), TestDrivers.builder(1)))
        .isInstanceOf(InvalidParameterException.class).hasMessage("invalid engine state: unsupported version 99");
  }
}
