package dev.cnm.plugins;

import static java.util.Objects.requireNonNull;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a plugin listens, as Docker's plugin files and {@code DOCKER_HOST}-style URLs spell it: a
 * unix socket ({@code unix:///run/docker/plugins/weave.sock}, or just its absolute path) or a TCP
 * address ({@code tcp://127.0.0.1:9234}, also {@code http://}). Docker talks plain HTTP/1.1 to
 * both, with the host name {@code plugin.moby.localhost} on unix sockets.
 *
 * <pre>{@code
 * PluginAddress a = PluginAddress.parse("unix:///run/docker/plugins/weave.sock");
 * a.isUnix();      // true
 * a.toString();    // unix:///run/docker/plugins/weave.sock
 * }</pre>
 */
public final class PluginAddress {
  /** The host name Docker sends to plugins on unix sockets ({@code dummyHost}). */
  public static final String UNIX_HOST = "plugin.moby.localhost";

  private final Path socket; // null for TCP
  private final String host;
  private final int port;

  private PluginAddress(Path socket, String host, int port) {
    this.socket = socket;
    this.host = host;
    this.port = port;
  }

  /**
   * {@return the unix socket at {@code path}}
   *
   * @param path the socket's path; a relative one is made absolute
   */
  public static PluginAddress unix(Path path) {
    return new PluginAddress(requireNonNull(path, "path").toAbsolutePath(), UNIX_HOST, 0);
  }

  /**
   * {@return the TCP address {@code host:port}}
   *
   * @param host the host name or IP address
   * @param port the port, 1 to 65535
   * @throws IllegalArgumentException when the port is out of range
   */
  public static PluginAddress tcp(String host, int port) {
    requireNonNull(host, "host");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " out of range");
    }
    return new PluginAddress(null, host, port);
  }

  /**
   * Parses {@code unix:///path}, {@code tcp://host:port}, {@code http://host:port} or an absolute
   * socket path.
   *
   * @param text the address, as a plugin's spec file or {@code --plugin} gives it
   * @return the address
   * @throws IllegalArgumentException naming the text when it is none of those ({@code https}
   *     plugins are not supported)
   */
  public static PluginAddress parse(String text) {
    requireNonNull(text, "text");
    String t = text.trim();
    if (t.startsWith("/")) {
      return unix(Path.of(t));
    }
    URI uri;
    try {
      uri = new URI(t);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("invalid plugin address " + text + ": " + e.getMessage(), e);
    }
    String scheme = Optional.ofNullable(uri.getScheme()).orElse("");
    switch (scheme) {
      case "unix":
        String path = uri.getPath() != null && !uri.getPath().isEmpty() ? uri.getPath() : uri.getSchemeSpecificPart();
        if (path == null || path.isEmpty()) {
          throw new IllegalArgumentException("invalid plugin address " + text + ": no socket path");
        }
        return unix(Path.of(path));
      case "tcp":
      case "http":
        if (uri.getHost() == null || uri.getPort() < 0) {
          throw new IllegalArgumentException("invalid plugin address " + text + ": expected " + scheme + "://HOST:PORT");
        }
        return tcp(uri.getHost(), uri.getPort());
      case "":
        throw new IllegalArgumentException("Unknown protocol");
      default:
        throw new IllegalArgumentException("unsupported plugin address " + text + ": cnm speaks to unix:// and tcp:// "
            + "(plain HTTP) plugins");
    }
  }

  /** {@return whether this is a unix socket} */
  public boolean isUnix() {
    return socket != null;
  }

  /** {@return the socket's path, for a unix socket; empty for a TCP address} */
  public Optional<Path> socketPath() {
    return Optional.ofNullable(socket);
  }

  /**
   * {@return the {@code Host} header Docker sends: {@code plugin.moby.localhost} on unix sockets,
   * else {@code host:port}}
   */
  public String hostHeader() {
    return socket != null ? UNIX_HOST : host + ":" + port;
  }

  /** {@return the address to connect a socket channel to} */
  public SocketAddress socketAddress() {
    return socket != null ? UnixDomainSocketAddress.of(socket) : new InetSocketAddress(host, port);
  }

  /**
   * {@return how Go's dialer names this address in errors: {@code unix /run/x.sock}, {@code tcp
   * 127.0.0.1:9234}}
   */
  public String dialName() {
    return socket != null ? "unix " + socket : "tcp " + host + ":" + port;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof PluginAddress)) {
      return false;
    }
    PluginAddress a = (PluginAddress) o;
    return java.util.Objects.equals(socket, a.socket) && host.equals(a.host) && port == a.port;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(socket, host, port);
  }

  /** {@code unix:///path} or {@code tcp://host:port}. */
  @Override
  public String toString() {
    return socket != null ? "unix://" + socket : "tcp://" + host + ":" + port;
  }
}
