package dev.cnm.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.EndpointInfo;
import dev.cnm.api.Engine;
import dev.cnm.api.NetworkInfo;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.RemoveOption;
import dev.cnm.api.error.UnavailableException;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.store.GlobalStore;
import dev.cnm.api.store.StoreUnavailableException;
import dev.cnm.api.store.Versioned;
import dev.cnm.store.etcd.testing.EtcdCluster;
import dev.cnm.store.etcd.testing.EtcdMember;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fault test of the cluster store: a 3-member etcd cluster on loopback, three engines (three
 * "hosts", each with its own client on its own member) running containers on ONE overlay
 * network, removing some, and creating and removing overlay networks (VXLAN ids, pools), all at
 * once; the raft leader is killed by pid mid-run and restarted. Afterwards, with the store
 * healthy again and every engine having made one more global call (which retries what failed
 * while the store was down):
 *
 * <ul>
 *   <li>no address, pool or VXLAN id is held twice, in the store or in the engines' views;
 *   <li>every acknowledged operation is in the store (and in its engine);
 *   <li>every operation that failed with an unknown outcome is now either fully present (container
 *       connected, address and endpoint in the store) or fully absent, and nothing is leaked: the
 *       store's address, pool and VXLAN tables hold exactly what the live endpoints and networks
 *       hold.
 * </ul>
 */
class EtcdEngineFailoverTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ENGINES = 3;
  private static final int OPS_PER_ENGINE = 40;
  private static final int KILL_AFTER_ACKED = 20;
  private static final Duration RUN_LIMIT = Duration.ofSeconds(60);
  private static final String OV = "ov";
  private static final Duration DOWN_FOR = Duration.ofSeconds(3);

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void leader_killed_while_three_engines_allocate_nothing_twice_nothing_lost_nothing_leaked() throws Exception {
    try (EtcdCluster etcd = EtcdBinary.cluster(3)) {
      String prefix = "engine-failover/" + UUID.randomUUID() + "/";
      List<CountingStore> stores = new ArrayList<>();
      List<Engine> engines = new ArrayList<>();
      ExecutorService pool = Executors.newFixedThreadPool(ENGINES);
      try {
        for (int i = 0; i < ENGINES; i++) {
          // Each host talks to its own member, so the host whose member is killed loses the store
          // outright (refused: FAILED; in flight: UNKNOWN) while the others see a leader change.
          CountingStore store = new CountingStore(EtcdGlobalStore.builder()
              .endpoints(List.of(etcd.clientUris().get(i))).keyPrefix(prefix).build());
          stores.add(store);
          EtcdCluster.awaitReachable(store, Duration.ofSeconds(20));
          engines.add(EtcdEngines.engine(store, "host-" + i, 700 + i));
        }
        engines.get(0).createNetwork(NetworkSpec.builder().name(OV).driver("overlay").build());

        long deadline = System.nanoTime() + RUN_LIMIT.toNanos();
        List<Worker> workers = new ArrayList<>();
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < ENGINES; i++) {
          Worker w = new Worker(i, engines.get(i), deadline);
          workers.add(w);
          running.add(pool.submit(w));
        }

        // when: the leader dies mid-run and comes back
        awaitAcked(workers, KILL_AFTER_ACKED, deadline);
        EtcdMember leader = etcd.awaitLeader(Duration.ofSeconds(20));
        leader.kill();
        int ackedAtKill = acked(workers);
        Thread.sleep(DOWN_FOR.toMillis());
        leader.start();
        for (Future<?> f : running) {
          f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        etcd.awaitHealthy(Duration.ofSeconds(30));
        EtcdCluster.awaitReachable(stores.get(0), Duration.ofSeconds(20));
        // One more round of global calls per engine (address, endpoint, network, VXLAN id): they
        // retry the clean-ups that failed while the store was down, and refresh the engine's view.
        for (int i = 0; i < ENGINES; i++) {
          settle(engines.get(i), "settle-" + i);
        }

        // then
        SoftAssertions soft = new SoftAssertions();
        Stored stored = Stored.read(stores.get(0));
        Map<String, Map<String, String>> viewed = viewedEndpoints(engines, soft);
        checkNoneTwiceNothingLeaked(stored, viewed, engines, soft);
        checkAcknowledgedAndInDoubt(workers, engines, stored, soft);
        checkNamesResolveOnlyToHeldAddresses(workers, engines, stored, soft);
        soft.assertThat(ackedAtKill).as("the kill was mid-run").isLessThan(acked(workers));
        Worker victim = workers.get(etcd.members().indexOf(leader));
        soft.assertThat(victim.unknown + victim.failed).as("the host whose member was killed saw the outage")
            .isPositive();
        for (Worker w : workers) {
          soft.assertThat(w.unexpected).as("%s: failures other than the store being unavailable", w.name)
              .isEmpty();
        }
        System.out.printf("engine failover: killed %s at %d acknowledged of %d; %s%n", leader.name(),
            ackedAtKill, acked(workers),
            workers.stream().map(Worker::summary).collect(Collectors.joining("; ")));
        System.out.printf("engine failover: failed store calls %s%n",
            stores.stream().map(c -> c.failures().toString()).collect(Collectors.joining(" ")));
        soft.assertAll();
      } finally {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        stores.forEach(GlobalStore::close);
      }
    }
  }

  // ---- the workload ---------------------------------------------------------------------------

  /** One host's operations, each under a name used once, so a failed one is never retried. */
  private static final class Worker implements Runnable {
    final String name;
    final Engine engine;
    final long deadline;
    final Random random;
    /** Acknowledged runs still expected to be running, with their address on {@link #OV}. */
    final Map<String, String> liveContainers = new LinkedHashMap<>();
    /** Containers whose removal was acknowledged. */
    final List<String> removedContainers = new ArrayList<>();
    /** Acknowledged overlay networks not removed since. */
    final List<String> liveNetworks = new ArrayList<>();
    /** Containers and networks whose last operation failed: outcome per name. */
    final Map<String, StoreUnavailableException.Outcome> inDoubtContainers = new LinkedHashMap<>();
    final Map<String, StoreUnavailableException.Outcome> inDoubtNetworks = new LinkedHashMap<>();
    final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger acked = new AtomicInteger();
    int unknown;
    int failed;

    Worker(int index, Engine engine, long deadline) {
      this.name = "host-" + index;
      this.engine = engine;
      this.deadline = deadline;
      this.random = new Random(42 + index);
    }

    @Override
    public void run() {
      for (int k = 0; k < OPS_PER_ENGINE && System.nanoTime() < deadline; k++) {
        double r = random.nextDouble();
        String target = null;
        boolean container = true;
        try {
          if (r < 0.62 || (r < 0.80 && liveContainers.isEmpty()) || (r >= 0.92 && liveNetworks.isEmpty())) {
            target = name + "-c" + k;
            ContainerInfo c = engine.run(ContainerSpec.builder().image("alpine").tty(true).name(target)
                .networkMode(NetworkMode.network(OV)).build());
            liveContainers.put(target, c.endpoint(OV).orElseThrow().ipv4Address().orElseThrow().address().toString());
          } else if (r < 0.80) {
            target = new ArrayList<>(liveContainers.keySet()).get(random.nextInt(liveContainers.size()));
            engine.removeContainer(target, RemoveOption.FORCE);
            liveContainers.remove(target);
            removedContainers.add(target);
          } else if (r < 0.92) {
            container = false;
            target = name + "-n" + k;
            engine.createNetwork(NetworkSpec.builder().name(target).driver("overlay").build());
            liveNetworks.add(target);
          } else {
            container = false;
            target = liveNetworks.get(random.nextInt(liveNetworks.size()));
            engine.removeNetwork(target);
            liveNetworks.remove(target);
          }
          acked.incrementAndGet();
        } catch (UnavailableException e) {
          StoreUnavailableException.Outcome outcome = outcome(e);
          if (outcome == StoreUnavailableException.Outcome.UNKNOWN) {
            unknown++;
          } else {
            failed++;
          }
          if (container) {
            liveContainers.remove(target);
            inDoubtContainers.put(target, outcome);
          } else {
            liveNetworks.remove(target);
            inDoubtNetworks.put(target, outcome);
          }
          sleep(250);
        } catch (RuntimeException e) {
          unexpected.add(target + ": " + e);
          if (container) {
            liveContainers.remove(target);
            inDoubtContainers.put(target, StoreUnavailableException.Outcome.UNKNOWN);
          } else {
            liveNetworks.remove(target);
            inDoubtNetworks.put(target, StoreUnavailableException.Outcome.UNKNOWN);
          }
        }
      }
    }

    String summary() {
      return name + ": acked " + acked + ", unknown " + unknown + ", failed " + failed
          + ", live containers " + liveContainers.size() + ", live networks " + liveNetworks.size();
    }
  }

  private static StoreUnavailableException.Outcome outcome(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StoreUnavailableException) {
        return ((StoreUnavailableException) t).outcome();
      }
    }
    return StoreUnavailableException.Outcome.FAILED;
  }

  private static void settle(Engine engine, String name) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      try {
        engine.run(ContainerSpec.builder().image("alpine").tty(true).name(name).networkMode(NetworkMode.network(OV)).build());
        engine.removeContainer(name, RemoveOption.FORCE);
        engine.createNetwork(NetworkSpec.builder().name(name).driver("overlay").build());
        engine.removeNetwork(name);
        engine.networks();
        return;
      } catch (UnavailableException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        engine.findContainer(name).ifPresent(c -> engine.removeContainer(name, RemoveOption.FORCE));
        engine.findNetwork(name).ifPresent(n -> engine.removeNetwork(name));
        sleep(200);
      }
    }
  }

  // ---- what the store holds -------------------------------------------------------------------

  /** One consistent snapshot (one list, one revision) of everything the cluster keeps. */
  private static final class Stored {
    /** network name: its document. */
    final Map<String, JsonNode> networks = new TreeMap<>();
    /** network id: VXLAN ids recorded for it by the overlay driver. */
    final Map<String, List<Integer>> vxlanByNetwork = new TreeMap<>();
    final Set<Integer> vxlanTable = new TreeSet<>();
    final Set<String> poolTable = new TreeSet<>();
    /** pool: addresses in use. */
    final Map<String, List<String>> addresses = new TreeMap<>();
    /** The pools that have a pool document. */
    final Set<String> poolDocuments = new TreeSet<>();
    /** network id: ids of the endpoints recorded on it. */
    final Map<String, Set<String>> endpoints = new TreeMap<>();

    static Stored read(GlobalStore store) throws IOException {
      Stored s = new Stored();
      for (Versioned v : store.list("").entries()) {
        String key = v.key();
        if (key.startsWith("endpoint/")) {
          String[] parts = key.split("/");
          s.endpoints.computeIfAbsent(parts[1], k -> new TreeSet<>()).add(parts[2]);
        } else if (key.startsWith("network/")) {
          s.networks.put(key.substring("network/".length()), JSON.readTree(v.value()));
        } else if (key.startsWith("overlay/network/")) {
          List<Integer> ids = new ArrayList<>();
          JSON.readTree(v.value()).path("vxlanIds").forEach(id -> ids.add(id.asInt()));
          s.vxlanByNetwork.put(key.substring("overlay/network/".length()), ids);
        } else if (key.equals("overlay/vxlan-ids")) {
          for (JsonNode run : JSON.readTree(v.value()).path("used")) {
            String line = run.asText();
            int dash = line.indexOf('-');
            int a = Integer.parseInt(dash < 0 ? line : line.substring(0, dash));
            int b = dash < 0 ? a : Integer.parseInt(line.substring(dash + 1));
            for (int id = a; id <= b; id++) {
              s.vxlanTable.add(id);
            }
          }
        } else if (key.equals("ipam/GlobalDefault/pools")) {
          JSON.readTree(v.value()).path("pools").fieldNames().forEachRemaining(s.poolTable::add);
        } else if (key.startsWith("ipam/GlobalDefault/addresses/")) {
          s.poolDocuments.add(Subnet.parse(JSON.readTree(v.value()).path("pool").asText()).toString());
        } else if (key.startsWith("ipam/GlobalDefault/used/")) {
          String[] parts = key.substring("ipam/GlobalDefault/used/".length()).split("/");
          Subnet poolSubnet = Subnet.parse(parts[0].replace('-', '/'));
          s.addresses.computeIfAbsent(poolSubnet.toString(), k -> new ArrayList<>())
              .add(poolSubnet.addressAt(Long.parseLong(parts[1])).toString());
        }
      }
      return s;
    }

    String id(String network) {
      return networks.get(network).path("id").asText();
    }

    String pool(String network) {
      return networks.get(network).path("v4").path(0).path("pool").asText();
    }

    Optional<String> gateway(String network) {
      JsonNode g = networks.get(network).path("v4").path(0).path("gateway");
      return g.isMissingNode() || g.isNull() ? Optional.empty() : Optional.of(g.asText());
    }

    Set<String> endpointIds(String network) {
      return endpoints.getOrDefault(id(network), Set.of());
    }
  }

  /** network name: endpoint id: address, over every engine's containers. */
  private static Map<String, Map<String, String>> viewedEndpoints(List<Engine> engines, SoftAssertions soft) {
    Map<String, Map<String, String>> out = new TreeMap<>();
    for (Engine e : engines) {
      for (ContainerInfo c : e.containers()) {
        for (String net : c.networks().keySet()) {
          Optional<EndpointInfo> ep = c.endpoint(net);
          if (ep.isEmpty() || !isOverlay(e, net)) {
            continue;
          }
          String address = ep.get().ipv4Address().map(a -> a.address().toString()).orElse("none");
          String previous = out.computeIfAbsent(net, k -> new TreeMap<>()).put(ep.get().id(), address);
          soft.assertThat(previous).as("endpoint %s seen on two engines", ep.get().id()).isNull();
        }
      }
    }
    return out;
  }

  private static boolean isOverlay(Engine e, String network) {
    return e.findNetwork(network).map(n -> n.driver().equals("overlay")).orElse(false);
  }

  // ---- the checks -----------------------------------------------------------------------------

  private static void checkNoneTwiceNothingLeaked(Stored s, Map<String, Map<String, String>> viewed,
      List<Engine> engines, SoftAssertions soft) {
    // VXLAN ids: one per network, never two networks on one id, the table holds exactly those.
    List<Integer> recorded = new ArrayList<>();
    s.vxlanByNetwork.values().forEach(recorded::addAll);
    soft.assertThat(recorded).as("VXLAN ids recorded for networks").doesNotHaveDuplicates();
    soft.assertThat(s.vxlanTable).as("VXLAN ids held in the table = those of live networks")
        .containsExactlyInAnyOrderElementsOf(recorded);
    Set<String> networkIds = s.networks.keySet().stream().map(s::id).collect(Collectors.toCollection(TreeSet::new));
    soft.assertThat(s.vxlanByNetwork.keySet()).as("overlay records = stored networks")
        .containsExactlyInAnyOrderElementsOf(networkIds);

    // Pools: the pool table holds exactly the stored networks' pools, none overlapping.
    List<String> pools = s.networks.keySet().stream().map(s::pool).collect(Collectors.toList());
    soft.assertThat(pools).as("pools of stored networks").doesNotHaveDuplicates();
    for (int i = 0; i < pools.size(); i++) {
      for (int j = i + 1; j < pools.size(); j++) {
        soft.assertThat(Subnet.parse(pools.get(i)).overlaps(Subnet.parse(pools.get(j))))
            .as("pools %s and %s overlap", pools.get(i), pools.get(j)).isFalse();
      }
    }
    soft.assertThat(s.poolTable).as("pool table = pools of stored networks").containsExactlyInAnyOrderElementsOf(pools);
    soft.assertThat(s.poolDocuments).as("pool documents = pools of stored networks")
        .containsExactlyInAnyOrderElementsOf(pools);
    soft.assertThat(pools).as("pools with addresses in use are pools of stored networks")
        .containsAll(s.addresses.keySet());

    // Addresses: each pool's used set is its gateway plus the live endpoints' addresses, and the
    // network document lists exactly the live endpoints.
    List<String> allViewed = new ArrayList<>();
    for (String network : s.networks.keySet()) {
      Map<String, String> eps = viewed.getOrDefault(network, Map.of());
      allViewed.addAll(eps.values());
      List<String> expected = new ArrayList<>(eps.values());
      s.gateway(network).ifPresent(expected::add);
      soft.assertThat(s.addresses.getOrDefault(s.pool(network), List.of()))
          .as("addresses held in the store for %s = gateway + live endpoints", network)
          .containsExactlyInAnyOrderElementsOf(expected);
      soft.assertThat(s.endpointIds(network)).as("endpoints stored on %s = live endpoints", network)
          .containsExactlyInAnyOrderElementsOf(eps.keySet());
    }
    soft.assertThat(allViewed).as("addresses the engines show").doesNotHaveDuplicates();
    soft.assertThat(viewed.keySet()).as("every endpoint an engine shows is on a stored network")
        .isSubsetOf(s.networks.keySet());

    // The engines' views: the same overlay networks, ids and subnets as the store.
    for (Engine e : engines) {
      Map<String, String> view = new TreeMap<>();
      for (NetworkInfo n : e.networks()) {
        if (n.driver().equals("overlay")) {
          view.put(n.name(), n.id() + " " + n.ipamConfigs().get(0).subnet());
        }
      }
      Map<String, String> expected = new TreeMap<>();
      s.networks.keySet().forEach(n -> expected.put(n, s.id(n) + " " + s.pool(n)));
      soft.assertThat(view).as("overlay networks as an engine sees them").isEqualTo(expected);
    }
  }

  private static void checkAcknowledgedAndInDoubt(List<Worker> workers, List<Engine> engines, Stored s,
      SoftAssertions soft) {
    Map<String, List<String>> storedAddresses = s.addresses;
    List<String> ovAddresses = storedAddresses.getOrDefault(s.pool(OV), List.of());
    int present = 0;
    int absent = 0;
    for (Worker w : workers) {
      for (Map.Entry<String, String> c : w.liveContainers.entrySet()) {
        Optional<ContainerInfo> info = w.engine.findContainer(c.getKey());
        soft.assertThat(info.flatMap(i -> i.endpoint(OV)).flatMap(EndpointInfo::ipv4Address)
                .map(a -> a.address().toString()))
            .as("acknowledged container %s on its engine", c.getKey()).contains(c.getValue());
        soft.assertThat(ovAddresses).as("acknowledged address of %s in the store", c.getKey()).contains(c.getValue());
      }
      for (String n : w.liveNetworks) {
        soft.assertThat(s.networks).as("acknowledged network %s in the store", n).containsKey(n);
      }
      // In doubt: fully there (connected, address and endpoint stored) or fully gone.
      for (String c : w.inDoubtContainers.keySet()) {
        Optional<EndpointInfo> ep = w.engine.findContainer(c).flatMap(i -> i.endpoint(OV));
        if (ep.isPresent()) {
          present++;
          String address = ep.get().ipv4Address().map(a -> a.address().toString()).orElse("none");
          soft.assertThat(ovAddresses).as("in-doubt container %s: its address is stored", c).contains(address);
          soft.assertThat(s.endpointIds(OV)).as("in-doubt container %s: its endpoint is stored", c)
              .contains(ep.get().id());
        } else {
          absent++;
        }
      }
      for (String n : w.inDoubtNetworks.keySet()) {
        boolean inEngine = w.engine.findNetwork(n).isPresent();
        soft.assertThat(s.networks.containsKey(n)).as("in-doubt network %s: stored iff the engine has it", n)
            .isEqualTo(inEngine);
        if (inEngine) {
          present++;
        } else {
          absent++;
        }
      }
    }
    System.out.printf("engine failover: in-doubt operations resolved: %d present, %d absent%n", present, absent);
  }

  /**
   * The embedded DNS of a probe container on each host, asked for every container name the run
   * used: a running container's name gives exactly its address, on every host; a removed one, or
   * one whose run failed, gives nothing; and no answer is an address the store does not hold.
   */
  private static void checkNamesResolveOnlyToHeldAddresses(List<Worker> workers, List<Engine> engines, Stored s,
      SoftAssertions soft) {
    Map<String, String> running = new TreeMap<>();
    for (Engine e : engines) {
      for (ContainerInfo c : e.containers()) {
        c.endpoint(OV).flatMap(EndpointInfo::ipv4Address).ifPresent(a -> running.put(c.name(), a.address().toString()));
      }
    }
    Set<String> names = new TreeSet<>(running.keySet());
    for (Worker w : workers) {
      names.addAll(w.removedContainers);
      names.addAll(w.inDoubtContainers.keySet());
    }
    List<String> held = s.addresses.getOrDefault(s.pool(OV), List.of());
    int answered = 0;
    for (int i = 0; i < engines.size(); i++) {
      Engine e = engines.get(i);
      String probe = "dns-probe-" + i;
      e.run(ContainerSpec.builder().image("alpine").tty(true).name(probe).networkMode(NetworkMode.network(OV)).build());
      for (String name : names) {
        List<String> got = e.resolve(probe, name).stream().map(Object::toString).collect(Collectors.toList());
        String expected = running.get(name);
        if (expected == null) {
          soft.assertThat(got).as("%s resolves on host-%d though it is not running", name, i).isEmpty();
        } else {
          soft.assertThat(got).as("%s resolves on host-%d to its address", name, i).containsExactly(expected);
          answered++;
        }
        soft.assertThat(held).as("addresses %s resolves to on host-%d are held in the store", name, i)
            .containsAll(got);
      }
    }
    soft.assertThat(answered).as("names resolved across hosts").isPositive();
  }

  private static int acked(List<Worker> workers) {
    return workers.stream().mapToInt(w -> w.acked.get()).sum();
  }

  private static void awaitAcked(List<Worker> workers, int n, long deadline) {
    while (acked(workers) < n) {
      assertThat(System.nanoTime()).as("only %d operations acknowledged before the deadline", acked(workers))
          .isLessThan(deadline);
      sleep(5);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
