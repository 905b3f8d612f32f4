package dev.cnm.plugins;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.api.Scope;
import dev.cnm.api.error.CnmException;
import dev.cnm.api.error.ForbiddenException;
import dev.cnm.api.error.SystemException;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.MacAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.port.PublishedPort;
import dev.cnm.api.spi.DriverCapability;
import dev.cnm.api.spi.EndpointCreateRequest;
import dev.cnm.api.spi.EndpointInterface;
import dev.cnm.api.spi.ExternalConnectivityRequest;
import dev.cnm.api.spi.IpamData;
import dev.cnm.api.spi.JoinInfo;
import dev.cnm.api.spi.JoinRequest;
import dev.cnm.api.spi.NetworkCreateRequest;
import dev.cnm.api.spi.NetworkDriver;
import dev.cnm.api.spi.StaticRoute;
import dev.cnm.plugins.internal.GoValues;
import dev.cnm.plugins.internal.PluginClient;
import dev.cnm.plugins.internal.Requests;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A network driver plugin, driven as libnetwork's {@code remote} driver drives it: every SPI call
 * is a {@code NetworkDriver.*} POST with libnetwork's JSON, an answer with {@code Err} set fails
 * with {@code remote: <Err>}, and answers Docker would refuse (a changed MAC, an unparsable
 * gateway) fail with Docker's message after the same roll-back call ({@code DeleteEndpoint},
 * {@code Leave}). {@code ProgramExternalConnectivity} and {@code RevokeExternalConnectivity} are
 * optional: a 404 is not an error. Calls the engine never makes ({@code AllocateNetwork}, {@code
 * EndpointOperInfo}, {@code DiscoverNew}...) are public methods, for tests and {@code cnm plugin
 * test}.
 *
 * <pre>{@code
 * RemotePlugins plugins = RemotePlugins.builder().register("weave", PluginAddress.parse("unix:///run/weave.sock")).build();
 * NetworkDriver weave = plugins.networkDriver("weave", context).orElseThrow();
 * }</pre>
 */
public final class RemoteNetworkDriver implements NetworkDriver {
  private static final String TYPE = "NetworkDriver.";

  private final String name;
  private final PluginClient client;
  private final DriverCapability capability;
  private final boolean gwAllocChecker;
  /** What the plugin holds for this engine, so a test can give it all back. Guarded by {@code this}. */
  private final Map<String, Set<String>> endpoints = new LinkedHashMap<>();
  private final Set<String> joined = new LinkedHashSet<>();
  private final Set<String> connected = new LinkedHashSet<>();
  private final Map<String, String> endpointNetwork = new LinkedHashMap<>();

  RemoteNetworkDriver(String name, PluginClient client, DriverCapability capability, boolean gwAllocChecker) {
    this.name = name;
    this.client = client;
    this.capability = capability;
    this.gwAllocChecker = gwAllocChecker;
  }

  /**
   * Asks the plugin for its capability ({@code GetCapabilities}), as libnetwork does when it
   * registers the plugin's driver.
   *
   * @throws CnmException {@code invalid capability: expecting 'local' or 'global', got <scope>},
   *     or the call's error
   */
  static RemoteNetworkDriver register(String name, PluginClient client) {
    PluginClient.Reader<Object[]> read = (a, verdict) -> {
      checkErr(a, "api.GetCapabilityResponse");
      String scope = GoValues.string(a, "GetCapabilityResponse", "Scope");
      String connectivity = GoValues.string(a, "GetCapabilityResponse", "ConnectivityScope");
      boolean checker = GoValues.bool(a, "GetCapabilityResponse", "GwAllocChecker");
      Scope data = scope(scope, scope);
      Scope reach = connectivity.isEmpty() ? data : scope(connectivity, scope);
      verdict.append("Docker registers network driver \"").append(name).append("\": data scope ").append(data)
          .append(", connectivity scope ").append(reach)
          .append(checker ? "; it asks GwAllocCheck before allocating gateways" : "");
      client.remember(TYPE + "GetCapabilities", "", a);
      return new Object[] {DriverCapability.of(data, reach), checker};
    };
    Object[] got = client.replay(TYPE + "GetCapabilities", "", "api.GetCapabilityResponse", read).orElseGet(() ->
        client.call(TYPE + "GetCapabilities", null, "api.GetCapabilityResponse", false, read, e -> "Docker does not "
            + "register the driver (" + e.getMessage() + "): network create -d " + name
            + " fails with \"could not resolve driver " + name + " in registry\""));
    return new RemoteNetworkDriver(name, client, (DriverCapability) got[0], (Boolean) got[1]);
  }

