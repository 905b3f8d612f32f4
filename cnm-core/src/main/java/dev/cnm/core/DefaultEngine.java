package dev.cnm.core;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.ContainerStatus;
import dev.cnm.api.Engine;
import dev.cnm.api.EndpointSpec;
import dev.cnm.api.ExecResult;
import dev.cnm.api.IpamPoolSpec;
import dev.cnm.api.NetworkInfo;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.error.CnmException;
import dev.cnm.api.error.ConflictException;
import dev.cnm.api.error.ForbiddenException;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.error.NotFoundException;
import dev.cnm.api.error.SystemException;
import dev.cnm.api.image.ImageInfo;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.port.ExposedPort;
import dev.cnm.api.spi.ExternalConnectivityRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The engine: one lock, the network and container tables, and the operations that change them.
 * Every mutating operation validates, then applies its steps recording an undo for each, and
 * rolls back on any failure; readers get immutable snapshots built under the lock.
 */
final class DefaultEngine implements Engine {
  private static final String NETWORKING_FAILED = "failed to set up container networking";

  final Object lock = new Object();
  final EngineServices services;
  final NetworkTable networks = new NetworkTable();
  final ContainerTable containers = new ContainerTable();
  private final Networks networkOps;
  private final Sandboxes sandboxes;
  private final ServiceDiscovery discovery;

  DefaultEngine(EngineServices services) {
    this(services, true);
  }

  /** An engine with Docker's predefined networks, or (for a restore) with none yet. */
  DefaultEngine(EngineServices services, boolean predefinedNetworks) {
    this.services = services;
    this.networkOps = new Networks(services, networks);
    this.sandboxes = new Sandboxes(services);
    this.discovery = new ServiceDiscovery(services);
    if (predefinedNetworks) {
      createPredefinedNetworks();
    }
  }

  // ---- restore (EngineState) ----------------------------------------------------------------

  /** Recreates a saved network with its id, creation time and pools. */
  void restoreNetwork(NetworkSpec spec, String id, java.time.Instant created, boolean predefined,
      Map<String, String> options, List<IpamPoolSpec> pools) {
    synchronized (lock) {
      networkOps.createRecord(spec, predefined, options, id, created, pools);
    }
  }

  /** A saved endpoint of a running container, with the host ports it had published. */
  static final class SavedEndpoint {
    final String networkName;
    final Sandboxes.Restored restored;
    final List<dev.cnm.api.port.PublishedPort> published;

    SavedEndpoint(String networkName, Sandboxes.Restored restored, List<dev.cnm.api.port.PublishedPort> published) {
      this.networkName = networkName;
      this.restored = restored;
      this.published = published;
    }
  }

  /**
   * Recreates a saved container with its identity, times and state; a running one gets its
   * endpoints back with the same ids, addresses, MACs and host ports.
   */
  void restoreContainer(ContainerRecord c, String sandboxId, List<SavedEndpoint> endpoints,
      String gatewayNetwork) {
    synchronized (lock) {
      containers.reserve(c.name, c.id);
      discovery.restoreLinks(c, containers);
      containers.add(c);
      if (c.status != ContainerStatus.RUNNING || c.mode.isContainer()) {
        if (c.mode.isContainer() && c.status == ContainerStatus.RUNNING) {
          containers.find(c.mode.target()).ifPresent(t -> {
            c.sharedWith = t;
            t.everShared = true;
          });
        }
        return;
      }
      SandboxRecord sb = new SandboxRecord(sandboxId);
      c.sandbox = sb;
      Undo undo = new Undo();
      for (SavedEndpoint saved : endpoints) {
        Attachment a = c.attachments.get(saved.networkName);
        NetworkRecord n;
        EndpointRecord ep;
        if (a == null && saved.networkName.equals(Sandboxes.GW_NETWORK)) {
          n = networks.require(Sandboxes.GW_NETWORK);
          ep = sandboxes.join(c, sb, n, EndpointSpec.empty(), Map.of(), undo, saved.restored, gatewayEndpointName(c));
        } else {
          n = networks.require(a.networkId.isEmpty() ? a.networkName : a.networkId);
          ep = sandboxes.join(c, sb, n, a.settings, joinOptions(c, n), undo, saved.restored, null);
        }
        if (saved.networkName.equals(gatewayNetwork)) {
          sb.gatewayEndpoint = ep;
          List<dev.cnm.api.port.PortBinding> fixed = new ArrayList<>();
          for (dev.cnm.api.port.PublishedPort p : saved.published) {
            fixed.add(dev.cnm.api.port.PortBinding.of(p.containerPort(), p.hostIp(), p.hostPort()));
          }
          ep.published = List.copyOf(n.driver.programExternalConnectivity(ExternalConnectivityRequest.builder()
              .networkId(n.id)
              .endpointId(ep.id)
              .bindings(fixed)
              .exposedPorts(c.exposedPorts)
              .containerIpv4(ep.ipv4().map(Subnet::address))
              .containerIpv6(ep.ipv6().map(Subnet::address))
              .build()));
        }
      }
      undo.commit();
      discovery.started(c, containers.all());
    }
  }

