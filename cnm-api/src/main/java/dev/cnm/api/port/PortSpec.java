package dev.cnm.api.port;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.net.IpAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Docker's {@code -p}/{@code --publish} and {@code --expose} grammars (go-connections {@code
 * nat.ParsePortSpec}, docker CLI {@code opts.parse}).
 *
 * <p>{@code -p [ip:][hostPort[-end]:]containerPort[-end][/proto]}: the protocol defaults to tcp; an
 * IPv6 host IP may be bracketed ({@code [::1]:8080:80}); a container range with a host range of the
 * same length maps port by port; a single container port with a host range means "any free port in
 * that range"; no host port means an ephemeral one. Checks run in go-connections' order and fail
 * with its messages as {@link InvalidParameterException}:
 *
 * <table>
 *   <caption>Errors</caption>
 *   <tr><th>Input</th><th>Message</th></tr>
 *   <tr><td>{@code 1.2.3:80:80}</td><td>{@code Invalid ip address: 1.2.3}</td></tr>
 *   <tr><td>{@code 8080:}</td><td>{@code No port specified: 8080:<empty>}</td></tr>
 *   <tr><td>{@code 8080:http}</td><td>{@code Invalid containerPort: http}</td></tr>
 *   <tr><td>{@code x:80}</td><td>{@code Invalid hostPort: x}</td></tr>
 *   <tr><td>{@code 8000-8001:80-82}</td><td>{@code Invalid ranges specified for container and host Ports: 80-82 and 8000-8001}</td></tr>
 *   <tr><td>{@code 80/icmp}</td><td>{@code Invalid proto: icmp}</td></tr>
 * </table>
 *
 * <p>The messages and their order are those of the project reference (go-connections as vendored
 * by Docker 20.10, {@code libnetwork-semantics.md} §5.3). Later go-connections releases write
 * them in lower case ({@code invalid proto: icmp}, {@code invalid IP address: 1.2.3}, ...) and
 * check the protocol first; every message is built in this class, so a switch is local.
 *
 * <p>Two deliberate differences from go-connections: container port 0 is refused ({@code Invalid
 * containerPort: 0}), because no container listens on it; an unbracketed IPv6 host IP ({@code
 * ::1:8080:80}) is accepted, as current go-connections does.
 *
 * <pre>{@code
 * PortSpec.parse("127.0.0.1:8080:80");   // [127.0.0.1:8080:80/tcp]
 * PortSpec.parse("8000-8001:80-81/udp"); // [8000:80/udp, 8001:81/udp]
 * PortSpec.parse("9000-9100:80");        // [9000-9100:80/tcp], any free port in 9000..9100
 * PortSpec.parseExpose("7000-7002");     // [7000/tcp, 7001/tcp, 7002/tcp]
 * }</pre>
 */
public final class PortSpec {
  private PortSpec() {}

