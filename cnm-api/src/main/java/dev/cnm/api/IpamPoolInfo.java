package dev.cnm.api;

import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.Subnet;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One pool a network actually holds: the subnet IPAM gave it, the ip-range, the gateway and aux
 * addresses ({@code IPAM.Config[i]} of {@code docker network inspect}).
 *
 * <pre>{@code
 * IpamPoolInfo pool = engine.network("dev").ipamConfigs().get(0);
 * pool.subnet();  // 172.18.0.0/16
 * pool.gateway(); // Optional[172.18.0.1]
 * }</pre>
 */
@Value.Immutable
@CnmStyle
public abstract class IpamPoolInfo {
  IpamPoolInfo() {}

  /** {@return the pool} */
  public abstract Subnet subnet();

  /** {@return the sub-pool dynamic addresses come from, if one was asked for} */
  public abstract Optional<Subnet> ipRange();

  /** {@return the gateway; absent on networks whose driver takes no gateway} */
  public abstract Optional<IpAddress> gateway();

  /**
   * Reserved auxiliary addresses by name.
   *
   * @return the reserved auxiliary addresses, by name
   */
  public abstract Map<String, IpAddress> auxAddresses();

  /** {@return the IPAM pool id, {@code LocalDefault/172.18.0.0/16}} */
  public abstract String poolId();

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link IpamPoolInfo} values. */
  public static final class Builder extends ImmutableIpamPoolInfo.Builder {}
}
