package dev.cnm.core;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.cnm.api.NetworkPeer;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.Scope;
import dev.cnm.api.error.CnmException;
import dev.cnm.api.error.ConflictException;
import dev.cnm.api.error.ForbiddenException;
import dev.cnm.api.ipam.IpamDriver;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.spi.NetworkDriver;
import dev.cnm.api.ClusterEndpoint;
import dev.cnm.api.ClusterHost;
import dev.cnm.api.error.NotFoundException;
import dev.cnm.api.store.GlobalStore;
import dev.cnm.api.store.Listing;
import dev.cnm.api.store.StoreTxn;
import dev.cnm.api.store.StoreConflictException;
import dev.cnm.api.store.StoreUnavailableException;
import dev.cnm.api.store.Versioned;
import dev.cnm.core.internal.StoreDocuments;
import dev.cnm.core.ipam.DefaultIpamDriver;
import dev.cnm.core.ipam.StoreBackedIpam;
import dev.cnm.api.ipam.AddressRequest;
import dev.cnm.api.port.ExposedPort;
import java.util.function.BiFunction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The global-scope networks of an engine that is part of a cluster, the endpoints every host has
 * on them, and the hosts themselves, as libnetwork kept them in its key/value store:
 *
 * <ul>
 *   <li>{@code network/<name>}: the network's id, spec and pools, created only if absent (names are
 *       unique across the cluster) and never changed afterwards;
 *   <li>{@code endpoint/<network id>/<endpoint id>}: one endpoint of one host, with what the other
 *       hosts' embedded DNS needs (its name, DNS names, addresses, container id, host);
 *   <li>{@code hosts/<name>}: a host's registration, with the id kept in its state, so that two
 *       engines never act as one host;
 *   <li>{@code removed-network/<network id>}: the receipt of a removal, written with it and deleted
 *       once read, so that a removal whose answer was lost knows whether it was its own.
 * </ul>
 *
 * <p>A join takes its address and records its endpoint in one transaction ({@link
 * #takeWithEndpoint}); a leave deletes both in one.
 *
 * <p><b>Consistency.</b> {@link #sync} runs at the start of every engine operation that reads
 * what other hosts wrote, and reads the store with one linearizable prefix listing: the operation
 * sees every write acknowledged before it began, on any host, and never a stale copy; parsed
 * documents are reused while their mod revision is unchanged. The removal of a container of this
 * host reads nothing ({@link #settle}): its leave transaction compares only revisions this host
 * wrote, so no write of another host can change its outcome. A run on networks the engine knows
 * reads nothing either ({@link #beginJoin}): its join takes the lowest free address at its commit
 * and is refused if the network is not the one in the view, and then the engine reads the store
 * and runs it again. A network another engine created is adopted (its driver is told about it
 * with the same id and pools), one another engine removed is dropped. Writes that must hold across
 * engines are transactions with conditions ({@link GlobalStore#commit}): an endpoint is recorded
 * only while its network's document is the one the engine joined, and a network is removed only
 * while no endpoint key is left under it.
 */
final class GlobalNetworks {
  static final String PREFIX = "network/";
  static final String ENDPOINT_PREFIX = "endpoint/";
  static final String HOST_PREFIX = "hosts/";
  /** Receipts of network removals, {@code <network id>} after it; see {@link #unpublish}. */
  static final String REMOVED_PREFIX = "removed-network/";

  private final GlobalStore store;
  /** This engine's host name, recorded with each of its endpoints. */
  private final String hostName;
  /** The host's address, shown to the other hosts as its peer address. */
  private final String hostAddress;
  /** Where this host keeps its state, shown to a host that claims the same name. */
  private final String location;
  /** This host's identity, kept in its state document; see {@link #adoptHostId}. */
  @GuardedBy("lock")
  private String hostId;
  private final boolean hostIdGiven;
  /** Whether the host id is final (built, or restored), so that the host may register. */
  @GuardedBy("lock")
  private boolean identitySettled;
  /** Whether this engine found or wrote its registration under its id. */
  @GuardedBy("lock")
  private boolean registered;
  /** The cluster as the last successful {@link #sync} read it. */
  @GuardedBy("lock")
  private Snapshot snapshot = Snapshot.EMPTY;
  /** Parsed documents by key, reused while the key's mod revision is unchanged. */
  @GuardedBy("lock")
  private final Map<String, Parsed> parsed = new HashMap<>();
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
  /** Removals of this engine's whose outcome was unknown when the store went: resolved by their receipts. */
  @GuardedBy("lock")
  private final List<PendingRemoval> pendingRemovals = new ArrayList<>();
  /** Networks whose in-doubt removal was found to be ours: the sync that drops them releases their pools. */
  @GuardedBy("lock")
  private final java.util.Set<String> removedHere = new java.util.HashSet<>();

  /**
   * Whether the running operation joins without having read the store ({@link #beginJoin}): a
   * join refused because the network's document changed then only marks the view {@link #stale}.
   */
  @GuardedBy("lock")
  private boolean unlisted;
  /** Whether a join of an {@link #unlisted} operation found the engine's view of its network stale. */
  @GuardedBy("lock")
  private boolean stale;

  /** Removal receipts left in the store while it was unavailable, deleted at the next sync. */
  @GuardedBy("lock")
  private final List<String> pendingReceipts = new ArrayList<>();

  /** An endpoint the store may still list on a network. */
  private record PendingLeave(String networkName, String networkId, String endpointId) {}

  /** A network document that may have landed for a creation that failed. */
  private record PendingUnpublish(String networkName, String networkId) {}

  /** A removal of network {@code networkId} that may have landed, under its receipt and token. */
  private record PendingRemoval(String networkId, String receipt, String token) {}

  /**
   * Global networks kept in {@code store} for the engine of host {@code hostName} (its address,
   * state location and id), whose drivers {@code drivers} and {@code ipamDrivers} look up by name,
   * plugins included: a network another engine created with a plugin's global-scope driver is
   * adopted here through this engine's plugin of that name, as libnetwork loads the driver of a
   * network it reads from the store.
   */
  GlobalNetworks(GlobalStore store, String hostName, String hostAddress, String location, String hostId,
      boolean hostIdGiven, Function<String, NetworkDriver> drivers, Function<String, IpamDriver> ipamDrivers) {
    this.hostIdGiven = hostIdGiven;
    this.store = store;
    this.hostName = hostName;
    this.hostAddress = hostAddress;
    this.location = location;
    this.hostId = hostId;
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
        n.storeRevision = store.putIfAbsent(key(n.name), doc);
        break;
      } catch (StoreConflictException e) {
        Optional<Versioned> current = e.current();
        boolean ours = current.map(v -> readNetwork(v).path("id").asText().equals(n.id)).orElse(false);
        if (!ours && current.isEmpty()) {
          ours = isOurs(n);
        }
        if (!ours) {
          throw new ConflictException("network with name " + n.name + " already exists", e);
        }
        n.storeRevision = current.map(Versioned::modRevision).orElse(0L);
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
    return store.get(key(n.name)).map(v -> readNetwork(v).path("id").asText().equals(n.id)).orElse(false);
  }

  /**
   * Removes the network's document in one transaction with the check that no endpoint of any host
   * is left on it: refused while one is, a no-op when another engine removed it already.
   *
   * @return whether this engine removed it (and so releases its pools); false when another engine
   *     did, and released them
   */
  boolean unpublish(NetworkRecord n) {
    // The removal leaves a receipt under this token, in the same transaction: after an in-doubt
    // delete it tells whether ours landed or another engine removed the network (and released its
    // pools, which this engine must then not release a second time).
    String token = java.util.UUID.randomUUID().toString();
    String receipt = REMOVED_PREFIX + n.id;
    boolean inDoubt = false;
    while (true) {
      try {
        Optional<Versioned> current = store.get(key(n.name));
        if (current.isEmpty() || !readNetwork(current.get()).path("id").asText().equals(n.id)) {
          return inDoubt && removedBy(receipt, token);
        }
        store.commit(StoreTxn.builder()
            .requireModRevision(key(n.name), current.get().modRevision())
            .requireNoKeyWithPrefix(endpointPrefix(n.id))
            .delete(key(n.name))
            .put(receipt, token.getBytes(java.nio.charset.StandardCharsets.UTF_8))
            .build());
        dropReceipt(receipt);
        return true;
      } catch (StoreConflictException e) {
        if (e.reason() == StoreConflictException.Reason.KEY_EXISTS) {
          List<String> list = new ArrayList<>();
          for (Versioned v : store.list(endpointPrefix(n.id)).entries()) {
            StoredEndpoint ep = endpoint(v);
            list.add("name:\"" + ep.name() + "\" id:\"" + Ids.shortId(ep.id()) + "\"");
          }
          if (list.isEmpty()) {
            continue; // the last one left meanwhile
          }
          throw new ForbiddenException("error while removing network: network " + n.name + " has active endpoints ("
              + String.join(", ", list) + ")");
        }
        // The document changed (removed and created again): decide again on the new version.
      } catch (StoreUnavailableException e) {
        if (e.outcome() == StoreUnavailableException.Outcome.UNKNOWN) {
          inDoubt = true; // re-read; an absent document means our delete landed
          continue;
        }
        if (!inDoubt) {
          throw e;
        }
        // Our delete may have landed and the store is gone. The network stays in the table; the
        // sync that finds its document gone reads the receipt, and releases its pools if the
        // removal was ours (else whoever removed it did).
        pendingRemovals.add(new PendingRemoval(n.id, receipt, token));
        throw new StoreUnavailableException(StoreUnavailableException.Outcome.UNKNOWN, e.getMessage(), e);
      }
    }
  }

  /** Whether the removal receipt holds {@code token} (then dropped): our in-doubt removal landed. */
  private boolean removedBy(String receipt, String token) {
    Optional<Versioned> r = store.get(receipt);
    boolean ours = r.isPresent() && new String(r.get().value(), java.nio.charset.StandardCharsets.UTF_8).equals(token);
    if (ours) {
      dropReceipt(receipt);
    }
    return ours;
  }

  /** Deletes a removal receipt once read; when the store is unavailable, at the next sync. */
  private void dropReceipt(String receipt) {
    try {
      store.commit(StoreTxn.builder().delete(receipt).build());
    } catch (StoreUnavailableException e) {
      pendingReceipts.add(receipt);
    }
  }

  // ---- endpoints ------------------------------------------------------------------------------

  static String endpointPrefix(String networkId) {
    return ENDPOINT_PREFIX + networkId + "/";
  }

  static String endpointKey(String networkId, String endpointId) {
    return endpointPrefix(networkId) + endpointId;
  }

  /**
   * Whether the store still lists {@code endpointId} on the network as this host's: a restored
   * engine's endpoint whose addresses the store holds already.
   */
  boolean holds(NetworkRecord n, String endpointId) {
    return store.get(endpointKey(n.id, endpointId)).map(v -> endpoint(v).host().equals(hostName)).orElse(false);
  }

  /**
   * Records an endpoint (name, DNS names, addresses) on the stored network, in one transaction
   * with the check that the network's document is still the one this engine joined; fails if
   * another engine removed the network.
   */
  void addEndpoint(NetworkRecord n, EndpointRecord ep) {
    try {
      writeEndpoint(n, ep);
    } catch (StoreUnavailableException e) {
      if (e.outcome() == StoreUnavailableException.Outcome.UNKNOWN) {
        // The join fails, so an endpoint that did land must not stay: forget it at the next sync.
        pendingLeaves.add(new PendingLeave(n.name, n.id, ep.id));
      }
      throw e;
    }
  }

  /**
   * Takes an address of a global pool and records the endpoint that holds it in one transaction,
   * with the check that the network's document is still the one this engine joined: one round
   * trip per join, and no address in the store without its endpoint. Fails, with nothing written,
   * if another engine removed the network.
   *
   * @param record the endpoint's record for the pool id and address picked
   * @param endpointId the endpoint's id, forgotten at the next sync when the outcome is unknown
   */
  Subnet takeWithEndpoint(NetworkRecord n, StoreBackedIpam ipam, AddressRequest request, String endpointId,
      BiFunction<String, Subnet, EndpointRecord> record) {
    for (int attempt = 0; ; attempt++) {
      long rev = networkRevision(n);
      if (rev == 0) {
        throw staleOr(NetworkTable.notFound(n.name));
      }
      try {
        return ipam.requestAddress(request, (address, txn) -> {
          EndpointRecord ep = record.apply(request.poolId(), address);
          txn.requireModRevision(key(n.name), rev).put(endpointKey(n.id, ep.id), encode(ep));
        });
      } catch (StoreConflictException e) {
        if (unlisted) {
          throw staleOr(NetworkTable.notFound(n.name));
        }
        n.storeRevision = 0; // re-read the network's document
        if (attempt > 3) {
          throw NetworkTable.notFound(n.name);
        }
      } catch (NotFoundException e) {
        throw staleOr(e); // the pool went: so did the network, or it was created again
      } catch (StoreUnavailableException e) {
        if (e.outcome() == StoreUnavailableException.Outcome.UNKNOWN) {
          pendingLeaves.add(new PendingLeave(n.name, n.id, endpointId));
        }
        throw e;
      }
    }
  }

  /**
   * {@code e}, after marking the view {@link #stale} when the operation did not read the store:
   * the engine then reads it and starts the operation again ({@code DefaultEngine.run}), so that
   * the answer is the one a read at the start would have given.
   */
  private <E extends RuntimeException> E staleOr(E e) {
    if (unlisted) {
      stale = true;
    }
    return e;
  }

  /** Rewrites the stored record of a running endpoint whose names changed (a rename). */
  void updateEndpoint(NetworkRecord n, EndpointRecord ep) {
    writeEndpoint(n, ep);
  }

  private void writeEndpoint(NetworkRecord n, EndpointRecord ep) {
    byte[] doc = encode(ep);
    for (int attempt = 0; ; attempt++) {
      long rev = networkRevision(n);
      if (rev == 0) {
        throw staleOr(NetworkTable.notFound(n.name));
      }
      try {
        store.commit(StoreTxn.builder()
            .requireModRevision(key(n.name), rev)
            .put(endpointKey(n.id, ep.id), doc)
            .build());
        return;
      } catch (StoreConflictException e) {
        if (unlisted) {
          throw staleOr(NetworkTable.notFound(n.name));
        }
        n.storeRevision = 0; // re-read the network's document
        if (attempt > 3) {
          throw NetworkTable.notFound(n.name);
        }
      }
    }
  }

  /** The mod revision of {@code n}'s document, read again when unknown; 0 when it is gone. */
  private long networkRevision(NetworkRecord n) {
    if (n.storeRevision > 0) {
      return n.storeRevision;
    }
    n.storeRevision = store.get(key(n.name))
        .filter(v -> readNetwork(v).path("id").asText().equals(n.id))
        .map(Versioned::modRevision)
        .orElse(0L);
    return n.storeRevision;
  }

  /**
   * Forgets an endpoint of the stored network; when the store is unavailable, remembers to do it
   * at the next {@link #sync}.
   */
  void removeEndpoint(NetworkRecord n, String endpointId) {
    try {
      removeEndpoint(n.id, endpointId);
    } catch (StoreUnavailableException e) {
      pendingLeaves.add(new PendingLeave(n.name, n.id, endpointId));
      throw e;
    }
  }

  private void removeEndpoint(String networkId, String endpointId) {
    store.commit(StoreTxn.builder().delete(endpointKey(networkId, endpointId)).build());
  }

  /**
   * A leave: the endpoint's record and, in the same transaction, the addresses the store-backed
   * IPAM holds for it (its {@code releaseAddress} calls that follow are then no-ops). When the
   * addresses moved meanwhile (freed by a forced disconnect elsewhere) the record goes alone and
   * the IPAM's own release decides.
   */
  void leave(NetworkRecord n, EndpointRecord ep) {
    if (!(n.ipam instanceof StoreBackedIpam ipam)) {
      removeEndpoint(n, ep.id);
      return;
    }
    StoreTxn.Builder txn = StoreTxn.builder().delete(endpointKey(n.id, ep.id));
    Optional<Long> v4 = ep.ipv4().flatMap(a -> ipam.releaseWith(ep.v4PoolId, a.address(), txn));
    Optional<Long> v6 = ep.ipv6().flatMap(a -> ipam.releaseWith(ep.v6PoolId, a.address(), txn));
    Runnable giveBack = () -> {
      v4.ifPresent(rev -> ipam.keep(ep.v4PoolId, ep.ipv4().get().address(), rev));
      v6.ifPresent(rev -> ipam.keep(ep.v6PoolId, ep.ipv6().get().address(), rev));
    };
    try {
      store.commit(txn.build());
    } catch (StoreConflictException e) {
      giveBack.run(); // an address moved meanwhile: the record goes alone, the IPAM decides
      removeEndpoint(n, ep.id);
    } catch (StoreUnavailableException e) {
      giveBack.run();
      pendingLeaves.add(new PendingLeave(n.name, n.id, ep.id));
      throw e;
    }
  }


  /**
   * {@code docker network disconnect -f NETWORK NAME} for an endpoint no container of this engine
   * holds ({@code ForceEndpointDelete}): the stored endpoint of that name (or id) on the network,
   * another host's or a dead host's, is removed and its addresses given back to the pool.
   *
   * @throws NotFoundException Docker's {@code endpoint NAME not found} when the network has none
   */
  StoredEndpoint forceRemoveEndpoint(NetworkRecord n, String name) {
    StoredEndpoint found = null;
    for (Versioned v : store.list(endpointPrefix(n.id)).entries()) {
      StoredEndpoint ep = endpoint(v);
      if (ep.name().equals(name) || ep.id().equals(name)) {
        found = ep;
        break;
      }
    }
    if (found == null) {
      throw new NotFoundException("endpoint " + name + " not found");
    }
    release(n, found);
    return found;
  }

  /** Deletes a stored endpoint and gives its addresses back to the network's pools. */
  private void release(NetworkRecord n, StoredEndpoint ep) {
    removeEndpoint(ep.networkId(), ep.id());
    ep.ipv4().ifPresent(a -> releaseQuietly(n, ep.v4Pool(), a));
    ep.ipv6().ifPresent(a -> releaseQuietly(n, ep.v6Pool(), a));
  }

  private static void releaseQuietly(NetworkRecord n, String poolId, Subnet address) {
    if (n == null || poolId.isEmpty()) {
      return;
    }
    try {
      n.ipam.releaseAddress(poolId, address.address());
    } catch (CnmException e) {
      // the pool went with the network: nothing left to give back
    }
  }

  // ---- what the other hosts see ----------------------------------------------------------------

  /**
   * The endpoints other hosts (and stale ones of this host not running here) have on {@code n},
   * as of the last sync, in key order; none for a network not in the store.
   */
  List<StoredEndpoint> remoteEndpoints(NetworkRecord n) {
    if (!n.inStore) {
      return List.of();
    }
    List<StoredEndpoint> out = new ArrayList<>();
    Set<String> local = new HashSet<>();
    n.endpoints().forEach(e -> local.add(e.id));
    for (StoredEndpoint ep : snapshot.endpoints().getOrDefault(n.id, List.of())) {
      if (!local.contains(ep.id())) {
        out.add(ep);
      }
    }
    return out;
  }

  /**
   * Docker's verbose {@code Peers} of a global network: the hosts with endpoints on it (this one
   * included), by name, with their addresses.
   */
  List<NetworkPeer> peers(NetworkRecord n) {
    TreeMap<String, String> peers = new TreeMap<>();
    if (n.hasEndpoints()) {
      peers.put(hostName, hostAddress);
    }
    for (StoredEndpoint ep : snapshot.endpoints().getOrDefault(n.id, List.of())) {
      StoredHost h = snapshot.hosts().get(ep.host());
      peers.putIfAbsent(ep.host(), h == null ? "" : h.address());
    }
    List<NetworkPeer> out = new ArrayList<>();
    peers.forEach((name, ip) -> out.add(NetworkPeer.of(name, ip)));
    return out;
  }

  // ---- hosts ------------------------------------------------------------------------------------

  /** Whether the builder was given the host id, which then wins over a state document's. */
  boolean hostIdGiven() {
    return hostIdGiven;
  }

  /** Sets the host id from the state document of a restored engine, before it registers. */
  void adoptHostId(String id) {
    this.hostId = id;
  }

  /** {@return this host's id} */
  String hostId() {
    return hostId;
  }

  /** The host id is final: from now on {@link #sync} registers the host. */
  void settleIdentity() {
    this.identitySettled = true;
  }

  /**
   * Registers this host under its name, or checks its registration: refused when another id holds
   * the name (another state directory or server claiming to be this host). Skipped while the store
   * cannot be reached; tried again at the next operation.
   */
  private void register() {
    if (registered || !identitySettled) {
      return;
    }
    String k = HOST_PREFIX + hostName;
    byte[] doc = encodeHost();
    for (int attempt = 0; attempt < 5; attempt++) {
      Optional<Versioned> current = store.get(k);
      if (current.isPresent()) {
        StoredHost h = host(current.get());
        if (!h.id().equals(hostId)) {
          throw new ConflictException("host name " + hostName + " is already registered in the cluster store by host "
              + h.id() + " (" + h.location() + "); this engine is host " + hostId + " (" + location + "): give this"
              + " engine another name (--cluster-advertise NAME), or, if host " + h.id() + " is gone for good, remove"
              + " its registration and endpoints with: cnm cluster host rm " + hostName);
        }
        if (!h.location().equals(location) || !h.address().equals(hostAddress)) {
          try {
            store.compareAndSet(k, current.get().modRevision(), doc);
          } catch (StoreConflictException e) {
            continue;
          }
        }
        registered = true;
        return;
      }
      try {
        store.putIfAbsent(k, doc);
        registered = true;
        return;
      } catch (StoreConflictException e) {
        // another engine registered meanwhile: check whose it is
      }
    }
  }

  /**
   * The hosts the store knows: registered ones and the names endpoints are recorded under, each
   * with its endpoints, as of a fresh read.
   */
  List<ClusterHost> hosts(NetworkTable table) {
    Map<String, List<StoredEndpoint>> byHost = new TreeMap<>();
    snapshot.hosts().keySet().forEach(h -> byHost.put(h, new ArrayList<>()));
    snapshot.endpoints().values().forEach(eps -> eps.forEach(
        ep -> byHost.computeIfAbsent(ep.host(), h -> new ArrayList<>()).add(ep)));
    List<ClusterHost> out = new ArrayList<>();
    for (Map.Entry<String, List<StoredEndpoint>> e : byHost.entrySet()) {
      StoredHost h = snapshot.hosts().get(e.getKey());
      ClusterHost.Builder b = ClusterHost.builder().name(e.getKey()).registered(h != null)
          .self(e.getKey().equals(hostName));
      if (h != null) {
        b.id(h.id()).address(h.address()).location(h.location());
      }
      for (StoredEndpoint ep : e.getValue()) {
        String network = snapshot.networkNames().getOrDefault(ep.networkId(), ep.networkId());
        ClusterEndpoint.Builder ce = ClusterEndpoint.builder().id(ep.id()).name(ep.name()).networkId(ep.networkId())
            .networkName(network).containerId(ep.containerId()).exposedPorts(ep.ports());
        ep.ipv4().ifPresent(ce::ipv4Address);
        ep.ipv6().ifPresent(ce::ipv6Address);
        b.addEndpoint(ce.build());
      }
      out.add(b.build());
    }
    return out;
  }

  /**
   * {@code cnm cluster host rm NAME}: forgets host {@code name} for good: its registration goes
   * and each of its endpoints is removed from its network, with its addresses given back. This
   * host cannot remove itself.
   */
  ClusterHost removeHost(String name, NetworkTable table) {
    if (name.equals(hostName)) {
      throw new ForbiddenException("host " + name + " is this engine's own name: remove it from another host");
    }
    ClusterHost found = hosts(table).stream().filter(h -> h.name().equals(name)).findFirst()
        .orElseThrow(() -> new NotFoundException("host " + name + " not found in the cluster store"));
    for (List<StoredEndpoint> eps : snapshot.endpoints().values()) {
      for (StoredEndpoint ep : eps) {
        if (ep.host().equals(name)) {
          NetworkRecord n = table.byExactId(ep.networkId());
          release(n, ep);
        }
      }
    }
    store.get(HOST_PREFIX + name).ifPresent(v -> {
      try {
        store.compareAndDelete(v.key(), v.modRevision());
      } catch (StoreConflictException e) {
        // registered again meanwhile: that host is back
      }
    });
    return found;
  }

  // ---- the local view -------------------------------------------------------------------------

  /**
   * Brings the engine's table in line with the store: adopts networks other engines created,
   * drops (without releasing their pools, which the remover did) those other engines removed, and
   * keeps the cluster's endpoints and hosts for discovery. When the store cannot be read the
   * last view is kept; an operation that needs the store then fails on its own write. Callers hold
   * the engine's lock.
   */
  void sync(NetworkTable table) {
    retryPendingLeaves();
    retryPendingUnpublishes();
    retryPendingRemovals();
    Listing listing;
    try {
      listing = store.list("");
    } catch (StoreUnavailableException e) {
      return;
    }
    snapshot = read(listing);
    if (ipamDrivers.apply(DefaultIpamDriver.NAME) instanceof StoreBackedIpam ipam) {
      ipam.observe(listing); // the addresses in use, without a read of their own
    }
    Map<String, JsonNode> byId = new LinkedHashMap<>();
    for (StoredNetwork sn : snapshot.networks().values()) {
      byId.put(sn.id(), sn.doc());
    }
    for (NetworkRecord n : new ArrayList<>(table.all())) {
      if (!n.inStore) {
        continue;
      }
      StoredNetwork sn = snapshot.networks().get(n.name);
      if (sn != null && sn.id().equals(n.id)) {
        n.storeRevision = sn.modRevision();
      } else if (!n.hasEndpoints() && !removalInDoubt(n.id)) {
        try {
          n.driver.deleteNetwork(n.id);
        } catch (CnmException e) {
          // Gone elsewhere: only the local view is dropped.
        }
        if (removedHere.remove(n.id)) {
          Networks.releaseIpam(n); // our own removal, in doubt when it failed, landed
        }
        table.remove(n);
      }
    }
    for (StoredNetwork sn : snapshot.networks().values()) {
      if (table.byExactId(sn.id()) == null) {
        adopt(table, sn.doc(), sn.modRevision());
      }
    }
  }

  /**
   * The start of an operation that writes only this host's own records (see {@code
   * DefaultEngine.settleStore}): what failed earlier is retried and the host registers, without a
   * read of the store. The store-backed IPAM forgets the listing of the last {@link #sync}, so that
   * an address taken meanwhile (a restart policy's join, say) reads the addresses in use afresh
   * rather than from a stale view.
   */
  void settle(NetworkTable table) {
    retryPendingLeaves();
    retryPendingUnpublishes();
    retryPendingRemovals();
    if (ipamDrivers.apply(DefaultIpamDriver.NAME) instanceof StoreBackedIpam ipam) {
      ipam.forgetObserved();
    }
    try {
      register();
    } catch (StoreUnavailableException e) {
      // registered at the next operation that reaches the store
    }
  }

  /**
   * The start of a {@code run} whose networks are all in the engine's view, after {@link #settle}
   * and without a read of the store. Its joins need none: the address is the first free of a
   * contiguous range from the pool's first address ({@code StoreBackedIpam}), the lowest free at
   * the commit whatever the view says, and the transaction is refused if the network's document is
   * not the one in the view; such a refusal marks the view {@linkplain #isStale stale}.
   */
  void beginJoin() {
    unlisted = true;
    stale = false;
  }

  /**
   * {@return whether a join of the running {@link #beginJoin} operation found the view of its
   * network stale (removed, or created again, by another host)}: the engine then reads the store
   * and runs the operation again.
   */
  boolean isStale() {
    return stale;
  }

  /** The end of what {@link #beginJoin} began: {@return whether the view was found {@linkplain #isStale stale}} */
  boolean endJoin() {
    boolean was = stale;
    unlisted = false;
    stale = false;
    return was;
  }

  /** {@link #sync}, then the host's registration: every operation but the host list and removal. */
  void syncAndRegister(NetworkTable table) {
    sync(table);
    try {
      register();
    } catch (StoreUnavailableException e) {
      // registered at the next operation that reaches the store
    }
  }

  /** Parses a listing, reusing documents whose mod revision did not change. */
  private Snapshot read(Listing listing) {
    Map<String, StoredNetwork> networks = new LinkedHashMap<>();
    Map<String, List<StoredEndpoint>> endpoints = new HashMap<>();
    Map<String, StoredHost> hosts = new LinkedHashMap<>();
    Map<String, Parsed> seen = new HashMap<>();
    for (Versioned v : listing.entries()) {
      String k = v.key();
      boolean isNetwork = k.startsWith(PREFIX);
      boolean isEndpoint = k.startsWith(ENDPOINT_PREFIX);
      boolean isHost = k.startsWith(HOST_PREFIX);
      if (!isNetwork && !isEndpoint && !isHost) {
        continue;
      }
      Parsed p = parsed.get(k);
      if (p == null || p.modRevision() != v.modRevision()) {
        Object value = isNetwork ? new StoredNetwork(k.substring(PREFIX.length()), readNetwork(v), v.modRevision())
            : isEndpoint ? endpoint(v) : host(v);
        p = new Parsed(v.modRevision(), value);
      }
      seen.put(k, p);
      if (p.value() instanceof StoredNetwork sn) {
        networks.put(sn.name(), sn);
      } else if (p.value() instanceof StoredEndpoint ep) {
        endpoints.computeIfAbsent(ep.networkId(), x -> new ArrayList<>()).add(ep);
      } else if (p.value() instanceof StoredHost h) {
        hosts.put(h.name(), h);
      }
    }
    parsed.clear();
    parsed.putAll(seen);
    Map<String, String> names = new HashMap<>();
    networks.values().forEach(n -> names.put(n.id(), n.name()));
    return new Snapshot(listing.revision(), networks, endpoints, hosts, names);
  }

  private void retryPendingUnpublishes() {
    while (!pendingUnpublishes.isEmpty()) {
      PendingUnpublish p = pendingUnpublishes.get(0);
      try {
        Optional<Versioned> current = store.get(key(p.networkName()));
        if (current.isPresent() && readNetwork(current.get()).path("id").asText().equals(p.networkId())) {
          store.commit(StoreTxn.builder()
              .requireModRevision(key(p.networkName()), current.get().modRevision())
              .requireNoKeyWithPrefix(endpointPrefix(p.networkId()))
              .delete(key(p.networkName()))
              .build());
        }
      } catch (StoreUnavailableException e) {
        return;
      } catch (StoreConflictException e) {
        // someone joined or removed it meanwhile: it is theirs now
      }
      pendingUnpublishes.remove(0);
    }
  }

  /**
   * Resolves removals whose outcome was unknown: a receipt holding the removal's token means it
   * landed, and the network's pools are this engine's to release when the sync drops it.
   */
  private void retryPendingRemovals() {
    while (!pendingRemovals.isEmpty()) {
      PendingRemoval p = pendingRemovals.get(0);
      try {
        if (removedBy(p.receipt(), p.token())) {
          removedHere.add(p.networkId());
        }
      } catch (StoreUnavailableException e) {
        return;
      }
      pendingRemovals.remove(0);
    }
  }

  /** Whether a removal of network {@code id} is still in doubt: the sync keeps it until it is resolved. */
  private boolean removalInDoubt(String id) {
    return pendingRemovals.stream().anyMatch(p -> p.networkId().equals(id));
  }

  private void retryPendingLeaves() {
    while (!pendingReceipts.isEmpty()) {
      try {
        store.commit(StoreTxn.builder().delete(pendingReceipts.get(0)).build());
      } catch (StoreUnavailableException e) {
        return;
      }
      pendingReceipts.remove(0);
    }
    while (!pendingLeaves.isEmpty()) {
      PendingLeave p = pendingLeaves.get(0);
      try {
        removeEndpoint(p.networkId(), p.endpointId());
      } catch (StoreUnavailableException e) {
        return;
      }
      pendingLeaves.remove(0);
    }
  }

  private void adopt(NetworkTable table, JsonNode doc, long modRevision) {
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
    n.storeRevision = modRevision;
    table.add(n);
  }

  private boolean stillStored(String name, String id) {
    try {
      return store.get(key(name))
          .map(v -> readNetwork(v).path("id").asText().equals(id))
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
    return StoreDocuments.bytes(doc);
  }

  private static ObjectNode readNetwork(Versioned v) {
    return StoreDocuments.read("network", v.value());
  }

  private byte[] encode(EndpointRecord ep) {
    ObjectNode doc = StoreDocuments.object();
    doc.put("id", ep.id);
    doc.put("name", ep.name());
    doc.put("networkId", ep.network.id);
    doc.put("containerId", ep.container.id);
    ArrayNode names = doc.putArray("dnsNames");
    ep.dnsNames().forEach(names::add);
    ep.ipv4().ifPresent(a -> doc.put("ipv4", a.toString()));
    ep.ipv6().ifPresent(a -> doc.put("ipv6", a.toString()));
    doc.put("v4Pool", ep.v4PoolId);
    doc.put("v6Pool", ep.v6PoolId);
    doc.put("host", hostName);
    doc.put("hostId", hostId);
    ArrayNode ports = doc.putArray("ports"); // what the other hosts' reachability checks need
    ep.container.exposedPorts.forEach(p -> ports.add(p.toString()));
    return StoreDocuments.bytes(doc);
  }

  private static StoredEndpoint endpoint(Versioned v) {
    JsonNode doc = StoreDocuments.read("endpoint", v.value());
    List<String> names = new ArrayList<>();
    doc.path("dnsNames").forEach(x -> names.add(x.asText()));
    List<ExposedPort> ports = new ArrayList<>();
    doc.path("ports").forEach(x -> ports.add(ExposedPort.parse(x.asText())));
    return new StoredEndpoint(doc.path("networkId").asText(), doc.path("id").asText(), doc.path("name").asText(),
        doc.path("containerId").asText(), doc.path("host").asText(), List.copyOf(names),
        doc.hasNonNull("ipv4") ? Optional.of(Subnet.parse(doc.get("ipv4").asText())) : Optional.empty(),
        doc.hasNonNull("ipv6") ? Optional.of(Subnet.parse(doc.get("ipv6").asText())) : Optional.empty(),
        doc.path("v4Pool").asText(), doc.path("v6Pool").asText(), List.copyOf(ports));
  }

  private byte[] encodeHost() {
    ObjectNode doc = StoreDocuments.object();
    doc.put("id", hostId);
    doc.put("address", hostAddress);
    doc.put("location", location);
    return StoreDocuments.bytes(doc);
  }

  private static StoredHost host(Versioned v) {
    JsonNode doc = StoreDocuments.read("host", v.value());
    return new StoredHost(v.key().substring(HOST_PREFIX.length()), doc.path("id").asText(),
        doc.path("address").asText(), doc.path("location").asText());
  }

  // ---- the parsed view --------------------------------------------------------------------------

  /** A network document as stored. */
  record StoredNetwork(String name, JsonNode doc, long modRevision) {
    String id() {
      return doc.path("id").asText();
    }
  }

  /** An endpoint record as stored: any host's. */
  record StoredEndpoint(String networkId, String id, String name, String containerId, String host,
      List<String> dnsNames, Optional<Subnet> ipv4, Optional<Subnet> ipv6, String v4Pool, String v6Pool,
      List<ExposedPort> ports) {}

  /** A host's registration. */
  record StoredHost(String name, String id, String address, String location) {}

  /** A parsed document and the mod revision it was parsed at. */
  private record Parsed(long modRevision, Object value) {}

  /** The cluster at one store revision: networks by name, endpoints by network id, hosts by name. */
  record Snapshot(long revision, Map<String, StoredNetwork> networks, Map<String, List<StoredEndpoint>> endpoints,
      Map<String, StoredHost> hosts, Map<String, String> networkNames) {
    static final Snapshot EMPTY = new Snapshot(0, Map.of(), Map.of(), Map.of(), Map.of());
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
