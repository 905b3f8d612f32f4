package dev.cnm.api.spi;

import dev.cnm.api.CnmStyle;
import dev.cnm.api.net.Subnet;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One pool IPAM gave a network, as the driver receives it at network creation (libnetwork's
 * {@code IPAMData}): the address space, the pool, the gateway and the aux addresses, each
 * address with the pool's prefix length.
 *
 * <pre>{@code
 * IpamData v4 = request.ipv4Data().get(0);
 * v4.pool();    // 172.18.0.0/16
 * v4.gateway(); // Optional[172.18.0.1/16]
 * }</pre>
 */
@Value.Immutable
@CnmStyle
public abstract class IpamData {
  IpamData() {}

  /** {@return the address space, {@code LocalDefault} or {@code GlobalDefault}} */
  public abstract String addressSpace();

  /** {@return the pool} */
  public abstract Subnet pool();

  /** {@return the gateway with the pool's prefix length} */
  public abstract Optional<Subnet> gateway();

  /**
   * Aux addresses by name, with the pool's prefix length.
   *
   * @return the auxiliary addresses by name, with the pool's prefix length
   */
  public abstract Map<String, Subnet> auxAddresses();

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link IpamData} values. */
  public static final class Builder extends ImmutableIpamData.Builder {}
}
