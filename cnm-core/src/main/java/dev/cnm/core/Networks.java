package dev.cnm.core;

import dev.cnm.api.IpamPoolSpec;
import dev.cnm.api.NetworkInfo;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.Scope;
import dev.cnm.api.error.CnmException;
import dev.cnm.api.error.ConflictException;
import dev.cnm.api.error.ForbiddenException;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.error.NotFoundException;
import dev.cnm.api.ipam.AddressRequest;
import dev.cnm.api.ipam.AllocatedPool;
import dev.cnm.api.ipam.IpamDriver;
import dev.cnm.api.ipam.PoolRequest;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.spi.NetworkDriver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Network creation and removal: the daemon's checks, IPAM (pools, gateway, aux addresses), then
 * the driver, each step undone on failure (libnetwork {@code NewNetwork} / {@code Network.Delete}).
 */
final class Networks {
  static final Set<String> PREDEFINED = Set.of("bridge", "host", "none", "default");
  private static final String GATEWAY_META = "com.docker.network.gateway";

  private final EngineServices services;
  private final NetworkTable table;
  private final EventLog events;

  Networks(EngineServices services, NetworkTable table, EventLog events) {
    this.services = services;
    this.table = table;
    this.events = events;
  }

  /**
   * Docker's predefined networks {@code none}, {@code host} and {@code bridge}, the default bridge
   * with the daemon's options ({@code --bip}, {@code --fixed-cidr}, ICC, masquerading, MTU).
   */
  void createPredefined() {
    EngineConfiguration config = services.configuration;
    createRecord(NetworkSpec.builder().name("none").driver("null").build(), true, Map.of());
    createRecord(NetworkSpec.builder().name("host").driver("host").build(), true, Map.of());
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
    createRecord(bridge.build(), true, options);
  }

  /** {@code docker network create}: refuses predefined names. */
  NetworkInfo create(NetworkSpec spec) {
    String name = spec.name();
    if (name.isBlank()) {
      throw new InvalidParameterException("invalid name: name is empty");
    }
    if (PREDEFINED.contains(name)) {
      throw new ForbiddenException(name + " is a pre-defined network and cannot be created");
    }
    NetworkRecord n = createRecord(spec, false, spec.options());
    events.network("create", n.id, n.name, n.driver.type(), null);
    return n.info();
  }

  /** Creates a network, predefined or not, with the options Docker reports for it. */
  NetworkRecord createRecord(NetworkSpec spec, boolean predefined, Map<String, String> reportedOptions) {
    return createRecord(spec, predefined, reportedOptions, null, null, null);
  }

  /**
   * Creates a network; a restore passes the id, creation time and the pools it held, which are
   * requested again as preferred pools (as libnetwork's {@code reservePools} does at startup).
   */
  NetworkRecord createRecord(NetworkSpec spec, boolean predefined, Map<String, String> reportedOptions,
      String restoredId, java.time.Instant restoredCreated, List<IpamPoolSpec> restoredPools) {
    if (table.byName(spec.name()).isPresent()) {
      throw new ConflictException("network with name " + spec.name() + " already exists");
    }
    NetworkDriver driver = services.driver(spec.driver());
    if (driver == null) {
      throw new NotFoundException("plugin \"" + spec.driver() + "\" not found");
    }
    Scope scope = scope(spec, driver);
    IpamValidation.validate(spec);
    IpamDriver ipam = services.ipamDriver(spec.ipamDriver());
    if (ipam == null) {
      throw new NotFoundException("plugin \"" + spec.ipamDriver() + "\" not found");
    }
    String id = restoredId != null ? restoredId : newNetworkId();
    NetworkSpec poolSpec = restoredPools == null ? spec
        : NetworkSpec.builder().from(spec).ipamConfigs(restoredPools).build();
    boolean special = driver.type().equals("host") || driver.type().equals("null");
    // libnetwork asks the driver (GwAllocChecker) before IPAM, so its option errors come first.
    boolean skipGw4 = !special && driver.skipsGatewayAllocation(spec.options(), spec.internal(), false);
    boolean skipGw6 = !special && driver.skipsGatewayAllocation(spec.options(), spec.internal(), true);
    String space = scope == Scope.LOCAL ? ipam.defaultAddressSpaces().local() : ipam.defaultAddressSpaces().global();
    Undo undo = new Undo();
    try {
      List<PoolRecord> v4 = special || !spec.enableIpv4() ? List.of()
          : allocatePools(poolSpec, ipam, space, false, skipGw4, undo);
      List<PoolRecord> v6 = special || !spec.enableIpv6() ? List.of()
          : allocatePools(poolSpec, ipam, space, true, skipGw6, undo);
      driver.createNetwork(NetworkRecord.createRequest(id, spec, v4, v6));
      NetworkRecord record = new NetworkRecord(id, spec, driver, ipam, scope,
          restoredCreated != null ? restoredCreated : services.clock.instant(), predefined,
          reportedOptions, v4, v6);
      if (services.global != null && services.global.isShared(record)) {
        undo.push(() -> driver.deleteNetwork(id));
        services.global.publish(record);
      }
      table.add(record);
      undo.commit();
      return record;
    } catch (RuntimeException e) {
      undo.rollback(e);
      throw e;
    }
  }

