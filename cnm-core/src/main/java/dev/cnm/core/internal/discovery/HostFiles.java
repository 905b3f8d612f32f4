package dev.cnm.core.internal.discovery;

import java.util.Objects;

/**
 * The host's own {@code /etc/hosts} and {@code /etc/resolv.conf}, which containers in host mode
 * copy and whose name servers the others inherit.
 *
 * <pre>{@code
 * HostFiles host = new HostFiles(HostFiles.DEBIAN_HOSTS, "nameserver 10.0.0.2\n");
 * }</pre>
 *
 * @param hosts the host's {@code /etc/hosts}
 * @param resolvConf the host's {@code /etc/resolv.conf}
 */
public record HostFiles(String hosts, String resolvConf) {
  /** A typical Debian host's {@code /etc/hosts}. */
  public static final String DEBIAN_HOSTS = "127.0.0.1\tlocalhost\n"
      + "127.0.1.1\tdocker-host\n"
      + "\n"
      + "# The following lines are desirable for IPv6 capable hosts\n"
      + "::1     localhost ip6-localhost ip6-loopback\n"
      + "ff02::1 ip6-allnodes\n"
      + "ff02::2 ip6-allrouters\n";

  /** A typical home-network host's {@code /etc/resolv.conf}. */
  public static final String DEFAULT_RESOLV_CONF = "nameserver 192.168.1.1\n";

  /**
   * Checks for null.
   *
   * @param hosts the host's {@code /etc/hosts}
   * @param resolvConf the host's {@code /etc/resolv.conf}
   */
  public HostFiles {
    Objects.requireNonNull(hosts, "hosts");
    Objects.requireNonNull(resolvConf, "resolvConf");
  }

  /** {@return the defaults: {@link #DEBIAN_HOSTS} and {@link #DEFAULT_RESOLV_CONF}} */
  public static HostFiles debian() {
    return new HostFiles(DEBIAN_HOSTS, DEFAULT_RESOLV_CONF);
  }
}
