package dev.cnm.store.etcd;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.error.InvalidParameterException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A parsed store address {@code etcd://HOST[:PORT][,HOST[:PORT]...][/PATH]}, the cluster-store URL
 * shape Docker's {@code --cluster-store} accepted. A missing port means etcd's 2379; IPv6 hosts go
 * in brackets. As in libnetwork, a path is prepended to every key.
 */
final class EtcdUrl {
  static final int DEFAULT_PORT = 2379;
  private static final String SCHEME = "etcd://";
  private static final Pattern HOST_NAME =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

  private final List<URI> endpoints;
  private final String path;

  private EtcdUrl(List<URI> endpoints, String path) {
    this.endpoints = endpoints;
    this.path = path;
  }

  /**
   * Parses an {@code etcd://} URL.
   *
   * @throws InvalidParameterException naming the URL and what is wrong with it
   */
  static EtcdUrl parse(String url) {
    requireNonNull(url, "url");
    if (!url.toLowerCase(Locale.ROOT).startsWith(SCHEME)) {
      throw invalid(url, "the scheme must be etcd://");
    }
    String rest = url.substring(SCHEME.length());
    if (rest.indexOf('?') >= 0 || rest.indexOf('#') >= 0) {
      throw invalid(url, "query and fragment are not supported");
    }
    int slash = rest.indexOf('/');
    String hosts = slash < 0 ? rest : rest.substring(0, slash);
    String path = slash < 0 ? "" : trimSlashes(rest.substring(slash));
    if (path.contains("//")) {
      throw invalid(url, "empty path segment");
    }
    if (hosts.isEmpty()) {
      throw invalid(url, "no host given");
    }
    List<URI> endpoints = new ArrayList<>();
    for (String hostPort : hosts.split(",", -1)) {
      endpoints.add(endpoint(url, hostPort));
    }
    return new EtcdUrl(List.copyOf(endpoints), path);
  }

  private static URI endpoint(String url, String hostPort) {
    if (hostPort.isEmpty()) {
      throw invalid(url, "empty host in the host list");
    }
    String host;
    String port;
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close < 0) {
        throw invalid(url, "unterminated IPv6 address in " + hostPort);
      }
      host = hostPort.substring(0, close + 1);
      if (!IPV6.matcher(host.substring(1, close)).matches()) {
        throw invalid(url, "invalid IPv6 address " + host);
      }
      String after = hostPort.substring(close + 1);
      if (!after.isEmpty() && !after.startsWith(":")) {
        throw invalid(url, "invalid host " + hostPort);
      }
      port = after.isEmpty() ? null : after.substring(1);
    } else {
      int colon = hostPort.indexOf(':');
      host = colon < 0 ? hostPort : hostPort.substring(0, colon);
      port = colon < 0 ? null : hostPort.substring(colon + 1);
      if (!HOST_NAME.matcher(host).matches()) {
        throw invalid(url, "invalid host " + hostPort);
      }
    }
    return URI.create("http://" + host + ":" + port(url, hostPort, port));
  }

  private static int port(String url, String hostPort, String port) {
    if (port == null) {
      return DEFAULT_PORT;
    }
    if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw invalid(url, "invalid port in " + hostPort);
    }
    int p = Integer.parseInt(port);
    if (p < 1 || p > 65535) {
      throw invalid(url, "port out of range in " + hostPort);
    }
    return p;
  }

  private static String trimSlashes(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && s.charAt(start) == '/') {
      start++;
    }
    while (end > start && s.charAt(end - 1) == '/') {
      end--;
    }
    return s.substring(start, end);
  }

  private static InvalidParameterException invalid(String url, String why) {
    return new InvalidParameterException("invalid etcd URL \"" + url + "\": " + why);
  }

  /** The client endpoints, as {@code http://host:port} URIs. */
  List<URI> endpoints() {
    return endpoints;
  }

  /** The path without leading or trailing slashes; empty if none was given. */
  String path() {
    return path;
  }
}