  private void createPredefinedNetworks() {
    EngineConfiguration config = services.configuration;
    networkOps.createRecord(NetworkSpec.builder().name("none").driver("null").build(), true, Map.of());
    networkOps.createRecord(NetworkSpec.builder().name("host").driver("host").build(), true, Map.of());
    Map<String, String> options = new LinkedHashMap<>();
    options.put("com.docker.network.bridge.default_bridge", "true");
    options.put("com.docker.network.bridge.enable_icc", String.valueOf(config.daemon().icc()));
    options.put("com.docker.network.bridge.enable_ip_masquerade", String.valueOf(config.daemon().ipMasquerade()));
    options.put("com.docker.network.bridge.host_binding_ipv4", config.daemon().defaultBindIp().toString());
    options.put("com.docker.network.bridge.name", "docker0");
    options.put("com.docker.network.driver.mtu", String.valueOf(config.daemon().mtu()));
    NetworkSpec.Builder bridge = NetworkSpec.builder().name("bridge").driver("bridge").options(options);
    if (config.bip().isPresent() || config.fixedCidr().isPresent()) {
      IpamPoolSpec.Builder pool = IpamPoolSpec.builder();
      config.bip().ifPresent(bip -> pool.subnet(bip.canonical()).gateway(bip.address()));
      config.fixedCidr().ifPresent(pool::ipRange);
      if (config.bip().isEmpty()) {
        config.fixedCidr().ifPresent(f -> pool.subnet(Subnet.of(f.address(), 16).canonical()));
      }
      bridge.addIpamConfig(pool.build());
    }
    networkOps.createRecord(bridge.build(), true, options);
  }

  // ---- networks -----------------------------------------------------------------------------

  @Override
  public NetworkInfo createNetwork(NetworkSpec spec) {
    synchronized (lock) {
      return networkOps.create(spec);
    }
  }

  @Override
  public NetworkInfo network(String ref) {
    synchronized (lock) {
      return networks.require(ref).info();
    }
  }

  @Override
  public Optional<NetworkInfo> findNetwork(String ref) {
    synchronized (lock) {
      return networks.find(ref).map(NetworkRecord::info);
    }
  }

  @Override
  public List<NetworkInfo> networks() {
    synchronized (lock) {
      return networks.all().stream().map(NetworkRecord::info).collect(Collectors.toUnmodifiableList());
    }
  }

  @Override
  public void removeNetwork(String ref) {
    synchronized (lock) {
      networkOps.remove(networks.require(ref));
    }
  }

  @Override
  public List<String> pruneNetworks() {
    synchronized (lock) {
      List<String> removed = new ArrayList<>();
      for (NetworkRecord n : new ArrayList<>(networks.all())) {
        if (!n.predefined && n.endpoints.isEmpty()) {
          networkOps.remove(n);
          removed.add(n.name);
        }
      }
      return List.copyOf(removed);
    }
  }