  private String newNetworkId() {
    while (true) {
      String id = Ids.newId(services.random);
      if (table.find(id).isEmpty()) {
        return id;
      }
    }
  }

  private static Scope scope(NetworkSpec spec, NetworkDriver driver) {
    Scope dataScope = driver.capability().dataScope();
    if (spec.scope().isEmpty()) {
      return dataScope;
    }
    Scope asked = parseScope(spec.scope().get());
    if (asked == Scope.SWARM) {
      throw new ForbiddenException("cannot create a swarm scoped network when swarm is not active");
    }
    if (asked == Scope.LOCAL && dataScope == Scope.GLOBAL) {
      throw new ForbiddenException("cannot downgrade network scope for " + driver.type() + " networks");
    }
    return asked;
  }

  private static Scope parseScope(String s) {
    try {
      return Scope.parse(s);
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException("invalid scope value: " + s);
    }
  }

  private List<PoolRecord> allocatePools(NetworkSpec spec, IpamDriver ipam, String space, boolean v6,
      boolean skipGateway, Undo undo) {
    List<IpamPoolSpec> configs = spec.ipamConfigs().stream()
        .filter(c -> c.subnet().map(Subnet::isV6).orElse(false) == v6)
        .collect(Collectors.toList());
    if (configs.isEmpty()) {
      configs = List.of(IpamPoolSpec.builder().build());
    }
    List<PoolRecord> pools = new ArrayList<>();
    for (IpamPoolSpec cfg : configs) {
      AllocatedPool pool = ipam.requestPool(PoolRequest.builder()
          .addressSpace(space)
          .pool(cfg.subnet().map(Subnet::canonical))
          .subPool(cfg.ipRange())
          .options(spec.ipamOptions())
          .v6(v6)
          .build());
      undo.push(() -> ipam.releasePool(pool.poolId()));
      Optional<IpAddress> gateway = allocateGateway(ipam, pool, cfg, skipGateway, undo);
      Map<String, IpAddress> aux = new LinkedHashMap<>();
      for (Map.Entry<String, IpAddress> e : cfg.auxAddresses().entrySet()) {
        try {
          ipam.requestAddress(AddressRequest.builder().poolId(pool.poolId()).preferred(e.getValue()).build());
        } catch (CnmException ex) {
          throw ex.wrap("failed to allocate secondary ip address (" + e.getKey() + ":" + e.getValue() + ")");
        }
        undo.push(() -> ipam.releaseAddress(pool.poolId(), e.getValue()));
        aux.put(e.getKey(), e.getValue());
      }
      pools.add(new PoolRecord(space, pool.poolId(), pool.pool(), cfg.ipRange(), gateway, aux));
    }
    return pools;
  }

