package dev.cnm.api.ipam;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.net.Subnet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
public final class PoolRequest {
  private final String addressSpace;
  private final Optional<Subnet> pool;
  private final Optional<Subnet> subPool;
  private final Map<String, String> options;
  private final boolean v6;
  private final List<Subnet> exclude;

  private PoolRequest(Builder b) {
    this.addressSpace = requireNonNull(b.addressSpace, "addressSpace");
    this.pool = Optional.ofNullable(b.pool);
    this.subPool = Optional.ofNullable(b.subPool);
    this.options = Map.copyOf(b.options);
    this.v6 = b.v6;
    this.exclude = List.copyOf(b.exclude);
  }

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
  public String addressSpace() {
    return addressSpace;
  }

  /** {@return the exact prefix wanted ({@code --subnet}); empty for "pick a predefined one"} */
  public Optional<Subnet> pool() {
    return pool;
  }

  /** {@return the part of the pool dynamic addresses come from ({@code --ip-range})} */
  public Optional<Subnet> subPool() {
    return subPool;
  }

  /**
   * Driver options ({@code --ipam-opt}).
   *
   * @return the driver options ({@code --ipam-opt})
   */
  public Map<String, String> options() {
    return options;
  }

  /** {@return whether an IPv6 pool is wanted when none is given} */
  public boolean v6() {
    return v6;
  }

  /**
   * Prefixes a predefined pick must not overlap (host routes and the like).
   *
   * @return the prefixes a predefined pick must not overlap (host routes and the like)
   */
  public List<Subnet> exclude() {
    return exclude;
  }

  /** {@return a builder holding this request's values} */
  public Builder toBuilder() {
    Builder b = new Builder().addressSpace(addressSpace).options(options).v6(v6).exclude(exclude);
    pool.ifPresent(b::pool);
    subPool.ifPresent(b::subPool);
    return b;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof PoolRequest)) {
      return false;
    }
    PoolRequest r = (PoolRequest) o;
    return r.addressSpace.equals(addressSpace) && r.pool.equals(pool) && r.subPool.equals(subPool)
        && r.options.equals(options) && r.v6 == v6 && r.exclude.equals(exclude);
  }

  @Override
  public int hashCode() {
    int h = addressSpace.hashCode();
    h = h * 31 + pool.hashCode();
    h = h * 31 + subPool.hashCode();
    h = h * 31 + options.hashCode();
    h = h * 31 + Boolean.hashCode(v6);
    return h * 31 + exclude.hashCode();
  }

  @Override
  public String toString() {
    return "PoolRequest{addressSpace=" + addressSpace + ", pool=" + pool.map(Subnet::toString).orElse("")
        + ", subPool=" + subPool.map(Subnet::toString).orElse("") + ", options=" + options + ", v6=" + v6
        + ", exclude=" + exclude + "}";
  }

  /**
   * Builds a {@link PoolRequest}.
   *
   * <pre>{@code
   * PoolRequest r = PoolRequest.builder().addressSpace("GlobalDefault").v6(true).build();
   * }</pre>
   */
  public static final class Builder {
    private String addressSpace;
    private Subnet pool;
    private Subnet subPool;
    private final Map<String, String> options = new LinkedHashMap<>();
    private boolean v6;
    private final List<Subnet> exclude = new ArrayList<>();

    private Builder() {}

    /**
     * Sets the address space.
     *
     * @param addressSpace the address space, such as {@code LocalDefault}
     * @return this builder
     */
    public Builder addressSpace(String addressSpace) {
      this.addressSpace = requireNonNull(addressSpace, "addressSpace");
      return this;
    }

    /**
     * Sets the exact pool wanted.
     *
     * @param pool the pool wanted
     * @return this builder
     */
    public Builder pool(Subnet pool) {
      this.pool = requireNonNull(pool, "pool");
      return this;
    }

    /**
     * Sets the pool, or clears it when empty.
     *
     * @param pool the pool wanted, or empty for a predefined one
     * @return this builder
     */
    public Builder pool(Optional<Subnet> pool) {
      this.pool = pool.orElse(null);
      return this;
    }

    /**
     * Sets the sub-pool.
     *
     * @param subPool the range dynamic addresses come from ({@code --ip-range}), inside the pool
     * @return this builder
     */
    public Builder subPool(Subnet subPool) {
      this.subPool = requireNonNull(subPool, "subPool");
      return this;
    }

    /**
     * Sets the sub-pool, or clears it when empty.
     *
     * @param subPool the range dynamic addresses come from, or empty for the whole pool
     * @return this builder
     */
    public Builder subPool(Optional<Subnet> subPool) {
      this.subPool = subPool.orElse(null);
      return this;
    }

    /**
     * Replaces the options.
     *
     * @param options the driver options, replacing any set before
     * @return this builder
     */
    public Builder options(Map<String, String> options) {
      this.options.clear();
      this.options.putAll(options);
      return this;
    }

    /**
     * Adds one option.
     *
     * @param key the option's name
     * @param value the option's value
     * @return this builder
     */
    public Builder putOption(String key, String value) {
      this.options.put(requireNonNull(key, "key"), requireNonNull(value, "value"));
      return this;
    }

    /**
     * Sets the family of a predefined pick.
     *
     * @param v6 whether a predefined pick is an IPv6 pool
     * @return this builder
     */
    public Builder v6(boolean v6) {
      this.v6 = v6;
      return this;
    }

    /**
     * Replaces the excluded prefixes.
     *
     * @param exclude the prefixes a predefined pick must not overlap, replacing any set before
     * @return this builder
     */
    public Builder exclude(List<Subnet> exclude) {
      this.exclude.clear();
      exclude.forEach(this::addExclude);
      return this;
    }

    /**
     * Adds one excluded prefix.
     *
     * @param prefix a prefix a predefined pick must not overlap
     * @return this builder
     */
    public Builder addExclude(Subnet prefix) {
      this.exclude.add(requireNonNull(prefix, "prefix"));
      return this;
    }

    /**
     * Builds the request.
     *
     * @return the request
     * @throws NullPointerException if no address space was set
     */
    public PoolRequest build() {
      return new PoolRequest(this);
    }
  }
}
