package dev.cnm.testkit.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cnm.api.ContainerStatus;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.error.CnmException;
import dev.cnm.api.error.ErrorKind;
import dev.cnm.api.store.Versioned;
import dev.cnm.core.Cnm;
import dev.cnm.core.ipam.DefaultIpamDriver;
import dev.cnm.core.store.InMemoryGlobalStore;
import dev.cnm.drivers.bridge.BridgeDriverProvider;
import dev.cnm.drivers.host.HostDriverProvider;
import dev.cnm.drivers.none.NullDriverProvider;
import dev.cnm.testkit.EngineSnapshot;
import dev.cnm.testkit.junit.CnmCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The world the fault properties run in: one engine, or a cluster of engines sharing one
 * in-memory store, each with its drivers and IPAM driver wrapped by its own {@link FaultInjector}.
 * {@link #step} runs one operation on one host with its Nth SPI call (any driver or IPAM call,
 * acquiring or releasing) failing, and checks what Docker requires:
 *
 * <ul>
 *   <li>an operation that fails leaves every host and the store exactly as before;
 *   <li>a failing release ({@code deleteNetwork}, {@code leave}, {@code deleteEndpoint}, {@code
 *       revokeExternalConnectivity}, {@code releaseAddress}, {@code releasePool}) is never what an operation fails with (Docker
 *       logs it and goes on), and it leaks exactly what it would have given back: once that is
 *       given back ({@link FaultInjector#redo}, as reconciliation would), the world is exactly the
 *       one the same history reaches with that call succeeding (replayed on a fresh world);
 *   <li>any other injected fault fails the operation (Docker reports driver and IPAM errors).
 * </ul>
 *
 * <p>The store is compared by what it means: its keys, the pools and the addresses in use, the
 * VXLAN ids in use and the network documents; not the write tokens, nor the serial allocators'
 * cursors ({@code last}), which move on a failed allocation in Docker too (libnetwork's serial
 * bitmaps do not rewind on release).
 */
final class FaultWorld {
  /**
   * The calls whose failure Docker logs and goes past on removal: libnetwork returns only a
   * driver's Forbidden error from DeleteNetwork (an injected fault is a system error).
   */
  static final Set<String> RELEASES = Set.of("deleteNetwork", "leave", "deleteEndpoint", "revokeExternalConnectivity",
      "releaseAddress", "releasePool");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One step: an operation on a host, with the {@code faultAt}th SPI call failing (0: none). */
  record Step(int host, EngineFaultProperties.Op op, int faultAt) {
    @Override
    public String toString() {
      return "host " + host + ": " + op.description + (faultAt == 0 ? "" : " (fault at SPI call " + faultAt + ")");
    }
  }

  private final Supplier<FaultWorld> fresh;
  final List<Engine> engines;
  final List<FaultInjector> faults;
  final InMemoryGlobalStore store; // null for a single engine
  final List<Step> history = new ArrayList<>();
  int failed;
  int injectedFailures;
  int releaseFaults;
  /** The most hosts one stored (overlay) network had endpoints on, after the last step. */
  int mostHostsOnOneNetwork;

  private FaultWorld(Supplier<FaultWorld> fresh, List<Engine> engines, List<FaultInjector> faults, InMemoryGlobalStore store) {
    this.fresh = fresh;
    this.engines = engines;
    this.faults = faults;
    this.store = store;
  }

  /** One engine with the built-in drivers, no store. */
  static FaultWorld single() {
    FaultInjector f = FaultInjector.create();
    Engine e = Cnm.builder().seed(7)
        .driver(f.wrap(new BridgeDriverProvider()))
        .driver(f.wrap(new HostDriverProvider()))
        .driver(f.wrap(new NullDriverProvider()))
        .ipamDriver(f.wrap(DefaultIpamDriver.create()))
        .build();
    pullImages(e);
    return new FaultWorld(FaultWorld::single, List.of(e), List.of(f), null);
  }

  /**
   * Three engines on one store, as the test kit's extension injects them ({@link CnmCluster#create}),
   * starting with one attachable overlay network, {@code front}, with a running {@code web} on
   * it on hosts 0 and 1, so that operations on shared overlay endpoints come up from the start.
   */
  static FaultWorld cluster() {
    CnmCluster c = CnmCluster.create(3, 7);
    c.engines().forEach(FaultWorld::pullImages);
    c.engine(0).createNetwork(NetworkSpec.builder().name("front").driver("overlay").attachable(true).build());
    for (int i = 0; i < 2; i++) {
      c.engine(i).run(ContainerSpec.builder().image("nginx").name("web").networkMode(NetworkMode.network("front")).build());
    }
    List<FaultInjector> f = List.of(c.faults(0), c.faults(1), c.faults(2));
    return new FaultWorld(FaultWorld::cluster, c.engines(), f, c.inMemoryStore());
  }

  /**
   * Pulls the image the operations run, first: {@code run} pulls a missing image (as {@code
   * docker run} does) and keeps it when the start then fails, as Docker does; the pull is no SPI
   * call, so it is no part of what a failed operation must leave as it was.
   */
  private static void pullImages(Engine e) {
    e.images().pull("nginx");
  }

  void step(int host, EngineFaultProperties.Op op, int faultAt) {
    run(new Step(host, op, faultAt), true);
  }

  private void run(Step s, boolean check) {
    settle();
    Snapshot before = check ? snapshot() : null;
    Engine e = engines.get(s.host());
    FaultInjector f = faults.get(s.host());
    String creates = s.op().creates;
    boolean existed = creates != null && e.findContainer(creates).isPresent();
    f.clearCalls();
    if (s.faultAt() > 0) {
      f.failCall(s.faultAt());
    }
    CnmException thrown = null;
    try {
      s.op().body.accept(e);
    } catch (CnmException x) {
      thrown = x;
    } finally {
      f.clearFaults();
    }
    List<SpiCall> calls = f.calls();
    Optional<SpiCall> fault = calls.stream().filter(SpiCall::injected).findFirst();
    boolean release = fault.isPresent() && RELEASES.contains(fault.get().method());
    if (check && fault.isPresent()) {
      RuntimeException injected = fault.get().failure().orElseThrow();
      if (release) {
        releaseFaults++;
        assertThat(causes(thrown)).as("%s: a failed %s is logged and passed over, never the operation's error;"
            + " SPI calls %s", s, fault.get().qualifiedMethod(), calls).doesNotContain(injected);
      } else {
        assertThat(thrown).as("%s: the injected %s must fail the operation; SPI calls %s", s,
            fault.get().qualifiedMethod(), calls).isNotNull();
      }
    }
    if (release) {
      try {
        f.redo(fault.get()); // give back what the failed release kept, as reconciliation would
      } catch (CnmException gone) {
        // Given back already by a later release of the same operation (a pool takes its addresses
        // with it, a deleted network its endpoints).
        assertThat(gone.kind()).as("redoing %s", fault.get()).isEqualTo(ErrorKind.NOT_FOUND);
      }
    }
    if (thrown != null && creates != null && !existed && e.findContainer(creates).isPresent()) {
      // docker run is create then start: when start fails, Docker keeps the created container
      // (and so does cnm); removing it must then give back exactly the state before the run.
      if (check) {
        assertThat(e.container(creates).status()).isEqualTo(ContainerStatus.CREATED);
      }
      e.removeContainer(creates, true);
    }
    history.add(s);
    if (!check) {
      return;
    }
    if (store != null) {
      mostHostsOnOneNetwork = 0;
      for (Versioned v : store.list("network/").entries()) {
        Set<String> hosts = new TreeSet<>();
        json(v.valueUtf8()).path("endpoints").forEach(ep -> hosts.add(ep.path("host").asText()));
        mostHostsOnOneNetwork = Math.max(mostHostsOnOneNetwork, hosts.size());
      }
    }
    if (thrown != null) {
      failed++;
      if (fault.isPresent()) {
        injectedFailures++;
      }
      settle();
      assertThat(snapshot().differences(before)).as("%s failed with %s after SPI calls %s", s, thrown, calls).isEmpty();
    } else if (release) {
      FaultWorld reference = fresh.get();
      for (Step h : history.subList(0, history.size() - 1)) {
        reference.run(h, false);
      }
      reference.run(new Step(s.host(), s.op(), 0), false);
      settle();
      reference.settle();
      assertThat(snapshot().differences(reference.snapshot()))
          .as("%s with its failed %s given back, against the same history without that fault; SPI calls %s", s,
              fault.get().qualifiedMethod(), calls)
          .isEmpty();
    }
  }

  private static List<Throwable> causes(Throwable t) {
    List<Throwable> all = new ArrayList<>();
    for (Throwable c = t; c != null && !all.contains(c); c = c.getCause()) {
      all.add(c);
    }
    return all;
  }

  /** Lets every engine catch up with the store (adopt or drop global networks), with no fault set. */
  private void settle() {
    engines.forEach(Engine::networks);
  }

  /** Every host's snapshot and the store's meaning. */
  Snapshot snapshot() {
    List<EngineSnapshot> hosts = new ArrayList<>();
    for (int i = 0; i < engines.size(); i++) {
      hosts.add(EngineSnapshot.of(engines.get(i), faults.get(i)));
    }
    return new Snapshot(hosts, store == null ? List.of() : storeMeaning(store));
  }

  /** One line per key: the key and its value without tokens and allocation cursors. */
  static List<String> storeMeaning(InMemoryGlobalStore store) {
    List<String> lines = new ArrayList<>();
    for (Versioned v : store.list("").entries()) {
      String key = v.key();
      String value = v.valueUtf8();
      if (key.equals("ipam/GlobalDefault/pools")) {
        value = new TreeSet<>(fieldNames(json(value).path("pools"))).toString();
      } else if (key.startsWith("ipam/GlobalDefault/addresses/")) {
        JsonNode doc = json(value);
        value = doc.path("pool").asText() + " range " + doc.path("range").asText() + " used "
            + new TreeSet<>(fieldNames(doc.path("used")).stream().map(Long::parseLong).toList());
      } else if (key.equals("overlay/vxlan-ids")) {
        value = json(value).path("used").toString();
      }
      lines.add(key + " = " + value);
    }
    return lines;
  }

  private static List<String> fieldNames(JsonNode n) {
    List<String> names = new ArrayList<>();
    n.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static JsonNode json(String s) {
    try {
      return JSON.readTree(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What a step must keep (failure) or reach (release fault given back). Global pools and
   * addresses belong to the cluster, not to the host whose IPAM driver happened to take them
   * (another host may release them), so they are compared in the store, not in each host's
   * ledger of what its drivers hold.
   */
  record Snapshot(List<EngineSnapshot> hosts, List<String> store) {
    List<String> differences(Snapshot other) {
      List<String> d = new ArrayList<>();
      for (int i = 0; i < hosts.size(); i++) {
        EngineSnapshot now = hosts.get(i);
        EngineSnapshot was = other.hosts.get(i);
        for (String line : now.differences(was)) {
          if (!line.startsWith("held by drivers:")) {
            d.add("host " + i + " " + line);
          }
        }
        if (!local(now.held()).equals(local(was.held()))) {
          d.add("host " + i + " held by drivers: was " + local(was.held()) + ", now " + local(now.held()));
        }
      }
      if (!store.equals(other.store)) {
        d.add("store:\n  was " + other.store + "\n  now " + store);
      }
      return d;
    }

    private static List<String> local(List<String> held) {
      return held.stream().filter(h -> !h.contains(" GlobalDefault/")).toList();
    }
  }

  @Override
  public String toString() {
    return "FaultWorld" + history;
  }
}
