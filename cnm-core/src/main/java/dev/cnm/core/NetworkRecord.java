package dev.cnm.core;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.cnm.api.NetworkInfo;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.Scope;
import dev.cnm.api.ipam.IpamDriver;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.spi.IpamData;
import dev.cnm.api.spi.JoinInfo;
import dev.cnm.api.spi.NetworkCreateRequest;
import dev.cnm.api.spi.NetworkDriver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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
  /**
   * Endpoints of running containers in join order, chained through the records (a map entry would
   * cost 40 bytes per running container). Change it only through {@link #addEndpoint} and {@link
   * #removeEndpoint}, which keep the DNS index in step.
   */
  @GuardedBy("lock")
  private EndpointRecord firstEndpoint;
  @GuardedBy("lock")
  private EndpointRecord lastEndpoint;
  @GuardedBy("lock")
  private int endpointCount;
  private final Collection<EndpointRecord> endpoints = Chain.view(() -> firstEndpoint, e -> e.nextOnNetwork,
      () -> endpointCount);
  /**
   * The embedded DNS's index: each lower-case DNS name to the endpoint answering to it (an {@link
   * EndpointRecord}) or the endpoints, in join order (an {@code EndpointRecord[]}), so a lookup
   * does not pass over every endpoint of the network.
   */
  @GuardedBy("lock")
  private final Map<String, Object> byDnsName = new HashMap<>();
  /** The driver's last answer to a join here, shared by endpoints that get an equal one. */
  @GuardedBy("lock")
  JoinInfo lastJoin;
  /** The join sequence of the next endpoint ({@link EndpointRecord#joinSeq}). */
  @GuardedBy("lock")
  private long nextJoinSeq;
  /** Whether the network is shared through the cluster store ({@link GlobalNetworks}). */
  @GuardedBy("lock")
  boolean inStore;
  /** For a network in the cluster store: the mod revision of its document, 0 when not known. */
  @GuardedBy("lock")
  long storeRevision;

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

  /**
   * The driver's {@code createNetwork} arguments for a network with these pools: one builder for a
   * network created here and one adopted from the cluster's store, so a driver cannot tell them apart.
   */
  static NetworkCreateRequest createRequest(String id, NetworkSpec spec, List<PoolRecord> v4, List<PoolRecord> v6) {
    return NetworkCreateRequest.builder()
        .networkId(id)
        .networkName(spec.name())
        .options(spec.options())
        .internal(spec.internal())
        .enableIpv4(spec.enableIpv4())
        .enableIpv6(spec.enableIpv6())
        .ipv4Data(ipamData(v4))
        .ipv6Data(ipamData(v6))
        .build();
  }

  private static List<IpamData> ipamData(List<PoolRecord> pools) {
    List<IpamData> data = new ArrayList<>();
    for (PoolRecord p : pools) {
      IpamData.Builder b = IpamData.builder().addressSpace(p.addressSpace).pool(p.pool);
      p.gateway.ifPresent(g -> b.gateway(Subnet.of(g, p.pool.prefixLength())));
      p.auxAddresses.forEach((k, v) -> b.putAuxAddress(k, Subnet.of(v, p.pool.prefixLength())));
      data.add(b.build());
    }
    return data;
  }

  /** Adds an endpoint (last in join order) and indexes its DNS names. */
  void addEndpoint(EndpointRecord ep) {
    if (ep.onNetwork || ep.network != this) {
      throw new IllegalStateException("endpoint " + ep.id + " already added or of another network");
    }
    ep.joinSeq = nextJoinSeq++;
    ep.onNetwork = true;
    ep.previousOnNetwork = lastEndpoint;
    if (lastEndpoint == null) {
      firstEndpoint = ep;
    } else {
      lastEndpoint.nextOnNetwork = ep;
    }
    lastEndpoint = ep;
    endpointCount++;
    indexDnsNames(ep);
  }

  /** Removes an endpoint and its DNS names (nothing when it is not there). */
  void removeEndpoint(EndpointRecord ep) {
    if (!ep.onNetwork || ep.network != this) {
      return;
    }
    if (ep.previousOnNetwork == null) {
      firstEndpoint = ep.nextOnNetwork;
    } else {
      ep.previousOnNetwork.nextOnNetwork = ep.nextOnNetwork;
    }
    if (ep.nextOnNetwork == null) {
      lastEndpoint = ep.previousOnNetwork;
    } else {
      ep.nextOnNetwork.previousOnNetwork = ep.previousOnNetwork;
    }
    ep.previousOnNetwork = null;
    ep.nextOnNetwork = null;
    ep.onNetwork = false;
    endpointCount--;
    unindexDnsNames(ep);
  }

  /** {@return the endpoints of running containers, in join order (a view)} */
  Collection<EndpointRecord> endpoints() {
    return endpoints;
  }

  /** {@return whether a running container has an endpoint here} */
  boolean hasEndpoints() {
    return endpointCount > 0;
  }

  /** Indexes the current {@code dnsNames} of an endpoint of this network. */
  void indexDnsNames(EndpointRecord ep) {
    for (String name : ep.indexedDnsNames()) {
      byDnsName.merge(name.toLowerCase(Locale.ROOT), ep, NetworkRecord::withEndpoint);
    }
  }

  /** Removes the current {@code dnsNames} of an endpoint from the index (before they change). */
  void unindexDnsNames(EndpointRecord ep) {
    for (String name : ep.indexedDnsNames()) {
      byDnsName.computeIfPresent(name.toLowerCase(Locale.ROOT), (k, v) -> withoutEndpoint(v, ep));
    }
  }

  /**
   * The endpoints answering to any of the lower-case {@code names}, in join order: from the index,
   * and the endpoints here of the container of that name and of those whose short id it is (names
   * not indexed: see {@link EndpointRecord#dnsNames()}).
   */
  List<EndpointRecord> endpointsNamed(Collection<String> names, ContainerTable containers) {
    List<EndpointRecord> out = new ArrayList<>();
    for (String name : names) {
      ContainerRecord named = containers.named(name);
      if (named != null) {
        addOwn(out, named, true);
      }
      if (name.length() == Ids.SHORT_LENGTH) {
        for (ContainerRecord c : containers.withShortId(name)) {
          addOwn(out, c, false);
        }
      }
      Object v = byDnsName.get(name);
      if (v instanceof EndpointRecord) {
        addOnce(out, (EndpointRecord) v);
      } else if (v != null) {
        for (EndpointRecord e : (EndpointRecord[]) v) {
          addOnce(out, e);
        }
      }
    }
    if (out.size() > 1) {
      out.sort(Comparator.comparingLong(e -> e.joinSeq));
    }
    return out;
  }

  /** Adds {@code c}'s endpoint here if it answers to the container's name ({@code byName}) or short id. */
  private void addOwn(List<EndpointRecord> out, ContainerRecord c, boolean byName) {
    if (c.sandbox == null) {
      return;
    }
    for (EndpointRecord e : c.sandbox.endpoints()) {
      if (e.network == this && e.container == c && (byName ? e.answersToName() : e.answersToShortId())) {
        addOnce(out, e);
      }
    }
  }

  private static void addOnce(List<EndpointRecord> out, EndpointRecord e) {
    for (EndpointRecord o : out) {
      if (o == e) {
        return;
      }
    }
    out.add(e);
  }

  private static Object withEndpoint(Object existing, Object added) {
    EndpointRecord ep = (EndpointRecord) added;
    EndpointRecord[] old = existing instanceof EndpointRecord ? new EndpointRecord[] {(EndpointRecord) existing}
        : (EndpointRecord[]) existing;
    for (EndpointRecord e : old) {
      if (e == ep) {
        return existing;
      }
    }
    EndpointRecord[] grown = Arrays.copyOf(old, old.length + 1);
    int i = old.length;
    while (i > 0 && grown[i - 1].joinSeq > ep.joinSeq) {
      grown[i] = grown[i - 1];
      i--;
    }
    grown[i] = ep;
    return grown;
  }

  private static Object withoutEndpoint(Object existing, EndpointRecord ep) {
    if (existing instanceof EndpointRecord) {
      return existing == ep ? null : existing;
    }
    EndpointRecord[] old = (EndpointRecord[]) existing;
    int at = -1;
    for (int i = 0; i < old.length; i++) {
      if (old[i] == ep) {
        at = i;
      }
    }
    if (at < 0) {
      return existing;
    }
    if (old.length == 2) {
      return old[1 - at];
    }
    EndpointRecord[] shrunk = new EndpointRecord[old.length - 1];
    System.arraycopy(old, 0, shrunk, 0, at);
    System.arraycopy(old, at + 1, shrunk, at, old.length - at - 1);
    return shrunk;
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
    List<EndpointRecord> eps = new ArrayList<>(endpoints);
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

  /** {@link #info()} with the cluster's peers of a network kept in the store. */
  NetworkInfo info(GlobalNetworks cluster) {
    NetworkInfo info = info();
    if (cluster == null || !inStore) {
      return info;
    }
    return NetworkInfo.builder().from(info).peers(cluster.peers(this)).build();
  }
}