  private static Scope scope(String text, String reported) {
    switch (text) {
      case "local":
        return Scope.LOCAL;
      case "global":
        return Scope.GLOBAL;
      default:
        // libnetwork reports the Scope field in both messages
        throw new SystemException("invalid capability: expecting 'local' or 'global', got " + reported);
    }
  }

  /** libnetwork's {@code maybeError}: a non-empty {@code Err} is {@code remote: <Err>}. */
  private static void checkErr(ObjectNode answer, String struct) {
    String err = GoValues.string(answer, struct.substring(struct.indexOf('.') + 1), "Err");
    if (!err.isEmpty()) {
      throw new SystemException("remote: " + err);
    }
  }

  private static String doing(String what) {
    return "Docker fails " + what + " with \"";
  }

  @Override
  public String type() {
    return name;
  }

  @Override
  public DriverCapability capability() {
    return capability;
  }

  @Override
  public boolean skipsGatewayAllocation(Map<String, String> options, boolean internal, boolean ipv6) {
    if (!gwAllocChecker) {
      return false;
    }
    ObjectNode req = GoValues.object();
    req.set("Options", Requests.networkOptions(options, internal, true, false));
    String key = req.toString() + (ipv6 ? "|6" : "|4");
    PluginClient.Reader<Boolean> read = (a, verdict) -> {
      checkErr(a, "api.GwAllocCheckerResponse");
      boolean skip = GoValues.bool(a, "GwAllocCheckerResponse", ipv6 ? "SkipIPv6" : "SkipIPv4");
      verdict.append(skip ? "Docker reserves no IPv" + (ipv6 ? "6" : "4") + " gateway address"
          : "Docker reserves an IPv" + (ipv6 ? "6" : "4") + " gateway address");
      client.remember(TYPE + "GwAllocCheck", key, a);
      return skip;
    };
    return client.replay(TYPE + "GwAllocCheck", key, "api.GwAllocCheckerResponse", read).orElseGet(() ->
        client.call(TYPE + "GwAllocCheck", req, "api.GwAllocCheckerResponse", false, read,
            e -> doing("network create") + e.getMessage() + "\" before allocating any address"));
  }

  @Override
  public void createNetwork(NetworkCreateRequest request) {
    requireNonNull(request, "request");
    String id = request.networkId();
    synchronized (this) {
      if (endpoints.containsKey(id)) {
        throw new ForbiddenException("network " + id + " already exists");
      }
    }
    if (client.replaying()) {
      // Docker's daemon never calls CreateNetwork again for a network it already has.
      synchronized (this) {
        endpoints.put(id, new LinkedHashSet<>());
      }
      return;
    }
    ObjectNode req = GoValues.object();
    req.put("NetworkID", id);
    req.set("Options", Requests.networkOptions(request.options(), request.internal(), request.enableIpv4(),
        request.enableIpv6()));
    req.set("IPv4Data", Requests.ipamData(request.ipv4Data()));
    req.set("IPv6Data", Requests.ipamData(request.ipv6Data()));
    client.call(TYPE + "CreateNetwork", req, "api.CreateNetworkResponse", false, (a, verdict) -> {
      checkErr(a, "api.CreateNetworkResponse");
      verdict.append("Docker creates network ").append(request.networkName());
      return null;
    }, e -> doing("network create") + e.getMessage() + "\" and releases the network's pools");
    synchronized (this) {
      endpoints.put(id, new LinkedHashSet<>());
    }
  }

