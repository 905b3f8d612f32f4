package dev.cnm.api.port;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.cnm.api.error.InvalidParameterException;

/**
 * A container port and its protocol, Docker's {@code nat.Port} ({@code "80/tcp"}): the key of
 * {@code Config.ExposedPorts} and {@code NetworkSettings.Ports}.
 *
 * <p>Ordered the way the Docker CLI sorts port lines (natural order): by port number, then by
 * protocol name ({@code sctp < tcp < udp}).
 *
 * <pre>{@code
 * ExposedPort p = ExposedPort.parse("53/udp");
 * p.port();       // 53
 * p.toString();   // "53/udp"
 * ExposedPort.tcp(80).compareTo(ExposedPort.parse("443")) < 0; // true
 * }</pre>
 */
public final class ExposedPort implements Comparable<ExposedPort> {
  private final int port;
  private final PortProtocol protocol;

  private ExposedPort(int port, PortProtocol protocol) {
    this.port = port;
    this.protocol = protocol;
  }

  /**
   * {@return the port {@code port} (1 to 65535) over {@code protocol}}
   *
   * @param port the port, 1 to 65535
   * @param protocol the protocol
   * @throws IllegalArgumentException if {@code port} is out of range
   */
  public static ExposedPort of(int port, PortProtocol protocol) {
    requireNonNull(protocol, "protocol");
    checkArgument(port >= 1 && port <= 65535, "port %s is not in 1-65535", port);
    return new ExposedPort(port, protocol);
  }

  /**
   * {@return the TCP port {@code port}}
   *
   * @param port the port, 1 to 65535
   */
  public static ExposedPort tcp(int port) {
    return of(port, PortProtocol.TCP);
  }

  /**
   * {@return the UDP port {@code port}}
   *
   * @param port the port, 1 to 65535
   */
  public static ExposedPort udp(int port) {
    return of(port, PortProtocol.UDP);
  }

  /**
   * Parses {@code <port>[/<proto>]} (the protocol defaults to tcp), as Docker reads a key of
   * {@code ExposedPorts}. For ranges use {@link PortSpec#parseExpose}.
   *
   * @param text such as {@code 80}, {@code 80/tcp} or {@code 53/udp}
   * @return the port
   * @throws InvalidParameterException {@code Invalid containerPort: <p>} or
   *     {@code Invalid proto: <p>}
   */
  public static ExposedPort parse(String text) {
    requireNonNull(text, "text");
    int slash = text.indexOf('/');
    String num = slash < 0 ? text : text.substring(0, slash);
    String proto = slash < 0 || slash == text.length() - 1 ? "tcp" : text.substring(slash + 1);
    PortProtocol protocol = PortProtocol.parse(proto);
    int p = PortSpec.parsePortNumber(num);
    if (p < 1) {
      throw new InvalidParameterException("Invalid containerPort: " + num);
    }
    return new ExposedPort(p, protocol);
  }

  /** {@return the port number, 1 to 65535} */
  public int port() {
    return port;
  }

  /** {@return the protocol} */
  public PortProtocol protocol() {
    return protocol;
  }

  @Override
  public int compareTo(ExposedPort o) {
    int c = Integer.compare(port, o.port);
    return c != 0 ? c : protocol.toString().compareTo(o.protocol.toString());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExposedPort && ((ExposedPort) o).port == port && ((ExposedPort) o).protocol == protocol;
  }

  @Override
  public int hashCode() {
    return port * 31 + protocol.hashCode();
  }

  /** Docker's form, {@code "80/tcp"}. */
  @Override
  public String toString() {
    return port + "/" + protocol;
  }
}