  private static Optional<IpAddress> allocateGateway(IpamDriver ipam, AllocatedPool pool, IpamPoolSpec cfg,
      boolean skipGateway, Undo undo) {
    String fromIpam = pool.meta().get(GATEWAY_META);
    if (cfg.gateway().isEmpty() && fromIpam != null) {
      Subnet s = Subnet.tryParse(fromIpam).orElseGet(() -> Subnet.of(IpAddress.parse(fromIpam), pool.pool().prefixLength()));
      return Optional.of(s.address());
    }
    if (cfg.gateway().isEmpty() && skipGateway) {
      return Optional.empty();
    }
    Subnet gw;
    try {
      gw = ipam.requestAddress(AddressRequest.builder()
          .poolId(pool.poolId())
          .preferred(cfg.gateway())
          .gateway(true)
          .build());
    } catch (CnmException e) {
      throw e.wrap("failed to allocate gateway (" + cfg.gateway().map(String::valueOf).orElse("") + ")");
    }
    if (gw == null) {
      return Optional.empty(); // the null IPAM driver hands out no address
    }
    undo.push(() -> ipam.releaseAddress(pool.poolId(), gw.address()));
    return Optional.of(gw.address());
  }

  /**
   * {@code docker network prune}: every user-defined network without endpoints; their names, in
   * table order. A network that cannot be removed (a global one another host still uses) is
   * skipped, as moby's {@code localNetworksPrune} logs the error and walks on.
   */
  List<String> prune() {
    List<String> removed = new ArrayList<>();
    for (NetworkRecord n : new ArrayList<>(table.all())) {
      if (!n.predefined && !n.hasEndpoints()) {
        try {
          destroy(n);
        } catch (CnmException e) {
          continue;
        }
        removed.add(n.name);
      }
    }
    return List.copyOf(removed);
  }

  /** {@code docker network rm}: {@link #remove}, and the {@code destroy} event. */
  void destroy(NetworkRecord n) {
    remove(n);
    events.network("destroy", n.id, n.name, n.driver.type(), null);
  }

  /** Removes a network (also the undo of a {@code docker_gwbridge} the engine created itself). */
  void remove(NetworkRecord n) {
    if (n.predefined) {
      throw new ForbiddenException(n.name + " is a pre-defined network and cannot be removed");
    }
    if (n.hasEndpoints()) {
      String list = n.endpoints().stream()
          .map(e -> "name:\"" + e.name() + "\" id:\"" + Ids.shortId(e.id) + "\"")
          .collect(Collectors.joining(", "));
      throw new ForbiddenException("error while removing network: network " + n.name + " has active endpoints (" + list + ")");
    }
    // A network another engine removed already had its pools released there; releasing them here
    // would free the pool of a network created since on the same subnet.
    boolean ours = !n.inStore || services.global.unpublish(n);
    try {
      n.driver.deleteNetwork(n.id);
    } catch (ForbiddenException e) {
      throw e;
    } catch (CnmException e) {
      // libnetwork only logs other driver errors on delete and carries on.
    }
    // Past the driver the network is gone: like libnetwork, release IPAM best-effort and log-free,
    // so that a failing release never leaves a network the driver no longer knows.
    if (ours) {
      releaseIpam(n);
    }
    table.remove(n);
  }

  /**
   * Gives back what a removed network held of its IPAM driver (aux addresses, gateways, pools),
   * best-effort: a release that fails is the driver's to retry (the store-backed IPAM keeps it
   * pending).
   */
  static void releaseIpam(NetworkRecord n) {
    for (PoolRecord p : concat(n.v4Pools, n.v6Pools)) {
      p.auxAddresses.values().forEach(a -> quietly(() -> n.ipam.releaseAddress(p.poolId, a)));
      p.gateway.ifPresent(g -> quietly(() -> n.ipam.releaseAddress(p.poolId, g)));
      quietly(() -> n.ipam.releasePool(p.poolId));
    }
  }

  private static void quietly(Runnable release) {
    try {
      release.run();
    } catch (RuntimeException e) {
      // libnetwork logs release failures on removal and carries on.
    }
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