  @Override
  public void deleteNetwork(String networkId) {
    requireNonNull(networkId, "networkId");
    ObjectNode req = GoValues.object();
    req.put("NetworkID", networkId);
    try {
      client.call(TYPE + "DeleteNetwork", req, "api.DeleteNetworkResponse", false, (a, verdict) -> {
        checkErr(a, "api.DeleteNetworkResponse");
        verdict.append("Docker removes the network");
        return null;
      }, e -> "Docker logs \"" + e.getMessage() + "\" and removes the network anyway");
    } finally {
      synchronized (this) {
        endpoints.remove(networkId);
      }
    }
  }

  @Override
  public EndpointInterface createEndpoint(EndpointCreateRequest request) {
    requireNonNull(request, "request");
    EndpointInterface asked = request.iface();
    if (client.replaying()) {
      // The restored interface already holds what the plugin answered (its MAC was saved).
      synchronized (this) {
        endpoints.computeIfAbsent(request.networkId(), k -> new LinkedHashSet<>()).add(request.endpointId());
        endpointNetwork.put(request.endpointId(), request.networkId());
      }
      return asked;
    }
    ObjectNode req = GoValues.object();
    req.put("NetworkID", request.networkId());
    req.put("EndpointID", request.endpointId());
    ObjectNode iface = req.putObject("Interface");
    iface.put("Address", Requests.cidr(asked.ipv4Address()));
    iface.put("AddressIPv6", Requests.cidr(asked.ipv6Address()));
    iface.put("MacAddress", asked.macAddress().map(Object::toString).orElse(""));
    req.set("Options", Requests.endpointOptions(request.options(), asked.macAddress()));
    EndpointInterface[] result = new EndpointInterface[1];
    CnmException[] bad = new CnmException[1];
    client.call(TYPE + "CreateEndpoint", req, "api.CreateEndpointResponse", false, (a, verdict) -> {
      checkErr(a, "api.CreateEndpointResponse");
      try {
        result[0] = completed(asked, GoValues.struct(a, "CreateEndpointResponse", "Interface",
            "*api.EndpointInterface"), verdict);
      } catch (CnmException e) {
        bad[0] = e;
        verdict.append("Docker refuses the answer (").append(e.getMessage())
            .append("), calls DeleteEndpoint to roll back and fails the container's start");
      }
      return null;
    }, e -> doing("the container's start") + "failed to create endpoint ... : " + e.getMessage() + "\"");
    if (bad[0] != null) {
      throw rolledBack(bad[0], () -> deleteEndpoint(request.networkId(), request.endpointId()));
    }
    synchronized (this) {
      endpoints.computeIfAbsent(request.networkId(), k -> new LinkedHashSet<>()).add(request.endpointId());
      endpointNetwork.put(request.endpointId(), request.networkId());
    }
    return result[0];
  }

  /** The engine's interface completed with what the plugin returned, as libnetwork's setters allow. */
  private static EndpointInterface completed(EndpointInterface asked, Optional<ObjectNode> answer,
      StringBuilder verdict) {
    if (answer.isEmpty()) {
      verdict.append("Docker keeps the interface it asked for");
      return asked;
    }
    ObjectNode i = answer.get();
    String address = GoValues.string(i, "EndpointInterface", "Address");
    String address6 = GoValues.string(i, "EndpointInterface", "AddressIPv6");
    String mac = GoValues.string(i, "EndpointInterface", "MacAddress");
    Optional<Subnet> v4 = address.isEmpty() ? Optional.empty() : Optional.of(GoValues.cidr(address));
    Optional<Subnet> v6 = address6.isEmpty() ? Optional.empty() : Optional.of(GoValues.cidr(address6));
    Optional<MacAddress> m = mac.isEmpty() ? Optional.empty() : Optional.of(GoValues.mac(mac));
    EndpointInterface.Builder b = EndpointInterface.builder().from(asked);
    List<String> taken = new ArrayList<>();
    if (m.isPresent()) {
      if (asked.macAddress().isPresent()) {
        throw new SystemException("driver modified interface MAC address: endpoint interface MAC address present ("
            + asked.macAddress().get() + "). Cannot be modified with " + m.get() + ".");
      }
      b.macAddress(m.get());
      taken.add("MAC " + m.get());
    }
    for (Subnet a : concat(v4, v6)) {
      Optional<Subnet> present = a.isV4() ? asked.ipv4Address() : asked.ipv6Address();
      if (present.isPresent()) {
        throw new SystemException("driver modified interface address: endpoint interface IP present ("
            + present.get() + "). Cannot be modified with (" + a + ").");
      }
      if (a.isV4()) {
        b.ipv4Address(a);
      } else {
        b.ipv6Address(a);
      }
      taken.add("address " + a);
    }
    verdict.append(taken.isEmpty() ? "Docker keeps the interface it asked for"
        : "Docker takes the plugin's " + String.join(", ", taken));
    return b.build();
  }

