package dev.cnm.testkit.thirdparty;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.Scope;
import dev.cnm.api.error.ForbiddenException;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.error.NotFoundException;
import dev.cnm.api.error.SystemException;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.MacAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.spi.DriverCapability;
import dev.cnm.api.spi.DriverContext;
import dev.cnm.api.spi.EndpointCreateRequest;
import dev.cnm.api.spi.EndpointInterface;
import dev.cnm.api.spi.IpamData;
import dev.cnm.api.spi.JoinInfo;
import dev.cnm.api.spi.JoinRequest;
import dev.cnm.api.spi.NetworkCreateRequest;
import dev.cnm.api.spi.NetworkDriver;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A third-party network driver written against cnm-api only, shaped after libnetwork's {@code
 * macvlan}: {@code -o parent=eth0} or a VLAN sub-interface {@code -o parent=eth0.10}, {@code -o
 * macvlan_mode=bridge|vepa|private|passthru}, one network per parent, containers directly on the
 * parent's segment with the subnet's gateway (no NAT, nothing published). Without a parent the
 * network gets a dummy link {@code dm-<id12>} and is internal: its endpoints refuse the gateway
 * service. Local data scope, global connectivity scope. Messages are Docker's macvlan driver's.
 */
final class MacvlanLikeDriver implements NetworkDriver {
  static final String TYPE = "macvlan-like";
  static final String PARENT = "parent";
  static final String MODE = "macvlan_mode";
  private static final Set<String> MODES = Set.of("bridge", "vepa", "private", "passthru");

  private final DriverContext context;
  private final Map<String, Network> networks = new LinkedHashMap<>();

  MacvlanLikeDriver(DriverContext context) {
    this.context = requireNonNull(context, "context");
  }

  /** One network: its parent link (and VLAN id of a sub-interface), mode, gateway and endpoints. */
  static final class Network {
    final String id;
    final String parent;
    final Optional<String> hostInterface;
    final int vlanId;
    final String mode;
    final boolean internal;
    final Optional<IpAddress> gateway;
    final Map<String, MacAddress> endpoints = new LinkedHashMap<>();

    Network(String id, String parent, Optional<String> hostInterface, int vlanId, String mode, boolean internal,
        Optional<IpAddress> gateway) {
      this.id = id;
      this.parent = parent;
      this.hostInterface = hostInterface;
      this.vlanId = vlanId;
      this.mode = mode;
      this.internal = internal;
      this.gateway = gateway;
    }
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public DriverCapability capability() {
    return DriverCapability.of(Scope.LOCAL, Scope.GLOBAL);
  }

  @Override
  public synchronized void createNetwork(NetworkCreateRequest request) {
    requireNonNull(request, "request");
    String id = request.networkId();
    if (networks.containsKey(id)) {
      throw new ForbiddenException("network " + id + " exists");
    }
    String mode = request.options().getOrDefault(MODE, "");
    if (mode.isEmpty()) {
      mode = "bridge";
    } else if (!MODES.contains(mode)) {
      throw new InvalidParameterException("requested macvlan mode '" + mode
          + "' is not valid, 'bridge' mode is the macvlan driver default");
    }
    String parent = request.options().getOrDefault(PARENT, "");
    if (parent.equals("lo")) {
      throw new InvalidParameterException("loopback interface is not a valid macvlan parent link");
    }
    boolean internal = request.internal();
    if (parent.isEmpty()) {
      parent = dummyName(id);
      internal = true;
    }
    for (Network other : networks.values()) {
      if (other.parent.equals(parent)) {
        throw new ForbiddenException("network " + dummyName(other.id) + " is already using parent interface " + parent);
      }
    }
    Optional<String> host = Optional.empty();
    int vlan = 0;
    if (!parent.startsWith("dm-") && context.interfaces().get(parent).isEmpty()) {
      // createVlanLink: only a parent.vlan_id sub-interface of an existing link can be created.
      if (!parent.contains(".")) {
        throw new InvalidParameterException("invalid subinterface vlan name " + parent
            + ", example formatting is eth0.10");
      }
      String[] split = parent.split("\\.", -1);
      if (split.length != 2) {
        throw new InvalidParameterException("required interface name format is: name.vlan_id, ex. eth0.10 for "
            + "vlan 10, instead received " + parent);
      }
      try {
        vlan = Integer.parseInt(split[1]);
      } catch (NumberFormatException e) {
        throw new InvalidParameterException("unable to parse a valid vlan id from: " + split[1]
            + " (ex. eth0.10 for vlan 10)");
      }
      if (context.interfaces().get(split[0]).isEmpty()) {
        throw new InvalidParameterException("-o parent interface was not found on the host: " + split[0]);
      }
      host = Optional.of(split[0]);
    } else if (!parent.startsWith("dm-")) {
      host = Optional.of(parent);
    }
    Optional<IpAddress> gateway = request.ipv4Data().stream().findFirst().flatMap(IpamData::gateway)
        .map(Subnet::address);
    networks.put(id, new Network(id, parent, host, vlan, mode, internal, gateway));
  }