  /**
   * Parses one {@code -p} value into the bindings it asks for, in container-port order.
   *
   * @param spec one {@code -p} value, such as {@code 8080:80}, {@code 127.0.0.1::53/udp} or
   *     {@code 8000-8010:80-90}
   * @return the bindings, in container-port order
   * @throws InvalidParameterException with Docker's message when the spec is malformed
   */
  public static List<PortBinding> parse(String spec) {
    requireNonNull(spec, "spec");
    // splitParts: the last field is the container port, the one before it the host port, and
    // everything before that (colons included) the host IP.
    int last = spec.lastIndexOf(':');
    String rawIp = "";
    String hostPort = "";
    String containerField = spec;
    if (last >= 0) {
      containerField = spec.substring(last + 1);
      int prev = spec.lastIndexOf(':', last - 1);
      if (prev >= 0) {
        rawIp = spec.substring(0, prev);
        hostPort = spec.substring(prev + 1, last);
      } else {
        hostPort = spec.substring(0, last);
      }
    }
    // SplitProtoPort.
    String containerPort;
    String proto;
    int slash = containerField.indexOf('/');
    if (slash < 0) {
      containerPort = containerField;
      proto = "tcp";
    } else {
      containerPort = containerField.substring(0, slash);
      proto = slash == containerField.length() - 1 ? "tcp" : containerField.substring(slash + 1);
    }
    if (containerPort.isEmpty()) {
      proto = "";
    }

    IpAddress hostIp = null;
    if (!rawIp.isEmpty()) {
      String ip = rawIp;
      if (ip.charAt(0) == '[') {
        if (ip.length() < 2 || ip.charAt(ip.length() - 1) != ']') {
          throw new InvalidParameterException("Invalid ip address: " + rawIp);
        }
        ip = ip.substring(1, ip.length() - 1);
      }
      Optional<IpAddress> parsed = IpAddress.tryParse(ip);
      if (parsed.isEmpty()) {
        throw new InvalidParameterException("Invalid ip address: " + ip);
      }
      hostIp = parsed.get();
    }
    if (containerPort.isEmpty()) {
      throw new InvalidParameterException("No port specified: " + spec + "<empty>");
    }
    int[] cr = parseRange(containerPort);
    if (cr == null || cr[0] == 0) {
      throw new InvalidParameterException("Invalid containerPort: " + containerPort);
    }
    int[] hr = {0, 0};
    if (!hostPort.isEmpty()) {
      hr = parseRange(hostPort);
      if (hr == null) {
        throw new InvalidParameterException("Invalid hostPort: " + hostPort);
      }
      if (cr[1] - cr[0] != hr[1] - hr[0] && cr[1] != cr[0]) {
        throw new InvalidParameterException(
            "Invalid ranges specified for container and host Ports: " + containerPort + " and " + hostPort);
      }
    }
    PortProtocol protocol = PortProtocol.parse(proto);

    Optional<IpAddress> ip = Optional.ofNullable(hostIp);
    if (cr[0] == cr[1]) {
      return List.of(PortBinding.of(ExposedPort.of(cr[0], protocol), ip, hr[0], hr[1]));
    }
    List<PortBinding> out = new ArrayList<>(cr[1] - cr[0] + 1);
    for (int i = 0; i <= cr[1] - cr[0]; i++) {
      int h = hostPort.isEmpty() ? 0 : hr[0] + i;
      out.add(PortBinding.of(ExposedPort.of(cr[0] + i, protocol), ip, h, h));
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Parses one {@code --expose} value, {@code <port>[-<end>][/<proto>]}, into the ports it
   * exposes, in order.
   *
   * @param expose one {@code --expose} value, such as {@code 80}, {@code 7000-7010} or
   *     {@code 53/udp}
   * @return the exposed ports, in order
   * @throws InvalidParameterException {@code invalid port format for --expose: <e>} when it holds a
   *     colon, {@code invalid range format for --expose: <e>, error: <reason>} for a bad number or
   *     range (the docker CLI's messages), {@code Invalid proto: <p>} for a bad protocol
   */
  public static List<ExposedPort> parseExpose(String expose) {
    requireNonNull(expose, "expose");
    if (expose.indexOf(':') >= 0) {
      throw new InvalidParameterException("invalid port format for --expose: " + expose);
    }
    int slash = expose.indexOf('/');
    String port = slash < 0 ? expose : expose.substring(0, slash);
    String proto = slash < 0 || slash == expose.length() - 1 ? "tcp" : expose.substring(slash + 1);
    String reason = rangeError(port);
    if (reason != null) {
      throw new InvalidParameterException("invalid range format for --expose: " + expose + ", error: " + reason);
    }
    int[] r = parseRange(port);
    if (r[0] == 0) {
      throw new InvalidParameterException("Invalid containerPort: " + port);
    }
    PortProtocol protocol = PortProtocol.parse(proto);
    List<ExposedPort> out = new ArrayList<>(r[1] - r[0] + 1);
    for (int p = r[0]; p <= r[1]; p++) {
      out.add(ExposedPort.of(p, protocol));
    }
    return Collections.unmodifiableList(out);
  }

  /** {@code start..end} of {@code 80} or {@code 80-90}, each 0..65535, or null when malformed. */
  static int[] parseRange(String text) {
    int dash = text.indexOf('-');
    if (dash < 0) {
      int p = parsePortNumber(text);
      return p < 0 ? null : new int[] {p, p};
    }
    int a = parsePortNumber(text.substring(0, dash));
    int b = parsePortNumber(text.substring(dash + 1));
    return a < 0 || b < 0 || b < a ? null : new int[] {a, b};
  }

  /** Go's {@code strconv.ParseUint(s, 10, 16)}: decimal digits only, 0..65535; -1 when invalid. */
  static int parsePortNumber(String text) {
    if (text.isEmpty() || text.length() > 12) {
      return -1;
    }
    long v = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v > 65535 ? -1 : (int) v;
  }

  /** The reason go-connections' {@code ParsePortRange} gives for bad text, or null when valid. */
  private static String rangeError(String text) {
    if (text.isEmpty()) {
      return "Empty string specified for ports.";
    }
    int dash = text.indexOf('-');
    String first = dash < 0 ? text : text.substring(0, dash);
    String reason = numberError(first);
    if (reason != null || dash < 0) {
      return reason;
    }
    String second = text.substring(dash + 1);
    reason = numberError(second);
    if (reason != null) {
      return reason;
    }
    return parsePortNumber(second) < parsePortNumber(first) ? "Invalid range specified for the Port: " + text : null;
  }

  private static String numberError(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return "strconv.ParseUint: parsing \"" + text + "\": invalid syntax";
      }
    }
    if (text.isEmpty()) {
      return "strconv.ParseUint: parsing \"\": invalid syntax";
    }
    return parsePortNumber(text) < 0 ? "strconv.ParseUint: parsing \"" + text + "\": value out of range" : null;
  }
}