  private static List<Subnet> concat(Optional<Subnet> a, Optional<Subnet> b) {
    List<Subnet> l = new ArrayList<>();
    a.ifPresent(l::add);
    b.ifPresent(l::add);
    return l;
  }

  /** libnetwork's deferred roll-back: {@code <err>; rolled back}, or {@code <rollback err>; failed to roll back: <err>}. */
  private static CnmException rolledBack(CnmException e, Runnable rollback) {
    try {
      rollback.run();
    } catch (CnmException r) {
      return new SystemException(r.getMessage() + "; failed to roll back: " + e.getMessage(), e);
    }
    return new SystemException(e.getMessage() + "; rolled back", e);
  }

  @Override
  public void deleteEndpoint(String networkId, String endpointId) {
    requireNonNull(networkId, "networkId");
    requireNonNull(endpointId, "endpointId");
    ObjectNode req = GoValues.object();
    req.put("NetworkID", networkId);
    req.put("EndpointID", endpointId);
    client.call(TYPE + "DeleteEndpoint", req, "api.DeleteEndpointResponse", false, (a, verdict) -> {
      checkErr(a, "api.DeleteEndpointResponse");
      verdict.append("Docker removes the endpoint");
      return null;
    }, e -> "Docker logs \"" + e.getMessage() + "\" and removes the endpoint anyway");
    client.forget(TYPE + "Join", endpointId::equals);
    synchronized (this) {
      Set<String> eps = endpoints.get(networkId);
      if (eps != null) {
        eps.remove(endpointId);
      }
      endpointNetwork.remove(endpointId);
    }
  }

  @Override
  public JoinInfo join(JoinRequest request) {
    requireNonNull(request, "request");
    ObjectNode req = GoValues.object();
    req.put("NetworkID", request.networkId());
    req.put("EndpointID", request.endpointId());
    req.put("SandboxKey", request.sandboxKey());
    req.set("Options", Requests.stringMap(request.options()));
    Optional<JoinInfo> kept = client.replay(TYPE + "Join", request.endpointId(), "api.JoinResponse",
        (a, verdict) -> joinInfo(a, verdict));
    if (kept.isPresent()) {
      synchronized (this) {
        joined.add(request.endpointId());
      }
      return kept.get();
    }
    JoinInfo[] result = new JoinInfo[1];
    CnmException[] bad = new CnmException[1];
    client.call(TYPE + "Join", req, "api.JoinResponse", false, (a, verdict) -> {
      checkErr(a, "api.JoinResponse");
      try {
        result[0] = joinInfo(a, verdict);
        client.remember(TYPE + "Join", request.endpointId(), a);
      } catch (CnmException e) {
        bad[0] = e;
        verdict.append("Docker refuses the answer (").append(e.getMessage())
            .append("), calls Leave to roll back and fails the container's start");
      }
      return null;
    }, e -> doing("the container's start") + e.getMessage() + "\" and deletes the endpoint");
    if (bad[0] != null) {
      throw rolledBack(bad[0], () -> leave(request.networkId(), request.endpointId()));
    }
    synchronized (this) {
      joined.add(request.endpointId());
    }
    return result[0];
  }

