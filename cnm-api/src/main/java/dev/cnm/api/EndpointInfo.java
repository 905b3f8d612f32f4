package dev.cnm.api;

import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.MacAddress;
import dev.cnm.api.net.Subnet;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A running container's attachment to one network: its id, addresses, MAC, gateway, aliases and
 * DNS names. Endpoints exist only while their container runs.
 *
 * <pre>{@code
 * EndpointInfo ep = engine.container("search").endpoint("dev").orElseThrow();
 * ep.ipv4Address(); // Optional[172.18.0.2/16]
 * ep.dnsNames();    // [search, 8c7b88e37af1]
 * }</pre>
 */
@Value.Immutable
@CnmStyle
public abstract class EndpointInfo {
  EndpointInfo() {}

  /** {@return the 64-hex endpoint id} */
  public abstract String id();

  /** {@return the endpoint name: the container name without its slash} */
  public abstract String name();

  /** {@return the 64-hex id of the container} */
  public abstract String containerId();

  /** {@return the 64-hex id of the network} */
  public abstract String networkId();

  /** {@return the network's name} */
  public abstract String networkName();

  /** {@return the IPv4 address with the pool's prefix length} */
  public abstract Optional<Subnet> ipv4Address();

  /** {@return the IPv6 address with the pool's prefix length} */
  public abstract Optional<Subnet> ipv6Address();

  /** {@return the MAC address, if the driver assigned one} */
  public abstract Optional<MacAddress> macAddress();

  /** {@return the IPv4 gateway the driver set at join} */
  public abstract Optional<IpAddress> gateway();

  /** {@return the IPv6 gateway the driver set at join} */
  public abstract Optional<IpAddress> ipv6Gateway();

  /** {@return the network-scoped aliases the container asked for} */
  public abstract List<String> aliases();

  /** {@return the names this endpoint answers to on the network's DNS, in Docker's order} */
  public abstract List<String> dnsNames();

  /** {@return the container-side interface name ({@code eth0}, {@code eth1}, ...)} */
  public abstract String interfaceName();

  /** {@return the gateway priority} */
  @Value.Default
  public int gwPriority() {
    return 0;
  }

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link EndpointInfo} values. */
  public static final class Builder extends ImmutableEndpointInfo.Builder {}
}
