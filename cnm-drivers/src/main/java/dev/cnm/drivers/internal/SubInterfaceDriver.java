package dev.cnm.drivers.internal;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.Scope;
import dev.cnm.api.error.CnmException;
import dev.cnm.api.error.ForbiddenException;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.error.NotFoundException;
import dev.cnm.api.error.SystemException;
import dev.cnm.api.net.MacAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.spi.DataPlane;
import dev.cnm.api.spi.DriverCapability;
import dev.cnm.api.spi.DriverContext;
import dev.cnm.api.spi.EndpointCreateRequest;
import dev.cnm.api.spi.EndpointInterface;
import dev.cnm.api.spi.IpamData;
import dev.cnm.api.spi.JoinInfo;
import dev.cnm.api.spi.JoinRequest;
import dev.cnm.api.spi.NetworkCreateRequest;
import dev.cnm.api.spi.NetworkDriver;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What libnetwork's {@code macvlan} and {@code ipvlan} drivers share: a network is a parent link
 * (an existing interface, a VLAN sub-interface created for it, or a dummy link when there is no
 * parent); an endpoint is a sub-interface of that parent moved into the sandbox at join, named
 * {@code veth} and 7 random hex digits until the sandbox renames it {@code eth<N>}. Both are local
 * in data and global in connectivity (the parent's LAN spans hosts); neither publishes ports.
 * Subclasses parse their options and decide the parent rules, the MAC address and the join
 * answer. Messages are libnetwork's.
 *
 * <pre>{@code
 * final class MacvlanDriver extends SubInterfaceDriver {
 *   MacvlanDriver(DriverContext context) { super("macvlan", context, "dm-"); }
 *   ...
 * }
 * }</pre>
 */
public abstract class SubInterfaceDriver implements NetworkDriver {
  private static final DriverCapability CAPABILITY = DriverCapability.of(Scope.LOCAL, Scope.GLOBAL);
  private static final HexFormat HEX = HexFormat.of();

  private final String type;
  /** The host services; the parent links and the random source for MACs and names. */
  protected final DriverContext context;
  /** The parents on the host model. */
  protected final ParentLinks links;
  /** Guarded by {@code this}. */
  private final Map<String, SubNetwork> networks = new LinkedHashMap<>();

  /** A driver of {@code type} whose dummy parents are named {@code dummyPrefix} and the network id's first 12 characters. */
  protected SubInterfaceDriver(String type, DriverContext context, String dummyPrefix) {
    this.type = requireNonNull(type, "type");
    this.context = requireNonNull(context, "context");
    this.links = new ParentLinks(context.interfaces(), dummyPrefix);
  }

  /** A network's parsed options ({@code parent}, the mode, the flag) and whether it is internal. */
  protected static final class Config {
    /** The parent interface, empty when none was given. */
    public String parent;
    /** The mode ({@code macvlan_mode}, {@code ipvlan_mode}), defaulted. */
    public String mode;
    /** The flag ({@code ipvlan_flag}), defaulted; empty for macvlan. */
    public String flag = "";
    /** {@code --internal}, or no parent. */
    public boolean internal;

    /** An empty configuration, filled in by {@link #parse}. */
    public Config() {}
  }

  /** One network of the driver. */
  protected static final class SubNetwork {
    /** The network id. */
    public final String id;
    /** The parsed options, the parent filled in (a dummy's name when none was given). */
    public final Config config;
    /** Whether the driver created the parent link (a VLAN sub-interface or a dummy). */
    public boolean createdLink;
    /** The IPv4 pools with their gateways. */
    public final List<IpamData> v4;
    /** The IPv6 pools with their gateways. */
    public final List<IpamData> v6;
    /** The endpoints by id, guarded by the driver. */
    public final Map<String, SubEndpoint> endpoints = new LinkedHashMap<>();

    SubNetwork(String id, Config config, List<IpamData> v4, List<IpamData> v6) {
      this.id = id;
      this.config = config;
      this.v4 = List.copyOf(v4);
      this.v6 = List.copyOf(v6);
    }
  }

  /** One endpoint: its addresses, MAC and, once joined, the name of its sub-interface. */
  protected static final class SubEndpoint {
    /** The endpoint id. */
    public final String id;
    /** The IPv4 address. */
    public final Optional<Subnet> v4;
    /** The IPv6 address. */
    public final Optional<Subnet> v6;
    /** The sub-interface's name while joined, else null. */
    public String srcName;

    SubEndpoint(String id, Optional<Subnet> v4, Optional<Subnet> v6) {
      this.id = id;
      this.v4 = v4;
      this.v6 = v6;
    }
  }

  /**
   * Parses the driver options ({@code parseNetworkOptions}): the mode and flag checked and
   * defaulted, the loopback refused, and a network without a parent internal.
   *
   * @throws CnmException with libnetwork's message for a bad option
   */
  protected abstract Config parse(Map<String, String> options, boolean internal);

  /** Refuses {@code config}'s parent when networks already using it rule it out, with libnetwork's message. */
  protected abstract void checkParent(Config config, String networkId, List<SubNetwork> sameParent);

  /** Whether a network that shares its existing parent with one whose link the driver created inherits the deletion duty. */
  protected abstract boolean inheritsCreatedLink();

  /** Whether the created parent link goes only with the last network using it (macvlan) or with its network (ipvlan). */
  protected abstract boolean sharesParents();

  /** The MAC the endpoint's interface gets, or a refusal of the one the engine set. */
  protected abstract Optional<MacAddress> endpointMac(EndpointInterface iface);

  /** Checks that one more sub-interface may be created on the network's parent (the kernel's rules). */
  protected void checkNewSubInterface(SubNetwork n) {}

  /** The join answer beyond the interface names: gateways, static routes, the gateway service. */
  protected abstract void join(SubNetwork n, SubEndpoint ep, JoinInfo.Builder info);

  /** The data plane of {@code n}. */
  protected abstract DataPlane dataPlane(SubNetwork n);

  @Override
  public final String type() {
    return type;
  }

  @Override
  public final DriverCapability capability() {
    return CAPABILITY;
  }

  @Override
  public void createNetwork(NetworkCreateRequest request) {
    requireNonNull(request, "request");
    String id = request.networkId();
    // reject a null v4 network if ipv4 is required, and the same for v6
    if (request.enableIpv4() && (request.ipv4Data().isEmpty()
        || request.ipv4Data().get(0).pool().equals(Subnet.parse("0.0.0.0/0")))) {
      throw new InvalidParameterException("ipv4 pool is empty");
    }
    if (request.enableIpv6() && (request.ipv6Data().isEmpty()
        || request.ipv6Data().get(0).pool().equals(Subnet.parse("::/0")))) {
      throw new InvalidParameterException("ipv6 pool is empty");
    }
    Config config = parse(request.options(), request.internal());
    if (config.parent.isEmpty()) {
      config.parent = links.dummyName(id);
    }
    synchronized (this) {
      if (networks.containsKey(id)) {
        throw new ForbiddenException("restoring existing network " + id);
      }
      List<SubNetwork> sameParent = new ArrayList<>();
      for (SubNetwork other : networks.values()) {
        if (other.config.parent.equals(config.parent)) {
          sameParent.add(other);
        }
      }
      checkParent(config, id, sameParent);
      SubNetwork n = new SubNetwork(id, config, request.ipv4Data(), request.ipv6Data());
      if (!links.exists(config.parent)) {
        if (config.parent.equals(links.dummyName(id))) {
          links.createDummy(config.parent, context.random());
        } else {
          links.createVlan(config.parent);
        }
        n.createdLink = true;
      } else if (inheritsCreatedLink()) {
        n.createdLink = sameParent.stream().anyMatch(o -> o.createdLink);
      }
      networks.put(id, n);
    }
  }

  @Override
  public synchronized void deleteNetwork(String networkId) {
    requireNonNull(networkId, "networkId");
    SubNetwork n = networks.get(networkId);
    if (n == null) {
      throw new NotFoundException("network id " + networkId + " not found");
    }
    String parent = n.config.parent;
    boolean lastUser = !sharesParents()
        || networks.values().stream().filter(o -> o.config.parent.equals(parent)).count() == 1;
    if (n.createdLink && links.exists(parent) && lastUser) {
      if (parent.equals(links.dummyName(networkId))) {
        links.deleteDummy(parent);
      } else {
        links.deleteVlan(parent);
      }
    }
    networks.remove(networkId);
  }

  @Override
  public synchronized EndpointInterface createEndpoint(EndpointCreateRequest request) {
    requireNonNull(request, "request");
    validateIds(request.networkId(), request.endpointId());
    SubNetwork n = networks.get(request.networkId());
    if (n == null) {
      throw new SystemException("network id \"" + request.networkId() + "\" not found");
    }
    if (n.endpoints.containsKey(request.endpointId())) {
      throw new ForbiddenException("Endpoint (" + request.endpointId() + ") already exists (Only one endpoint allowed)");
    }
    Optional<MacAddress> mac = endpointMac(request.iface());
    n.endpoints.put(request.endpointId(),
        new SubEndpoint(request.endpointId(), request.iface().ipv4Address(), request.iface().ipv6Address()));
    EndpointInterface.Builder b = EndpointInterface.builder().from(request.iface());
    mac.ifPresent(b::macAddress);
    return b.build();
  }

  @Override
  public synchronized void deleteEndpoint(String networkId, String endpointId) {
    requireNonNull(networkId, "networkId");
    requireNonNull(endpointId, "endpointId");
    validateIds(networkId, endpointId);
    SubNetwork n = networks.get(networkId);
    if (n == null) {
      throw new NotFoundException("network id \"" + networkId + "\" not found");
    }
    if (n.endpoints.remove(endpointId) == null) {
      throw new NotFoundException("endpoint id \"" + endpointId + "\" not found");
    }
  }

  @Override
  public synchronized JoinInfo join(JoinRequest request) {
    requireNonNull(request, "request");
    SubNetwork n = network(request.networkId());
    SubEndpoint ep = n.endpoints.get(request.endpointId());
    if (ep == null) {
      throw new SystemException("could not find endpoint with id " + request.endpointId());
    }
    String name = interfaceName();
    if (!links.exists(n.config.parent)) {
      throw new SystemException("the requested parent interface " + n.config.parent + " was not found on the Docker host");
    }
    checkNewSubInterface(n);
    JoinInfo.Builder info = JoinInfo.builder().interfaceSourceName(name).interfaceDestinationPrefix("eth");
    join(n, ep, info);
    JoinInfo answer = info.build();
    ep.srcName = name;
    return answer;
  }

  @Override
  public synchronized void leave(String networkId, String endpointId) {
    requireNonNull(endpointId, "endpointId");
    SubNetwork n = network(networkId);
    if (endpointId.isEmpty()) {
      throw new SystemException("endpoint id " + endpointId + " not found");
    }
    SubEndpoint ep = n.endpoints.get(endpointId);
    if (ep == null) {
      throw new SystemException("could not find endpoint with id " + endpointId);
    }
    // The sub-interface went into the sandbox and goes with it.
    ep.srcName = null;
  }

  @Override
  public boolean skipsGatewayAllocation(Map<String, String> options, boolean internal, boolean ipv6) {
    return parse(options, internal).internal;
  }

  @Override
  public synchronized DataPlane dataPlane(String networkId) {
    SubNetwork n = networks.get(requireNonNull(networkId, "networkId"));
    return n == null ? DataPlane.standard() : dataPlane(n);
  }

  /** The joined endpoints of {@code n}, for the kernel's one-passthru-device rule. */
  protected static long joinedEndpoints(SubNetwork n) {
    return n.endpoints.values().stream().filter(e -> e.srcName != null).count();
  }

  /**
   * The gateway of the pool {@code address} belongs to, for the join answer ({@code
   * getSubnetForIP}: same prefix length, containing the address).
   *
   * @throws SystemException {@code could not find a valid ipv4 subnet for endpoint <id>}; {@code
   *     gateway <nil> is not a valid ipv4 address: ...} when the pool has none
   */
  protected static dev.cnm.api.net.IpAddress gatewayFor(List<IpamData> pools, Optional<Subnet> address,
      String endpointId, String family) {
    for (IpamData d : pools) {
      if (address.isPresent() && d.pool().prefixLength() == address.get().prefixLength()
          && d.pool().contains(address.get().address())) {
        if (d.gateway().isEmpty()) {
          throw new SystemException("gateway <nil> is not a valid " + family + " address: invalid CIDR address: <nil>");
        }
        return d.gateway().get().address();
      }
    }
    throw new SystemException("could not find a valid " + family + " subnet for endpoint " + endpointId);
  }

  private SubNetwork network(String networkId) {
    requireNonNull(networkId, "networkId");
    if (networkId.isEmpty()) {
      throw new InvalidParameterException("invalid network id: " + networkId);
    }
    SubNetwork n = networks.get(networkId);
    if (n == null) {
      throw new NotFoundException("network not found: " + networkId);
    }
    return n;
  }

  private static void validateIds(String networkId, String endpointId) {
    if (networkId.isEmpty()) {
      throw new SystemException("invalid network id");
    }
    if (endpointId.isEmpty()) {
      throw new SystemException("invalid endpoint id");
    }
  }

  /** libnetwork's {@code GenerateIfaceName}: {@code veth} and 7 random hex digits, three tries against the host's names. */
  private String interfaceName() {
    for (int i = 0; i < 3; i++) {
      byte[] bytes = new byte[4];
      context.random().nextBytes(bytes);
      String name = "veth" + HEX.formatHex(bytes).substring(0, 7);
      if (!links.exists(name)) {
        return name;
      }
    }
    throw new SystemException("error generating an interface name: could not generate interface name");
  }
}
