package dev.cnm.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.ClusterHost;
import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.EndpointSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.ExecResult;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkPeer;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.error.ConflictException;
import dev.cnm.api.error.ForbiddenException;
import dev.cnm.api.error.NotFoundException;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.spi.NetworkDriverProvider;
import dev.cnm.core.ipam.StoreBackedIpam;
import dev.cnm.core.store.InMemoryGlobalStore;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Service discovery, host identity and stale endpoints across the engines of one cluster store. */
class ClusterDiscoveryTest {
  private InMemoryGlobalStore store;
  private Engine a;
  private Engine b;

  @BeforeEach
  void setUp() {
    store = InMemoryGlobalStore.create();
    a = engine("host-a", 1).build();
    b = engine("host-b", 2).build();
    a.createNetwork(NetworkSpec.builder().name("ov").driver("overlay").build());
  }

  private EngineBuilder engine(String host, long seed) {
    return TestDrivers.builder(seed)
        .driver(NetworkDriverProvider.of("overlay", ctx -> new TestDrivers.Global()))
        .globalStore(store).hostName(host);
  }

  private static ContainerInfo run(Engine e, String name, String... aliases) {
    return e.run(ContainerSpec.builder().image("alpine").tty(true).name(name).networkMode(NetworkMode.network("ov"))
        .putEndpoint("ov", EndpointSpec.builder().addAliases(aliases).build()).build());
  }

  private static IpAddress ip(ContainerInfo c) {
    return c.endpoint("ov").orElseThrow().ipv4Address().orElseThrow().address();
  }

  private static ExecResult exec(Engine e, String container, String... command) {
    return e.exec(container, List.of(command));
  }

  @Test
  void names_aliases_short_ids_and_ptr_resolve_across_hosts() {
    ContainerInfo a1 = run(a, "a1", "db");
    ContainerInfo b1 = run(b, "b1", "db");
    assertThat(b.resolve("b1", "a1")).containsExactly(ip(a1));
    assertThat(b.resolve("b1", a1.id().substring(0, 12))).containsExactly(ip(a1));
    assertThat(a.resolve("a1", "b1.ov")).containsExactly(ip(b1));
    assertThat(b.resolve("b1", "db")).containsExactlyInAnyOrder(ip(a1), ip(b1));
    assertThat(a.resolve("a1", "db")).containsExactlyInAnyOrder(ip(a1), ip(b1));

    ExecResult getent = exec(b, "b1", "getent", "hosts", "a1");
    assertThat(getent.exitCode()).isZero();
    assertThat(getent.stdout()).startsWith(ip(a1) + " ");
    ExecResult ptr = exec(b, "b1", "nslookup", ip(a1).toString());
    assertThat(ptr.stdout()).contains("name = a1.ov");
    ExecResult ping = exec(b, "b1", "ping", "-c", "1", "a1");
    assertThat(ping.exitCode()).as(ping.stdout() + ping.stderr()).isZero();
  }

  @Test
  void rename_disconnect_and_stop_on_one_host_change_what_the_other_resolves() {
    ContainerInfo a1 = run(a, "a1");
    run(b, "b1");
    a.rename("a1", "a2");
    assertThat(b.resolve("b1", "a1")).isEmpty();
    assertThat(b.resolve("b1", "a2")).containsExactly(ip(a1));

    a.disconnect("ov", "a2");
    assertThat(b.resolve("b1", "a2")).isEmpty();
    ContainerInfo back = a.connect("ov", "a2", EndpointSpec.empty());
    assertThat(b.resolve("b1", "a2")).containsExactly(ip(back));

    a.stop("a2");
    assertThat(b.resolve("b1", "a2")).isEmpty();
    assertThat(exec(b, "b1", "getent", "hosts", "a2").exitCode()).isEqualTo(2);
    assertThat(exec(b, "b1", "ping", "-c", "1", "a2").stderr()).isEqualTo("ping: bad address 'a2'\n");
  }

  @Test
  void links_and_etc_hosts_stay_host_local() {
    run(a, "a1");
    run(b, "b1");
    assertThat(exec(b, "b1", "cat", "/etc/hosts").stdout()).doesNotContain("a1");
  }

  @Test
  void a_second_engine_claiming_a_host_name_is_refused_and_a_restored_one_keeps_it() {
    Engine again = engine("host-a", 3).build();
    assertThatThrownBy(again::containers)
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("host name host-a is already registered in the cluster store by host ")
        .hasMessageContaining("cnm cluster host rm host-a")
        .hasMessageContaining("--cluster-advertise");

    run(a, "a1");
    Engine restored = EngineState.restore(EngineState.export(a), engine("host-a", 1));
    assertThat(restored.containers()).extracting(ContainerInfo::name).containsExactly("a1");
  }

  @Test
  void a_dead_hosts_endpoint_is_cleared_from_another_host_and_frees_its_address() {
    ContainerInfo a1 = run(a, "a1");
    run(b, "b1");
    // host-a is gone for good: its state is lost, its endpoint stays in the store
    b.stop("b1");
    assertThatThrownBy(() -> b.removeNetwork("ov")).isInstanceOf(ForbiddenException.class)
        .hasMessage("error while removing network: network ov has active endpoints (name:\"a1\" id:\""
            + a.network("ov").endpoints().get(0).id().substring(0, 12) + "\")");
    b.start("b1");
    assertThatThrownBy(() -> b.forceDisconnect("ov", "nobody")).isInstanceOf(NotFoundException.class)
        .hasMessage("endpoint nobody not found");

    assertThat(b.forceDisconnect("ov", "a1")).isEmpty();
    assertThat(b.resolve("b1", "a1")).isEmpty();
    String pool = b.network("ov").ipamConfigs().get(0).poolId();
    StoreBackedIpam ipam = StoreBackedIpam.create(dev.cnm.core.ipam.IpamConfiguration.dockerDefaults(), store);
    assertThat(ipam.addressesInUse(pool)).doesNotContain(ip(a1));
    b.stop("b1");
    b.removeNetwork("ov");
  }

  @Test
  void an_unregistered_host_is_listed_and_removed_with_its_endpoints() {
    run(a, "a1");
    run(b, "b1");
    store.compareAndDelete("hosts/host-a", store.get("hosts/host-a").orElseThrow().modRevision());

    List<ClusterHost> hosts = b.clusterHosts();
    assertThat(hosts).extracting(ClusterHost::name).containsExactly("host-a", "host-b");
    assertThat(hosts.get(0).registered()).isFalse();
    assertThat(hosts.get(0).endpoints()).extracting(e -> e.name()).containsExactly("a1");
    assertThat(hosts.get(1).self()).isTrue();
    assertThatThrownBy(() -> b.removeClusterHost("host-b")).isInstanceOf(ForbiddenException.class);

    b.removeClusterHost("host-a");
    assertThat(b.clusterHosts()).extracting(ClusterHost::name).containsExactly("host-b");
    assertThat(b.resolve("b1", "a1")).isEmpty();
  }

  @Test
  void inspect_lists_this_hosts_containers_and_the_peers() {
    run(a, "a1");
    run(b, "b1");
    assertThat(b.network("ov").endpoints()).extracting(e -> e.name()).containsExactly("b1");
    assertThat(b.network("ov").peers()).extracting(NetworkPeer::name).containsExactly("host-a", "host-b");
    a.stop("a1");
    assertThat(b.network("ov").peers()).extracting(NetworkPeer::name).containsExactly("host-b");
  }
}
