package dev.cnm.core;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.cnm.api.EndpointInfo;
import dev.cnm.api.EndpointSpec;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.MacAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.port.PublishedPort;
import dev.cnm.api.spi.JoinInfo;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** An endpoint of a running container on one network; guarded by the engine's lock. */
final class EndpointRecord {
  final String id;
  final ContainerRecord container;
  final NetworkRecord network;
  final EndpointSpec settings;
  /** The addresses, null for none (not {@code Optional}s: two objects fewer per endpoint). */
  /**
   * The IPv4 address as its bits and prefix length, -1 for none: a {@code Subnet} and its {@code
   * IpAddress} would be 40 bytes per running container; they are made again when asked for.
   */
  private final int ipv4Bits;
  private final byte ipv4Prefix;
  private final Subnet ipv6;
  final String v4PoolId;
  final String v6PoolId;
  @GuardedBy("lock")
  private MacAddress mac;
  @GuardedBy("lock")
  JoinInfo join = JoinInfo.none();
  @GuardedBy("lock")
  String interfaceName = "";
  /**
   * The DNS names, without the first when that is the container's name in lower case and without
   * the last when that is its short id (as with Docker's default hostname). Those two are made
   * again when asked for ({@link #dnsNames()}) and found through the container table rather than
   * the network's index ({@link NetworkRecord#endpointsNamed}): the usual endpoint keeps no list,
   * no 12-character string, and no entry in the index.
   */
  @GuardedBy("lock")
  private List<String> keptDnsNames = List.of();
  /** Whether the container's name comes before {@link #keptDnsNames}. */
  @GuardedBy("lock")
  private boolean nameName;
  /** Whether the container's short id follows {@link #keptDnsNames}. */
  @GuardedBy("lock")
  private boolean shortIdName;
  /** Whether it is in its network's endpoints ({@link NetworkRecord#addEndpoint}). */
  @GuardedBy("lock")
  boolean onNetwork;
  /** Its neighbours in its network's join order (null at the ends). */
  @GuardedBy("lock")
  EndpointRecord previousOnNetwork;
  @GuardedBy("lock")
  EndpointRecord nextOnNetwork;
  /** The endpoint's place in its network's join order (set by {@link NetworkRecord#addEndpoint}). */
  @GuardedBy("lock")
  long joinSeq;
  /** Host ports published on this endpoint while it is its sandbox's gateway endpoint. */
  @GuardedBy("lock")
  List<PublishedPort> published = List.of();
  /**
   * For the anonymous endpoint libnetwork adds on {@code docker_gwbridge}: its name, {@code
   * gateway_<containerID[:12]>}; null for the container's own endpoints.
   */
  final String gatewayName;

  EndpointRecord(String id, ContainerRecord container, NetworkRecord network, EndpointSpec settings,
      Optional<Subnet> ipv4, String v4PoolId, Optional<Subnet> ipv6, String v6PoolId) {
    this(id, container, network, settings, ipv4, v4PoolId, ipv6, v6PoolId, null);
  }

  EndpointRecord(String id, ContainerRecord container, NetworkRecord network, EndpointSpec settings,
      Optional<Subnet> ipv4, String v4PoolId, Optional<Subnet> ipv6, String v6PoolId, String gatewayName) {
    this.gatewayName = gatewayName;
    this.id = id;
    this.container = container;
    this.network = network;
    this.settings = settings;
    Subnet v4 = ipv4.orElse(null);
    if (v4 != null && !v4.isV4()) {
      throw new IllegalArgumentException("not an IPv4 address: " + v4);
    }
    this.ipv4Bits = v4 == null ? 0 : v4.address().v4Bits();
    this.ipv4Prefix = (byte) (v4 == null ? -1 : v4.prefixLength());
    this.v4PoolId = v4PoolId;
    this.ipv6 = ipv6.orElse(null);
    this.v6PoolId = v6PoolId;
  }

  Optional<Subnet> ipv4() {
    return ipv4Prefix < 0 ? Optional.empty() : Optional.of(Subnet.of(IpAddress.ofV4(ipv4Bits), ipv4Prefix));
  }

  Optional<Subnet> ipv6() {
    return Optional.ofNullable(ipv6);
  }

  Optional<MacAddress> mac() {
    return Optional.ofNullable(mac);
  }

  void mac(Optional<MacAddress> m) {
    mac = m.orElse(null);
  }

  /** The endpoint's name: the container's current name, or {@code gateway_<id12>} on docker_gwbridge. */
  String name() {
    return gatewayName != null ? gatewayName : container.name;
  }

  /** {@return the DNS names (Docker's {@code DNSNames}), in order} */
  List<String> dnsNames() {
    if (!nameName && !shortIdName) {
      return keptDnsNames;
    }
    int first = nameName ? 1 : 0;
    String[] all = new String[first + keptDnsNames.size() + (shortIdName ? 1 : 0)];
    if (nameName) {
      all[0] = container.name;
    }
    for (int i = 0; i < keptDnsNames.size(); i++) {
      all[first + i] = keptDnsNames.get(i);
    }
    if (shortIdName) {
      all[all.length - 1] = Ids.shortId(container.id);
    }
    return List.of(all);
  }

  void dnsNames(List<String> names) {
    int from = 0;
    int to = names.size();
    String name = container.name;
    nameName = to > 0 && names.get(0).equals(name) && name.equals(name.toLowerCase(Locale.ROOT));
    if (nameName) {
      from = 1;
    }
    String last = to > from ? names.get(to - 1) : "";
    shortIdName = last.length() == Ids.SHORT_LENGTH && container.id.startsWith(last);
    if (shortIdName) {
      to--;
    }
    keptDnsNames = from == 0 && to == names.size() ? names : List.copyOf(names.subList(from, to));
  }

  /** {@return the DNS names the network's index holds: all but a derived short id} */
  List<String> indexedDnsNames() {
    return keptDnsNames;
  }

  /** {@return whether the container's short id is one of the DNS names without being indexed} */
  boolean answersToShortId() {
    return shortIdName;
  }

  /** {@return whether the container's name is one of the DNS names without being indexed} */
  boolean answersToName() {
    return nameName;
  }

  /** Whether this is the endpoint libnetwork manages on {@code docker_gwbridge}. */
  boolean isGatewayBridge() {
    return gatewayName != null;
  }

  /** Whether the driver offered a default gateway at join. */
  boolean providesGateway() {
    return !network.isSpecial() && !join.disableGatewayService()
        && (join.gateway().isPresent() || join.ipv6Gateway().isPresent());
  }

  EndpointInfo info() {
    return EndpointInfo.builder()
        .id(id)
        .name(name())
        .containerId(container.id)
        .networkId(network.id)
        .networkName(network.name)
        .ipv4Address(ipv4())
        .ipv6Address(ipv6())
        .macAddress(mac())
        .gateway(join.gateway())
        .ipv6Gateway(join.ipv6Gateway())
        .aliases(settings.aliases())
        .dnsNames(dnsNames())
        .interfaceName(interfaceName)
        .gwPriority(settings.gwPriority())
        .build();
  }
}
