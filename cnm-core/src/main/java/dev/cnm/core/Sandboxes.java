package dev.cnm.core;

import dev.cnm.api.EndpointSpec;
import dev.cnm.api.error.CnmException;
import dev.cnm.api.error.ErrorKind;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.error.SystemException;
import dev.cnm.api.ipam.AddressRequest;
import dev.cnm.api.ipam.NoAvailableAddressException;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.spi.EndpointCreateRequest;
import dev.cnm.api.spi.EndpointInterface;
import dev.cnm.api.spi.JoinInfo;
import dev.cnm.api.spi.JoinRequest;
import dev.cnm.core.ipam.StoreBackedIpam;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Endpoints and sandboxes: creating an endpoint on a network (addresses from IPAM, then the
 * driver's {@code createEndpoint} and {@code join}) and the exact reverse on leave (libnetwork
 * {@code CreateEndpoint}, {@code Join}, {@code Leave}, {@code Delete}). Every step records its
 * undo. Which endpoint is the sandbox's gateway is {@link Gateways}' business.
 */
final class Sandboxes {
  private static final String SERIAL = "com.docker.network.ipam.serial";

  private final EngineServices services;

  Sandboxes(EngineServices services) {
    this.services = services;
  }

  /**
   * Creates and joins {@code c}'s endpoint on {@code n} as {@code plan} says; records undo steps.
   * The docker_gwbridge endpoint's failures are wrapped as libnetwork's {@code setupDefaultGW}
   * wraps them.
   */
  EndpointRecord join(ContainerRecord c, SandboxRecord sb, NetworkRecord n, JoinPlan plan, Undo undo) {
    if (!plan.isGatewayBridge()) {
      return doJoin(c, sb, n, plan, undo);
    }
    try {
      return doJoin(c, sb, n, plan, undo);
    } catch (GatewayJoinFailed e) {
      throw e.cause.wrap("container " + c.id + ": endpoint join on GW Network failed");
    } catch (CnmException e) {
      throw e.wrap("container " + c.id + ": endpoint create on GW Network failed");
    }
  }

  /** Carries a driver's join failure of the docker_gwbridge endpoint past the create-side wrapping. */
  private static final class GatewayJoinFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient CnmException cause;

