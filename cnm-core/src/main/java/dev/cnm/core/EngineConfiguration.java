package dev.cnm.core;

import dev.cnm.api.CnmStyle;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.spi.DaemonSettings;
import dev.cnm.core.internal.discovery.HostFiles;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The daemon configuration an engine models ({@code dockerd} flags that shape networking), with
 * Docker's defaults: {@code --bip} and {@code --fixed-cidr} for the default bridge, and the
 * {@link DaemonSettings} drivers honour.
 *
 * <pre>{@code
 * EngineConfiguration config = EngineConfiguration.builder()
 *     .bip(Subnet.parse("10.200.0.1/24"))
 *     .daemon(DaemonSettings.builder().icc(false).build())
 *     .build();
 * Engine engine = Cnm.builder().configuration(config).build();
 * }</pre>
 */
@Value.Immutable
@CnmStyle
public abstract class EngineConfiguration {
  private static final EngineConfiguration DEFAULTS = builder().build();

  EngineConfiguration() {}

  /**
   * {@code --bip}: the default bridge's gateway address and prefix; the first free local pool if
   * empty.
   *
   * @return the default bridge's gateway address and prefix ({@code --bip}); when empty, the first
   *     free local pool
   */
  public abstract Optional<Subnet> bip();

  /**
   * {@code --fixed-cidr}: the sub-pool the default bridge hands addresses from.
   *
   * @return the sub-pool the default bridge hands addresses from ({@code --fixed-cidr})
   */
  public abstract Optional<Subnet> fixedCidr();

  /** {@return the first port of the ephemeral range ({@code ip_local_port_range}); 32768} */
  @Value.Default
  public int ephemeralPortBegin() {
    return 32768;
  }

  /** {@return the last port of the ephemeral range; 60999} */
  @Value.Default
  public int ephemeralPortEnd() {
    return 60999;
  }

  /** {@return the host's own address on {@code eth0}} */
  @Value.Default
  public Subnet hostAddress() {
    return Subnet.parse("192.168.1.10/24");
  }

  /**
   * {@return the host's own {@code /etc/hosts}, which host-mode containers copy; a typical Debian
   * host's}
   */
  @Value.Default
  public String hostEtcHosts() {
    return HostFiles.DEBIAN_HOSTS;
  }

  /**
   * {@return the host's own {@code /etc/resolv.conf}, whose name servers containers inherit;
   * {@code nameserver 192.168.1.1}}
   */
  @Value.Default
  public String hostResolvConf() {
    return HostFiles.DEFAULT_RESOLV_CONF;
  }

  /** {@return the settings drivers honour} */
  @Value.Default
  public DaemonSettings daemon() {
    return DaemonSettings.dockerDefaults();
  }

  /** {@return Docker's defaults} */
  public static EngineConfiguration dockerDefaults() {
    return DEFAULTS;
  }

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link EngineConfiguration} values. */
  public static final class Builder extends ImmutableEngineConfiguration.Builder {}
}
