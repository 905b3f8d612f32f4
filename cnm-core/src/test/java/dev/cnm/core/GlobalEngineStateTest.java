package dev.cnm.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.NetworkInfo;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.spi.NetworkDriverProvider;
import dev.cnm.core.store.InMemoryGlobalStore;
import org.junit.jupiter.api.Test;

/** {@link EngineState} with a global store: global networks come from the store, never twice. */
class GlobalEngineStateTest {
  private final InMemoryGlobalStore store = InMemoryGlobalStore.create();

  private EngineBuilder host(String name, long seed) {
    return TestDrivers.builder(seed)
        .driver(NetworkDriverProvider.of("overlay", ctx -> new TestDrivers.Global()))
        .globalStore(store).hostName(name);
  }

  private static ContainerInfo run(Engine e, String name) {
    return e.run(ContainerSpec.builder().image("alpine").tty(true).name(name).networkMode(NetworkMode.network("ov")).build());
  }

  private static Subnet address(ContainerInfo c) {
    return c.endpoint("ov").orElseThrow().ipv4Address().orElseThrow();
  }

  @Test
  void a_restored_host_adopts_its_global_networks_from_the_store_and_keeps_the_addresses_it_holds() {
    Engine a = host("host-a", 1).build();
    NetworkInfo ov = a.createNetwork(NetworkSpec.builder().name("ov").driver("overlay").build());
    a.createNetwork(NetworkSpec.builder().name("dev").build());
    ContainerInfo c1 = run(a, "c1");

    byte[] saved = EngineState.export(a);
    assertThat(new String(saved, UTF_8)).contains("\"name\" : \"dev\"").contains("\"inStore\" : true");

    Engine again = EngineState.restore(saved, host("host-a", 2));
    assertThat(again.networks().stream().filter(n -> n.name().equals("ov"))).hasSize(1);
    assertThat(again.network("ov").id()).isEqualTo(ov.id());
    assertThat(address(again.container("c1"))).isEqualTo(address(c1));

    ContainerInfo c2 = run(host("host-b", 3).build(), "c2");
    ContainerInfo c3 = run(again, "c3");
    assertThat(address(c2)).isNotEqualTo(address(c1));
    assertThat(address(c3)).isNotEqualTo(address(c1)).isNotEqualTo(address(c2));

    Engine third = EngineState.restore(EngineState.export(again), host("host-a", 4));
    assertThat(address(third.container("c1"))).isEqualTo(address(c1));
    assertThat(address(third.container("c3"))).isEqualTo(address(c3));
  }

  @Test
  void a_restore_after_another_host_removed_the_network_leaves_it_out() {
    Engine a = host("host-a", 1).build();
    a.createNetwork(NetworkSpec.builder().name("ov").driver("overlay").build());
    byte[] saved = EngineState.export(a);
    host("host-b", 2).build().removeNetwork("ov");
    Engine again = EngineState.restore(saved, host("host-a", 3));
    assertThat(again.findNetwork("ov")).isEmpty();
    assertThat(again.networks()).hasSize(3);
  }

  @Test
  void an_engine_without_a_store_restores_them_as_its_own() {
    Engine a = host("host-a", 1).build();
    a.createNetwork(NetworkSpec.builder().name("ov").driver("overlay").build());
    Engine alone = EngineState.restore(EngineState.export(a), TestDrivers.builder(5)
        .driver(NetworkDriverProvider.of("overlay", ctx -> new TestDrivers.Global())));
    assertThat(alone.network("ov").id()).isEqualTo(a.network("ov").id());
  }
}
