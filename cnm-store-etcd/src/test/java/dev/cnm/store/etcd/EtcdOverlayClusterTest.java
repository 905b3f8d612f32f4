package dev.cnm.store.etcd;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cnm.store.etcd.testing.EtcdCluster;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.NetworkInfo;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.RemoveOption;
import dev.cnm.api.error.CnmException;
import dev.cnm.api.store.GlobalStore;
import dev.cnm.api.store.Versioned;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three engines, each with its own etcd client (as three hosts would have), sharing overlay
 * networks through one real etcd member: concurrent runs on one network never get the same
 * address, concurrently created networks never get the same VXLAN id or pool, and removing
 * everything leaves no allocation in etcd.
 */
class EtcdOverlayClusterTest {
  private EtcdCluster etcd;
  private final List<GlobalStore> clients = new ArrayList<>();
  private final List<Engine> engines = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    etcd = EtcdBinary.cluster(1);
    String prefix = "overlay-test/" + UUID.randomUUID() + "/";
    for (int i = 0; i < 3; i++) {
      GlobalStore store = EtcdGlobalStore.builder().endpoints(etcd.clientUris()).keyPrefix(prefix).build();
      clients.add(store);
      if (i == 0) {
        EtcdCluster.awaitReachable(store, Duration.ofSeconds(15));
      }
      engines.add(EtcdEngines.engine(store, "host-" + i, 500 + i));
    }
  }

  @AfterEach
  void tearDown() {
    clients.forEach(GlobalStore::close);
    if (etcd != null) {
      etcd.close();
    }
  }

  @Test
  void a_forced_remove_is_in_etcd_when_it_returns_and_another_host_then_gets_the_address_it_freed() {
    engines.get(0).createNetwork(NetworkSpec.builder().name("ov").driver("overlay").build());
    ContainerInfo a1 = engines.get(0).run(ContainerSpec.builder().image("alpine").tty(true).name("a1")
        .networkMode(NetworkMode.network("ov")).build());
    ContainerInfo b1 = engines.get(1).run(ContainerSpec.builder().image("alpine").tty(true).name("b1")
        .networkMode(NetworkMode.network("ov")).build());
    assertThat(a1.endpoint("ov").orElseThrow().ipv4Address().orElseThrow()).hasToString("10.0.0.2/24");
    assertThat(b1.endpoint("ov").orElseThrow().ipv4Address().orElseThrow()).hasToString("10.0.0.3/24");
    String endpointId = a1.endpoint("ov").orElseThrow().id();

    engines.get(0).removeContainer("a1", RemoveOption.FORCE);

    // Read through another host's client, with no operation of host-0 in between.
    GlobalStore other = clients.get(2);
    assertThat(other.list("endpoint/").entries()).extracting(Versioned::key).noneMatch(k -> k.endsWith("/" + endpointId));
    assertThat(other.get("ipam/GlobalDefault/used/10.0.0.0-24/2")).isEmpty();
    ContainerInfo c1 = engines.get(2).run(ContainerSpec.builder().image("alpine").tty(true).name("c1")
        .networkMode(NetworkMode.network("ov")).build());
    assertThat(c1.endpoint("ov").orElseThrow().ipv4Address().orElseThrow()).hasToString("10.0.0.2/24");
  }

  /** A client that logs each call reaching etcd: one entry per round trip. */
  private static final class RoundTrips extends dev.cnm.api.store.ForwardingGlobalStore {
    final GlobalStore to;
    final List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());

    RoundTrips(GlobalStore to) {
      this.to = to;
    }

    @Override
    protected GlobalStore delegate() {
      return to;
    }

    @Override
    public java.util.Optional<Versioned> get(String key) {
      calls.add("get " + key);
      return to.get(key);
    }

    @Override
    public dev.cnm.api.store.Listing list(String prefix) {
      calls.add("list " + prefix);
      return to.list(prefix);
    }

    @Override
    public long commit(dev.cnm.api.store.StoreTxn txn) {
      calls.add("commit");
      return to.commit(txn);
    }

    @Override
    public dev.cnm.api.store.StoreTxn.Chosen commitFirst(List<dev.cnm.api.store.StoreTxn> choices) {
      calls.add("commit");
      return to.commitFirst(choices);
    }
  }

  private static ContainerInfo run(Engine e, String name) {
    return e.run(ContainerSpec.builder().image("alpine").tty(true).name(name).networkMode(NetworkMode.network("ov"))
        .build());
  }

  private static String address(ContainerInfo c) {
    return c.endpoint("ov").orElseThrow().ipv4Address().orElseThrow().toString();
  }

  /**
   * A fourth host on host-1's client, counted, once network {@code ov} exists and the host has run
   * and removed a container on it (its IPAM keeps the pool's document from then on).
   */
  private Engine countedHost(RoundTrips counted) {
    Engine d = EtcdEngines.engine(counted, "host-3", 503);
    engines.get(0).createNetwork(NetworkSpec.builder().name("ov").driver("overlay").build());
    run(d, "warm");
    d.removeContainer("warm", RemoveOption.FORCE);
    return d;
  }

  @Test
  void a_host_whose_view_still_holds_an_address_freed_elsewhere_takes_it_in_one_round_trip() {
    RoundTrips counted = new RoundTrips(clients.get(1));
    Engine d = countedHost(counted);
    run(engines.get(0), "a1");
    run(engines.get(1), "b1");
    d.network("ov"); // d's view: .2 and .3 in use
    engines.get(0).removeContainer("a1", RemoveOption.FORCE); // acknowledged: .2 is free

    counted.calls.clear();
    ContainerInfo d1 = run(d, "d1");
    assertThat(address(d1)).isEqualTo("10.0.0.2/24");
    assertThat(counted.calls).containsExactly("commit");
    counted.calls.clear();
    d.removeContainer("d1", RemoveOption.FORCE);
    assertThat(counted.calls).containsExactly("commit");
  }

  @Test
  void a_join_of_thirty_two_alternatives_commits_and_is_refused_within_etcd_limits() {
    RoundTrips counted = new RoundTrips(clients.get(1));
    Engine d = countedHost(counted);
    for (int i = 0; i < 28; i++) {
      run(engines.get(0), "a" + i); // .2 to .29
    }
    d.network("ov"); // d's view: .1 to .29 in use

    counted.calls.clear();
    assertThat(address(run(d, "d1"))).isEqualTo("10.0.0.30/24"); // the 30th of 32 alternatives
    assertThat(counted.calls).containsExactly("commit");
    d.removeContainer("d1", RemoveOption.FORCE);
    d.network("ov"); // d's view: .1 to .29 again
    for (int i = 28; i < 31; i++) {
      run(engines.get(0), "a" + i); // .30 to .32: every alternative of d's range taken
    }
    counted.calls.clear();
    assertThat(address(run(d, "d2"))).isEqualTo("10.0.0.33/24");
    assertThat(counted.calls).containsExactly("commit", "list ipam/GlobalDefault/used/10.0.0.0-24/", "commit");
  }

  @Test
  void three_engines_allocating_concurrently_never_share_an_address_or_vxlan_id() throws Exception {
    engines.get(0).createNetwork(NetworkSpec.builder().name("ov").driver("overlay").build());
    ExecutorService pool = Executors.newFixedThreadPool(3);
    List<Future<List<String>>> results = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        Engine e = engines.get(i);
        int host = i;
        results.add(pool.submit(() -> {
          List<String> addresses = new ArrayList<>();
          e.createNetwork(NetworkSpec.builder().name("own" + host).driver("overlay").build());
          for (int k = 0; k < 8; k++) {
            ContainerInfo c = e.run(ContainerSpec.builder().image("alpine").tty(true).name("c" + k)
                .networkMode(NetworkMode.network("ov")).build());
            addresses.add(c.endpoint("ov").orElseThrow().ipv4Address().orElseThrow().address().toString());
            if (k % 3 == 2) {
              e.removeContainer("c" + (k - 1), RemoveOption.FORCE); // give one back while the others allocate
              addresses.remove(addresses.size() - 2);
            }
          }
          return addresses;
        }));
      }
      List<String> all = new ArrayList<>();
      for (Future<List<String>> f : results) {
        all.addAll(f.get(120, TimeUnit.SECONDS));
      }
      assertThat(new HashSet<>(all)).hasSameSizeAs(all);
    } finally {
      pool.shutdownNow();
    }

    GlobalStore store = clients.get(0);
    List<Integer> vxlanIds = new ArrayList<>();
    for (Versioned v : store.list("overlay/network/").entries()) {
      new ObjectMapper().readTree(v.value()).path("vxlanIds").forEach(id -> vxlanIds.add(id.asInt()));
    }
    assertThat(vxlanIds).hasSize(4).doesNotHaveDuplicates().allMatch(id -> id >= 4096 && id < 4100);
    Set<String> subnets = new HashSet<>();
    for (NetworkInfo n : engines.get(2).networks()) {
      if (n.driver().equals("overlay")) {
        subnets.add(n.ipamConfigs().get(0).subnet().toString());
      }
    }
    assertThat(subnets).containsExactlyInAnyOrder("10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24");

    for (Engine e : engines) {
      for (ContainerInfo c : e.containers()) {
        e.removeContainer(c.id(), RemoveOption.FORCE);
      }
    }
    for (String name : List.of("ov", "own0", "own1", "own2")) {
      try {
        engines.get(1).removeNetwork(name);
      } catch (CnmException e) {
        throw new AssertionError("removing " + name, e);
      }
    }
    List<String> left = new ArrayList<>();
    store.list("").entries().forEach(v -> left.add(v.key()));
    left.remove("overlay/vxlan-ids");
    left.removeIf(k -> k.startsWith("hosts/")); // the hosts' registrations outlive every network
    assertThat(left).isEmpty();
    assertThat(new ObjectMapper().readTree(store.get("overlay/vxlan-ids").orElseThrow().value()).path("used")).isEmpty();
    for (Engine e : engines) {
      // docker_gwbridge, created on demand for overlay containers, stays (empty), as in Docker.
      assertThat(e.networks()).filteredOn(n -> !n.name().equals("docker_gwbridge"))
          .extracting(NetworkInfo::name).containsExactlyInAnyOrder("bridge", "host", "none");
    }
  }
}
