package dev.cnm.core.json;

import static java.util.Objects.requireNonNull;

/**
 * One host side of a port, as Docker's {@code nat.PortBinding} shows it: {@code {"HostIp":
 * "0.0.0.0", "HostPort": "8080"}}. In {@code HostConfig.PortBindings} it is what was asked for
 * ({@code HostIp} and {@code HostPort} may be empty); in {@code NetworkSettings.Ports} it is what
 * was bound.
 *
 * <pre>{@code
 * HostBinding.of("", "8080");        // -p 8080:80 as requested
 * HostBinding.of("0.0.0.0", "8080"); // as published
 * }</pre>
 *
 * @param hostIp the host address, or empty for every address
 * @param hostPort the host port as a decimal string, or empty for an ephemeral one
 */
public record HostBinding(String hostIp, String hostPort) {
  /**
   * Checks that neither part is null.
   *
   * @param hostIp the host address, or empty for every address
   * @param hostPort the host port as a decimal string, or empty for an ephemeral one
   */
  public HostBinding {
    requireNonNull(hostIp, "hostIp");
    requireNonNull(hostPort, "hostPort");
  }

  /**
   * {@return a binding of {@code hostIp} and {@code hostPort}}
   *
   * @param hostIp the host address, or empty for every address
   * @param hostPort the host port as a decimal string, or empty for an ephemeral one
   */
  public static HostBinding of(String hostIp, String hostPort) {
    return new HostBinding(hostIp, hostPort);
  }
}
