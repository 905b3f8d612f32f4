package dev.cnm.api;

import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.Subnet;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One entry of a network's IPAM configuration, as {@code --subnet}, {@code --ip-range},
 * {@code --gateway} and {@code --aux-address} give it (Docker's {@code IPAMConfig}). Every field
 * is optional: an empty entry asks IPAM for a predefined pool.
 *
 * <pre>{@code
 * IpamPoolSpec pool = IpamPoolSpec.builder()
 *     .subnet(Subnet.parse("172.28.0.0/16"))
 *     .ipRange(Subnet.parse("172.28.5.0/24"))
 *     .gateway(IpAddress.parse("172.28.5.254"))
 *     .putAuxAddress("host1", IpAddress.parse("172.28.1.5"))
 *     .build();
 * }</pre>
 */
@Value.Immutable
@CnmStyle
public abstract class IpamPoolSpec {
  IpamPoolSpec() {}

  /** {@code --subnet}: the pool, as written (host bits are reported by the engine). */
  public abstract Optional<Subnet> subnet();

  /** {@code --ip-range}: the sub-pool dynamic addresses come from. */
  public abstract Optional<Subnet> ipRange();

  /** {@code --gateway}. */
  public abstract Optional<IpAddress> gateway();

  /** {@code --aux-address name=ip}: addresses IPAM must never hand out. */
  public abstract Map<String, IpAddress> auxAddresses();

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A pool of the given subnet and nothing else. */
  public static IpamPoolSpec ofSubnet(Subnet subnet) {
    return builder().subnet(subnet).build();
  }

  /** Builds {@link IpamPoolSpec} values. */
  public static final class Builder extends ImmutableIpamPoolSpec.Builder {}
}
