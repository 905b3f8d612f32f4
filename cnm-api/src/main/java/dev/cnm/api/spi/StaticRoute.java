package dev.cnm.api.spi;

import dev.cnm.api.CnmStyle;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.Subnet;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A route a driver adds to the sandbox at join (libnetwork's {@code StaticRoute}).
 *
 * <pre>{@code
 * StaticRoute.builder().destination(Subnet.parse("10.0.0.0/8"))
 *     .type(StaticRoute.Type.NEXT_HOP).nextHop(IpAddress.parse("10.0.0.1")).build();
 * }</pre>
 */
@Value.Immutable
@CnmStyle
public abstract class StaticRoute {
  /** Route types as libnetwork numbers them. */
  public enum Type {
    /** Via a next hop (0). */
    NEXT_HOP,
    /** Directly connected (1). */
    CONNECTED
  }

  StaticRoute() {}

  /** {@return the destination} */
  public abstract Subnet destination();

  /** {@return the route type} */
  public abstract Type type();

  /** {@return the next hop, for {@link Type#NEXT_HOP}} */
  public abstract Optional<IpAddress> nextHop();

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link StaticRoute} values. */
  public static final class Builder extends ImmutableStaticRoute.Builder {}
}