  @Override
  public ContainerInfo connect(String networkRef, String containerRef, EndpointSpec spec) {
    synchronized (lock) {
      ContainerRecord c = containers.require(containerRef);
      if (c.mode.isContainer()) {
        throw new ForbiddenException(
            "container sharing network namespace with another container or host cannot be connected to any other network");
      }
      Optional<NetworkRecord> found = networks.find(networkRef);
      if (c.mode.isHost() || found.map(n -> n.driver.type().equals("host")).orElse(false)) {
        throw new ForbiddenException("container cannot be disconnected from host network or connected to host network");
      }
      if (c.mode.isNone() || found.map(n -> n.driver.type().equals("null")).orElse(false)) {
        throw new ForbiddenException(
            "container cannot be connected to multiple networks with one of the networks in private (none) mode");
      }
      if (!c.isRunning()) {
        // A stopped container only stores (or overwrites) the settings; an unknown network fails at start.
        String name = found.map(n -> n.name).orElse(networkRef);
        checkAliases(found.map(n -> n.isUserDefined()).orElse(true), spec);
        c.attachments.put(name, new Attachment(name, found.map(n -> n.id).orElse(""), spec));
        return c.info();
      }
      NetworkRecord n = found.orElseThrow(() -> NetworkTable.notFound(networkRef));
      checkAliases(n.isUserDefined(), spec);
      if (c.endpointOn(n.id).isPresent()) {
        throw new ForbiddenException("endpoint with name " + c.name + " already exists in network " + n.name);
      }
      Undo undo = new Undo();
      try {
        Attachment previous = c.attachments.put(n.name, new Attachment(n.name, n.id, spec));
        undo.push(() -> restore(c.attachments, n.name, previous));
        sandboxes.join(c, c.sandbox, n, spec, joinOptions(c, n), undo, null, null);
        settleGateway(c, undo);
        undo.commit();
      } catch (RuntimeException e) {
        undo.rollback(e);
        throw e;
      }
      return c.info();
    }
  }

  private static void restore(Map<String, Attachment> map, String key, Attachment previous) {
    if (previous == null) {
      map.remove(key);
    } else {
      map.put(key, previous);
    }
  }

  private static void checkAliases(boolean userDefined, EndpointSpec spec) {
    if (!userDefined && !spec.aliases().isEmpty()) {
      throw new InvalidParameterException("network-scoped aliases are only supported for user-defined networks");
    }
    if (!userDefined && (spec.ipv4Address().isPresent() || spec.ipv6Address().isPresent())) {
      throw new InvalidParameterException("user specified IP address is supported on user defined networks only");
    }
  }

  @Override
  public ContainerInfo disconnect(String networkRef, String containerRef, boolean force) {
    synchronized (lock) {
      ContainerRecord c = containers.require(containerRef);
      Optional<NetworkRecord> found = networks.find(networkRef);
      if (c.mode.isHost() || found.map(n -> n.driver.type().equals("host")).orElse(false)) {
        throw new ForbiddenException("container cannot be disconnected from host network or connected to host network");
      }
      if (!c.isRunning()) {
        String key = found.map(n -> n.name).orElse(networkRef);
        if (c.attachments.remove(key) == null) {
          throw new SystemException("container " + c.id + " is not connected to the network " + networkRef);
        }
        return c.info();
      }
      NetworkRecord n = found.orElseThrow(() -> NetworkTable.notFound(networkRef));
      Optional<EndpointRecord> ep = c.endpointOn(n.id);
      if (ep.isEmpty()) {
        throw new SystemException("container " + c.id + " is not connected to network " + n.name);
      }
      leaveGatewayIfNeeded(c, ep.get());
      sandboxes.leave(c.sandbox, ep.get());
      c.attachments.remove(n.name);
      reelectGateway(c, new Undo());
      // libnetwork's sbLeave only ever clears the docker_gwbridge endpoint, it never adds one.
      clearDefaultGatewayIfUnneeded(c);
      return c.info();
    }
  }

