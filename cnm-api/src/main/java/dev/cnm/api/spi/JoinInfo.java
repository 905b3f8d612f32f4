package dev.cnm.api.spi;

import dev.cnm.api.CnmStyle;
import dev.cnm.api.net.IpAddress;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What a driver answers to {@link NetworkDriver#join} (libnetwork's {@code JoinInfo}): the
 * host-side interface name, the prefix of the container-side name, the gateways, static routes,
 * and whether the endpoint refuses to provide the default gateway.
 *
 * <pre>{@code
 * JoinInfo.builder().interfaceSourceName("veth1a2b3c4").gateway(IpAddress.parse("172.18.0.1")).build();
 * }</pre>
 */
@Value.Immutable
@CnmStyle
public abstract class JoinInfo {
  private static final JoinInfo NONE = builder().build();

  JoinInfo() {}

  /** {@return the host side of the interface (a veth name), empty for drivers without one} */
  @Value.Default
  public String interfaceSourceName() {
    return "";
  }

  /**
   * {@return the container-side name prefix; the engine appends the index ({@code eth} gives eth0,
   * eth1)}
   */
  @Value.Default
  public String interfaceDestinationPrefix() {
    return "eth";
  }

  /** {@return the IPv4 default gateway this endpoint offers} */
  public abstract Optional<IpAddress> gateway();

  /** {@return the IPv6 default gateway this endpoint offers} */
  public abstract Optional<IpAddress> ipv6Gateway();

  /**
   * Routes to add in the sandbox.
   *
   * @return the routes to add in the sandbox
   */
  public abstract List<StaticRoute> staticRoutes();

  /** {@return whether the endpoint must not provide the default gateway service} */
  @Value.Default
  public boolean disableGatewayService() {
    return false;
  }

  /** {@return a join with no interface and no gateway (host and null drivers)} */
  public static JoinInfo none() {
    return NONE;
  }

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link JoinInfo} values. */
  public static final class Builder extends ImmutableJoinInfo.Builder {}
}
