package dev.cnm.drivers.bridge;

import static java.util.Objects.requireNonNull;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.cnm.api.error.ForbiddenException;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.error.NotFoundException;
import dev.cnm.api.error.SystemException;
import dev.cnm.api.host.HostInterfaces;
import dev.cnm.api.host.HostRules;
import dev.cnm.api.host.VethName;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.MacAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.spi.DriverCapability;
import dev.cnm.api.port.PublishedPort;
import dev.cnm.api.spi.DriverContext;
import dev.cnm.api.spi.EndpointCreateRequest;
import dev.cnm.api.spi.EndpointInterface;
import dev.cnm.api.spi.ExternalConnectivityRequest;
import dev.cnm.api.spi.IpamData;
import dev.cnm.api.spi.JoinInfo;
import dev.cnm.api.spi.JoinRequest;
import dev.cnm.api.spi.NetworkCreateRequest;
import dev.cnm.api.spi.NetworkDriver;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code bridge} driver (libnetwork {@code drivers/bridge}): one Linux bridge per network,
 * one veth pair per endpoint, the gateway address on the bridge.
 *
 * <p>Every method validates first and changes state last, so a failed call leaves the driver as
 * it was; {@code deleteNetwork}, {@code deleteEndpoint} and {@code leave} undo exactly what
 * {@code createNetwork}, {@code createEndpoint} and {@code join} did.
 */
final class BridgeDriver implements NetworkDriver {
  static final String TYPE = "bridge";

  /** IPAM's aux-address key for a user-chosen IPv4 default gateway (libnetwork bridge). */
  static final String DEFAULT_GATEWAY_V4_AUX_KEY = "DefaultGatewayIPv4";
  /**
   * Join option: the comma-separated endpoint ids, on the same network, of the containers that
   * link to the joining one. libnetwork passes them in its generic join data; the model passes
   * them as a string option.
   */
  static final String PARENT_ENDPOINTS = BridgeDriverProvider.JOIN_PARENT_ENDPOINTS;
  /** Join option: the comma-separated endpoint ids of the containers the joining one links to. */
  static final String CHILD_ENDPOINTS = BridgeDriverProvider.JOIN_CHILD_ENDPOINTS;

  /** IPAM's aux-address key for a user-chosen IPv6 default gateway. */
  static final String DEFAULT_GATEWAY_V6_AUX_KEY = "DefaultGatewayIPv6";

  /** {@code netutils.GenerateIfaceName} tries three random names before giving up. */
  private static final int IFACE_NAME_ATTEMPTS = 3;

  private final DriverContext context;
  private final PortPublisher publisher;
  private final BridgeDataPlane dataPlane;

  @GuardedBy("this")
  private final Map<String, BridgeNetwork> networks = new LinkedHashMap<>();

  /** The numbers of the interface names this driver has taken, so a random name is never reused. */
  @GuardedBy("this")
  private final VethNumbers interfaceNames = new VethNumbers();

  /** A driver that uses the context's whole data plane: ports, interfaces and rules. */
  BridgeDriver(DriverContext context) {
    this(context, Optional.of(context.interfaces()), Optional.of(context.rules()));
  }