  private static JoinInfo joinInfo(ObjectNode a, StringBuilder verdict) {
    String struct = "JoinResponse";
    JoinInfo.Builder b = JoinInfo.builder();
    List<String> said = new ArrayList<>();
    Optional<ObjectNode> names = GoValues.struct(a, struct, "InterfaceName", "*api.InterfaceName");
    if (names.isPresent()) {
      String src = GoValues.string(names.get(), "InterfaceName", "SrcName");
      String prefix = GoValues.string(names.get(), "InterfaceName", "DstPrefix");
      b.interfaceSourceName(src);
      if (!prefix.isEmpty()) {
        b.interfaceDestinationPrefix(prefix);
      }
      said.add("moves " + (src.isEmpty() ? "no host interface" : src) + " into the container as "
          + (prefix.isEmpty() ? "eth" : prefix) + "<N>");
    } else {
      said.add("moves no interface into the container (no InterfaceName)");
    }
    String gw = GoValues.string(a, struct, "Gateway");
    if (!gw.isEmpty()) {
      IpAddress ip = IpAddress.tryParse(gw).orElseThrow(() -> new SystemException("unable to parse Gateway \"" + gw
          + "\""));
      b.gateway(ip);
      said.add("default route via " + ip);
    }
    String gw6 = GoValues.string(a, struct, "GatewayIPv6");
    if (!gw6.isEmpty()) {
      IpAddress ip = IpAddress.tryParse(gw6).orElseThrow(() -> new SystemException("unable to parse GatewayIPv6 \""
          + gw6 + "\""));
      b.ipv6Gateway(ip);
      said.add("IPv6 default route via " + ip);
    }
    for (JsonNode r : GoValues.array(a, struct, "StaticRoutes", "[]api.StaticRoute")) {
      if (!r.isObject()) {
        throw GoValues.mismatch(r, struct, "StaticRoutes", "api.StaticRoute");
      }
      ObjectNode route = (ObjectNode) r;
      String dst = GoValues.string(route, "StaticRoute", "Destination");
      int type = GoValues.integer(route, "StaticRoute", "RouteType");
      String hop = GoValues.string(route, "StaticRoute", "NextHop");
      StaticRoute.Builder sr = StaticRoute.builder()
          .destination(dst.isEmpty() ? Subnet.parse("0.0.0.0/0") : GoValues.cidr(dst))
          .type(type == 0 ? StaticRoute.Type.NEXT_HOP : StaticRoute.Type.CONNECTED);
      if (!hop.isEmpty()) {
        sr.nextHop(IpAddress.tryParse(hop).orElseThrow(() -> new SystemException("failed to parse nexthop IP " + hop)));
      }
      StaticRoute built = sr.build();
      b.addStaticRoute(built);
      said.add("route " + built.destination() + (type == 0 ? " via " + hop : " on the interface"));
    }
    if (GoValues.bool(a, struct, "DisableGatewayService")) {
      b.disableGatewayService(true);
      said.add("no gateway service from this endpoint");
    }
    verdict.append("Docker ").append(String.join("; ", said));
    return b.build();
  }

  @Override
  public void leave(String networkId, String endpointId) {
    requireNonNull(networkId, "networkId");
    requireNonNull(endpointId, "endpointId");
    ObjectNode req = GoValues.object();
    req.put("NetworkID", networkId);
    req.put("EndpointID", endpointId);
    try {
      client.call(TYPE + "Leave", req, "api.LeaveResponse", false, (a, verdict) -> {
        checkErr(a, "api.LeaveResponse");
        verdict.append("Docker takes the interface out of the container");
        return null;
      }, e -> "Docker logs \"" + e.getMessage() + "\" and carries on");
    } finally {
      client.forget(TYPE + "Join", endpointId::equals);
      synchronized (this) {
        joined.remove(endpointId);
      }
    }
  }

