package dev.cnm.api.spi;

import dev.cnm.api.CnmStyle;
import dev.cnm.api.net.IpAddress;
import org.immutables.value.Value;

/**
 * The daemon-wide settings drivers honour ({@code dockerd --icc --ip-masq --ip --mtu
 * --userland-proxy}), with Docker's defaults.
 *
 * <pre>{@code
 * DaemonSettings s = DaemonSettings.dockerDefaults();
 * s.icc();            // true
 * s.defaultBindIp();  // 0.0.0.0
 * DaemonSettings noIcc = DaemonSettings.builder().from(s).icc(false).build();
 * }</pre>
 */
@Value.Immutable
@CnmStyle
public abstract class DaemonSettings {
  private static final DaemonSettings DEFAULTS = builder().build();

  DaemonSettings() {}

  /**
   * {@code --icc}: inter-container communication on the default bridge; true.
   *
   * @return whether containers on the default bridge may talk to each other ({@code --icc}); true
   *     by default
   */
  @Value.Default
  public boolean icc() {
    return true;
  }

  /**
   * {@code --ip-masq}: masquerade outgoing traffic of bridge networks; true.
   *
   * @return whether bridge networks masquerade outgoing traffic ({@code --ip-masq}); true by
   *     default
   */
  @Value.Default
  public boolean ipMasquerade() {
    return true;
  }

  /**
   * {@code --ip}: the host address published ports bind to when none is given; 0.0.0.0.
   *
   * @return the host address published ports bind to when a binding names none ({@code --ip});
   *     {@code 0.0.0.0} by default
   */
  @Value.Default
  public IpAddress defaultBindIp() {
    return IpAddress.ANY_V4;
  }

  /**
   * {@code --mtu}: the MTU of bridge networks; 1500.
   *
   * @return the MTU of bridge networks ({@code --mtu}); 1500 by default
   */
  @Value.Default
  public int mtu() {
    return 1500;
  }

  /**
   * {@code --userland-proxy}: true.
   *
   * @return whether published ports go through the userland proxy ({@code --userland-proxy}); true
   *     by default
   */
  @Value.Default
  public boolean userlandProxy() {
    return true;
  }

  /** {@return Docker's defaults} */
  public static DaemonSettings dockerDefaults() {
    return DEFAULTS;
  }

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link DaemonSettings} values. */
  public static final class Builder extends ImmutableDaemonSettings.Builder {}
}