  // ---- containers ---------------------------------------------------------------------------

  @Override
  public ContainerInfo createContainer(ContainerSpec spec) {
    synchronized (lock) {
      return create(spec).info();
    }
  }

  private ContainerRecord create(ContainerSpec spec) {
    NetworkMode mode = spec.networkMode();
    validateNetworkMode(spec, mode);
    String id = newContainerId();
    String name = spec.name().map(ContainerTable::validName)
        .orElseGet(() -> NameGenerator.freeName(services.random, containers::isNameFree, id));
    Undo undo = new Undo();
    try {
      containers.reserve(name, id);
      undo.push(() -> containers.release(name));
      String hostname = spec.hostname().orElse(Ids.shortId(id));
      ImageInfo image = image(spec.image());
      ContainerRecord c = new ContainerRecord(id, name, spec, hostname, mergeEnv(image.env(), spec.env()),
          spec.command().isEmpty() ? image.cmd() : spec.command(), exposedPorts(image, spec), services.clock.instant());
      c.entrypoint = image.entrypoint();
      attachInitialNetworks(c, spec, mode);
      discovery.registerLinks(c, containers, undo);
      containers.add(c);
      undo.commit();
      return c;
    } catch (RuntimeException e) {
      undo.rollback(e);
      throw e;
    }
  }

  /**
   * The catalog's image for {@code ref}; the last one found is remembered (the catalog is immutable,
   * and name normalisation showed in a profile of {@code run}). Guarded by the lock.
   */
  private ImageInfo image(String ref) {
    if (ref.equals(lastImageRef)) {
      return lastImage;
    }
    ImageInfo image = services.images.lookup(ref);
    lastImage = image;
    lastImageRef = ref;
    return image;
  }

  private String lastImageRef;
  private ImageInfo lastImage;

  /** The image's environment with the container's entries replacing those of the same name, then added. */
  static List<String> mergeEnv(List<String> image, List<String> container) {
    Map<String, String> merged = new LinkedHashMap<>();
    for (String e : image) {
      merged.put(envKey(e), e);
    }
    for (String e : container) {
      merged.put(envKey(e), e);
    }
    if (container.isEmpty() && merged.size() == image.size()) {
      return List.copyOf(image); // nothing replaced: share the image's list instead of a copy per container
    }
    return List.copyOf(merged.values());
  }

  private static String envKey(String entry) {
    int eq = entry.indexOf('=');
    return eq < 0 ? entry : entry.substring(0, eq);
  }

  private static List<ExposedPort> exposedPorts(ImageInfo image, ContainerSpec spec) {
    if (image.exposedPorts().isEmpty() && spec.exposedPorts().isEmpty() && spec.portBindings().isEmpty()) {
      return List.of();
    }
    TreeSet<ExposedPort> ports = new TreeSet<>(image.exposedPorts());
    ports.addAll(spec.exposedPorts());
    spec.portBindings().forEach(b -> ports.add(b.containerPort()));
    return List.copyOf(ports);
  }

  private String newContainerId() {
    while (true) {
      String id = Ids.newId(services.random);
      if (containers.isIdFree(id)) {
        return id;
      }
    }
  }