    GatewayJoinFailed(CnmException cause) {
      super(cause.getMessage(), cause, false, false);
      this.cause = cause;
    }
  }

  private EndpointRecord doJoin(ContainerRecord c, SandboxRecord sb, NetworkRecord n, JoinPlan plan, Undo undo) {
    EndpointSpec settings = plan.settings();
    JoinPlan.Restored restored = plan.restored();
    boolean serial = "true".equals(n.spec.ipamOptions().get(SERIAL));
    Optional<Subnet> v4 = Optional.empty();
    String v4Pool = "";
    Optional<Subnet> v6 = Optional.empty();
    String v6Pool = "";
    // A restored endpoint of a network kept in the cluster's store still holds its addresses there
    // (the store outlives this engine): they are taken as they are, never requested twice.
    boolean held = restored != null && n.inStore && services.global.holds(n, restored.endpointId());
    String gatewayName = plan.gatewayName();
    String epId = restored != null ? restored.endpointId() : Ids.newId(services.random);
    // An endpoint of a network kept in the store is recorded there in the transaction that takes
    // its IPv4 address from the store-backed IPAM: one round trip, and no address without owner.
    boolean recorded = false;
    BiFunction<String, Subnet, EndpointRecord> withRecord = null;
    if (n.inStore && !held && !n.isSpecial() && n.v6Pools.isEmpty() && n.ipam instanceof StoreBackedIpam) {
      withRecord = (poolId, address) -> {
        EndpointRecord r = new EndpointRecord(epId, c, n, settings, Optional.of(address), poolId, Optional.empty(), "",
            gatewayName);
        r.dnsNames(plan.isGatewayBridge() ? List.of() : dnsNames(c, n, settings));
        return r;
      };
    }
    if (!n.isSpecial() && !n.v4Pools.isEmpty()) {
      Allocated a = held && restored.ipv4().isPresent() ? heldAddress(n.v4Pools, restored.ipv4().get())
          : allocate(n, n.v4Pools, restored != null ? restored.ipv4() : settings.ipv4Address(), serial, 4, undo,
              epId, withRecord);
      recorded = withRecord != null && a.address != null;
      v4 = Optional.ofNullable(a.address);
      v4Pool = a.poolId;
    }
    if (!n.isSpecial() && !n.v6Pools.isEmpty()) {
      Allocated a = held && restored.ipv6().isPresent() ? heldAddress(n.v6Pools, restored.ipv6().get())
          : allocate(n, n.v6Pools, restored != null ? restored.ipv6() : settings.ipv6Address(), serial, 6, undo,
              epId, null);
      v6 = Optional.ofNullable(a.address);
      v6Pool = a.poolId;
    }
    EndpointRecord ep = new EndpointRecord(epId, c, n, settings, v4, v4Pool, v6, v6Pool, gatewayName);
    ep.dnsNames(plan.isGatewayBridge() ? List.of() : dnsNames(c, n, settings));
    if (n.inStore) {
      if (!recorded) {
        services.global.addEndpoint(n, ep);
      }
      undo.push(() -> services.global.removeEndpoint(n, epId));
    }
    EndpointInterface iface;
    try {
      iface = n.driver.createEndpoint(EndpointCreateRequest.builder()
          .networkId(n.id)
          .endpointId(epId)
          .endpointName(ep.name())
          .iface(EndpointInterface.builder().ipv4Address(v4).ipv6Address(v6).macAddress(restored != null && restored.mac().isPresent() ? restored.mac() : settings.macAddress()).build())
          .options(settings.driverOptions())
          .build());
    } catch (CnmException e) {
      // libnetwork's addEndpoint words every driver error anew as an internal one (%v, not %w):
      // the kind becomes SYSTEM, so only an error of that kind keeps its type; any other stays
      // reachable as the cause (CnmException.cause).
      String prefix = "failed to create endpoint " + ep.name() + " on network " + n.name;
      throw e.kind() == ErrorKind.SYSTEM ? e.wrap(prefix) : new SystemException(prefix + ": " + e.getMessage(), e);
    }
    undo.push(() -> n.driver.deleteEndpoint(n.id, epId));
    ep.mac(iface.macAddress());
    Map<String, String> options = settings.driverOptions();
    if (!plan.joinOptions().isEmpty()) {
      options = new LinkedHashMap<>(options);
      options.putAll(plan.joinOptions());
    }
    JoinInfo join;
    try {
      join = n.driver.join(JoinRequest.builder()
          .networkId(n.id)
          .endpointId(epId)
          .sandboxKey(sb.key())
          .containerId(c.id)
          .options(options)
          .build());
    } catch (CnmException e) {
      if (plan.isGatewayBridge()) {
        throw new GatewayJoinFailed(e);
      }
      throw e;
    }
    undo.push(() -> n.driver.leave(n.id, epId));
    ep.join = kept(n, join);
    if (!n.isSpecial()) {
      int index = sb.nextInterfaceIndex++;
      undo.push(() -> sb.nextInterfaceIndex--);
      ep.interfaceName = interfaceName(join.interfaceDestinationPrefix(), index);
    }
    n.addEndpoint(ep);
    undo.push(() -> n.removeEndpoint(ep));
    sb.addEndpoint(ep);
    undo.push(() -> sb.removeEndpoint(ep));
    return ep;
  }

  /**
   * Docker 28's {@code DNSNames}: the container name, its aliases, the short id and the hostname,
   * de-duplicated; only on user-defined networks.
   */
  static List<String> dnsNames(ContainerRecord c, NetworkRecord n, EndpointSpec settings) {
    if (!n.isUserDefined() || n.isSpecial()) {
      return List.of();
    }
    Set<String> names = new LinkedHashSet<>();
    names.add(c.name);
    names.addAll(settings.aliases());
    names.add(Ids.shortId(c.id));
    names.add(c.hostname());
    return List.copyOf(names);
  }

  /** {@code eth0}..{@code eth7}, shared by every container rather than built per endpoint. */
  private static final String[] ETH = {"eth0", "eth1", "eth2", "eth3", "eth4", "eth5", "eth6", "eth7"};

  private static String interfaceName(String prefix, int index) {
    return prefix.equals("eth") && index >= 0 && index < ETH.length ? ETH[index] : prefix + index;
  }

  private static final class Allocated {
    final Subnet address;
    final String poolId;

    Allocated(Subnet address, String poolId) {
      this.address = address;
      this.poolId = poolId;
    }
  }

  private static Allocated heldAddress(List<PoolRecord> pools, IpAddress ip) {
    for (PoolRecord p : pools) {
      if (p.pool.contains(ip)) {
        return new Allocated(Subnet.of(ip, p.pool.prefixLength()), p.poolId);
      }
    }
    throw new InvalidParameterException("invalid address " + ip + ": It does not belong to any of this network's subnets");
  }

  /**
   * An address from the first of {@code pools} that has one; with {@code withRecord}, the IPAM is
   * the store-backed one and the endpoint's record ({@code epId}) is written with the address.
   */
  private Allocated allocate(NetworkRecord n, List<PoolRecord> pools, Optional<IpAddress> preferred, boolean serial,
      int family, Undo undo, String epId, BiFunction<String, Subnet, EndpointRecord> withRecord) {
    if (preferred.isPresent()) {
      IpAddress ip = preferred.get();
      for (PoolRecord p : pools) {
        if (p.pool.contains(ip)) {
          Subnet got = request(n, AddressRequest.builder().poolId(p.poolId).preferred(ip).serial(serial).build(), epId,
              withRecord);
          if (got != null) {
            undo.push(() -> n.ipam.releaseAddress(p.poolId, got.address()));
          }
          return new Allocated(got, p.poolId);
        }
      }
      throw new InvalidParameterException("invalid address " + ip + ": It does not belong to any of this network's subnets");
    }
    NoAvailableAddressException last = null;
    for (PoolRecord p : pools) {
      try {
        Subnet got = request(n, AddressRequest.builder().poolId(p.poolId).serial(serial).build(), epId, withRecord);
        if (got != null) { // the null IPAM driver hands out no address
          undo.push(() -> n.ipam.releaseAddress(p.poolId, got.address()));
        }
        return new Allocated(got, p.poolId);
      } catch (NoAvailableAddressException e) {
        last = e;
      }
    }
    throw new SystemException("no available IPv" + family + " addresses on this network's address pools: " + n.name
        + " (" + n.id + ")", last);
  }

  private Subnet request(NetworkRecord n, AddressRequest request, String epId,
      BiFunction<String, Subnet, EndpointRecord> withRecord) {
    return withRecord == null ? n.ipam.requestAddress(request)
        : services.global.takeWithEndpoint(n, (StoreBackedIpam) n.ipam, request, epId, withRecord);
  }

  /** Leaves and deletes an endpoint; never fails (driver errors on the way out are ignored, as libnetwork logs them). */
  void leave(SandboxRecord sb, EndpointRecord ep) {
    NetworkRecord n = ep.network;
    if (n.inStore) {
      quietly(() -> services.global.leave(n, ep)); // with its addresses, in one transaction
    }
    quietly(() -> n.driver.leave(n.id, ep.id));
    quietly(() -> n.driver.deleteEndpoint(n.id, ep.id));
    ep.ipv4().ifPresent(a -> quietly(() -> n.ipam.releaseAddress(ep.v4PoolId, a.address())));
    ep.ipv6().ifPresent(a -> quietly(() -> n.ipam.releaseAddress(ep.v6PoolId, a.address())));
    n.removeEndpoint(ep);
    sb.removeEndpoint(ep);
  }

  private static void quietly(Runnable r) {
    try {
      r.run();
    } catch (CnmException e) {
      // Docker logs and continues when tearing down.
    }
  }

  /**
   * What the endpoint keeps of the driver's join answer: everything but the host-side interface
   * name, which the engine does not use after the join. Endpoints of one network then usually get
   * equal answers, so one copy per network is kept instead of one per endpoint.
   */
  private static JoinInfo kept(NetworkRecord n, JoinInfo join) {
    JoinInfo last = n.lastJoin;
    if (last != null && last.gateway().equals(join.gateway()) && last.ipv6Gateway().equals(join.ipv6Gateway())
        && last.staticRoutes().equals(join.staticRoutes())
        && last.disableGatewayService() == join.disableGatewayService()
        && last.interfaceDestinationPrefix().equals(join.interfaceDestinationPrefix())) {
      return last;
    }
    JoinInfo copy = join.interfaceSourceName().isEmpty() ? join : JoinInfo.builder()
        .interfaceDestinationPrefix(join.interfaceDestinationPrefix())
        .gateway(join.gateway())
        .ipv6Gateway(join.ipv6Gateway())
        .staticRoutes(join.staticRoutes())
        .disableGatewayService(join.disableGatewayService())
        .build();
    n.lastJoin = copy;
    return copy;
  }
}
