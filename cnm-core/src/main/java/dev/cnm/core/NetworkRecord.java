package dev.cnm.core;

import dev.cnm.api.NetworkInfo;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.Scope;
import dev.cnm.api.ipam.IpamDriver;
import dev.cnm.api.spi.NetworkDriver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A network's state inside the engine; guarded by the engine's lock. */
final class NetworkRecord {
  final String id;
  final String name;
  final NetworkSpec spec;
  final NetworkDriver driver;
  final IpamDriver ipam;
  final Scope scope;
  final Instant created;
  final boolean predefined;
  final Map<String, String> options;
  final List<PoolRecord> v4Pools;
  final List<PoolRecord> v6Pools;
  /** Endpoints of running containers, by endpoint id. */
  final Map<String, EndpointRecord> endpoints = new LinkedHashMap<>();
  /** Whether the network is shared through the cluster store ({@link GlobalNetworks}). */
  boolean inStore;

  NetworkRecord(String id, NetworkSpec spec, NetworkDriver driver, IpamDriver ipam, Scope scope, Instant created,
      boolean predefined, Map<String, String> options, List<PoolRecord> v4Pools, List<PoolRecord> v6Pools) {
    this.id = id;
    this.name = spec.name();
    this.spec = spec;
    this.driver = driver;
    this.ipam = ipam;
    this.scope = scope;
    this.created = created;
    this.predefined = predefined;
    this.options = Map.copyOf(options);
    this.v4Pools = List.copyOf(v4Pools);
    this.v6Pools = List.copyOf(v6Pools);
  }

  /** {@code bridge}, {@code host} and {@code none} are not user-defined; everything else is. */
  boolean isUserDefined() {
    return !predefined;
  }

  /** Whether the driver is {@code host} or {@code null}: no IPAM, no gateway, no DNS. */
  boolean isSpecial() {
    return driver.type().equals("host") || driver.type().equals("null");
  }

  NetworkInfo info() {
    List<EndpointRecord> eps = new ArrayList<>(endpoints.values());
    eps.sort(Comparator.comparing(e -> e.container.id));
    NetworkInfo.Builder b = NetworkInfo.builder()
        .id(id)
        .name(name)
        .driver(driver.type())
        .scope(scope)
        .created(created)
        .enableIpv4(spec.enableIpv4())
        .enableIpv6(spec.enableIpv6())
        .ipamDriver(spec.ipamDriver())
        .ipamOptions(spec.ipamOptions())
        .internal(spec.internal())
        .attachable(spec.attachable())
        .ingress(spec.ingress())
        .options(options)
        .labels(spec.labels())
        .predefined(predefined);
    v4Pools.forEach(p -> b.addIpamConfig(p.info()));
    v6Pools.forEach(p -> b.addIpamConfig(p.info()));
    eps.forEach(e -> b.addEndpoint(e.info()));
    return b.build();
  }
}
