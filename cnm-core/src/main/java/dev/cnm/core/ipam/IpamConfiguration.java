package dev.cnm.core.ipam;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.net.Subnet;
import java.util.ArrayList;
import java.util.List;

/**
 * The predefined pools of the {@link DefaultIpamDriver}: the local ones (the daemon's {@code
 * default-address-pools}) and the global ones (swarm's). {@link #dockerDefaults()} is Docker's
 * list: 31 local subnets and 65,536 global /24s.
 *
 * <pre>{@code
 * IpamConfiguration c = IpamConfiguration.dockerDefaults().toBuilder()
 *     .localPools(List.of(DefaultAddressPool.of(Subnet.parse("10.10.0.0/16"), 24)))
 *     .build();
 * DefaultIpamDriver ipam = DefaultIpamDriver.create(c);
 * }</pre>
 */
public final class IpamConfiguration {
  private static final IpamConfiguration DOCKER_DEFAULTS = builder()
      .addLocalPool(pool("172.17.0.0/16", 16))
      .addLocalPool(pool("172.18.0.0/16", 16))
      .addLocalPool(pool("172.19.0.0/16", 16))
      .addLocalPool(pool("172.20.0.0/14", 16))
      .addLocalPool(pool("172.24.0.0/14", 16))
      .addLocalPool(pool("172.28.0.0/14", 16))
      .addLocalPool(pool("192.168.0.0/16", 20))
      .addGlobalPool(pool("10.0.0.0/8", 24))
      .build();

  private final List<DefaultAddressPool> localPools;
  private final List<DefaultAddressPool> globalPools;

  private IpamConfiguration(Builder b) {
    this.localPools = List.copyOf(b.localPools);
    this.globalPools = List.copyOf(b.globalPools);
  }

  private static DefaultAddressPool pool(String base, int size) {
    return DefaultAddressPool.of(Subnet.parse(base), size);
  }

  /**
   * Docker Engine's defaults (ipamutils): the local /16s and /20s, and 10.0.0.0/8 in /24s.
   *
   * @return Docker Engine's defaults (ipamutils): the local /16s and /20s, and 10.0.0.0/8 in /24s
   */
  public static IpamConfiguration dockerDefaults() {
    return DOCKER_DEFAULTS;
  }

  /**
   * Docker Engine 27+'s defaults for a host: {@link #dockerDefaults()} plus the host-unique IPv6
   * ULA pool ({@link DefaultAddressPool#derivedUla}), so IPv6 networks get subnets
   * automatically.
   *
   * @param hostId the host's id, which the ULA pool is derived from
   * @return Docker Engine 27+'s defaults for the host {@code hostId}
   */
  public static IpamConfiguration dockerDefaults(String hostId) {
    return DOCKER_DEFAULTS.toBuilder().addDerivedUlaPool(hostId).build();
  }

  /** {@return an empty builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the predefined pools of the {@code LocalDefault} space, in the order given} */
  public List<DefaultAddressPool> localPools() {
    return localPools;
  }

  /** {@return the predefined pools of the {@code GlobalDefault} space, in the order given} */
  public List<DefaultAddressPool> globalPools() {
    return globalPools;
  }

  /** {@return a builder holding these pools} */
  public Builder toBuilder() {
    return builder().localPools(localPools).globalPools(globalPools);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpamConfiguration && ((IpamConfiguration) o).localPools.equals(localPools)
        && ((IpamConfiguration) o).globalPools.equals(globalPools);
  }

  @Override
  public int hashCode() {
    return localPools.hashCode() * 31 + globalPools.hashCode();
  }

  @Override
  public String toString() {
    return "IpamConfiguration{local=" + localPools + ", global=" + globalPools + "}";
  }

  /**
   * Builds an {@link IpamConfiguration}.
   *
   * <pre>{@code
   * IpamConfiguration c = IpamConfiguration.builder()
   *     .addLocalPool(DefaultAddressPool.of(Subnet.parse("10.10.0.0/16"), 24))
   *     .build();
   * }</pre>
   */
  public static final class Builder {
    private final List<DefaultAddressPool> localPools = new ArrayList<>();
    private final List<DefaultAddressPool> globalPools = new ArrayList<>();

    private Builder() {}

    /**
     * Replaces the local pools ({@code default-address-pools}).
     *
     * @param pools the pools, in the order they are tried
     * @return this builder
     */
    public Builder localPools(List<DefaultAddressPool> pools) {
      localPools.clear();
      pools.forEach(this::addLocalPool);
      return this;
    }

    /**
     * Adds a local pool.
     *
     * @param pool the pool, tried after those added before
     * @return this builder
     */
    public Builder addLocalPool(DefaultAddressPool pool) {
      localPools.add(requireNonNull(pool, "pool"));
      return this;
    }

    /**
     * Replaces the global pools.
     *
     * @param pools the pools, in the order they are tried
     * @return this builder
     */
    public Builder globalPools(List<DefaultAddressPool> pools) {
      globalPools.clear();
      pools.forEach(this::addGlobalPool);
      return this;
    }

    /**
     * Adds a global pool.
     *
     * @param pool the pool, tried after those added before
     * @return this builder
     */
    public Builder addGlobalPool(DefaultAddressPool pool) {
      globalPools.add(requireNonNull(pool, "pool"));
      return this;
    }

    /**
     * Appends the host-unique IPv6 ULA pool to the local pools unless they already contain an
     * IPv6 base, as the Docker 27+ daemon does with {@code default-address-pools}.
     *
     * @param hostId the host's id, which the ULA pool is derived from
     * @return this builder
     */
    public Builder addDerivedUlaPool(String hostId) {
      if (localPools.stream().noneMatch(p -> p.base().isV6())) {
        localPools.add(DefaultAddressPool.derivedUla(hostId));
      }
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @return the configuration
     */
    public IpamConfiguration build() {
      return new IpamConfiguration(this);
    }
  }
}
