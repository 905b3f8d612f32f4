package dev.cnm.drivers.overlay;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.cnm.api.Scope;
import dev.cnm.api.error.ForbiddenException;
import dev.cnm.api.error.NotFoundException;
import dev.cnm.api.error.SystemException;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.MacAddress;
import dev.cnm.api.spi.DriverCapability;
import dev.cnm.api.spi.DriverContext;
import dev.cnm.api.spi.EndpointCreateRequest;
import dev.cnm.api.spi.EndpointInterface;
import dev.cnm.api.spi.IpamData;
import dev.cnm.api.spi.JoinInfo;
import dev.cnm.api.spi.JoinRequest;
import dev.cnm.api.spi.NetworkCreateRequest;
import dev.cnm.api.spi.NetworkDriver;
import dev.cnm.api.store.GlobalStore;
import dev.cnm.api.store.StoreConflictException;
import dev.cnm.api.store.StoreUnavailableException;
import dev.cnm.api.store.Versioned;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@code overlay} driver (libnetwork {@code drivers/overlay} with swarm's {@code ovmanager}):
 * global data and connectivity scope, one VXLAN id per IPv4 subnet from the cluster-wide table in
 * the global store, MTU 1450 (1500 less the 50 bytes of VXLAN encapsulation) unless {@code
 * com.docker.network.driver.mtu} says otherwise. Its endpoints offer no gateway, so the engine
 * gives their containers a {@code docker_gwbridge} endpoint for outside traffic.
 *
 * <p>A network's VXLAN ids are recorded under {@code overlay/network/<id>}; an engine that creates
 * a network another engine already created adopts its ids.
 */
final class OverlayDriver implements NetworkDriver {
  static final String TYPE = "overlay";
  /** {@code com.docker.network.driver.overlay.vxlanid_list}: one id per IPv4 subnet. */
  static final String VXLANID_LIST = "com.docker.network.driver.overlay.vxlanid_list";
  /** {@code com.docker.network.driver.mtu}. */
  static final String MTU = "com.docker.network.driver.mtu";
  /** libnetwork's {@code vxlanEncap}: the bytes VXLAN adds to every frame. */
  static final int VXLAN_ENCAP = 50;
  static final String NETWORK_KEY_PREFIX = "overlay/network/";

  private final DriverContext context;
  /** Null on an engine without a global store: then every network is refused. */
  private final GlobalStore store;
  private final VxlanIds vxlanIds;

  @GuardedBy("this")
  private final Map<String, OverlayNetwork> networks = new LinkedHashMap<>();

  OverlayDriver(DriverContext context, GlobalStore store) {
    this(context, Optional.of(requireNonNull(store, "store")));
  }

  /** A driver over {@code store}; without one it refuses every network as a non-manager does. */
  OverlayDriver(DriverContext context, Optional<GlobalStore> store) {
    this.context = requireNonNull(context, "context");
    this.store = store.orElse(null);
    this.vxlanIds = store.map(VxlanIds::new).orElse(null);
  }

  /** One network's state on this engine. */
  static final class OverlayNetwork {
    final String id;
    final List<Integer> vxlanIds;
    final int mtu;
    final Map<String, OverlayEndpoint> endpoints = new LinkedHashMap<>();

    OverlayNetwork(String id, List<Integer> vxlanIds, int mtu) {
      this.id = id;
      this.vxlanIds = List.copyOf(vxlanIds);
      this.mtu = mtu;
    }
  }

  /** One endpoint's state. */
  static final class OverlayEndpoint {
    final String id;
    final String vethName;
    final MacAddress mac;

    OverlayEndpoint(String id, String vethName, MacAddress mac) {
      this.id = id;
      this.vethName = vethName;
      this.mac = mac;
    }
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public DriverCapability capability() {
    return DriverCapability.of(Scope.GLOBAL, Scope.GLOBAL);
  }

  @Override
  public synchronized void createNetwork(NetworkCreateRequest request) {
    requireNonNull(request, "request");
    if (store == null) {
      throw OverlayDriverProvider.notAManager();
    }
    String id = request.networkId();
    if (networks.containsKey(id)) {
      throw new ForbiddenException("network " + id + " exists");
    }
    // Options first, with libnetwork's overlay messages (plain errors: HTTP 500).
    List<Integer> requested = new ArrayList<>();
    String list = request.options().get(VXLANID_LIST);
    if (list != null) {
      for (String s : list.split(",", -1)) {
        int vni;
        try {
          vni = Integer.parseInt(s);
        } catch (NumberFormatException e) {
          throw new SystemException("invalid vxlan id value \"" + s + "\" passed");
        }
        requested.add(vni);
      }
    }
    int mtu = context.daemon().mtu() - VXLAN_ENCAP;
    String mtuText = request.options().get(MTU);
    if (mtuText != null) {
      try {
        mtu = Integer.parseInt(mtuText);
      } catch (NumberFormatException e) {
        throw new SystemException("failed to parse " + mtuText + ": strconv.Atoi: parsing \"" + mtuText
            + "\": invalid syntax");
      }
      if (mtu < 0) {
        throw new SystemException("invalid MTU value: " + mtu);
      }
    }
    List<IpamData> v4 = request.ipv4Data();
    if (!requested.isEmpty() && requested.size() < v4.size()) {
      throw new SystemException("insufficient vnis(" + requested.size() + ") passed to overlay");
    }
    List<Integer> ids = networkIds(id, requested, v4);
    networks.put(id, new OverlayNetwork(id, ids, mtu));
  }

  /** The network's VXLAN ids: those recorded by another engine, else newly taken and recorded. */
  private List<Integer> networkIds(String id, List<Integer> requested, List<IpamData> v4) {
    String key = NETWORK_KEY_PREFIX + id;
    Optional<Versioned> existing = store.get(key);
    if (existing.isPresent()) {
      return decode(existing.get());
    }
    List<Integer> ids;
    if (requested.isEmpty()) {
      ids = vxlanIds.allocate(v4.size());
    } else {
      ids = List.copyOf(requested.subList(0, v4.size()));
      vxlanIds.reserve(ids, v4.stream().map(d -> d.pool().toString()).collect(Collectors.toList()));
    }
    try {
      store.putIfAbsent(key, encode(ids));
      return ids;
    } catch (StoreConflictException raced) {
      // Another engine recorded the network first: give ours back and use theirs.
      vxlanIds.release(ids);
      return decode(store.get(key).orElseThrow(() -> raced));
    } catch (StoreUnavailableException e) {
      if (e.outcome() == StoreUnavailableException.Outcome.UNKNOWN) {
        // Our record may have landed: re-read before giving the ids back (never hold them twice).
        Optional<Versioned> now;
        try {
          now = store.get(key);
        } catch (StoreUnavailableException again) {
          throw e; // still in doubt: keep the ids reserved rather than risk handing them out twice
        }
        if (now.isPresent()) {
          List<Integer> recorded = decode(now.get());
          if (!recorded.equals(ids)) {
            vxlanIds.release(ids);
          }
          return recorded;
        }
      }
      vxlanIds.release(ids);
      throw e;
    } catch (RuntimeException e) {
      vxlanIds.release(ids);
      throw e;
    }
  }

  /** The network's record: {@code {"version":1,"vxlanIds":[...]}}. */
  private static byte[] encode(List<Integer> ids) {
    ObjectNode doc = OverlayDocuments.newDocument();
    ArrayNode array = doc.putArray("vxlanIds");
    ids.forEach(array::add);
    return OverlayDocuments.bytes(doc);
  }

  private static List<Integer> decode(Versioned v) {
    List<Integer> out = new ArrayList<>();
    OverlayDocuments.read(v.key(), v.value()).path("vxlanIds").forEach(id -> out.add(id.asInt()));
    return out;
  }

  @Override
  public synchronized void deleteNetwork(String networkId) {
    OverlayNetwork n = network(networkId);
    String key = NETWORK_KEY_PREFIX + networkId;
    store.get(key).ifPresent(v -> {
      try {
        store.compareAndDelete(key, v.modRevision());
      } catch (StoreConflictException gone) {
        return; // Another engine removed or replaced it meanwhile; its ids are its business now.
      } catch (StoreUnavailableException e) {
        // In doubt: the ids go back only if the record is gone (re-read), else they would leak.
        if (e.outcome() == StoreUnavailableException.Outcome.FAILED) {
          throw e;
        }
        Optional<Versioned> now = store.get(key);
        if (now.isPresent()) {
          if (now.get().modRevision() == v.modRevision()) {
            throw e; // our delete did not land
          }
          return; // replaced by another engine: not ours to release
        }
      }
      vxlanIds.release(decode(v));
    });
    networks.remove(n.id);
  }

  @Override
  public synchronized EndpointInterface createEndpoint(EndpointCreateRequest request) {
    requireNonNull(request, "request");
    OverlayNetwork n = network(request.networkId());
    String eid = request.endpointId();
    if (n.endpoints.containsKey(eid)) {
      throw new ForbiddenException("Endpoint (" + eid + ") already exists (Only one endpoint allowed)");
    }
    EndpointInterface iface = request.iface();
    if (iface.ipv4Address().isEmpty()) {
      throw new SystemException("create endpoint was not passed interface IP address");
    }
    // The overlay driver still derives the MAC from the IPv4 address (netutils.GenerateMACFromIP).
    MacAddress mac = iface.macAddress().orElseGet(() -> macFromIp(iface.ipv4Address().get().address()));
    String veth = "veth" + String.format(Locale.ROOT, "%07x", context.random().nextInt(1 << 28));
    n.endpoints.put(eid, new OverlayEndpoint(eid, veth, mac));
    return iface.withMacAddress(mac);
  }

  /** {@code 02:42} followed by the four bytes of the IPv4 address. */
  static MacAddress macFromIp(IpAddress ip) {
    return MacAddress.of((0x0242L << 32) | (ip.v4Bits() & 0xFFFF_FFFFL));
  }

  @Override
  public synchronized void deleteEndpoint(String networkId, String endpointId) {
    OverlayNetwork n = network(networkId);
    endpoint(n, endpointId);
    n.endpoints.remove(endpointId);
  }

  @Override
  public synchronized JoinInfo join(JoinRequest request) {
    requireNonNull(request, "request");
    OverlayEndpoint ep = endpoint(network(request.networkId()), request.endpointId());
    // No gateway: the engine attaches docker_gwbridge for traffic leaving the overlay.
    return JoinInfo.builder().interfaceSourceName(ep.vethName).interfaceDestinationPrefix("eth").build();
  }

  @Override
  public synchronized void leave(String networkId, String endpointId) {
    endpoint(network(networkId), endpointId);
  }

  @GuardedBy("this")
  private OverlayNetwork network(String networkId) {
    requireNonNull(networkId, "networkId");
    OverlayNetwork n = networks.get(networkId);
    if (n == null) {
      throw new NotFoundException("No network (" + networkId + ") exists");
    }
    return n;
  }

  private static OverlayEndpoint endpoint(OverlayNetwork n, String endpointId) {
    requireNonNull(endpointId, "endpointId");
    OverlayEndpoint ep = n.endpoints.get(endpointId);
    if (ep == null) {
      throw new NotFoundException("No endpoint (" + endpointId + ") exists");
    }
    return ep;
  }

  /** The network's VXLAN ids and MTU on this engine, if it has the network. */
  synchronized Optional<OverlayNetwork> findNetwork(String networkId) {
    return Optional.ofNullable(networks.get(networkId));
  }

  /** The VXLAN ids in use across the cluster. */
  List<Integer> vxlanIdsInUse() {
    return vxlanIds == null ? List.of() : vxlanIds.inUse();
  }

  @Override
  public String toString() {
    return "OverlayDriver";
  }
}
