package dev.cnm.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.EndpointSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.error.ConflictException;
import dev.cnm.api.error.ForbiddenException;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.store.GlobalStore;
import dev.cnm.store.etcd.testing.EtcdCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Service discovery, host identity and stale endpoints across three hosts on a real 3-member etcd
 * cluster, each host's engine with its own client on its own member: what one host writes through
 * its member, the others resolve through theirs, at their next operation.
 */
class EtcdClusterDiscoveryTest {
  private EtcdCluster etcd;
  private String prefix;
  private final List<GlobalStore> clients = new ArrayList<>();
  private final List<Engine> hosts = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    etcd = EtcdBinary.cluster(3);
    prefix = "discovery-test/" + UUID.randomUUID() + "/";
    for (int i = 0; i < 3; i++) {
      hosts.add(EtcdEngines.engine(client(i), "host-" + i, 900 + i));
    }
    hosts.get(0).createNetwork(NetworkSpec.builder().name("ov").driver("overlay").build());
  }

  private GlobalStore client(int member) throws InterruptedException {
    GlobalStore store = EtcdGlobalStore.builder().endpoints(List.of(etcd.clientUris().get(member)))
        .keyPrefix(prefix).build();
    clients.add(store);
    EtcdCluster.awaitReachable(store, Duration.ofSeconds(20));
    return store;
  }

  @AfterEach
  void tearDown() {
    clients.forEach(GlobalStore::close);
    if (etcd != null) {
      etcd.close();
    }
  }

  private static ContainerInfo run(Engine e, String name, String... aliases) {
    return e.run(ContainerSpec.builder().image("alpine").tty(true).name(name).networkMode(NetworkMode.network("ov"))
        .putEndpoint("ov", EndpointSpec.builder().addAliases(aliases).build()).build());
  }

  private static IpAddress ip(ContainerInfo c) {
    return c.endpoint("ov").orElseThrow().ipv4Address().orElseThrow().address();
  }

  @Test
  void names_and_a_shared_alias_resolve_across_three_hosts_and_follow_rename_disconnect_and_stop() {
    Engine a = hosts.get(0);
    Engine b = hosts.get(1);
    Engine c = hosts.get(2);
    ContainerInfo a1 = run(a, "a1", "db");
    ContainerInfo b1 = run(b, "b1", "db");
    ContainerInfo c1 = run(c, "c1", "db");
    assertThat(List.of(ip(a1), ip(b1), ip(c1))).extracting(IpAddress::toString)
        .containsExactly("10.0.0.2", "10.0.0.3", "10.0.0.4"); // lowest free, whichever host asks

    assertThat(c.resolve("c1", "a1")).containsExactly(ip(a1));
    assertThat(a.resolve("a1", "b1.ov")).containsExactly(ip(b1));
    assertThat(b.resolve("b1", a1.id().substring(0, 12))).containsExactly(ip(a1));
    assertThat(c.resolve("c1", "db")).containsExactlyInAnyOrder(ip(a1), ip(b1), ip(c1));
    assertThat(b.exec("b1", List.of("nslookup", ip(c1).toString())).stdout()).contains("name = c1.ov");

    a.rename("a1", "a2");
    assertThat(c.resolve("c1", "a1")).isEmpty();
    assertThat(c.resolve("c1", "a2")).containsExactly(ip(a1));

    b.disconnect("ov", "b1");
    assertThat(c.resolve("c1", "b1")).isEmpty();
    assertThat(a.resolve("a2", "db")).containsExactlyInAnyOrder(ip(a1), ip(c1));

    a.stop("a2");
    assertThat(c.resolve("c1", "a2")).isEmpty();
    assertThat(c.resolve("c1", "db")).containsExactly(ip(c1));
    assertThat(c.exec("c1", List.of("getent", "hosts", "a2")).exitCode()).isEqualTo(2);

    // The addresses freed on two hosts go, lowest first, to the next container of the third.
    assertThat(ip(run(c, "c2"))).hasToString("10.0.0.2");
    assertThat(ip(run(c, "c3"))).hasToString("10.0.0.3");
  }

  @Test
  void a_second_host_claiming_a_name_through_another_member_is_refused() throws Exception {
    Engine again = EtcdEngines.engine(client(2), "host-0", 950);
    assertThatThrownBy(again::containers).isInstanceOf(ConflictException.class)
        .hasMessageContaining("host name host-0 is already registered in the cluster store by host ");
  }

  @Test
  void a_dead_hosts_endpoint_is_cleared_from_another_host_and_its_address_is_taken_again() {
    Engine a = hosts.get(0);
    Engine b = hosts.get(1);
    ContainerInfo gone = run(a, "gone");
    run(b, "b1");
    // host-0 is gone for good (its state lost): its endpoint stays in the store and is resolved
    assertThat(b.resolve("b1", "gone")).containsExactly(ip(gone));
    b.stop("b1");
    assertThatThrownBy(() -> b.removeNetwork("ov")).isInstanceOf(ForbiddenException.class)
        .hasMessageContaining("network ov has active endpoints (name:\"gone\"");
    b.start("b1");

    assertThat(b.forceDisconnect("ov", "gone")).isEmpty();
    assertThat(b.resolve("b1", "gone")).isEmpty();
    assertThat(ip(run(hosts.get(2), "c1"))).isEqualTo(ip(gone));
  }
}