  @Override
  public List<PublishedPort> programExternalConnectivity(ExternalConnectivityRequest request) {
    requireNonNull(request, "request");
    if (client.replaying()) {
      synchronized (this) {
        connected.add(request.endpointId());
      }
      return List.of();
    }
    ObjectNode req = GoValues.object();
    req.put("NetworkID", request.networkId());
    req.put("EndpointID", request.endpointId());
    req.set("Options", Requests.connectivityOptions(request.exposedPorts(), request.bindings()));
    client.call(TYPE + "ProgramExternalConnectivity", req, "api.ProgramExternalConnectivityResponse", true,
        (a, verdict) -> {
          checkErr(a, "api.ProgramExternalConnectivityResponse");
          verdict.append("Docker takes the endpoint as the container's way out; the plugin publishes its ports");
          return null;
        }, e -> doing("the container's start") + "driver failed programming external connectivity on endpoint ...: "
            + e.getMessage() + "\"");
    synchronized (this) {
      connected.add(request.endpointId());
    }
    // The plugin publishes ports on its own data plane; none are taken in the engine's port table.
    return List.of();
  }

  @Override
  public void revokeExternalConnectivity(String networkId, String endpointId) {
    requireNonNull(networkId, "networkId");
    requireNonNull(endpointId, "endpointId");
    ObjectNode req = GoValues.object();
    req.put("NetworkID", networkId);
    req.put("EndpointID", endpointId);
    try {
      client.call(TYPE + "RevokeExternalConnectivity", req, "api.RevokeExternalConnectivityResponse", true,
          (a, verdict) -> {
            checkErr(a, "api.RevokeExternalConnectivityResponse");
            verdict.append("Docker no longer routes the container out through this endpoint");
            return null;
          }, e -> "Docker logs \"" + e.getMessage() + "\" and carries on");
    } finally {
      synchronized (this) {
        connected.remove(endpointId);
      }
    }
  }

  /**
   * {@code EndpointOperInfo}: what the plugin tells about an endpoint ({@code Value}), which
   * Docker shows for ports in {@code inspect}; the engine does not call it.
   *
   * @param networkId the endpoint's network
   * @param endpointId the endpoint
   * @return the plugin's {@code Value}, key by key
   * @throws dev.cnm.api.error.CnmException with Docker's message when the call fails or the plugin
   *     answers with an error
   */
  public Map<String, JsonNode> endpointOperInfo(String networkId, String endpointId) {
    ObjectNode req = GoValues.object();
    req.put("NetworkID", requireNonNull(networkId, "networkId"));
    req.put("EndpointID", requireNonNull(endpointId, "endpointId"));
    return client.call(TYPE + "EndpointOperInfo", req, "api.EndpointInfoResponse", false, (a, verdict) -> {
      checkErr(a, "api.EndpointInfoResponse");
      Map<String, JsonNode> value = new LinkedHashMap<>();
      GoValues.struct(a, "EndpointInfoResponse", "Value", "map[string]interface {}")
          .ifPresent(v -> v.fields().forEachRemaining(e -> value.put(e.getKey(), e.getValue())));
      verdict.append("Docker shows ").append(value.keySet()).append(" in inspect");
      return value;
    }, e -> "Docker's inspect fails with \"" + e.getMessage() + "\"");
  }

  /**
   * {@code AllocateNetwork}: what a swarm manager asks before creating a global network; returns
   * the options the plugin wants passed to {@code CreateNetwork} on every node.
   *
   * @param networkId the network's id
   * @param options the network's driver options
   * @param ipv4 the network's IPv4 pools
   * @param ipv6 the network's IPv6 pools
   * @return the options the plugin wants passed to {@code CreateNetwork}
   * @throws dev.cnm.api.error.CnmException with Docker's message when the call fails or the plugin
   *     answers with an error
   */
  public Map<String, String> allocateNetwork(String networkId, Map<String, String> options, List<IpamData> ipv4,
      List<IpamData> ipv6) {
    ObjectNode req = GoValues.object();
    req.put("NetworkID", requireNonNull(networkId, "networkId"));
    req.set("Options", Requests.stringMap(options));
    req.set("IPv4Data", Requests.ipamData(ipv4));
    req.set("IPv6Data", Requests.ipamData(ipv6));
    return client.call(TYPE + "AllocateNetwork", req, "api.AllocateNetworkResponse", false, (a, verdict) -> {
      checkErr(a, "api.AllocateNetworkResponse");
      Map<String, String> out = GoValues.stringMap(a, "AllocateNetworkResponse", "Options");
      verdict.append("a swarm manager passes ").append(out).append(" to CreateNetwork on every node");
      return out;
    }, e -> "a swarm manager fails the service's network with \"" + e.getMessage() + "\"");
  }

