package dev.cnm.api.host;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.cnm.api.net.IpAddress;
import dev.cnm.api.port.PortProtocol;
import java.util.Comparator;

/**
 * One host port booked in a {@link HostPortAllocator}: address, protocol and port. Ordered by
 * address, then protocol, then port.
 *
 * <pre>{@code
 * AllocatedPort p = AllocatedPort.of(IpAddress.ANY_V4, PortProtocol.TCP, 8080);
 * p.toString(); // "0.0.0.0:8080/tcp"
 * }</pre>
 */
public final class AllocatedPort implements Comparable<AllocatedPort> {
  private static final Comparator<AllocatedPort> ORDER = Comparator.comparing(AllocatedPort::hostIp)
      .thenComparing(AllocatedPort::protocol).thenComparingInt(AllocatedPort::port);

  private final IpAddress hostIp;
  private final PortProtocol protocol;
  private final int port;

  private AllocatedPort(IpAddress hostIp, PortProtocol protocol, int port) {
    this.hostIp = requireNonNull(hostIp, "hostIp");
    this.protocol = requireNonNull(protocol, "protocol");
    checkArgument(port >= 1 && port <= 65535, "port %s is not in 1-65535", port);
    this.port = port;
  }

  /**
   * Port {@code port} over {@code protocol} on {@code hostIp}.
   *
   * @param hostIp the host address the port is booked on
   * @param protocol the protocol
   * @param port the port, 1 to 65535
   * @return port {@code port} over {@code protocol} on {@code hostIp}
   */
  public static AllocatedPort of(IpAddress hostIp, PortProtocol protocol, int port) {
    return new AllocatedPort(hostIp, protocol, port);
  }

  /** {@return the host address the port is booked on} */
  public IpAddress hostIp() {
    return hostIp;
  }

  /** {@return the protocol} */
  public PortProtocol protocol() {
    return protocol;
  }

  /** {@return the port, 1 to 65535} */
  public int port() {
    return port;
  }

  @Override
  public int compareTo(AllocatedPort o) {
    return ORDER.compare(this, o);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof AllocatedPort)) {
      return false;
    }
    AllocatedPort a = (AllocatedPort) o;
    return hostIp.equals(a.hostIp) && protocol == a.protocol && port == a.port;
  }

  @Override
  public int hashCode() {
    return (hostIp.hashCode() * 31 + protocol.hashCode()) * 31 + port;
  }

  /** {@code 0.0.0.0:8080/tcp}, {@code [::]:8080/tcp}. */
  @Override
  public String toString() {
    return (hostIp.isV6() ? "[" + hostIp + "]" : hostIp.toString()) + ":" + port + "/" + protocol;
  }
}
