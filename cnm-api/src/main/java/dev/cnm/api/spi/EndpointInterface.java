package dev.cnm.api.spi;

import dev.cnm.api.CnmStyle;
import dev.cnm.api.net.MacAddress;
import dev.cnm.api.net.Subnet;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * An endpoint's interface (libnetwork's {@code InterfaceInfo}): the addresses IPAM assigned and
 * the MAC address. The engine passes what it knows to {@link NetworkDriver#createEndpoint}; the
 * driver returns it completed (for example with a generated MAC). A value already set must not be
 * changed by the driver.
 *
 * <pre>{@code
 * return iface.macAddress().isPresent()
 *     ? iface
 *     : iface.withMacAddress(MacAddress.randomLocallyAdministered(context.random()));
 * }</pre>
 */
@Value.Immutable
@CnmStyle
public abstract class EndpointInterface {
  EndpointInterface() {}

  /** {@return the IPv4 address with its prefix length} */
  public abstract Optional<Subnet> ipv4Address();

  /** {@return the IPv6 address with its prefix length} */
  public abstract Optional<Subnet> ipv6Address();

  /** {@return the MAC address} */
  public abstract Optional<MacAddress> macAddress();

  /**
   * {@return this interface with the MAC address set}
   *
   * @param mac the MAC address
   */
  public EndpointInterface withMacAddress(MacAddress mac) {
    return builder().from(this).macAddress(mac).build();
  }

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link EndpointInterface} values. */
  public static final class Builder extends ImmutableEndpointInterface.Builder {}
}
