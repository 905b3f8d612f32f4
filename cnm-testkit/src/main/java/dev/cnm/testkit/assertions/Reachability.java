package dev.cnm.testkit.assertions;

import dev.cnm.api.AttachedNetwork;
import dev.cnm.api.ContainerInfo;
import dev.cnm.api.EndpointInfo;
import dev.cnm.api.Engine;
import dev.cnm.api.ExecResult;
import dev.cnm.api.NetworkInfo;
import dev.cnm.api.Scope;
import dev.cnm.api.error.CnmException;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.port.ExposedPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Whether a container reaches {@code target:port} in the model, and why (not): the verdict on
 * addresses is the engine's own ({@code ping} through {@link Engine#exec}, which resolves names as
 * the container does, through {@code /etc/hosts} and the embedded DNS); this class only explains
 * it from the public views, and adds the port: a container listens on the ports it exposes (the
 * image's {@code EXPOSE}, {@code --expose} and the container ports of {@code -p}), as the model
 * has no processes; a container of another host of the cluster, on the ports its endpoint's record
 * in the cluster store lists.
 */
final class Reachability {
  private static final Pattern PINGED = Pattern.compile("^PING \\S+ \\(([^)]+)\\)");

  final boolean reachable;
  /** Why not, or how (the path and the listener), one sentence or a few lines. */
  final String explanation;

  private Reachability(boolean reachable, String explanation) {
    this.reachable = reachable;
    this.explanation = explanation;
  }

  static Reachability of(Engine engine, String from, String target, ExposedPort port) {
    ContainerInfo self;
    try {
      self = engine.container(from);
    } catch (CnmException e) {
      return no(e.getMessage());
    }
    if (!self.isRunning()) {
      return no(self.name() + " is not running (" + self.status() + "): it has no network stack");
    }
    ExecResult ping = engine.exec(self.id(), List.of("ping", "-c", "1", target));
    Matcher m = PINGED.matcher(ping.stdout());
    if (!m.find()) {
      return no(target + " does not resolve from " + self.name() + ": " + whyUnresolved(engine, self, target));
    }
    IpAddress address = IpAddress.parse(m.group(1));
    Optional<EndpointInfo> owner = owner(engine, address);
    if (ping.exitCode() != 0) {
      return no(target + " resolves to " + address + " from " + self.name() + " but packets are dropped: "
          + whyDropped(engine, self, address, owner));
    }
    String path = target + " (" + address + ")" + owner.map(e -> " is " + engine.container(e.containerId()).name()
        + " on " + e.networkName()).orElse("");
    if (owner.isEmpty()) {
      Optional<Remote> remote = remoteOwner(engine, address);
      if (remote.isEmpty()) {
        return yes(path + " answers; it is not a container of this engine, so the port is not checked");
      }
      Remote r = remote.get();
      if (!r.endpoint().exposedPorts().contains(port)) {
        return no(path + " is " + r.describe() + " and answers ping, but " + r.endpoint().name() + " does not listen on "
            + port + ": the model takes a container's exposed ports (image EXPOSE, --expose, -p) as the ports it"
            + " listens on, on any host, and " + r.endpoint().name() + " exposes " + r.endpoint().exposedPorts());
      }
      return yes(path + " is " + r.describe() + ", reached from " + self.name() + ", and listens on " + port);
    }
    ContainerInfo peer = engine.container(owner.get().containerId());
    List<ExposedPort> listening = listening(engine, peer);
    if (!listening.contains(port)) {
      return no(path + " and answers ping, but " + peer.name() + " does not listen on " + port + ": the model takes"
          + " a container's exposed ports (image EXPOSE, --expose, -p) as the ports it listens on, and "
          + peer.name() + " exposes " + listening);
    }
    return yes(path + ", reached from " + self.name() + ", and listens on " + port);
  }

  private static Reachability yes(String how) {
    return new Reachability(true, how);
  }

  private static Reachability no(String why) {
    return new Reachability(false, why);
  }

  /** The ports a container's network namespace listens on: its own and those of containers sharing it. */
  private static List<ExposedPort> listening(Engine engine, ContainerInfo peer) {
    TreeSet<ExposedPort> ports = new TreeSet<>(peer.exposedPorts());
    for (ContainerInfo c : engine.containers()) {
      if (c.networkMode().isContainer() && engine.findContainer(c.networkMode().target())
          .map(t -> t.id().equals(peer.id())).orElse(false)) {
        ports.addAll(c.exposedPorts());
      }
    }
    return new ArrayList<>(ports);
  }

  static Optional<EndpointInfo> owner(Engine engine, IpAddress address) {
    for (ContainerInfo c : engine.containers()) {
      for (AttachedNetwork a : c.networks().values()) {
        Optional<EndpointInfo> e = a.endpoint();
        if (e.isPresent() && (EndpointAssert.addressIs(e.get().ipv4Address(), address)
            || EndpointAssert.addressIs(e.get().ipv6Address(), address))) {
          return e;
        }
      }
    }
    return Optional.empty();
  }

  /** Another host's endpoint, as the cluster store records it. */
  private record Remote(dev.cnm.api.ClusterHost host, dev.cnm.api.ClusterEndpoint endpoint) {
    /** {@code web on ov of host-b (another host of the cluster)}. */
    String describe() {
      return endpoint.name() + " on " + endpoint.networkName() + " of " + host.name() + " (another host of the cluster)";
    }
  }

  /** The endpoint of another host that holds {@code address}, if any. */
  private static Optional<Remote> remoteOwner(Engine engine, IpAddress address) {
    for (dev.cnm.api.ClusterHost h : engine.clusterHosts()) {
      for (dev.cnm.api.ClusterEndpoint e : h.endpoints()) {
        if (EndpointAssert.addressIs(e.ipv4Address(), address) || EndpointAssert.addressIs(e.ipv6Address(), address)) {
          return Optional.of(new Remote(h, e));
        }
      }
    }
    return Optional.empty();
  }

  private static String whyUnresolved(Engine engine, ContainerInfo self, String target) {
    Optional<ContainerInfo> peer = engine.findContainer(target);
    if (peer.isEmpty()) {
      peer = engine.containers().stream().filter(c -> c.networks().values().stream()
          .anyMatch(a -> a.settings().aliases().contains(target))).findFirst();
    }
    if (peer.isEmpty()) {
      return "no container or alias " + target + " in the model, and no /etc/hosts entry; the names "
          + self.name() + " can resolve are " + namesSeenBy(engine, self);
    }
    ContainerInfo p = peer.get();
    if (!p.isRunning()) {
      return p.name() + " is not running (" + p.status() + "), so it has no endpoint and no DNS record";
    }
    List<String> common = commonNetworks(self, p);
    if (common.isEmpty()) {
      return self.name() + " and " + p.name() + " share no network: " + self.name() + " is on "
          + self.networks().keySet() + ", " + p.name() + " is on " + p.networks().keySet();
    }
    if (common.equals(List.of("bridge"))) {
      return "they share only the default bridge network, which has no embedded DNS; use a user-defined network"
          + " or --link";
    }
    return "the names " + self.name() + " can resolve are " + namesSeenBy(engine, self);
  }

  private static String whyDropped(Engine engine, ContainerInfo self, IpAddress address, Optional<EndpointInfo> owner) {
    for (AttachedNetwork a : self.networks().values()) {
      Optional<NetworkInfo> n = engine.findNetwork(a.networkId());
      if (n.isPresent() && a.endpoint().isPresent() && n.get().ipamConfigs().stream()
          .anyMatch(p -> p.subnet().contains(address))) {
        if ("false".equalsIgnoreCase(n.get().options().get("com.docker.network.bridge.enable_icc"))) {
          return "inter-container communication is disabled on network " + n.get().name()
              + " (com.docker.network.bridge.enable_icc=false)";
        }
        if (owner.isEmpty() && n.get().scope() == Scope.GLOBAL && !n.get().ipamConfigs().stream()
            .anyMatch(p -> p.gateway().map(address::equals).orElse(false))) {
          return address + " is not an endpoint of any host on global network " + n.get().name()
              + " (the cluster store lists none with that address)";
        }
        return "the model drops it on network " + n.get().name();
      }
    }
    if (owner.isPresent()) {
      return address + " is " + engine.container(owner.get().containerId()).name() + " on network "
          + owner.get().networkName() + ", which " + self.name() + " is not on (" + self.networks().keySet()
          + "): Docker isolates networks from each other";
    }
    List<String> external = new ArrayList<>();
    for (AttachedNetwork a : self.networks().values()) {
      engine.findNetwork(a.networkId()).filter(n -> !n.internal()).ifPresent(n -> external.add(n.name()));
    }
    if (external.isEmpty()) {
      return self.name() + " is only on internal networks " + self.networks().keySet() + ": there is no route out";
    }
    return "no route from " + self.name() + " (on " + self.networks().keySet() + ") to " + address;
  }

  private static List<String> commonNetworks(ContainerInfo a, ContainerInfo b) {
    return a.networks().values().stream().filter(n -> n.endpoint().isPresent())
        .filter(n -> b.networks().values().stream().anyMatch(m -> m.networkId().equals(n.networkId()) && m.endpoint().isPresent()))
        .map(AttachedNetwork::networkName).collect(Collectors.toList());
  }

  /** The DNS names on each network the container is on, where it can look them up. */
  static String namesSeenBy(Engine engine, ContainerInfo self) {
    StringBuilder sb = new StringBuilder("{");
    String sep = "";
    for (Map.Entry<String, AttachedNetwork> a : self.networks().entrySet()) {
      Optional<NetworkInfo> n = engine.findNetwork(a.getValue().networkId());
      sb.append(sep).append(a.getKey()).append(": ").append(n.map(Reachability::records).orElse("[]"));
      sep = ", ";
    }
    return sb.append('}').toString();
  }

  /** {@code [db 172.18.0.3, web 172.18.0.2]}: each endpoint's DNS names and address. */
  static String records(NetworkInfo n) {
    return n.endpoints().stream().map(e -> String.join("/", e.dnsNames().isEmpty() ? List.of(e.name()) : e.dnsNames())
        + " " + e.ipv4Address().map(Subnet::address).map(Object::toString).orElse("-")
        + e.ipv6Address().map(s -> " " + s.address()).orElse(""))
        .collect(Collectors.joining(", ", "[", "]"));
  }
}
