package dev.cnm.core.internal.discovery;

import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.MacAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.spi.StaticRoute;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One running container's endpoint on one network, as the embedded DNS server and the data plane
 * see it: its DNS names (Docker 28's {@code DNSNames}), addresses, interface and the link aliases
 * only this container resolves ({@code alias -> target}, aliases lower-cased).
 *
 * <pre>{@code
 * DnsEndpoint ep = new DnsEndpoint("0123...", "web", "dev", List.of("web", "0123456789ab"),
 *     Optional.of(Subnet.parse("172.18.0.2/16")), Optional.empty(), Map.of(), "eth0",
 *     Optional.empty(), Optional.of(IpAddress.parse("172.18.0.1")), Optional.empty());
 * }</pre>
 *
 * @param containerId the container's 64-hex id
 * @param containerName the container's name without its slash
 * @param networkId the network's id
 * @param dnsNames the names registered on the network (empty on non-user-defined networks)
 * @param ipv4 the IPv4 address with its prefix
 * @param ipv6 the IPv6 address with its prefix
 * @param linkAliases user-defined-network link aliases of this endpoint, alias to target name
 * @param interfaceName the interface inside the sandbox ({@code eth0})
 * @param mac the MAC address
 * @param gateway the IPv4 gateway the driver offered
 * @param ipv6Gateway the IPv6 gateway the driver offered
 * @param staticRoutes the routes the driver added at join (ipvlan L3: a default route via the device)
 */
public record DnsEndpoint(String containerId, String containerName, String networkId, List<String> dnsNames,
    Optional<Subnet> ipv4, Optional<Subnet> ipv6, Map<String, String> linkAliases, String interfaceName,
    Optional<MacAddress> mac, Optional<IpAddress> gateway, Optional<IpAddress> ipv6Gateway,
    List<StaticRoute> staticRoutes) {

  /**
   * Copies the lists and maps.
   *
   * @param containerId the container's 64-hex id
   * @param containerName the container's name without its slash
   * @param networkId the network's id
   * @param dnsNames the names registered on the network (empty on non-user-defined networks)
   * @param ipv4 the IPv4 address with its prefix
   * @param ipv6 the IPv6 address with its prefix
   * @param linkAliases user-defined-network link aliases of this endpoint, alias to target name
   * @param interfaceName the interface inside the sandbox ({@code eth0})
   * @param mac the MAC address
   * @param gateway the IPv4 gateway the driver offered
   * @param ipv6Gateway the IPv6 gateway the driver offered
   * @param staticRoutes the routes the driver added at join
   */
  public DnsEndpoint {
    Objects.requireNonNull(containerId, "containerId");
    dnsNames = List.copyOf(dnsNames);
    linkAliases = Map.copyOf(linkAliases);
    staticRoutes = List.copyOf(staticRoutes);
  }

  /**
   * An endpoint without static routes.
   *
   * @param containerId the container's 64-hex id
   * @param containerName the container's name without its slash
   * @param networkId the network's id
   * @param dnsNames the names registered on the network (empty on non-user-defined networks)
   * @param ipv4 the IPv4 address with its prefix
   * @param ipv6 the IPv6 address with its prefix
   * @param linkAliases user-defined-network link aliases of this endpoint, alias to target name
   * @param interfaceName the interface inside the sandbox ({@code eth0})
   * @param mac the MAC address
   * @param gateway the IPv4 gateway the driver offered
   * @param ipv6Gateway the IPv6 gateway the driver offered
   */
  public DnsEndpoint(String containerId, String containerName, String networkId, List<String> dnsNames,
      Optional<Subnet> ipv4, Optional<Subnet> ipv6, Map<String, String> linkAliases, String interfaceName,
      Optional<MacAddress> mac, Optional<IpAddress> gateway, Optional<IpAddress> ipv6Gateway) {
    this(containerId, containerName, networkId, dnsNames, ipv4, ipv6, linkAliases, interfaceName, mac, gateway,
        ipv6Gateway, List.of());
  }

  /**
   * {@return whether the driver routed the IPv4 default ({@code 0.0.0.0/0}) through this endpoint's
   * interface}
   */
  public boolean hasDefaultRoute() {
    return staticRoutes.stream().anyMatch(r -> r.destination().isV4() && r.destination().prefixLength() == 0);
  }

  /** {@return the endpoint's addresses without prefix, IPv4 first} */
  public List<IpAddress> addresses() {
    java.util.ArrayList<IpAddress> out = new java.util.ArrayList<>(2);
    ipv4.ifPresent(s -> out.add(s.address()));
    ipv6.ifPresent(s -> out.add(s.address()));
    return out;
  }
}
