package dev.cnm.drivers.overlay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.Engine;
import dev.cnm.api.NetworkInfo;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.Scope;
import dev.cnm.api.error.ErrorKind;
import dev.cnm.api.error.ForbiddenException;
import dev.cnm.core.Cnm;
import dev.cnm.core.store.InMemoryGlobalStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The overlay driver as ServiceLoader provides it: its store is the engine's global store. */
class OverlayProviderEngineTest {
  private static final NetworkSpec OV = NetworkSpec.builder().name("ov").driver("overlay").build();

  @Test
  void without_a_global_store_an_overlay_network_is_refused_as_on_a_node_outside_a_swarm_and_nothing_changes() {
    Engine docker = Cnm.builder().seed(1).build();
    List<NetworkInfo> before = docker.networks();
    assertThatThrownBy(() -> docker.createNetwork(OV))
        .isInstanceOf(ForbiddenException.class)
        .hasMessage("This node is not a swarm manager. Use \"docker swarm init\" or \"docker swarm join\" "
            + "to connect this node to swarm and try again.")
        .satisfies(e -> assertThat(((ForbiddenException) e).kind()).isEqualTo(ErrorKind.FORBIDDEN));
    assertThat(docker.networks()).isEqualTo(before);
    // The pool it would have had is still free.
    assertThat(docker.createNetwork(NetworkSpec.of("dev")).ipamConfigs().get(0).subnet().toString())
        .isEqualTo("172.18.0.0/16");
  }

  @Test
  void with_the_engines_global_store_engine_see_each_others_networks() {
    InMemoryGlobalStore store = InMemoryGlobalStore.create();
    Engine host1 = Cnm.builder().seed(1).globalStore(store).hostName("host1").build();
    Engine host2 = Cnm.builder().seed(2).globalStore(store).hostName("host2").build();
    NetworkInfo ov = host1.createNetwork(OV);
    assertThat(ov.scope()).isEqualTo(Scope.GLOBAL);
    assertThat(host2.network("ov").id()).isEqualTo(ov.id());
    assertThat(store.get(OverlayDriver.NETWORK_KEY_PREFIX + ov.id())).isPresent();
  }

  @Test
  void an_explicit_provider_with_its_own_store_replaces_the_discovered_one() {
    InMemoryGlobalStore store = InMemoryGlobalStore.create();
    Engine docker = Cnm.builder().seed(1).driversFromServiceLoader()
        .driver(OverlayDriverProvider.withStore(store)).globalStore(store).build();
    NetworkInfo ov = docker.createNetwork(OV);
    assertThat(store.get(OverlayDriver.NETWORK_KEY_PREFIX + ov.id())).isPresent();
  }

  @Test
  void the_provider_without_a_store_creates_a_driver_that_refuses_networks() {
    OverlayDriver d = (OverlayDriver) new OverlayDriverProvider().create(dev.cnm.testkit.contract.TestDriverContext.seeded(1));
    assertThat(d.type()).isEqualTo("overlay");
    assertThatThrownBy(() -> d.createNetwork(dev.cnm.api.spi.NetworkCreateRequest.builder()
            .networkId(dev.cnm.testkit.contract.Requests.id("0a1")).networkName("ov").build()))
        .isInstanceOf(ForbiddenException.class)
        .hasMessageStartingWith("This node is not a swarm manager.");
    assertThat(d.vxlanIdsInUse()).isEmpty();
  }
}
