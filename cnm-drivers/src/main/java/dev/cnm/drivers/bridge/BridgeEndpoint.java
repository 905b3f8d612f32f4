package dev.cnm.drivers.bridge;

import dev.cnm.api.host.AllocatedPort;
import dev.cnm.api.host.VethName;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.MacAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.port.ExposedPort;
import dev.cnm.api.port.PublishedPort;
import java.util.List;
import java.util.Optional;

/**
 * The bridge driver's state for one endpoint (libnetwork's {@code bridgeEndpoint}): its veth pair,
 * MAC and addresses; once joined, its legacy-link peers; while it is its sandbox's gateway
 * endpoint, its exposed ports and the host ports it publishes. Immutable; the driver replaces the
 * value on each change.
 */
final class BridgeEndpoint {
  final String id;
  final String name;
  /** The host end of the veth pair, as its name's number ({@link VethName}: 4 bytes, not a 56-byte string). */
  final int veth;
  /** The container end of the veth pair, likewise. */
  final int peer;
  final MacAddress macAddress;
  /**
   * The IPv4 address as its bits and prefix length, -1 for none (a {@code Subnet} and its {@code
   * IpAddress} would be 40 bytes per endpoint; they are made again when asked for).
   */
  private final int ipv4Bits;
  private final byte ipv4Prefix;
  /** Null for none (not an {@code Optional}: an object fewer per endpoint). */
  private final Subnet ipv6Address;
  final boolean joined;
  /**
   * Links and external connectivity; null while there are none, as for most endpoints (six
   * fields fewer: 24 bytes per running container).
   */
  private final Extras extras;
  /** External connectivity is programmed (with no exposed ports when {@link #extras} is null). */
  private final boolean programmed;

  /** The parts most endpoints never have. */
  private static final class Extras {
    /** Endpoints (on this network) of the containers that link to this one ({@code --link}). */
    final List<String> parentEndpoints;
    /** Endpoints (on this network) of the containers this one links to. */
    final List<String> childEndpoints;
    /** The container's exposed ports, known once external connectivity is programmed. */
    final Optional<List<ExposedPort>> exposedPorts;
    /** The bindings in effect, in the order they were made. */
    final List<PublishedPort> published;
    /** For each published port, the container address it leads to. */
    final List<IpAddress> targets;
    /** The host ports booked for them, to be released on revoke. */
    final List<AllocatedPort> booked;

    Extras(List<String> parentEndpoints, List<String> childEndpoints, Optional<List<ExposedPort>> exposedPorts,
        List<PublishedPort> published, List<IpAddress> targets, List<AllocatedPort> booked) {
      this.parentEndpoints = List.copyOf(parentEndpoints);
      this.childEndpoints = List.copyOf(childEndpoints);
      this.exposedPorts = exposedPorts.map(List::copyOf);
      this.published = List.copyOf(published);
      this.targets = List.copyOf(targets);
      this.booked = List.copyOf(booked);
    }
  }

  BridgeEndpoint(String id, String name, int veth, int peer, MacAddress macAddress,
      Optional<Subnet> ipv4Address, Optional<Subnet> ipv6Address) {
    this(id, name, veth, peer, macAddress, ipv4Address, ipv6Address, false, List.of(), List.of(),
        Optional.empty(), List.of(), List.of(), List.of());
  }

  private BridgeEndpoint(String id, String name, int veth, int peer, MacAddress macAddress,
      Optional<Subnet> ipv4Address, Optional<Subnet> ipv6Address, boolean joined,
      List<String> parentEndpoints, List<String> childEndpoints, Optional<List<ExposedPort>> exposedPorts,
      List<PublishedPort> published, List<IpAddress> targets, List<AllocatedPort> booked) {
    this.id = id;
    this.name = name;
    this.veth = veth;
    this.peer = peer;
    this.macAddress = macAddress;
    Subnet v4 = ipv4Address.orElse(null);
    if (v4 != null && !v4.isV4()) {
      throw new IllegalArgumentException("not an IPv4 address: " + v4);
    }
    this.ipv4Bits = v4 == null ? 0 : v4.address().v4Bits();
    this.ipv4Prefix = (byte) (v4 == null ? -1 : v4.prefixLength());
    this.ipv6Address = ipv6Address.orElse(null);
    this.joined = joined;
    this.programmed = exposedPorts.isPresent();
    boolean none = parentEndpoints.isEmpty() && childEndpoints.isEmpty()
        && exposedPorts.map(List::isEmpty).orElse(true)
        && published.isEmpty() && targets.isEmpty() && booked.isEmpty();
    this.extras = none ? null
        : new Extras(parentEndpoints, childEndpoints, exposedPorts, published, targets, booked);
  }

  /** {@return the endpoints (on this network) of the containers that link to this one ({@code --link})} */
  List<String> parentEndpoints() {
    return extras == null ? List.of() : extras.parentEndpoints;
  }

  /** {@return the endpoints (on this network) of the containers this one links to} */
  List<String> childEndpoints() {
    return extras == null ? List.of() : extras.childEndpoints;
  }

  /** {@return the bindings in effect, in the order they were made} */
  List<PublishedPort> published() {
    return extras == null ? List.of() : extras.published;
  }

  /** {@return for each published port, the container address it leads to} */
  List<IpAddress> targets() {
    return extras == null ? List.of() : extras.targets;
  }

  /** {@return the host ports booked for the bindings, to be released on revoke} */
  List<AllocatedPort> booked() {
    return extras == null ? List.of() : extras.booked;
  }

  Optional<Subnet> ipv4Address() {
    return ipv4Prefix < 0 ? Optional.empty() : Optional.of(Subnet.of(IpAddress.ofV4(ipv4Bits), ipv4Prefix));
  }

  Optional<Subnet> ipv6Address() {
    return Optional.ofNullable(ipv6Address);
  }

  /** {@return the container's exposed ports, known once external connectivity is programmed} */
  Optional<List<ExposedPort>> exposedPorts() {
    if (extras != null) {
      return extras.exposedPorts;
    }
    return programmed ? Optional.of(List.of()) : Optional.empty();
  }

  /** Joined with these link peers, or left (no peers). */
  BridgeEndpoint withJoin(boolean joined, List<String> parents, List<String> children) {
    return new BridgeEndpoint(id, name, veth, peer, macAddress, ipv4Address(), ipv6Address(), joined,
        parents, children, exposedPorts(), published(), targets(), booked());
  }

  /** Programmed with these exposed ports and bindings, or revoked ({@code exposed} empty). */
  BridgeEndpoint withExternalConnectivity(Optional<List<ExposedPort>> exposed, List<PublishedPort> published,
      List<IpAddress> targets, List<AllocatedPort> booked) {
    return new BridgeEndpoint(id, name, veth, peer, macAddress, ipv4Address(), ipv6Address(), joined,
        parentEndpoints(), childEndpoints(), exposed, published, targets, booked);
  }

  /** {@return the host end's name} */
  String vethName() {
    return VethName.text(veth);
  }

  /** {@return the container end's name} */
  String peerName() {
    return VethName.text(peer);
  }

  @Override
  public String toString() {
    return "BridgeEndpoint{" + id + ", " + vethName() + ", " + macAddress + (joined ? ", joined" : "") + "}";
  }
}