  /** libnetwork's {@code getDummyName(stringid.TruncateID(id))}. */
  static String dummyName(String networkId) {
    return "dm-" + networkId.substring(0, Math.min(12, networkId.length()));
  }

  @Override
  public synchronized void deleteNetwork(String networkId) {
    network(networkId);
    networks.remove(networkId);
  }

  @Override
  public synchronized EndpointInterface createEndpoint(EndpointCreateRequest request) {
    requireNonNull(request, "request");
    Network n = network(request.networkId());
    String eid = request.endpointId();
    if (n.endpoints.containsKey(eid)) {
      throw new ForbiddenException("Endpoint (" + eid + ") already exists (Only one endpoint allowed)");
    }
    if (request.iface().ipv4Address().isEmpty() && request.iface().ipv6Address().isEmpty()) {
      throw new SystemException("create endpoint was not passed interface IP address");
    }
    MacAddress mac = request.iface().macAddress()
        .orElseGet(() -> MacAddress.randomLocallyAdministered(context.random()));
    n.endpoints.put(eid, mac);
    return request.iface().withMacAddress(mac);
  }

  @Override
  public synchronized void deleteEndpoint(String networkId, String endpointId) {
    endpoint(network(networkId), endpointId);
    network(networkId).endpoints.remove(endpointId);
  }

  @Override
  public synchronized JoinInfo join(JoinRequest request) {
    requireNonNull(request, "request");
    Network n = network(request.networkId());
    endpoint(n, request.endpointId());
    JoinInfo.Builder info = JoinInfo.builder()
        .interfaceSourceName("macvlan" + String.format(Locale.ROOT, "%07x", context.random().nextInt(1 << 28)))
        .interfaceDestinationPrefix("eth");
    if (n.internal) {
      // No parent: libnetwork does not know the network is internal, so stop the gateway endpoint.
      info.disableGatewayService(true);
    } else {
      n.gateway.ifPresent(info::gateway);
    }
    return info.build();
  }

  @Override
  public synchronized void leave(String networkId, String endpointId) {
    endpoint(network(networkId), endpointId);
  }

  private Network network(String networkId) {
    requireNonNull(networkId, "networkId");
    Network n = networks.get(networkId);
    if (n == null) {
      throw new NotFoundException("network id \"" + networkId + "\" not found");
    }
    return n;
  }

  private static MacAddress endpoint(Network n, String endpointId) {
    requireNonNull(endpointId, "endpointId");
    MacAddress mac = n.endpoints.get(endpointId);
    if (mac == null) {
      throw new NotFoundException("endpoint id \"" + endpointId + "\" not found");
    }
    return mac;
  }

  /** The network with this id, for tests. */
  synchronized Optional<Network> find(String networkId) {
    return Optional.ofNullable(networks.get(networkId));
  }
}
