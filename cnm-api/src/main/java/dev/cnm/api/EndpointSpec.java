package dev.cnm.api;

import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.MacAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * How a container wants to be attached to one network ({@code EndpointsConfig.<network>} of the
 * Engine API; {@code --network-alias}, {@code --ip}, {@code --link} and {@code --mac-address} on
 * the command line). A stopped container keeps it and gets its endpoint again on start.
 *
 * <pre>{@code
 * EndpointSpec spec = EndpointSpec.builder()
 *     .addAlias("search")
 *     .ipv4Address(IpAddress.parse("172.20.0.10"))
 *     .build();
 * }</pre>
 */
@Value.Immutable
@CnmStyle
public abstract class EndpointSpec {
  private static final EndpointSpec EMPTY = builder().build();

  EndpointSpec() {}

  /**
   * Network-scoped DNS aliases, in the order given.
   *
   * @return the network-scoped DNS aliases ({@code --network-alias}), in the order given
   */
  public abstract List<String> aliases();

  /**
   * Links on a user-defined network, {@code target:alias} (resolved only by this container).
   *
   * @return the links on a user-defined network, {@code target:alias}, which only this container
   *     resolves
   */
  public abstract List<String> links();

  /** {@return a static IPv4 address ({@code --ip})} */
  public abstract Optional<IpAddress> ipv4Address();

  /** {@return a static IPv6 address ({@code --ip6})} */
  public abstract Optional<IpAddress> ipv6Address();

  /**
   * {@return link-local addresses the endpoint also holds ({@code --link-local-ip}, {@code
   * IPAMConfig.LinkLocalIPs}); kept and shown, as dockerd keeps them}
   */
  public abstract List<IpAddress> linkLocalIps();

  /** {@return a fixed MAC address ({@code --mac-address})} */
  public abstract Optional<MacAddress> macAddress();

  /**
   * {@code GwPriority}: the higher, the likelier this network provides the default route.
   *
   * @return the gateway priority ({@code GwPriority}): the higher, the likelier this network
   *     provides the default route
   */
  @Value.Default
  public int gwPriority() {
    return 0;
  }

  /**
   * Driver options for this endpoint.
   *
   * @return the driver options for this endpoint
   */
  public abstract Map<String, String> driverOptions();

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return no alias, no static address, no link} */
  public static EndpointSpec empty() {
    return EMPTY;
  }

  /** Builds {@link EndpointSpec} values. */
  public static final class Builder extends ImmutableEndpointSpec.Builder {}
}