  /** The daemon's create-time checks of the network mode ({@code runconfig} validation). */
  private static void validateNetworkMode(ContainerSpec spec, NetworkMode mode) {
    boolean mac = spec.endpoints().values().stream().anyMatch(e -> e.macAddress().isPresent());
    if (mode.isContainer()) {
      if (spec.hostname().isPresent()) {
        throw new InvalidParameterException("conflicting options: hostname and the network mode");
      }
      if (!spec.links().isEmpty()) {
        throw new InvalidParameterException("conflicting options: container type network can't be used with links. "
            + "This would result in undefined behavior");
      }
      if (!spec.dns().isEmpty()) {
        throw new InvalidParameterException("conflicting options: dns and the network mode");
      }
      if (!spec.extraHosts().isEmpty()) {
        throw new InvalidParameterException("conflicting options: custom host-to-IP mapping and the network mode");
      }
    }
    if (mode.isContainer() && mac) {
      throw new InvalidParameterException("conflicting options: mac-address and the network mode");
    }
    if (mode.isContainer() && (!spec.portBindings().isEmpty() || spec.publishAllPorts())) {
      throw new InvalidParameterException("conflicting options: port publishing and the container type network mode");
    }
    if (mode.isContainer() && !spec.exposedPorts().isEmpty()) {
      throw new InvalidParameterException("conflicting options: port exposing and the container type network mode");
    }
    if (mode.isHost() && mac) {
      throw new InvalidParameterException("conflicting options: mac-address and the network mode");
    }
    if (mode.isHost() && !spec.links().isEmpty()) {
      throw new InvalidParameterException("conflicting options: host type networking can't be used with links. "
          + "This would result in undefined behavior");
    }
  }

  private void attachInitialNetworks(ContainerRecord c, ContainerSpec spec, NetworkMode mode) {
    if (mode.isContainer()) {
      return;
    }
    String first = mode.networkName();
    Map<String, EndpointSpec> endpoints = new LinkedHashMap<>();
    endpoints.put(first, spec.endpoints().getOrDefault(first,
        spec.endpoints().getOrDefault("default", EndpointSpec.empty())));
    spec.endpoints().forEach((k, v) -> {
      if (!k.equals("default") && !NetworkMode.network(k).networkName().equals(first)) {
        endpoints.put(k, v);
      }
    });
    for (Map.Entry<String, EndpointSpec> e : endpoints.entrySet()) {
      Optional<NetworkRecord> n = networks.find(e.getKey());
      boolean userDefined = n.map(NetworkRecord::isUserDefined)
          .orElse(NetworkMode.network(e.getKey()).isUserDefined());
      checkAliases(userDefined, e.getValue());
      String name = n.map(r -> r.name).orElse(NetworkMode.network(e.getKey()).networkName());
      c.attachments.put(name, new Attachment(name, n.map(r -> r.id).orElse(""), e.getValue()));
    }
  }

  @Override
  public ContainerInfo start(String ref) {
    synchronized (lock) {
      ContainerRecord c = containers.require(ref);
      start(c);
      return c.info();
    }
  }

  private void start(ContainerRecord c) {
    if (c.isRunning()) {
      return;
    }
    if (c.mode.isContainer()) {
      // The daemon resolves the shared namespace before it allocates any network: no wrapping.
      ContainerRecord target = containers.require(c.mode.target());
      if (target == c) {
        throw new InvalidParameterException("cannot join own network");
      }
      if (!target.isRunning()) {
        throw new ConflictException("cannot join network of a non running container: " + target.id);
      }
    }
    discovery.checkLinks(c);
    Undo undo = new Undo();
    try {
      if (c.mode.isContainer()) {
        ContainerRecord target = containers.require(c.mode.target());
        c.sharedWith = target;
        target.everShared = true;
        undo.push(() -> c.sharedWith = null);
      } else {
        SandboxRecord sb = new SandboxRecord(Ids.newIdBits(services.random));
        c.sandbox = sb;
        undo.push(() -> c.sandbox = null);
        for (Map.Entry<String, Attachment> e : new ArrayList<>(c.attachments.entrySet())) {
          Attachment a = e.getValue();
          NetworkRecord n = a.networkId.isEmpty() ? networks.require(a.networkName) : findById(a.networkId);
          if (a.networkId.isEmpty()) {
            Attachment resolved = new Attachment(n.name, n.id, a.settings);
            c.attachments.put(e.getKey(), resolved);
            undo.push(() -> c.attachments.put(e.getKey(), a));
          }
          sandboxes.join(c, sb, n, a.settings, joinOptions(c, n), undo, null, null);
        }
        settleGateway(c, undo);
      }
      c.status = ContainerStatus.RUNNING;
      c.startedAt(Optional.of(services.clock.instant()));
      c.exitCode = 0;
      undo.commit();
      discovery.started(c, containers.all());
    } catch (CnmException e) {
      undo.rollback(e);
      throw e.wrap(NETWORKING_FAILED);
    } catch (RuntimeException e) {
      undo.rollback(e);
      throw e;
    }
  }