  /** A driver that creates devices in {@code interfaces} and programs {@code rules}, if given. */
  BridgeDriver(DriverContext context, Optional<HostInterfaces> interfaces, Optional<HostRules> rules) {
    this.context = requireNonNull(context, "context");
    this.publisher = new PortPublisher(context.hostPorts(), context.daemon());
    this.dataPlane = new BridgeDataPlane(interfaces, rules, context.daemon().userlandProxy());
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public DriverCapability capability() {
    return DriverCapability.local();
  }

  @Override
  public synchronized void createNetwork(NetworkCreateRequest request) {
    requireNonNull(request, "request");
    String id = request.networkId();
    if (networks.containsKey(id)) {
      throw new ForbiddenException("network " + id + " exists");
    }
    BridgeOptions options = BridgeOptions.parse(request.options());
    List<IpamData> v4 = request.ipv4Data();
    List<IpamData> v6 = request.ipv6Data();
    if (request.enableIpv4() && (v4.isEmpty() || v4.get(0).pool().prefixLength() == 0)) {
      throw new InvalidParameterException("ipv4 pool is empty");
    }
    // networkConfiguration.processIPAM
    if (v4.size() > 1 || v6.size() > 1) {
      throw new ForbiddenException("bridge driver doesn't support multiple subnets");
    }
    BridgeNetwork network = newNetwork(request, options, context.daemon().mtu());
    // driver.checkConflict: the first existing network that conflicts is named.
    for (BridgeNetwork other : networks.values()) {
      Optional<String> reason = other.conflictWith(network);
      if (reason.isPresent()) {
        throw new ForbiddenException("cannot create network " + id + " (" + network.bridgeName
            + "): conflicts with network " + other.id + " (" + other.bridgeName + "): " + reason.get());
      }
    }
    dataPlane.checkNetwork(network, network.mtu);
    network.createdBridge = dataPlane.addNetwork(network, network.mtu);
    networks.put(id, network);
  }

  private static BridgeNetwork newNetwork(NetworkCreateRequest request, BridgeOptions options, int daemonMtu) {
    Optional<IpamData> v4 = request.enableIpv4() ? request.ipv4Data().stream().findFirst() : Optional.empty();
    Optional<IpamData> v6 = request.enableIpv6() ? request.ipv6Data().stream().findFirst() : Optional.empty();
    Optional<Subnet> bridgeIpv4 = v4.flatMap(IpamData::gateway);
    Optional<IpAddress> gatewayIpv4 = auxGateway(v4, DEFAULT_GATEWAY_V4_AUX_KEY)
        .or(() -> bridgeIpv4.map(Subnet::address));
    Optional<Subnet> bridgeIpv6 = v6.flatMap(IpamData::gateway);
    Optional<IpAddress> gatewayIpv6 = auxGateway(v6, DEFAULT_GATEWAY_V6_AUX_KEY)
        .or(() -> bridgeIpv6.map(Subnet::address));
    return new BridgeNetwork(request.networkId(), request.networkName(), options,
        options.bridgeName(request.networkId()), request.internal(),
        bridgeIpv4, gatewayIpv4, bridgeIpv6, gatewayIpv6, v4.map(IpamData::pool), v6.map(IpamData::pool),
        options.mtu() > 0 ? options.mtu() : daemonMtu);
  }

  private static Optional<IpAddress> auxGateway(Optional<IpamData> data, String key) {
    return data.flatMap(d -> Optional.ofNullable(d.auxAddresses().get(key))).map(Subnet::address);
  }

  @Override
  public synchronized void deleteNetwork(String networkId) {
    BridgeNetwork network = network(networkId);
    if (!network.endpoints.isEmpty()) {
      // libnetwork bridge ActiveEndpointsError; the engine refuses earlier with its own message.
      throw new ForbiddenException("network " + networkId + " has active endpoint");
    }
    dataPlane.removeNetwork(network, network.createdBridge);
    networks.remove(networkId);
  }

  @Override
  public synchronized EndpointInterface createEndpoint(EndpointCreateRequest request) {
    requireNonNull(request, "request");
    BridgeNetwork network = network(request.networkId());
    String endpointId = request.endpointId();
    if (network.endpoints.containsKey(endpointId)) {
      throw new ForbiddenException("Endpoint (" + endpointId + ") already exists (Only one endpoint allowed)");
    }
    // Docker names both ends at random; the container end is renamed to eth<n> in the sandbox.
    int veth = newInterfaceName(-1);
    int peer = newInterfaceName(veth);
    EndpointInterface iface = request.iface();
    // Docker 28 gives every endpoint without --mac-address a random locally administered MAC
    // (moby/moby#48808); older releases derived it from the IPv4 address.
    MacAddress mac = iface.macAddress().orElseGet(() -> MacAddress.randomLocallyAdministered(context.random()));
    Optional<Subnet> ipv6 = iface.ipv6Address();
    if (ipv6.isEmpty() && network.poolIpv6.isPresent()) {
      ipv6 = Optional.of(ipv6FromMac(network, mac));
    }
    // the last step that can fail: a full bridge
    dataPlane.addVeth(network, VethName.text(veth), VethName.text(peer), network.mtu);
    network.endpoints.put(endpointId, new BridgeEndpoint(endpointId, request.endpointName(), veth, peer, mac,
        iface.ipv4Address(), ipv6));
    interfaceNames.add(veth);
    interfaceNames.add(peer);
    EndpointInterface.Builder completed = EndpointInterface.builder().from(iface).macAddress(mac);
    ipv6.ifPresent(completed::ipv6Address);
    return completed.build();
  }

  /**
   * An endpoint without an IPv6 address on an IPv6 network gets the pool's prefix followed by its
   * MAC address (libnetwork bridge {@code CreateEndpoint}), which needs 48 host bits.
   */
  private static Subnet ipv6FromMac(BridgeNetwork network, MacAddress mac) {
    Subnet pool = network.poolIpv6.get();
    if (pool.prefixLength() > 80) {
      Subnet shown = network.bridgeIpv6.orElse(pool);
      throw new ForbiddenException("Cannot self generate an IPv6 address on network " + shown
          + ": At least 48 host bits are needed.");
    }
    IpAddress prefix = pool.network();
    long low = (prefix.low() & 0xFFFF_0000_0000_0000L) | mac.bits();
    return Subnet.of(IpAddress.ofV6(prefix.high(), low), pool.prefixLength());
  }

  /**
   * {@code netutils.GenerateIfaceName(vethPrefix, vethLen)}: {@code veth} and 7 random hex digits,
   * three attempts, then libnetwork's {@code could not generate interface name}.
   */
  @GuardedBy("this")
  private int newInterfaceName(int taken) {
    for (int i = 0; i < IFACE_NAME_ATTEMPTS; i++) {
      int n = context.random().nextInt(1 << (4 * VethName.DIGITS));
      if (!interfaceNames.contains(n) && n != taken && !dataPlane.interfaceExists(VethName.text(n))) {
        return n;
      }
    }
    throw new SystemException("could not generate interface name");
  }

  @Override
  public synchronized void deleteEndpoint(String networkId, String endpointId) {
    BridgeNetwork network = network(networkId);
    BridgeEndpoint endpoint = endpoint(network, endpointId);
    // An endpoint deleted while still publishing (a forced removal) gives its ports back.
    links(network, endpoint, false);
    dataPlane.unpublish(network, endpoint.published(), endpoint.targets());
    publisher.release(endpoint.booked());
    dataPlane.removeVeth(endpoint.vethName());
    network.endpoints.remove(endpointId);
    interfaceNames.remove(endpoint.veth);
    interfaceNames.remove(endpoint.peer);
  }

  @Override
  public synchronized JoinInfo join(JoinRequest request) {
    requireNonNull(request, "request");
    BridgeNetwork network = network(request.networkId());
    BridgeEndpoint endpoint = endpoint(network, request.endpointId());
    network.endpoints.put(endpoint.id, endpoint.withJoin(true,
        endpointList(request.options().get(PARENT_ENDPOINTS)), endpointList(request.options().get(CHILD_ENDPOINTS))));
    JoinInfo.Builder info = JoinInfo.builder()
        .interfaceSourceName(endpoint.vethName())
        .interfaceDestinationPrefix(network.options.containerIfacePrefix());
    // An internal network offers no gateway: its containers get no default route through it and
    // it is never their gateway endpoint (moby bridge Join: "if !network.config.Internal").
    if (!network.internal) {
      network.gatewayIpv4.ifPresent(info::gateway);
      network.gatewayIpv6.ifPresent(info::ipv6Gateway);
    }
    return info.build();
  }

  @Override
  public synchronized void leave(String networkId, String endpointId) {
    BridgeNetwork network = network(networkId);
    BridgeEndpoint endpoint = endpoint(network, endpointId);
    network.endpoints.put(endpoint.id, endpoint.withJoin(false, List.of(), List.of()));
  }

  @Override
  public synchronized List<PublishedPort> programExternalConnectivity(ExternalConnectivityRequest request) {
    requireNonNull(request, "request");
    BridgeNetwork network = network(request.networkId());
    BridgeEndpoint endpoint = endpoint(network, request.endpointId());
    if (network.internal) {
      return List.of(); // internal networks never publish (libnetwork skips the call)
    }
    // Programming again replaces what the endpoint published before; on failure it is restored.
    publisher.release(endpoint.booked());
    PortPublisher.Result result;
    try {
      result = publisher.publish(network, request.bindings(),
          request.containerIpv4().or(() -> endpoint.ipv4Address().map(Subnet::address)),
          request.containerIpv6().or(() -> endpoint.ipv6Address().map(Subnet::address)));
    } catch (RuntimeException e) {
      publisher.rebook(endpoint.booked());
      throw e;
    }
    dataPlane.unpublish(network, endpoint.published(), endpoint.targets());
    links(network, endpoint, false);
    dataPlane.publish(network, result.published, result.targets);
    BridgeEndpoint programmed = endpoint.withExternalConnectivity(Optional.of(request.exposedPorts()),
        result.published, result.targets, result.booked);
    network.endpoints.put(endpoint.id, programmed);
    links(network, programmed, true);
    return result.published;
  }

  @Override
  public synchronized void revokeExternalConnectivity(String networkId, String endpointId) {
    BridgeNetwork network = network(networkId);
    BridgeEndpoint endpoint = endpoint(network, endpointId);
    links(network, endpoint, false);
    dataPlane.unpublish(network, endpoint.published(), endpoint.targets());
    publisher.release(endpoint.booked());
    network.endpoints.put(endpoint.id, endpoint.withExternalConnectivity(Optional.empty(), List.of(), List.of(), List.of()));
  }

  /**
   * Legacy-link rules on a network without ICC (libnetwork bridge {@code link}): from each parent
   * to this endpoint on this endpoint's exposed ports, and from this endpoint to each child on the
   * child's exposed ports, once both ends have external connectivity.
   */
  @GuardedBy("this")
  private void links(BridgeNetwork network, BridgeEndpoint ep, boolean enable) {
    if (network.options.enableIcc() || ep.exposedPorts().isEmpty() || ep.ipv4Address().isEmpty()) {
      return;
    }
    IpAddress self = ep.ipv4Address().get().address();
    for (String p : ep.parentEndpoints()) {
      BridgeEndpoint parent = network.endpoints.get(p);
      if (parent != null && parent.ipv4Address().isPresent()) {
        dataPlane.link(network, parent.ipv4Address().get().address(), self, ep.exposedPorts().get(), enable);
      }
    }
    for (String c : ep.childEndpoints()) {
      BridgeEndpoint child = network.endpoints.get(c);
      if (child != null && child.ipv4Address().isPresent() && child.exposedPorts().isPresent()) {
        dataPlane.link(network, self, child.ipv4Address().get().address(), child.exposedPorts().get(), enable);
      }
    }
  }

  private static List<String> endpointList(String text) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    return List.of(text.split(","));
  }

