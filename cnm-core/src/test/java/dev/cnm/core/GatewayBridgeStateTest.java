package dev.cnm.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.EndpointInfo;
import dev.cnm.api.Engine;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.port.PortSpec;
import dev.cnm.api.spi.NetworkDriverProvider;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The docker_gwbridge endpoint with the engine's test drivers: saved and restored like any other. */
class GatewayBridgeStateTest {
  private static EngineBuilder builder(long seed) {
    return TestDrivers.builder(seed).driver(NetworkDriverProvider.of("overlay", ctx -> new TestDrivers.Global()));
  }

  @Test
  void a_container_whose_only_network_offers_no_gateway_gets_the_gateway_endpoint_and_a_restore_keeps_it() {
    Engine original = builder(3).build();
    original.createNetwork(NetworkSpec.builder().name("ov").driver("overlay").build());
    ContainerInfo c = original.run(ContainerSpec.builder().image("nginx").name("web")
        .networkMode(NetworkMode.network("ov")).portBindings(PortSpec.parse("8080:80")).build());
    EndpointInfo gw = original.network("docker_gwbridge").endpoints().get(0);
    assertThat(gw.name()).isEqualTo("gateway_" + c.id().substring(0, 12));
    assertThat(gw.dnsNames()).isEmpty();
    assertThat(c.networks()).containsOnlyKeys("ov");
    assertThat(c.ports()).isNotEmpty();

    byte[] saved = EngineState.export(original);
    Engine restored = EngineState.restore(saved, builder(4));
    assertThat(restored.networks()).isEqualTo(original.networks());
    assertThat(restored.containers()).isEqualTo(original.containers());
    assertThat(new String(EngineState.export(restored), StandardCharsets.UTF_8))
        .isEqualTo(new String(saved, StandardCharsets.UTF_8));

    restored.stop("web");
    assertThat(restored.network("docker_gwbridge").endpoints()).isEmpty();
  }

  @Test
  void renaming_the_container_leaves_the_gateway_endpoints_name() {
    Engine engine = builder(3).build();
    engine.createNetwork(NetworkSpec.builder().name("ov").driver("overlay").build());
    ContainerInfo c = engine.run(ContainerSpec.builder().image("nginx").name("web")
        .networkMode(NetworkMode.network("ov")).build());
    engine.rename("web", "www");
    EndpointInfo gw = engine.network("docker_gwbridge").endpoints().get(0);
    assertThat(gw.name()).isEqualTo("gateway_" + c.id().substring(0, 12));
    assertThat(gw.dnsNames()).isEmpty();
  }

  @Test
  void a_sharer_whose_target_stopped_stays_without_network_across_a_restore_even_after_the_target_restarts() {
    Engine original = builder(3).build();
    original.run(ContainerSpec.builder().image("nginx").name("app").build());
    original.run(ContainerSpec.builder().image("alpine").tty(true).name("sidecar").networkMode(NetworkMode.container("app")).build());
    original.stop("app");
    String loopbackOnly = original.exec("sidecar", java.util.List.of("ip", "addr")).stdout();
    assertThat(loopbackOnly).doesNotContain("eth0");

    Engine restored = EngineState.restore(EngineState.export(original), builder(4));
    restored.start("app");
    assertThat(restored.exec("sidecar", java.util.List.of("ip", "addr")).stdout()).isEqualTo(loopbackOnly);
    restored.restart("sidecar");
    assertThat(restored.exec("sidecar", java.util.List.of("ip", "addr")).stdout()).contains("eth0");
  }
}
