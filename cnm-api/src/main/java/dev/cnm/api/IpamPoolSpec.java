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

  /**
   * {@code --subnet}: the pool, as written (host bits are reported by the engine).
   *
   * @return the pool ({@code --subnet}) as written; the engine reports host bits
   */
  public abstract Optional<Subnet> subnet();

  /**
   * {@code --ip-range}: the sub-pool dynamic addresses come from.
   *
   * @return the sub-pool dynamic addresses come from ({@code --ip-range})
   */
  public abstract Optional<Subnet> ipRange();

  /**
   * {@code --gateway}.
   *
   * @return the gateway ({@code --gateway})
   */
  public abstract Optional<IpAddress> gateway();

  /**
   * {@code --aux-address name=ip}: addresses IPAM must never hand out.
   *
   * @return the addresses IPAM must never hand out ({@code --aux-address name=ip}), by name
   */
  public abstract Map<String, IpAddress> auxAddresses();

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@return a pool of the given subnet and nothing else}
   *
   * @param subnet the pool, as {@code --subnet} gives it
   */
  public static IpamPoolSpec ofSubnet(Subnet subnet) {
    return builder().subnet(subnet).build();
  }

  /** Builds {@link IpamPoolSpec} values. */
  public static final class Builder extends ImmutableIpamPoolSpec.Builder {}
}