  private NetworkRecord findById(String id) {
    NetworkRecord n = networks.byExactId(id);
    if (n == null) {
      throw NetworkTable.notFound(id);
    }
    return n;
  }

  /** The link join options libnetwork passes on the default bridge ({@code ParentEndpoints}, {@code ChildEndpoints}). */
  private Map<String, String> joinOptions(ContainerRecord c, NetworkRecord n) {
    if (!n.predefined || !n.name.equals("bridge")) {
      return Map.of();
    }
    return discovery.linkJoinOptions(c, containers.all());
  }

  /**
   * After joins: a sandbox whose endpoints offer no gateway (overlay) gets an endpoint on {@code
   * docker_gwbridge}; the gateway endpoint is elected again; a docker_gwbridge endpoint no longer
   * needed is removed (libnetwork {@code sbJoin}: {@code setupDefaultGW}, then the move of external
   * connectivity, then {@code clearDefaultGW}).
   */
  private void settleGateway(ContainerRecord c, Undo undo) {
    SandboxRecord sb = c.sandbox;
    if (Sandboxes.needsDefaultGateway(sb) && Sandboxes.gatewayBridgeEndpoint(sb).isEmpty()) {
      setupDefaultGateway(c, undo);
    }
    reelectGateway(c, undo);
    clearDefaultGatewayIfUnneeded(c);
  }

  /** {@code gateway_} and the first 12 characters of the container id (libnetwork {@code setupDefaultGW}). */
  private static String gatewayEndpointName(ContainerRecord c) {
    return "gateway_" + c.id.substring(0, Math.min(12, c.id.length()));
  }

  /**
   * libnetwork's {@code setupDefaultGW}: the {@code docker_gwbridge} network (created on first use
   * with ICC off and masquerading on, its subnet from the local pools), then the anonymous endpoint
   * {@code gateway_<id12>} joined to the sandbox, which becomes its gateway endpoint.
   */
  private void setupDefaultGateway(ContainerRecord c, Undo undo) {
    NetworkRecord gw = networks.byName(Sandboxes.GW_NETWORK).orElse(null);
    if (gw == null) {
      Map<String, String> options = new LinkedHashMap<>();
      options.put("com.docker.network.bridge.enable_icc", "false");
      options.put("com.docker.network.bridge.enable_ip_masquerade", "true");
      options.put("com.docker.network.bridge.name", Sandboxes.GW_NETWORK);
      NetworkSpec spec = NetworkSpec.builder().name(Sandboxes.GW_NETWORK).driver("bridge").options(options).build();
      try {
        gw = networkOps.createRecord(spec, false, options);
      } catch (CnmException e) {
        throw CnmException.of(e.kind(), "error creating external connectivity network: " + e.getMessage(), e);
      }
      NetworkRecord created = gw;
      undo.push(() -> networkOps.remove(created));
    }
    sandboxes.join(c, c.sandbox, gw, EndpointSpec.empty(), Map.of(), undo, null, gatewayEndpointName(c));
    try {
      reelectGateway(c, undo);
    } catch (CnmException e) {
      throw CnmException.of(e.kind(), "container " + c.id + ": endpoint join on GW Network failed: " + e.getMessage(), e);
    }
  }

