package dev.cnm.drivers.bridge;

import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.Subnet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The bridge driver's state for one network (libnetwork's {@code bridgeNetwork} with its {@code
 * networkConfiguration}): the parsed options, the bridge device's name and addresses, and the
 * endpoints. Everything but the endpoint map is fixed at creation; the map is guarded by the
 * owning {@link BridgeDriver}'s lock.
 */
final class BridgeNetwork {
  final String id;
  final String name;
  final BridgeOptions options;
  final String bridgeName;
  final boolean internal;
  /** The bridge's IPv4 address with the pool's prefix (the IPAM gateway), if any. */
  final Optional<Subnet> bridgeIpv4;
  /** The IPv4 default gateway containers get: the aux {@code DefaultGatewayIPv4} or the bridge. */
  final Optional<IpAddress> gatewayIpv4;
  /** The bridge's IPv6 address with the pool's prefix, when IPv6 is on. */
  final Optional<Subnet> bridgeIpv6;
  /** The IPv6 default gateway containers get. */
  final Optional<IpAddress> gatewayIpv6;
  /** The IPv4 pool, when IPv4 is on; the rules match it. */
  final Optional<Subnet> poolIpv4;
  /** The IPv6 pool, when IPv6 is on; the self-generated addresses come from it. */
  final Optional<Subnet> poolIpv6;
  /** The MTU of the bridge and its veths: the option, else the daemon's. */
  final int mtu;
  /** Whether the driver created the bridge device (so deletes it with the network). */
  boolean createdBridge;
  /**
   * Endpoints by id. Never listed, only looked up: a {@code HashMap}, whose entry is 8 bytes
   * smaller than a {@code LinkedHashMap}'s, and there is one per running container.
   */
  final Map<String, BridgeEndpoint> endpoints = new HashMap<>();

  BridgeNetwork(String id, String name, BridgeOptions options, String bridgeName, boolean internal,
      Optional<Subnet> bridgeIpv4, Optional<IpAddress> gatewayIpv4,
      Optional<Subnet> bridgeIpv6, Optional<IpAddress> gatewayIpv6, Optional<Subnet> poolIpv4,
      Optional<Subnet> poolIpv6, int mtu) {
    this.id = id;
    this.name = name;
    this.options = options;
    this.bridgeName = bridgeName;
    this.internal = internal;
    this.bridgeIpv4 = bridgeIpv4;
    this.gatewayIpv4 = gatewayIpv4;
    this.bridgeIpv6 = bridgeIpv6;
    this.gatewayIpv6 = gatewayIpv6;
    this.poolIpv4 = poolIpv4;
    this.poolIpv6 = poolIpv6;
    this.mtu = mtu;
  }

  /**
   * Why this network and {@code other} cannot coexist (libnetwork {@code
   * networkConfiguration.Conflicts}), or empty.
   */
  Optional<String> conflictWith(BridgeNetwork other) {
    if (bridgeName.equals(other.bridgeName)) {
      return Optional.of("networks have same bridge name");
    }
    if (overlap(bridgeIpv4, other.bridgeIpv4)) {
      return Optional.of("networks have overlapping IPv4");
    }
    if (overlap(poolIpv6, other.poolIpv6)) {
      return Optional.of("networks have overlapping IPv6");
    }
    return Optional.empty();
  }

  private static boolean overlap(Optional<Subnet> a, Optional<Subnet> b) {
    return a.isPresent() && b.isPresent() && a.get().canonical().overlaps(b.get().canonical());
  }

  @Override
  public String toString() {
    return "BridgeNetwork{" + id + ", " + bridgeName + "}";
  }
}
