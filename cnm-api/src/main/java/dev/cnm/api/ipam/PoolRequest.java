package dev.cnm.api.ipam;

import dev.cnm.api.CnmStyle;
import dev.cnm.api.net.Subnet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A request for an address pool ({@code ipamapi.PoolRequest}). Without a {@linkplain #pool()
 * pool} the driver picks a predefined one of its address space, avoiding {@linkplain #exclude()
 * excluded} prefixes; with a pool it reserves exactly that prefix, and a {@linkplain #subPool()
 * sub-pool} ({@code --ip-range}) confines dynamic addresses to a part of it.
 *
 * <pre>{@code
 * PoolRequest any = PoolRequest.of("LocalDefault");
 * PoolRequest fixed = PoolRequest.builder()
 *     .addressSpace("LocalDefault")
 *     .pool(Subnet.parse("10.1.0.0/16"))
 *     .subPool(Subnet.parse("10.1.1.0/24"))
 *     .build();
 * }</pre>
 */
@Value.Immutable
@CnmStyle
public abstract class PoolRequest {
  PoolRequest() {}

  /** {@return a new builder; {@code addressSpace} is required} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@return a request for any predefined IPv4 pool of the address space}
   *
   * @param addressSpace the address space, such as {@code LocalDefault}
   */
  public static PoolRequest of(String addressSpace) {
    return builder().addressSpace(addressSpace).build();
  }

  /**
   * {@return a request for exactly {@code pool} in the address space (its family sets
   * {@link #v6()})}
   *
   * @param addressSpace the address space, such as {@code LocalDefault}
   * @param pool the pool wanted
   */
  public static PoolRequest of(String addressSpace, Subnet pool) {
    return builder().addressSpace(addressSpace).pool(pool).v6(pool.isV6()).build();
  }

  /** {@return the address space to allocate in, for example {@code LocalDefault}} */
  public abstract String addressSpace();

  /** {@return the exact prefix wanted ({@code --subnet}); empty for "pick a predefined one"} */
  public abstract Optional<Subnet> pool();

  /** {@return the part of the pool dynamic addresses come from ({@code --ip-range})} */
  public abstract Optional<Subnet> subPool();

  /** {@return the driver options ({@code --ipam-opt})} */
  public abstract Map<String, String> options();

  /** {@return whether an IPv6 pool is wanted when none is given} */
  @Value.Default
  public boolean v6() {
    return false;
  }

  /** {@return the prefixes a predefined pick must not overlap (host routes and the like)} */
  public abstract List<Subnet> exclude();

  /** {@return a builder holding this request's values} */
  public Builder toBuilder() {
    return builder().from(this);
  }

  /**
   * Builds a {@link PoolRequest}; {@link #build()} throws {@link IllegalStateException} naming
   * the address space when none was set.
   *
   * <pre>{@code
   * PoolRequest r = PoolRequest.builder().addressSpace("GlobalDefault").v6(true).build();
   * }</pre>
   */
  public static final class Builder extends ImmutablePoolRequest.Builder {}
}
