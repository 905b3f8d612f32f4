package dev.cnm.drivers.bridge;

import dev.cnm.api.net.MacAddress;
import dev.cnm.api.net.Subnet;
import java.util.Optional;

/**
 * The bridge driver's state for one endpoint (libnetwork's {@code bridgeEndpoint}): its host-side
 * veth, MAC and addresses, and whether it has joined a sandbox. Immutable; the driver replaces
 * the value when the endpoint joins or leaves.
 */
final class BridgeEndpoint {
  final String id;
  final String name;
  final String vethName;
  final MacAddress macAddress;
  final Optional<Subnet> ipv4Address;
  final Optional<Subnet> ipv6Address;
  final boolean joined;

  BridgeEndpoint(String id, String name, String vethName, MacAddress macAddress,
      Optional<Subnet> ipv4Address, Optional<Subnet> ipv6Address, boolean joined) {
    this.id = id;
    this.name = name;
    this.vethName = vethName;
    this.macAddress = macAddress;
    this.ipv4Address = ipv4Address;
    this.ipv6Address = ipv6Address;
    this.joined = joined;
  }

  BridgeEndpoint withJoined(boolean joined) {
    return new BridgeEndpoint(id, name, vethName, macAddress, ipv4Address, ipv6Address, joined);
  }

  @Override
  public String toString() {
    return "BridgeEndpoint{" + id + ", " + vethName + ", " + macAddress + (joined ? ", joined" : "") + "}";
  }
}