  /** libnetwork's {@code clearDefaultGW} when {@code needDefaultGW} is false. Never fails. */
  private void clearDefaultGatewayIfUnneeded(ContainerRecord c) {
    SandboxRecord sb = c.sandbox;
    if (Sandboxes.needsDefaultGateway(sb)) {
      return;
    }
    Optional<EndpointRecord> gw = Sandboxes.gatewayBridgeEndpoint(sb);
    if (gw.isEmpty()) {
      return;
    }
    boolean wasGateway = sb.gatewayEndpoint == gw.get();
    leaveGatewayIfNeeded(c, gw.get());
    sandboxes.leave(sb, gw.get());
    if (wasGateway) {
      try {
        reelectGateway(c, new Undo());
      } catch (CnmException e) {
        // libnetwork logs a failure to move external connectivity on leave and carries on.
      }
    }
  }

  /** Recomputes the sandbox's gateway endpoint after a join or leave. */
  private void reelectGateway(ContainerRecord c, Undo undo) {
    SandboxRecord sb = c.sandbox;
    EndpointRecord previous = sb.gatewayEndpoint;
    EndpointRecord next = Sandboxes.electGateway(sb).orElse(null);
    if (previous == next) {
      return;
    }
    if (previous != null) {
      revoke(previous);
      undo.push(() -> program(c, previous));
    }
    sb.gatewayEndpoint = next;
    undo.push(() -> sb.gatewayEndpoint = previous);
    if (next != null) {
      program(c, next);
      undo.push(() -> revoke(next));
    }
  }

  /**
   * Publishes the container's ports on its new gateway endpoint (never on an internal network,
   * never in host mode), with Docker's wrapping of the driver's error.
   */
  private void program(ContainerRecord c, EndpointRecord ep) {
    if (ep.network.spec.internal() || c.mode.isHost()) {
      return;
    }
    try {
      ep.published = List.copyOf(ep.network.driver.programExternalConnectivity(ExternalConnectivityRequest.builder()
          .networkId(ep.network.id)
          .endpointId(ep.id)
          .bindings(c.effectiveBindings())
          .exposedPorts(c.exposedPorts)
          .containerIpv4(ep.ipv4().map(Subnet::address))
          .containerIpv6(ep.ipv6().map(Subnet::address))
          .build()));
    } catch (CnmException e) {
      throw CnmException.of(e.kind(), "driver failed programming external connectivity on endpoint " + ep.name()
          + " (" + ep.id + "): " + e.getMessage(), e);
    }
  }

  private void revoke(EndpointRecord ep) {
    if (ep.published.isEmpty() && (ep.network.spec.internal() || ep.container.mode.isHost())) {
      return;
    }
    try {
      ep.network.driver.revokeExternalConnectivity(ep.network.id, ep.id);
    } catch (CnmException e) {
      // Docker logs revoke failures and carries on.
    }
    ep.published = List.of();
  }

  private void leaveGatewayIfNeeded(ContainerRecord c, EndpointRecord ep) {
    if (c.sandbox.gatewayEndpoint == ep) {
      revoke(ep);
      c.sandbox.gatewayEndpoint = null;
    }
  }

  @Override
  public ContainerInfo run(ContainerSpec spec) {
    synchronized (lock) {
      ContainerRecord c = create(spec);
      start(c);
      return c.info();
    }
  }

  @Override
  public ContainerInfo stop(String ref) {
    synchronized (lock) {
      ContainerRecord c = containers.require(ref);
      stop(c, 0);
      ContainerInfo info = c.info();
      if (c.spec.autoRemove()) {
        remove(c);
      }
      return info;
    }
  }

  private void stop(ContainerRecord c, int exitCode) {
    if (!c.isRunning()) {
      return;
    }
    if (c.sandbox != null) {
      SandboxRecord sb = c.sandbox;
      if (sb.gatewayEndpoint != null) {
        revoke(sb.gatewayEndpoint);
        sb.gatewayEndpoint = null;
      }
      List<EndpointRecord> eps = new ArrayList<>(sb.endpoints);
      for (int i = eps.size() - 1; i >= 0; i--) {
        sandboxes.leave(sb, eps.get(i));
      }
      c.sandbox = null;
      orphanSharers(c);
    }
    c.sharedWith = null;
    c.networkGone = false;
    c.status = ContainerStatus.EXITED;
    c.finishedAt(Optional.of(services.clock.instant()));
    c.exitCode = exitCode;
  }

