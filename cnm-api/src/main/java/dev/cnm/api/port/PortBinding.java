package dev.cnm.api.port;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.cnm.api.net.IpAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * What a user asked to publish for one container port (one entry of {@code HostConfig.PortBindings}):
 * an optional host IP and a host port request.
 *
 * <ul>
 *   <li>{@code 0-0}: any free port of the ephemeral range ({@code -p 80}, {@code -P});
 *   <li>{@code p-p}: exactly host port {@code p} ({@code -p 8080:80});
 *   <li>{@code a-b}: any free port in {@code a..b} ({@code -p 8000-8010:80}).
 * </ul>
 *
 * <p>A start of 0 with a non-zero end is kept as written: the port allocator refuses it with {@code
 * invalid port range: 0-<end>}, as Docker's does.
 *
 * <pre>{@code
 * PortBinding b = PortBinding.of(ExposedPort.tcp(80), IpAddress.parse("127.0.0.1"), 8080);
 * b.isEphemeral();           // false
 * b.hostPortText();          // "8080"
 * PortBinding.ephemeral(ExposedPort.tcp(80)).hostPortText(); // ""
 * }</pre>
 */
public final class PortBinding {
  private final ExposedPort containerPort;
  private final IpAddress hostIp; // nullable: no host IP given
  private final int hostPortStart;
  private final int hostPortEnd;

  private PortBinding(ExposedPort containerPort, IpAddress hostIp, int hostPortStart, int hostPortEnd) {
    this.containerPort = requireNonNull(containerPort, "containerPort");
    this.hostIp = hostIp;
    checkArgument(hostPortStart >= 0 && hostPortEnd <= 65535 && hostPortStart <= hostPortEnd,
        "host port range %s-%s is not within 0-65535 or ends before it starts", hostPortStart, hostPortEnd);
    this.hostPortStart = hostPortStart;
    this.hostPortEnd = hostPortEnd;
  }

  /**
   * {@return a binding of {@code containerPort} to host ports {@code start..end} on {@code hostIp}
   * (empty: the network's default binding IP)}
   *
   * @param containerPort the container's port
   * @param hostIp the host address, or empty for the network's default binding address
   * @param start the first acceptable host port; 0 with {@code end} 0 for an ephemeral port
   * @param end the last acceptable host port
   */
  public static PortBinding of(ExposedPort containerPort, Optional<IpAddress> hostIp, int start, int end) {
    return new PortBinding(containerPort, requireNonNull(hostIp, "hostIp").orElse(null), start, end);
  }

  /**
   * {@return a binding of {@code containerPort} to the fixed host port {@code hostPort} on
   * {@code hostIp}}
   *
   * @param containerPort the container's port
   * @param hostIp the host address
   * @param hostPort the host port, 1 to 65535
   */
  public static PortBinding of(ExposedPort containerPort, IpAddress hostIp, int hostPort) {
    return new PortBinding(containerPort, requireNonNull(hostIp, "hostIp"), hostPort, hostPort);
  }

  /**
   * {@return a binding of {@code containerPort} to the fixed host port {@code hostPort}, any host
   * IP}
   *
   * @param containerPort the container's port
   * @param hostPort the host port, 1 to 65535
   */
  public static PortBinding of(ExposedPort containerPort, int hostPort) {
    return new PortBinding(containerPort, null, hostPort, hostPort);
  }

  /**
   * {@return a binding of {@code containerPort} to an ephemeral host port, any host IP}
   *
   * @param containerPort the container's port
   */
  public static PortBinding ephemeral(ExposedPort containerPort) {
    return new PortBinding(containerPort, null, 0, 0);
  }

  /** {@return the container port} */
  public ExposedPort containerPort() {
    return containerPort;
  }

  /** {@return the host IP asked for, if any} */
  public Optional<IpAddress> hostIp() {
    return Optional.ofNullable(hostIp);
  }

  /** {@return the first acceptable host port; 0 with {@link #hostPortEnd()} 0 means ephemeral} */
  public int hostPortStart() {
    return hostPortStart;
  }

  /** {@return the last acceptable host port} */
  public int hostPortEnd() {
    return hostPortEnd;
  }

  /** {@return whether any ephemeral port will do ({@code 0-0})} */
  public boolean isEphemeral() {
    return hostPortStart == 0 && hostPortEnd == 0;
  }

  /** {@return whether exactly one, non-zero host port is asked for} */
  public boolean isFixed() {
    return hostPortStart != 0 && hostPortStart == hostPortEnd;
  }

  /**
   * {@return the {@code HostPort} string of Docker's API: {@code ""} when ephemeral,
   * {@code "8080"} for a fixed port, {@code "8000-8010"} for a range}
   */
  public String hostPortText() {
    if (isEphemeral()) {
      return "";
    }
    return hostPortStart == hostPortEnd ? Integer.toString(hostPortStart) : hostPortStart + "-" + hostPortEnd;
  }

  /**
   * {@return the {@code HostIp} string of Docker's API: the address, or {@code ""} when none was
   * given}
   */
  public String hostIpText() {
    return hostIp == null ? "" : hostIp.toString();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof PortBinding)) {
      return false;
    }
    PortBinding b = (PortBinding) o;
    return containerPort.equals(b.containerPort) && Objects.equals(hostIp, b.hostIp)
        && hostPortStart == b.hostPortStart && hostPortEnd == b.hostPortEnd;
  }

  @Override
  public int hashCode() {
    return Objects.hash(containerPort, hostIp, hostPortStart, hostPortEnd);
  }

  /** A spec-like form: {@code 127.0.0.1:8080:80/tcp}, {@code 8000-8010:80/tcp}, {@code 80/tcp}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    if (hostIp != null) {
      sb.append(hostIp.isV6() ? "[" + hostIp + "]" : hostIp.toString()).append(':');
    }
    if (hostIp != null || !isEphemeral()) {
      sb.append(hostPortText()).append(':');
    }
    return sb.append(containerPort).toString();
  }
}
