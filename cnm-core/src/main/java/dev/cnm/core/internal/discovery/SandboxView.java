package dev.cnm.core.internal.discovery;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one running container sees of the network: its kind of namespace, hostname, process
 * environment, the extra {@code /etc/hosts} lines ({@code --add-host} and legacy links), the
 * {@code --dns} servers, its endpoints in join order and in libnetwork's resolution order, and
 * every network of the engine (by id) for reachability.
 *
 * <pre>{@code
 * SandboxView self = ...; // built by the engine under its lock
 * Discovery.hostsFile(self, HostFiles.debian());
 * }</pre>
 *
 * @param containerId the container's id
 * @param kind the namespace kind
 * @param hostname the hostname
 * @param domainname the domain name, empty if none
 * @param env the process environment, in order
 * @param extraHosts extra {@code /etc/hosts} lines in order: {@code --add-host}, then links
 * @param dnsServers {@code --dns}; empty to use the host's
 * @param joinOrder the sandbox's endpoints in the order they joined
 * @param resolutionOrder the endpoints in libnetwork's order
 * @param gatewayNetworkId the network of the gateway endpoint, if any
 * @param networks every network by id
 */
public record SandboxView(String containerId, Kind kind, String hostname, String domainname, List<String> env,
    List<HostEntry> extraHosts, List<String> dnsServers, List<DnsEndpoint> joinOrder,
    List<DnsEndpoint> resolutionOrder, Optional<String> gatewayNetworkId, Map<String, DnsNetwork> networks) {

  /** The kind of network namespace a container has. */
  public enum Kind {
    /** Its own namespace with endpoints (bridge, user-defined networks, or {@code none}). */
    SANDBOX,
    /** The host's namespace. */
    HOST
  }

  /**
   * Copies the lists and maps.
   *
   * @param containerId the container's id
   * @param kind the namespace kind
   * @param hostname the hostname
   * @param domainname the domain name, empty if none
   * @param env the process environment, in order
   * @param extraHosts extra {@code /etc/hosts} lines in order: {@code --add-host}, then links
   * @param dnsServers {@code --dns}; empty to use the host's
   * @param joinOrder the sandbox's endpoints in the order they joined
   * @param resolutionOrder the endpoints in libnetwork's order
   * @param gatewayNetworkId the network of the gateway endpoint, if any
   * @param networks every network by id
   */
  public SandboxView {
    Objects.requireNonNull(containerId, "containerId");
    env = List.copyOf(env);
    extraHosts = List.copyOf(extraHosts);
    dnsServers = List.copyOf(dnsServers);
    joinOrder = List.copyOf(joinOrder);
    resolutionOrder = List.copyOf(resolutionOrder);
    networks = Map.copyOf(networks);
  }

  /**
   * {@return the network of an endpoint of this sandbox}
   *
   * @param ep an endpoint of this sandbox
   */
  public DnsNetwork network(DnsEndpoint ep) {
    DnsNetwork n = networks.get(ep.networkId());
    if (n == null) {
      throw new IllegalStateException("unknown network " + ep.networkId());
    }
    return n;
  }

  /**
   * {@return whether the embedded DNS server runs: at least one endpoint on a user-defined
   * network}
   */
  public boolean hasEmbeddedDns() {
    return kind == Kind.SANDBOX && joinOrder.stream().anyMatch(e -> network(e).userDefined() && !network(e).isSpecial());
  }

  /**
   * One {@code /etc/hosts} line: {@code <ip>\t<names>}.
   *
   * <pre>{@code
   * new SandboxView.HostEntry("172.17.0.2", "redis 0123456789ab datastore");
   * }</pre>
   *
   * @param ip the address, as text
   * @param names the space-separated names
   */
  public record HostEntry(String ip, String names) {
    /**
     * Checks for null.
     *
     * @param ip the address, as text
     * @param names the space-separated names
     */
    public HostEntry {
      Objects.requireNonNull(ip, "ip");
      Objects.requireNonNull(names, "names");
    }

    /** {@return the line as written to the file, with its newline} */
    public String line() {
      return ip + "\t" + names + "\n";
    }
  }
}
