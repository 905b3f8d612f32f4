package dev.cnm.drivers.bridge;

import dev.cnm.api.host.AllocatedPort;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.MacAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.port.PublishedPort;
import java.util.List;
import java.util.Optional;

/**
 * The bridge driver's state for one endpoint (libnetwork's {@code bridgeEndpoint}): its host-side
 * veth, MAC and addresses, whether it has joined a sandbox, and the host ports it publishes while
 * it is its sandbox's gateway endpoint. Immutable; the driver replaces the value on each change.
 */
final class BridgeEndpoint {
  final String id;
  final String name;
  final String vethName;
  /** The container end of the veth pair. */
  final String peerName;
  final MacAddress macAddress;
  final Optional<Subnet> ipv4Address;
  final Optional<Subnet> ipv6Address;
  final boolean joined;
  /** The bindings in effect, in the order they were made. */
  final List<PublishedPort> published;
  /** For each published port, the container address it leads to. */
  final List<IpAddress> targets;
  /** The host ports booked for them, to be released on revoke. */
  final List<AllocatedPort> booked;

  BridgeEndpoint(String id, String name, String vethName, String peerName, MacAddress macAddress,
      Optional<Subnet> ipv4Address, Optional<Subnet> ipv6Address, boolean joined) {
    this(id, name, vethName, peerName, macAddress, ipv4Address, ipv6Address, joined, List.of(), List.of(), List.of());
  }

  private BridgeEndpoint(String id, String name, String vethName, String peerName, MacAddress macAddress,
      Optional<Subnet> ipv4Address, Optional<Subnet> ipv6Address, boolean joined,
      List<PublishedPort> published, List<IpAddress> targets, List<AllocatedPort> booked) {
    this.id = id;
    this.name = name;
    this.vethName = vethName;
    this.peerName = peerName;
    this.macAddress = macAddress;
    this.ipv4Address = ipv4Address;
    this.ipv6Address = ipv6Address;
    this.joined = joined;
    this.published = List.copyOf(published);
    this.targets = List.copyOf(targets);
    this.booked = List.copyOf(booked);
  }

  BridgeEndpoint withJoined(boolean joined) {
    return new BridgeEndpoint(id, name, vethName, peerName, macAddress, ipv4Address, ipv6Address, joined,
        published, targets, booked);
  }

  BridgeEndpoint withPorts(List<PublishedPort> published, List<IpAddress> targets, List<AllocatedPort> booked) {
    return new BridgeEndpoint(id, name, vethName, peerName, macAddress, ipv4Address, ipv6Address, joined,
        published, targets, booked);
  }

  @Override
  public String toString() {
    return "BridgeEndpoint{" + id + ", " + vethName + ", " + macAddress + (joined ? ", joined" : "") + "}";
  }
}