  /**
   * {@code FreeNetwork}: a swarm manager's release of what {@link #allocateNetwork} allocated.
   *
   * @param networkId the network's id
   * @throws dev.cnm.api.error.CnmException with Docker's message when the call fails or the plugin
   *     answers with an error
   */
  public void freeNetwork(String networkId) {
    ObjectNode req = GoValues.object();
    req.put("NetworkID", requireNonNull(networkId, "networkId"));
    client.call(TYPE + "FreeNetwork", req, "api.FreeNetworkResponse", false, (a, verdict) -> {
      checkErr(a, "api.FreeNetworkResponse");
      verdict.append("a swarm manager forgets the network");
      return null;
    }, e -> "a swarm manager logs \"" + e.getMessage() + "\"");
  }

  /**
   * {@code DiscoverNew} of a node ({@code NodeDiscovery}, type 1): its address, bind address and
   * whether it is this host.
   *
   * @param address the node's address
   * @param bindAddress the address the node binds to
   * @param self whether the node is this host
   */
  public void discoverNew(String address, String bindAddress, boolean self) {
    discover("DiscoverNew", address, bindAddress, self);
  }

  /**
   * {@code DiscoverDelete} of a node that left.
   *
   * @param address the node's address
   * @param bindAddress the address the node bound to
   * @param self whether the node is this host
   */
  public void discoverDelete(String address, String bindAddress, boolean self) {
    discover("DiscoverDelete", address, bindAddress, self);
  }

  private void discover(String method, String address, String bindAddress, boolean self) {
    ObjectNode req = GoValues.object();
    req.put("DiscoveryType", 1);
    ObjectNode data = req.putObject("DiscoveryData");
    data.put("Address", requireNonNull(address, "address"));
    data.put("BindAddress", requireNonNull(bindAddress, "bindAddress"));
    data.put("Self", self);
    client.call(TYPE + method, req, "api.DiscoveryResponse", false, (a, verdict) -> {
      checkErr(a, "api.DiscoveryResponse");
      verdict.append("Docker carries on");
      return null;
    }, e -> "Docker logs \"" + e.getMessage() + "\"");
  }

  /**
   * Gives back everything the plugin holds for this driver, in libnetwork's teardown order
   * (revoke, leave, delete endpoints, delete networks), ignoring errors: for test clean-up.
   */
  public void releaseAll() {
    List<String> revoke;
    List<String> leave;
    Map<String, Set<String>> eps;
    synchronized (this) {
      revoke = new ArrayList<>(connected);
      leave = new ArrayList<>(joined);
      eps = new LinkedHashMap<>();
      endpoints.forEach((n, e) -> eps.put(n, new LinkedHashSet<>(e)));
    }
    for (String ep : revoke) {
      quietly(() -> revokeExternalConnectivity(network(ep), ep));
    }
    for (String ep : leave) {
      quietly(() -> leave(network(ep), ep));
    }
    eps.forEach((n, set) -> set.forEach(ep -> quietly(() -> deleteEndpoint(n, ep))));
    eps.keySet().forEach(n -> quietly(() -> deleteNetwork(n)));
  }

  private synchronized String network(String endpointId) {
    return endpointNetwork.getOrDefault(endpointId, "");
  }

  private static void quietly(Runnable r) {
    try {
      r.run();
    } catch (CnmException e) {
      // clean-up carries on, as libnetwork's teardown does
    }
  }

  @Override
  public String toString() {
    return "RemoteNetworkDriver{" + name + " at " + client.address() + "}";
  }
}