  @GuardedBy("this")
  private BridgeNetwork network(String networkId) {
    requireNonNull(networkId, "networkId");
    BridgeNetwork network = networks.get(networkId);
    if (network == null) {
      throw new NotFoundException("No network (" + networkId + ") exists");
    }
    return network;
  }

  private static BridgeEndpoint endpoint(BridgeNetwork network, String endpointId) {
    requireNonNull(endpointId, "endpointId");
    BridgeEndpoint endpoint = network.endpoints.get(endpointId);
    if (endpoint == null) {
      throw new NotFoundException("No endpoint (" + endpointId + ") exists");
    }
    return endpoint;
  }

  // ---- read-only views for tests and the data plane ----

  /** The network with this id, if the driver has it. */
  synchronized Optional<BridgeNetwork> findNetwork(String networkId) {
    return Optional.ofNullable(networks.get(networkId));
  }

  /** A copy of an endpoint's state, if the driver has it. */
  synchronized Optional<BridgeEndpoint> findEndpoint(String networkId, String endpointId) {
    BridgeNetwork network = networks.get(networkId);
    return network == null ? Optional.empty() : Optional.ofNullable(network.endpoints.get(endpointId));
  }

  /** The ids of the driver's networks, in creation order. */
  synchronized List<String> networkIds() {
    return new ArrayList<>(networks.keySet());
  }

  /** The host-side interface names in use. */
  synchronized Set<String> interfaceNames() {
    Set<String> names = new HashSet<>();
    for (int n : interfaceNames.toArray()) {
      names.add(VethName.text(n));
    }
    return Set.copyOf(names);
  }

  @Override
  public String toString() {
    return "BridgeDriver";
  }
}
