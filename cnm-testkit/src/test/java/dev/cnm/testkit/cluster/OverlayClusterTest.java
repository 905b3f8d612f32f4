package dev.cnm.testkit.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.ContainerStatus;
import dev.cnm.api.Engine;
import dev.cnm.api.NetworkInfo;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.RemoveOption;
import dev.cnm.api.Scope;
import dev.cnm.api.error.ConflictException;
import dev.cnm.api.error.ErrorKind;
import dev.cnm.api.error.UnavailableException;
import dev.cnm.api.net.Subnet;
import dev.cnm.core.store.InMemoryGlobalStore;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Three engines with the real drivers sharing one in-memory store. */
class OverlayClusterTest {
  private InMemoryGlobalStore store;
  private Engine a;
  private Engine b;
  private Engine c;

  @BeforeEach
  void setUp() {
    store = InMemoryGlobalStore.create();
    List<Engine> engines = Cluster.engines(store, 3);
    a = engines.get(0);
    b = engines.get(1);
    c = engines.get(2);
  }

  private static ContainerInfo run(Engine e, String network, String name) {
    return e.run(ContainerSpec.builder().image("alpine").tty(true).name(name).networkMode(NetworkMode.network(network)).build());
  }

  private static Subnet address(ContainerInfo c, String network) {
    return c.endpoint(network).orElseThrow().ipv4Address().orElseThrow();
  }

  @Test
  void an_overlay_network_is_shared_by_every_engine_with_one_pool_and_one_vxlan_id() {
    NetworkInfo ov = a.createNetwork(NetworkSpec.builder().name("ov").driver("overlay").build());
    assertThat(ov.scope()).isEqualTo(Scope.GLOBAL);
    assertThat(ov.ipamConfigs().get(0).subnet()).isEqualTo(Subnet.parse("10.0.0.0/24"));
    assertThat(ov.ipamConfigs().get(0).gateway()).hasValue(dev.cnm.api.net.IpAddress.parse("10.0.0.1"));
    assertThat(b.network("ov").id()).isEqualTo(ov.id());
    assertThat(c.networks().stream().map(NetworkInfo::name).collect(Collectors.toList())).contains("ov");

    List<Subnet> addresses = List.of(address(run(a, "ov", "web"), "ov"), address(run(b, "ov", "db"), "ov"),
        address(run(c, "ov", "cache"), "ov"));
    assertThat(addresses).containsExactly(Subnet.parse("10.0.0.2/24"), Subnet.parse("10.0.0.3/24"),
        Subnet.parse("10.0.0.4/24"));
    assertThat(Cluster.vxlanIdsHeld(store)).containsExactly(4096);

    NetworkInfo second = c.createNetwork(NetworkSpec.builder().name("ov2").driver("overlay").build());
    assertThat(second.ipamConfigs().get(0).subnet()).isEqualTo(Subnet.parse("10.0.1.0/24"));
    assertThat(Cluster.vxlanIdsHeld(store)).containsExactlyInAnyOrder(4096, 4097);
    assertThatThrownBy(() -> b.createNetwork(NetworkSpec.builder().name("ov2").driver("overlay").build()))
        .isInstanceOf(ConflictException.class).hasMessage("network with name ov2 already exists");
    assertThat(Cluster.vxlanIdsUsed(store)).containsExactlyInAnyOrder(4096, 4097);

    a.removeContainer("web", RemoveOption.FORCE);
    b.removeContainer("db", RemoveOption.FORCE);
    c.removeContainer("cache", RemoveOption.FORCE);
    b.removeNetwork("ov");
    a.removeNetwork("ov2");
    for (Engine e : List.of(a, b, c)) {
      // docker_gwbridge, created for the containers' external connectivity, stays (empty), as in Docker.
      assertThat(e.networks().stream().map(NetworkInfo::name).collect(Collectors.toList()))
          .containsExactlyInAnyOrder("bridge", "host", "none", "docker_gwbridge");
      assertThat(e.network("docker_gwbridge").endpoints()).isEmpty();
    }
    assertThat(Cluster.keysBesidesVxlanTable(store)).isEmpty();
    assertThat(Cluster.vxlanIdsUsed(store)).isEmpty();
  }

  @Test
  void with_the_store_unavailable_overlay_operations_fail_and_bridge_networks_still_work() {
    a.createNetwork(NetworkSpec.builder().name("ov").driver("overlay").build());
    a.createContainer(ContainerSpec.builder().image("alpine").tty(true).name("web").networkMode(NetworkMode.network("ov")).build());
    List<NetworkInfo> before = a.networks();
    store.setFault(InMemoryGlobalStore.Fault.UNAVAILABLE);

    assertThatThrownBy(() -> a.createNetwork(NetworkSpec.builder().name("ov2").driver("overlay").build()))
        .isInstanceOfSatisfying(UnavailableException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE));
    assertThatThrownBy(() -> a.start("web"))
        .isInstanceOfSatisfying(UnavailableException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE));
    assertThatThrownBy(() -> a.removeNetwork("ov")).isInstanceOf(UnavailableException.class);
    assertThat(a.networks()).isEqualTo(before);
    assertThat(a.container("web").status()).isEqualTo(ContainerStatus.CREATED);

    a.createNetwork(NetworkSpec.builder().name("local").build());
    assertThat(address(run(a, "local", "app"), "local")).isEqualTo(Subnet.parse("172.18.0.2/16"));

    store.setFault(InMemoryGlobalStore.Fault.NONE);
    assertThat(address(a.start("web"), "ov")).isEqualTo(Subnet.parse("10.0.0.2/24"));
  }
}
