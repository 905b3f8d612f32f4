package dev.cnm.api.spi;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.Scope;

/**
 * What a network driver declares about itself (libnetwork's {@code driverapi.Capability}): where
 * its networks' state lives ({@linkplain #dataScope() data scope}) and how far they reach
 * ({@linkplain #connectivityScope() connectivity scope}).
 *
 * <pre>{@code
 * DriverCapability.of(Scope.LOCAL, Scope.LOCAL);   // bridge
 * DriverCapability.of(Scope.GLOBAL, Scope.GLOBAL); // overlay
 * DriverCapability.of(Scope.LOCAL, Scope.GLOBAL);  // macvlan
 * }</pre>
 */
public final class DriverCapability {
  private final Scope dataScope;
  private final Scope connectivityScope;

  private DriverCapability(Scope dataScope, Scope connectivityScope) {
    this.dataScope = dataScope;
    this.connectivityScope = connectivityScope;
  }

  /**
   * {@return a capability with the given scopes}
   *
   * @param dataScope where the driver's networks' state lives
   * @param connectivityScope whether the driver's networks span hosts
   */
  public static DriverCapability of(Scope dataScope, Scope connectivityScope) {
    return new DriverCapability(requireNonNull(dataScope, "dataScope"), requireNonNull(connectivityScope, "connectivityScope"));
  }

  /**
   * Local data, local connectivity.
   *
   * @return the capability with local data and local connectivity, that of the bridge driver
   */
  public static DriverCapability local() {
    return of(Scope.LOCAL, Scope.LOCAL);
  }

  /** {@return where the driver's networks' state lives; the network's scope unless overridden} */
  public Scope dataScope() {
    return dataScope;
  }

  /** {@return whether the driver's networks span hosts} */
  public Scope connectivityScope() {
    return connectivityScope;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DriverCapability
        && ((DriverCapability) o).dataScope == dataScope
        && ((DriverCapability) o).connectivityScope == connectivityScope;
  }

  @Override
  public int hashCode() {
    return dataScope.hashCode() * 31 + connectivityScope.hashCode();
  }

  @Override
  public String toString() {
    return "DriverCapability{dataScope=" + dataScope + ", connectivityScope=" + connectivityScope + "}";
  }
}
