package dev.cnm.api.port;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.net.IpAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A binding in effect: container port {@link #containerPort()} reachable at {@link #hostIp()}:{@link
 * #hostPort()} (one entry of {@code NetworkSettings.Ports}). Also formats {@code docker port}
 * output the way the Docker CLI does ({@code net.JoinHostPort}, natural sort order).
 *
 * <pre>{@code
 * PublishedPort p = PublishedPort.of(ExposedPort.tcp(80), IpAddress.ANY_V6, 32768);
 * p.hostAddress();   // "[::]:32768"
 * p.portLine();      // "80/tcp -> [::]:32768"
 * PublishedPort.portLines(List.of(p, q));          // sorted lines of `docker port web`
 * PublishedPort.hostAddresses(List.of(p, q), "80"); // lines of `docker port web 80`
 * }</pre>
 */
public final class PublishedPort implements Comparable<PublishedPort> {
  private final ExposedPort containerPort;
  private final IpAddress hostIp;
  private final int hostPort;

  private PublishedPort(ExposedPort containerPort, IpAddress hostIp, int hostPort) {
    this.containerPort = requireNonNull(containerPort, "containerPort");
    this.hostIp = requireNonNull(hostIp, "hostIp");
    checkArgument(hostPort >= 1 && hostPort <= 65535, "host port %s is not in 1-65535", hostPort);
    this.hostPort = hostPort;
  }

  /**
   * Container port {@code containerPort} published on {@code hostIp:hostPort}.
   *
   * @param containerPort the container's port
   * @param hostIp the host address it is published on
   * @param hostPort the host port
   * @return the container port {@code containerPort} published on {@code hostIp:hostPort}
   */
  public static PublishedPort of(ExposedPort containerPort, IpAddress hostIp, int hostPort) {
    return new PublishedPort(containerPort, hostIp, hostPort);
  }

  /** {@return the container port} */
  public ExposedPort containerPort() {
    return containerPort;
  }

  /** {@return the host address the port is published on ({@code 0.0.0.0} or {@code ::} for all)} */
  public IpAddress hostIp() {
    return hostIp;
  }

  /** {@return the host port} */
  public int hostPort() {
    return hostPort;
  }

  /**
   * {@code host:port} as Go's {@code net.JoinHostPort} writes it: {@code 0.0.0.0:8080},
   * {@code [::]:8080}.
   *
   * @return the host address and port as Go's {@code net.JoinHostPort} writes them:
   *     {@code 0.0.0.0:8080}, {@code [::]:8080}
   */
  public String hostAddress() {
    return hostIp.isV6() ? "[" + hostIp + "]:" + hostPort : hostIp + ":" + hostPort;
  }

  /** {@return one line of {@code docker port CONTAINER}: {@code 80/tcp -> 0.0.0.0:8080}} */
  public String portLine() {
    return containerPort + " -> " + hostAddress();
  }

  /**
   * {@return the output of {@code docker port CONTAINER}: one {@link #portLine()} each, in natural
   * order}
   *
   * @param ports a container's published ports
   */
  public static List<String> portLines(Collection<PublishedPort> ports) {
    List<String> out = new ArrayList<>(ports.size());
    for (PublishedPort p : ports) {
      out.add(p.portLine());
    }
    out.sort(NaturalOrder.INSTANCE);
    return out;
  }

  /**
   * {@return the output of {@code docker port CONTAINER PRIVATE_PORT[/PROTO]} (the protocol
   * defaults to tcp): the {@link #hostAddress()} of every binding of that port, in natural order}
   * An empty list means nothing is published for it; the CLI then fails with
   * {@link #noPublicPortMessage(String, String)}.
   *
   * @param ports a container's published ports
   * @param privatePort the container port asked about, {@code 80} or {@code 53/udp}
   * @throws InvalidParameterException {@link #invalidPortMessage(String)} when the port is not a
   *     number
   */
  public static List<String> hostAddresses(Collection<PublishedPort> ports, String privatePort) {
    requireNonNull(privatePort, "privatePort");
    int slash = privatePort.indexOf('/');
    String port = slash < 0 ? privatePort : privatePort.substring(0, slash);
    String proto = slash < 0 || slash == privatePort.length() - 1 ? "tcp" : privatePort.substring(slash + 1);
    if (PortSpec.parsePortNumber(port) < 0) {
      throw new InvalidParameterException(invalidPortMessage(port));
    }
    // The CLI looks the key up as the string port + "/" + proto.
    String key = port + "/" + proto;
    List<String> out = new ArrayList<>();
    for (PublishedPort p : ports) {
      if (p.containerPort.toString().equals(key)) {
        out.add(p.hostAddress());
      }
    }
    out.sort(NaturalOrder.INSTANCE);
    return out;
  }

  /**
   * {@code Error: No public port '<arg>' published for <container>}, as the CLI prints it.
   *
   * @param privatePort the container port as the user wrote it
   * @param container the container's name as the user wrote it
   * @return the message {@code Error: No public port '<privatePort>' published for <container>}, as
   *     the CLI prints it
   */
  public static String noPublicPortMessage(String privatePort, String container) {
    return "Error: No public port '" + privatePort + "' published for " + container;
  }

  /**
   * {@code Error: invalid port (<p>): <reason>}, as the CLI prints it (it wraps Go's {@code
   * strconv.ParseUint} error).
   *
   * @param port the port as the user wrote it
   * @return the message {@code Error: invalid port (<port>): <reason>}, as the CLI prints it (it
   *     wraps Go's {@code strconv.ParseUint} error)
   */
  public static String invalidPortMessage(String port) {
    boolean digits = !port.isEmpty() && port.chars().allMatch(c -> c >= '0' && c <= '9');
    String reason = digits ? "value out of range" : "invalid syntax";
    return "Error: invalid port (" + port + "): strconv.ParseUint: parsing \"" + port + "\": " + reason;
  }

  /** Natural order of {@link #portLine()}, the order {@code docker port} prints. */
  @Override
  public int compareTo(PublishedPort o) {
    return NaturalOrder.INSTANCE.compare(portLine(), o.portLine());
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof PublishedPort)) {
      return false;
    }
    PublishedPort p = (PublishedPort) o;
    return containerPort.equals(p.containerPort) && hostIp.equals(p.hostIp) && hostPort == p.hostPort;
  }

  @Override
  public int hashCode() {
    return (containerPort.hashCode() * 31 + hostIp.hashCode()) * 31 + hostPort;
  }

  /** The same as {@link #portLine()}. */
  @Override
  public String toString() {
    return portLine();
  }
}