  /**
   * The running containers in {@code container:} mode on {@code c} (and on them, in turn) keep
   * running in a network namespace Docker has emptied: they are left with loopback only, no
   * endpoint, no ports, and a restart of {@code c} does not give them its new sandbox. Restarting
   * them joins {@code c}'s namespace again (or fails while {@code c} is stopped).
   */
  private void orphanSharers(ContainerRecord c) {
    if (!c.everShared) {
      return; // nobody ever joined its namespace: no need to pass over every container
    }
    for (ContainerRecord s : containers.all()) {
      if (s.isRunning() && s.sharedWith == c && !s.networkGone) {
        s.networkGone = true;
        orphanSharers(s);
      }
    }
  }

  @Override
  public ContainerInfo restart(String ref) {
    synchronized (lock) {
      ContainerRecord c = containers.require(ref);
      stop(c, 0);
      start(c);
      return c.info();
    }
  }

  @Override
  public void removeContainer(String ref, boolean force) {
    synchronized (lock) {
      ContainerRecord c = containers.require(ref);
      if (c.isRunning()) {
        if (!force) {
          throw new ConflictException("cannot remove container \"/" + c.name
              + "\": container is running: stop the container before removing or force remove");
        }
        stop(c, 137);
      }
      remove(c);
    }
  }

  private void remove(ContainerRecord c) {
    discovery.removed(c, containers);
    containers.release(c.name);
    containers.remove(c);
  }

  @Override
  public ContainerInfo rename(String ref, String newName) {
    synchronized (lock) {
      if (ref.isEmpty() || newName.isEmpty()) {
        throw new InvalidParameterException("Neither old nor new names may be empty");
      }
      ContainerRecord c = containers.require(ref);
      String wanted = newName.startsWith("/") ? newName.substring(1) : newName;
      if (wanted.equals(c.name)) {
        throw new InvalidParameterException("Renaming a container with the same name as its current name");
      }
      String valid;
      try {
        valid = ContainerTable.validName(newName); // strips the one leading slash Docker allows
        containers.reserve(valid, c.id);
      } catch (CnmException e) {
        throw CnmException.of(e.kind(), "Error when allocating new name: " + e.getMessage(), e);
      }
      String oldName = c.name;
      containers.release(c.name);
      c.name = valid;
      discovery.renamed(c, oldName, containers);
      if (c.sandbox != null) {
        for (EndpointRecord ep : c.sandbox.endpoints) {
          if (!ep.isGatewayBridge()) {
            ep.network.unindexDnsNames(ep);
            ep.dnsNames = Sandboxes.dnsNames(c, ep.network, ep.settings);
            ep.network.indexDnsNames(ep);
          }
        }
      }
      return c.info();
    }
  }

  @Override
  public ContainerInfo container(String ref) {
    synchronized (lock) {
      return containers.require(ref).info();
    }
  }

  @Override
  public Optional<ContainerInfo> findContainer(String ref) {
    synchronized (lock) {
      return containers.find(ref).map(ContainerRecord::info);
    }
  }

  @Override
  public List<ContainerInfo> containers() {
    synchronized (lock) {
      return containers.all().stream().map(ContainerRecord::info).collect(Collectors.toUnmodifiableList());
    }
  }

  // ---- inside a container -------------------------------------------------------------------

  @Override
  public ExecResult exec(String containerRef, List<String> command) {
    synchronized (lock) {
      return discovery.exec(containers.require(containerRef), List.copyOf(command), networks);
    }
  }

  @Override
  public List<IpAddress> resolve(String containerRef, String name) {
    synchronized (lock) {
      return discovery.resolve(containers.require(containerRef), name, networks);
    }
  }

  static NotFoundException noSuchContainer(String ref) {
    return new NotFoundException("No such container: " + ref);
  }
}
