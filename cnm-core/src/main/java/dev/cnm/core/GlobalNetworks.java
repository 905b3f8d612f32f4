package dev.cnm.core;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.Scope;
import dev.cnm.api.error.CnmException;
import dev.cnm.api.error.ConflictException;
import dev.cnm.api.error.ForbiddenException;
import dev.cnm.api.ipam.IpamDriver;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.spi.NetworkDriver;
import dev.cnm.api.store.GlobalStore;
import dev.cnm.api.store.StoreConflictException;
import dev.cnm.api.store.StoreOps;
import dev.cnm.api.store.StoreUnavailableException;
import dev.cnm.api.store.Versioned;
import dev.cnm.core.internal.StoreDocuments;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The global-scope networks of an engine that is part of a cluster: each one is a document under
 * {@code network/<name>} in the shared {@link GlobalStore} (created only if absent, so names are
 * unique across the cluster), holding its id, spec, pools and the endpoints every engine has on
 * it. An engine reads the store once at the start of each of its operations ({@link #sync}): a
 * network another engine created is adopted (its driver is told about it with the same id and
 * pools), one another engine removed is dropped. Joins and removals are decided on the stored
 * document by compare-and-set, so a network with endpoints on any engine cannot be removed, and
 * no endpoint can join a removed one.
 */
final class GlobalNetworks {
  static final String PREFIX = "network/";

  private final GlobalStore store;
  /** This engine's host name, recorded with each of its endpoints. */
  private final String hostName;
  /** The network driver of a type, built-in or a plugin's; null when there is none. */
  private final Function<String, NetworkDriver> drivers;
  /** The IPAM driver of a name, built-in or a plugin's; null when there is none. */
  private final Function<String, IpamDriver> ipamDrivers;
  /** Endpoints that left while the store was unavailable, forgotten in the store at the next sync. */
  @GuardedBy("lock")
  private final List<PendingLeave> pendingLeaves = new ArrayList<>();
  /** Networks whose creation failed with their document in doubt, removed from the store at the next sync. */
  @GuardedBy("lock")
  private final List<PendingUnpublish> pendingUnpublishes = new ArrayList<>();

  /** An endpoint the store may still list on a network. */
  private record PendingLeave(String networkName, String networkId, String endpointId) {}

  /** A network document that may have landed for a creation that failed. */
  private record PendingUnpublish(String networkName, String networkId) {}

  /**
   * Global networks kept in {@code store} for the engine of host {@code hostName}, whose drivers
   * {@code drivers} and {@code ipamDrivers} look up by name, plugins included: a network another
   * engine created with a plugin's global-scope driver is adopted here through this engine's
   * plugin of that name, as libnetwork loads the driver of a network it reads from the store.
   */
  GlobalNetworks(GlobalStore store, String hostName, Function<String, NetworkDriver> drivers,
      Function<String, IpamDriver> ipamDrivers) {
    this.store = store;
    this.hostName = hostName;
    this.drivers = drivers;
    this.ipamDrivers = ipamDrivers;
  }

  static String key(String name) {
    return PREFIX + name;
  }

  /** Whether {@code n} is kept in the store: a global-scope, user-defined network. */
  boolean isShared(NetworkRecord n) {
    return n.scope == Scope.GLOBAL && !n.predefined;
  }

  // ---- create and remove ----------------------------------------------------------------------

  /**
   * Records a newly created network in the store.
   *
   * @throws ConflictException {@code network with name X already exists} when another engine holds the name
   */
  void publish(NetworkRecord n) {
    byte[] doc = encode(n);
    boolean inDoubt = false;
    while (true) {
      try {
        store.putIfAbsent(key(n.name), doc);
        break;
      } catch (StoreConflictException e) {
        if (!isOurs(n)) {
          throw new ConflictException("network with name " + n.name + " already exists", e);
        }
        break; // our own earlier write, whose outcome was unknown
      } catch (StoreUnavailableException e) {
        if (e.outcome() == StoreUnavailableException.Outcome.FAILED && !inDoubt) {
          throw e;
        }
        if (e.outcome() == StoreUnavailableException.Outcome.FAILED) {
          // Still in doubt and the store is gone: the caller rolls back (pools, VXLAN ids), so a
          // document that did land must go too, at the next sync; never left for others to adopt.
          pendingUnpublishes.add(new PendingUnpublish(n.name, n.id));
          throw new StoreUnavailableException(StoreUnavailableException.Outcome.UNKNOWN, e.getMessage(), e);
        }
        inDoubt = true;
        // In doubt: the loop re-reads (through putIfAbsent's conflict) before deciding.
      }
    }
    n.inStore = true;
  }

  private boolean isOurs(NetworkRecord n) {
    return store.get(key(n.name))
        .map(v -> StoreDocuments.read("network", v.value()).path("id").asText().equals(n.id))
        .orElse(false);
  }

  /**
   * Removes the network's document, on the stored version: refused while any engine has an
   * endpoint on it, a no-op when another engine removed it already.
   */
  void unpublish(NetworkRecord n) {
    while (true) {
      Optional<Versioned> current = store.get(key(n.name));
      if (current.isEmpty()) {
        return;
      }
      JsonNode doc = StoreDocuments.read("network", current.get().value());
      if (!doc.path("id").asText().equals(n.id)) {
        return;
      }
      JsonNode eps = doc.path("endpoints");
      if (eps.size() > 0) {
        List<String> list = new ArrayList<>();
        eps.fields().forEachRemaining(e -> list.add("name:\"" + e.getValue().path("name").asText() + "\" id:\""
            + Ids.shortId(e.getKey()) + "\""));
        throw new ForbiddenException("error while removing network: network " + n.name + " has active endpoints ("
            + String.join(", ", list) + ")");
      }
      try {
        store.compareAndDelete(key(n.name), current.get().modRevision());
        return;
      } catch (StoreConflictException retry) {
        // Someone joined, left or removed meanwhile: decide again on the new version.
      } catch (StoreUnavailableException e) {
        if (e.outcome() == StoreUnavailableException.Outcome.FAILED) {
          throw e;
        }
        // In doubt: re-read; an absent document means our delete landed.
      }
    }
  }

  // ---- endpoints ------------------------------------------------------------------------------

  /**
   * Whether the stored network still lists {@code endpointId} as this host's: a restored engine's
   * endpoint whose addresses the store holds already.
   */
  boolean holds(NetworkRecord n, String endpointId) {
    return store.get(key(n.name)).map(v -> {
      JsonNode doc = StoreDocuments.read("network", v.value());
      JsonNode ep = doc.path("endpoints").path(endpointId);
      return doc.path("id").asText().equals(n.id) && ep.path("host").asText().equals(hostName);
    }).orElse(false);
  }

  /** Records an endpoint on the stored network; fails if another engine removed the network. */
  void addEndpoint(NetworkRecord n, String endpointId, String name) {
    try {
      addEndpoint(n, endpointId, name, hostName);
    } catch (StoreUnavailableException e) {
      if (e.outcome() == StoreUnavailableException.Outcome.UNKNOWN) {
        // The join fails, so an endpoint that did land must not stay: forget it at the next sync.
        pendingLeaves.add(new PendingLeave(n.name, n.id, endpointId));
      }
      throw e;
    }
  }

  private void addEndpoint(NetworkRecord n, String endpointId, String name, String hostName) {
    StoreOps.update(store, key(n.name), current -> {
      ObjectNode doc = current.map(b -> StoreDocuments.read("network", b)).orElse(null);
      if (doc == null || !doc.path("id").asText().equals(n.id)) {
        throw NetworkTable.notFound(n.name);
      }
      ObjectNode ep = StoreDocuments.object();
      ep.put("name", name);
      ep.put("host", hostName);
      ((ObjectNode) doc.get("endpoints")).set(endpointId, ep);
      return StoreDocuments.bytes(doc);
    });
  }

  /**
   * Forgets an endpoint of the stored network, if the network and endpoint are still there; when
   * the store is unavailable, remembers to do it at the next {@link #sync}.
   */
  void removeEndpoint(NetworkRecord n, String endpointId) {
    try {
      removeEndpoint(n.name, n.id, endpointId);
    } catch (StoreUnavailableException e) {
      pendingLeaves.add(new PendingLeave(n.name, n.id, endpointId));
      throw e;
    }
  }

  private void removeEndpoint(String name, String networkId, String endpointId) {
    StoreOps.update(store, key(name), current -> {
      if (current.isEmpty()) {
        return null;
      }
      ObjectNode doc = StoreDocuments.read("network", current.get());
      if (!doc.path("id").asText().equals(networkId) || ((ObjectNode) doc.get("endpoints")).remove(endpointId) == null) {
        return current.get();
      }
      return StoreDocuments.bytes(doc);
    });
  }

  // ---- the local view -------------------------------------------------------------------------

  /**
   * Brings the engine's table in line with the store: adopts networks other engines created,
   * drops (without releasing their pools, which the remover did) those other engines removed.
   * When the store cannot be read the cached view is kept; an operation that needs the store then
   * fails on its own write. Callers hold the engine's lock.
   */
  void sync(NetworkTable table) {
    retryPendingLeaves();
    retryPendingUnpublishes();
    List<Versioned> stored;
    try {
      stored = store.list(PREFIX).entries();
    } catch (StoreUnavailableException e) {
      return;
    }
    Map<String, JsonNode> byId = new HashMap<>();
    for (Versioned v : stored) {
      JsonNode doc = StoreDocuments.read("network", v.value());
      byId.put(doc.path("id").asText(), doc);
    }
    for (NetworkRecord n : new ArrayList<>(table.all())) {
      if (n.inStore && !byId.containsKey(n.id) && n.endpoints.isEmpty()) {
        try {
          n.driver.deleteNetwork(n.id);
        } catch (CnmException e) {
          // Gone elsewhere: only the local view is dropped.
        }
        table.remove(n);
      }
    }
    for (Map.Entry<String, JsonNode> e : byId.entrySet()) {
      if (table.byExactId(e.getKey()) == null) {
        adopt(table, e.getValue());
      }
    }
  }

  private void retryPendingUnpublishes() {
    while (!pendingUnpublishes.isEmpty()) {
      PendingUnpublish p = pendingUnpublishes.get(0);
      try {
        StoreOps.update(store, key(p.networkName()), current -> {
          if (current.isEmpty()) {
            return null;
          }
          JsonNode doc = StoreDocuments.read("network", current.get());
          boolean ours = doc.path("id").asText().equals(p.networkId()) && doc.path("endpoints").size() == 0;
          return ours ? null : current.get();
        });
      } catch (StoreUnavailableException e) {
        return;
      }
      pendingUnpublishes.remove(0);
    }
  }

  private void retryPendingLeaves() {
    while (!pendingLeaves.isEmpty()) {
      PendingLeave p = pendingLeaves.get(0);
      try {
        removeEndpoint(p.networkName(), p.networkId(), p.endpointId());
      } catch (StoreUnavailableException e) {
        return;
      }
      pendingLeaves.remove(0);
    }
  }

  private void adopt(NetworkTable table, JsonNode doc) {
    NetworkSpec spec = ValueCodecs.network(doc.get("spec"));
    if (table.byName(spec.name()).isPresent()) {
      return; // a local network of that name hides it on this engine
    }
    NetworkDriver driver;
    IpamDriver ipam;
    try {
      driver = drivers.apply(spec.driver());
      ipam = ipamDrivers.apply(spec.ipamDriver());
    } catch (CnmException e) {
      return; // a plugin that cannot be used now; the next sync looks it up again
    }
    if (driver == null || ipam == null) {
      return;
    }
    String id = doc.path("id").asText();
    List<PoolRecord> v4 = pools(doc.get("v4"));
    List<PoolRecord> v6 = pools(doc.get("v6"));
    try {
      driver.createNetwork(NetworkRecord.createRequest(id, spec, v4, v6));
    } catch (CnmException e) {
      return; // not usable here now; the next sync tries again
    }
    if (!stillStored(spec.name(), id)) {
      // Removed by another engine while the driver set it up: give back what the driver took.
      try {
        driver.deleteNetwork(id);
      } catch (CnmException e) {
        // nothing more to give back
      }
      return;
    }
    Map<String, String> options = new LinkedHashMap<>();
    doc.path("options").fields().forEachRemaining(f -> options.put(f.getKey(), f.getValue().asText()));
    NetworkRecord n = new NetworkRecord(id, spec, driver, ipam, Scope.GLOBAL, Instant.parse(doc.path("created").asText()),
        false, options, v4, v6);
    n.inStore = true;
    table.add(n);
  }

  private boolean stillStored(String name, String id) {
    try {
      return store.get(key(name))
          .map(v -> StoreDocuments.read("network", v.value()).path("id").asText().equals(id))
          .orElse(false);
    } catch (StoreUnavailableException e) {
      return true; // keep it; the next successful sync decides
    }
  }

  // ---- documents ------------------------------------------------------------------------------

  private static byte[] encode(NetworkRecord n) {
    ObjectNode doc = StoreDocuments.object();
    doc.put("id", n.id);
    doc.put("created", n.created.toString());
    doc.set("spec", ValueCodecs.network(n.spec));
    ObjectNode options = doc.putObject("options");
    n.options.forEach(options::put);
    doc.set("v4", pools(n.v4Pools));
    doc.set("v6", pools(n.v6Pools));
    doc.putObject("endpoints");
    return StoreDocuments.bytes(doc);
  }

  private static ArrayNode pools(List<PoolRecord> pools) {
    ArrayNode a = StoreDocuments.array();
    for (PoolRecord p : pools) {
      ObjectNode o = a.addObject();
      o.put("addressSpace", p.addressSpace);
      o.put("poolId", p.poolId);
      o.put("pool", p.pool.toString());
      p.ipRange.ifPresent(r -> o.put("ipRange", r.toString()));
      p.gateway.ifPresent(g -> o.put("gateway", g.toString()));
      ObjectNode aux = o.putObject("aux");
      p.auxAddresses.forEach((k, v) -> aux.put(k, v.toString()));
    }
    return a;
  }

  private static List<PoolRecord> pools(JsonNode a) {
    List<PoolRecord> out = new ArrayList<>();
    if (a == null) {
      return out;
    }
    for (JsonNode o : a) {
      Map<String, IpAddress> aux = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> it = o.path("aux").fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        aux.put(e.getKey(), IpAddress.parse(e.getValue().asText()));
      }
      out.add(new PoolRecord(o.path("addressSpace").asText(), o.path("poolId").asText(),
          Subnet.parse(o.path("pool").asText()),
          o.hasNonNull("ipRange") ? Optional.of(Subnet.parse(o.get("ipRange").asText())) : Optional.empty(),
          o.hasNonNull("gateway") ? Optional.of(IpAddress.parse(o.get("gateway").asText())) : Optional.empty(),
          aux));
    }
    return out;
  }
}
