package dev.cnm.testkit.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.api.ContainerStatus;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.EndpointSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.IpamPoolSpec;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.RemoveOption;
import dev.cnm.api.error.CnmException;
import dev.cnm.api.error.ErrorKind;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.port.PortSpec;
import dev.cnm.api.spi.ExternalConnectivityRequest;
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
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The world the fault properties run in: one engine, or a cluster of engines sharing one
 * in-memory store, each with its drivers and IPAM driver wrapped by its own {@link FaultInjector}.
 * {@link #step} runs one operation on one host with its Nth SPI call (any driver or IPAM call,
 * acquiring or releasing) failing, and checks what Docker requires:
 *
 * <ul>
 *   <li>an operation that fails leaves every host and the store exactly as before, but for an
 *       endpoint whose ports the rollback gave back (a failed join moving the gateway): its rules
 *       are at the ends of their chains again, where {@code iptables -A} puts them in Docker's
 *       rollback too, its ephemeral bindings have the next free host ports, as the bridge
 *       driver requests the bindings as configured and the allocator hands out the port after
 *       the last, and the driver holds its external connectivity even when an earlier gateway
 *       move had failed to program it (libnetwork's rollback programs it all the same);
 *   <li>a failing release ({@code deleteNetwork}, {@code leave}, {@code deleteEndpoint}, {@code
 *       revokeExternalConnectivity}, {@code releaseAddress}, {@code releasePool}) is never what an
 *       operation fails with (Docker logs it and goes on), except a revoke of the old gateway
 *       endpoint's ports after a join in the same operation (libnetwork's {@code sbJoin} fails the
 *       join then); it leaks exactly what it would have given back: once that is given back
 *       ({@link FaultInjector#redo}, as reconciliation would), the world is exactly the one the
 *       same history reaches with that call succeeding (replayed on a fresh world);
 *   <li>a failing {@code programExternalConnectivity} after a {@code leave} of the same operation
 *       (the container's ports moving to its next gateway endpoint, libnetwork's {@code sbLeave})
 *       is passed over too (Docker logs {@code Failed to set gateway}); the world is then exactly
 *       the one the same history reaches with that call succeeding and its connectivity revoked,
 *       the engine still listing no ports on that endpoint;
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
  /** Faults in programming a new gateway endpoint after a leave, passed over. */
  int gatewayMoveFaults;
  /** The most hosts one stored (overlay) network had endpoints on, after the last step. */
  int mostHostsOnOneNetwork;

  private FaultWorld(Supplier<FaultWorld> fresh, List<Engine> engines, List<FaultInjector> faults, InMemoryGlobalStore store) {
    this.fresh = fresh;
    this.engines = engines;
    this.faults = faults;
    this.store = store;
  }

  /**
   * One engine with the built-in drivers, no store, starting with two user networks and three of
   * the properties' four containers: {@code web} running on {@code front} with a published port,
   * {@code db} running on {@code back} and connected to {@code front}, {@code cache} created on
   * {@code bridge}. From an empty engine most steps of a chain fail their checks before any SPI
   * call (no such container, network not found): releases, and faults in them, came up in too
   * few chains to be counted on, and gateway moves between a container's networks hardly ever.
   */
  static FaultWorld single() {
    FaultInjector f = FaultInjector.create();
    Engine e = Cnm.builder().seed(7)
        .driver(f.wrap(new BridgeDriverProvider()))
        .driver(f.wrap(new HostDriverProvider()))
        .driver(f.wrap(new NullDriverProvider()))
        .ipamDriver(f.wrap(DefaultIpamDriver.create()))
        .build();
    pullImages(e);
    e.createNetwork(NetworkSpec.builder().name("front").build());
    e.createNetwork(NetworkSpec.builder().name("back").addIpamConfigs(IpamPoolSpec.ofSubnet(Subnet.parse("10.1.0.0/24"))).build());
    e.run(ContainerSpec.builder().image("nginx").name("web").networkMode(NetworkMode.network("front"))
        .portBindings(PortSpec.parse("8080:80")).build());
    e.run(ContainerSpec.builder().image("nginx").name("db").networkMode(NetworkMode.network("back")).build());
    e.connect("front", "db", EndpointSpec.empty());
    e.createContainer(ContainerSpec.builder().image("nginx").name("cache").networkMode(NetworkMode.parse("bridge")).build());
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
    boolean release = fault.isPresent() && RELEASES.contains(fault.get().method())
        && !revokesGatewayForJoin(calls, fault.get());
    boolean gatewayMove = fault.isPresent() && movesGatewayAfterLeave(calls, fault.get());
    if (check && fault.isPresent()) {
      RuntimeException injected = fault.get().failure().orElseThrow();
      if (release || gatewayMove) {
        if (release) {
          releaseFaults++;
        } else {
          gatewayMoveFaults++;
        }
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
      e.removeContainer(creates, RemoveOption.FORCE);
    }
    history.add(s);
    if (!check) {
      return;
    }
    if (store != null) {
      mostHostsOnOneNetwork = 0;
      Map<String, Set<String>> hostsByNetwork = new TreeMap<>();
      for (Versioned v : store.list("endpoint/").entries()) {
        hostsByNetwork.computeIfAbsent(v.key().split("/")[1], k -> new TreeSet<>())
            .add(json(v.valueUtf8()).path("host").asText());
      }
      for (Set<String> hosts : hostsByNetwork.values()) {
        mostHostsOnOneNetwork = Math.max(mostHostsOnOneNetwork, hosts.size());
      }
    }
    if (thrown != null) {
      failed++;
      if (fault.isPresent()) {
        injectedFailures++;
      }
      settle();
      List<ExternalConnectivityRequest> again = reprogrammed(calls);
      Set<String> addresses = new TreeSet<>();
      again.forEach(r -> r.containerIpv4().ifPresent(a -> addresses.add(a.toString())));
      assertThat(snapshot().differences(before, new Leeway(s.host(), null, addresses, again)))
          .as("%s failed with %s after SPI calls %s", s, thrown, calls).isEmpty();
    } else if (release || gatewayMove) {
      FaultWorld reference = fresh.get();
      for (Step h : history.subList(0, history.size() - 1)) {
        reference.run(h, false);
      }
      reference.run(new Step(s.host(), s.op(), 0), false);
      String unpublished = null;
      if (gatewayMove) {
        ExternalConnectivityRequest r = (ExternalConnectivityRequest) fault.get().args().get(0);
        reference.faults.get(s.host()).redo(new SpiCall(0, fault.get().component(), "revokeExternalConnectivity",
            List.of(r.networkId(), r.endpointId()), null, null, false));
        unpublished = r.endpointId();
      }
      settle();
      reference.settle();
      assertThat(snapshot().differences(reference.snapshot(), new Leeway(s.host(), unpublished, Set.of(), List.of())))
          .as("%s with its failed %s %s, against the same history without that fault; SPI calls %s", s,
              fault.get().qualifiedMethod(), release ? "given back" : "revoked there", calls)
          .isEmpty();
    }
  }

  /**
   * The requests that programmed again the ports of endpoints the operation had revoked them from
   * (a failed join giving the old gateway endpoint its ports back): their rules come back at the
   * ends of their chains ({@code iptables -A}, as in Docker's rollback of {@code sbJoin}), and
   * their ephemeral bindings get the next free ports, not the ones they had (the bridge driver
   * requests the bindings as configured, and the allocator hands out the port after the last).
   */
  private static List<ExternalConnectivityRequest> reprogrammed(List<SpiCall> calls) {
    Set<String> revoked = new HashSet<>();
    List<ExternalConnectivityRequest> again = new ArrayList<>();
    for (SpiCall c : calls) {
      if (c.failure().isPresent()) {
        continue;
      }
      if (c.method().equals("revokeExternalConnectivity")) {
        revoked.add(c.args().get(0) + " " + c.args().get(1));
      } else if (c.method().equals("programExternalConnectivity")) {
        ExternalConnectivityRequest r = (ExternalConnectivityRequest) c.args().get(0);
        if (revoked.contains(r.networkId() + " " + r.endpointId())) {
          again.add(r);
        }
      }
    }
    return again;
  }

  /**
   * Whether {@code fault} revokes the ports of the old gateway endpoint for an endpoint that joined
   * in the same operation: libnetwork's {@code sbJoin} fails the join then.
   */
  private static boolean revokesGatewayForJoin(List<SpiCall> calls, SpiCall fault) {
    return fault.method().equals("revokeExternalConnectivity")
        && calls.subList(0, calls.indexOf(fault)).stream().anyMatch(c -> c.method().equals("join"));
  }

  /**
   * Whether {@code fault} programs the external connectivity of a new gateway endpoint after an
   * endpoint of the same operation left: libnetwork's {@code sbLeave} logs that failure and the
   * leave stands, where {@code sbJoin} fails the join.
   */
  private static boolean movesGatewayAfterLeave(List<SpiCall> calls, SpiCall fault) {
    return fault.method().equals("programExternalConnectivity")
        && calls.subList(0, calls.indexOf(fault)).stream().anyMatch(c -> c.method().equals("leave"));
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
      if (key.startsWith("hosts/")) {
        continue; // a host's registration: made once, with the host's random id
      }
      if (key.startsWith("ipam/GlobalDefault/cursor/")) {
        continue; // a serial allocation cursor, which moves on a failed allocation in Docker too
      }
      if (key.startsWith("ipam/GlobalDefault/used/")) {
        value = "in use"; // the key is the address; the value is the write's token
      }
      if (key.startsWith("endpoint/")) {
        value = value.replaceAll(",\"hostId\":\"[0-9a-f]*\"", "");
      }
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
   * What a comparison lets differ on {@code host}: the ports the engine lists on the endpoint
   * {@code unpublished} (null for none: the engine's record of a gateway endpoint whose external
   * connectivity failed, against a world where it was revoked in the driver only), the positions
   * in their chains of the rules naming {@code reappended} container addresses, and the host
   * ports the ephemeral bindings of the endpoints programmed {@code again} by a rollback got
   * (with the engine's record of them, the host's port table and their DNAT rules).
   */
  record Leeway(int host, String unpublished, Set<String> reappended, List<ExternalConnectivityRequest> again) {
    static final Leeway NONE = new Leeway(-1, null, Set.of(), List.of());
  }

  /**
   * What a step must keep (failure) or reach (release fault given back). Global pools and
   * addresses belong to the cluster, not to the host whose IPAM driver happened to take them
   * (another host may release them), so they are compared in the store, not in each host's
   * ledger of what its drivers hold.
   */
  record Snapshot(List<EngineSnapshot> hosts, List<String> store) {
    List<String> differences(Snapshot other) {
      return differences(other, Leeway.NONE);
    }

    List<String> differences(Snapshot other, Leeway leeway) {
      List<String> d = new ArrayList<>();
      for (int i = 0; i < hosts.size(); i++) {
        EngineSnapshot now = hosts.get(i);
        EngineSnapshot was = other.hosts.get(i);
        boolean rebound = i == leeway.host() && reboundOnly(now, was, leeway);
        for (String line : now.differences(was)) {
          if (rebound && (line.startsWith("engine state:") || line.startsWith("host ports:") || line.startsWith("rules:"))) {
            continue;
          }
          if (i == leeway.host() && leeway.unpublished() != null && line.startsWith("engine state:")
              && withoutPorts(now.state(), leeway.unpublished()).equals(withoutPorts(was.state(), leeway.unpublished()))) {
            continue;
          }
          if (i == leeway.host() && line.startsWith("rules:")
              && sameRulesBut(now.rules(), was.rules(), leeway.reappended())) {
            continue;
          }
          if (!line.startsWith("held by drivers:")) {
            d.add("host " + i + " " + line);
          }
        }
        List<String> held = new ArrayList<>(local(now.held()));
        if (i == leeway.host()) {
          // An old gateway endpoint whose programming had failed and been passed over (a gateway
          // move after a leave) is programmed by the rollback all the same: libnetwork's sbJoin
          // does not know of the earlier failure.
          for (ExternalConnectivityRequest r : leeway.again()) {
            String external = " external " + r.networkId() + " " + r.endpointId();
            if (was.held().stream().noneMatch(h -> h.endsWith(external))) {
              held.removeIf(h -> h.endsWith(external));
            }
          }
        }
        if (!held.equals(local(was.held()))) {
          d.add("host " + i + " held by drivers: was " + local(was.held()) + ", now " + local(now.held()));
        }
      }
      if (!store.equals(other.store)) {
        d.add("store:\n  was " + other.store + "\n  now " + store);
      }
      return d;
    }

    /**
     * Whether two {@code iptables-save} texts have the same chains with the same rules in the same
     * order, except that the rules naming one of {@code addresses} may stand elsewhere in their
     * chain (the same rules, as many times).
     */
    private static boolean sameRulesBut(String a, String b, Set<String> addresses) {
      if (addresses.isEmpty()) {
        return false;
      }
      Map<String, List<String>> fixedA = new TreeMap<>();
      Map<String, List<String>> fixedB = new TreeMap<>();
      Map<String, List<String>> movedA = new TreeMap<>();
      Map<String, List<String>> movedB = new TreeMap<>();
      split(a, addresses, fixedA, movedA);
      split(b, addresses, fixedB, movedB);
      movedA.values().forEach(Collections::sort);
      movedB.values().forEach(Collections::sort);
      return fixedA.equals(fixedB) && movedA.equals(movedB);
    }

    private static void split(String save, Set<String> addresses, Map<String, List<String>> fixed,
        Map<String, List<String>> moved) {
      String table = "";
      for (String line : save.split("\n")) {
        if (line.startsWith("*")) {
          table = line;
        }
        String chain = table + " " + (line.startsWith("-A ") ? line.split(" ")[1] : "");
        boolean names = line.startsWith("-A ")
            && addresses.stream().anyMatch(x -> line.contains(" " + x + "/") || line.contains(" " + x + ":"));
        (names ? moved : fixed).computeIfAbsent(chain, k -> new ArrayList<>()).add(line);
      }
    }

    /**
     * Whether {@code now} is {@code was} but for other host ports of the ephemeral bindings of the
     * endpoints a rollback programmed again ({@link Leeway#again}): in the engine's record of the
     * endpoint, in the host's port table and in the DNAT rules to the endpoint, every other rule
     * where the leeway lets it stand. False when no such port moved.
     */
    private static boolean reboundOnly(EngineSnapshot now, EngineSnapshot was, Leeway leeway) {
      JsonNode nowState = json(now.state());
      JsonNode wasState = json(was.state());
      List<String> ports = new ArrayList<>(now.hostPorts());
      List<String> rules = new ArrayList<>(List.of(now.rules().split("\n", -1)));
      boolean moved = false;
      for (ExternalConnectivityRequest r : leeway.again()) {
        JsonNode nowPublished = endpoint(nowState, r.endpointId()).path("published");
        JsonNode wasPublished = endpoint(wasState, r.endpointId()).path("published");
        if (nowPublished.size() != wasPublished.size()) {
          return false;
        }
        for (int k = 0; k < nowPublished.size(); k++) {
          ObjectNode p = (ObjectNode) nowPublished.get(k);
          JsonNode w = wasPublished.get(k);
          int port = p.path("hostPort").asInt();
          int before = w.path("hostPort").asInt();
          if (port == before) {
            continue;
          }
          String containerPort = p.path("containerPort").asText();
          boolean ephemeral = r.bindings().stream()
              .anyMatch(b -> b.isEphemeral() && b.containerPort().toString().equals(containerPort));
          if (!ephemeral || !containerPort.equals(w.path("containerPort").asText())
              || !p.path("hostIp").equals(w.path("hostIp"))) {
            return false;
          }
          p.put("hostPort", before);
          String ip = p.path("hostIp").asText();
          String host = ip.contains(":") ? "[" + ip + "]" : ip;
          String protocol = containerPort.substring(containerPort.indexOf('/') + 1);
          int at = ports.indexOf(host + ":" + port + "/" + protocol);
          if (at < 0) {
            return false;
          }
          ports.set(at, host + ":" + before + "/" + protocol);
          String to = r.containerIpv4().map(a -> "--to-destination " + a + ":"
              + containerPort.substring(0, containerPort.indexOf('/'))).orElse(null);
          for (int l = 0; l < rules.size(); l++) {
            if (to != null && rules.get(l).contains(to)) {
              rules.set(l, rules.get(l).replace("--dport " + port + " ", "--dport " + before + " "));
            }
          }
          moved = true;
        }
      }
      Collections.sort(ports);
      List<String> wasPorts = new ArrayList<>(was.hostPorts());
      Collections.sort(wasPorts);
      String restored = String.join("\n", rules);
      return moved && nowState.equals(wasState) && ports.equals(wasPorts)
          && (restored.equals(was.rules()) || sameRulesBut(restored, was.rules(), leeway.reappended()));
    }

    /** The endpoint {@code id} in an exported engine state, or a missing node. */
    private static JsonNode endpoint(JsonNode state, String id) {
      for (JsonNode c : state.path("containers")) {
        for (JsonNode ep : c.path("endpoints")) {
          if (ep.path("id").asText().equals(id)) {
            return ep;
          }
        }
      }
      return MissingNode.getInstance();
    }

    private static JsonNode withoutPorts(String state, String endpointId) {
      JsonNode doc = json(state);
      for (JsonNode c : doc.path("containers")) {
        for (JsonNode ep : c.path("endpoints")) {
          if (ep.path("id").asText().equals(endpointId)) {
            ((ObjectNode) ep).remove("published");
          }
        }
      }
      return doc;
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
