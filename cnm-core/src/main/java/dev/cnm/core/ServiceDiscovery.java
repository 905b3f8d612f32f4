package dev.cnm.core;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.cnm.api.ExecResult;
import dev.cnm.api.error.CnmException;
import dev.cnm.api.error.ConflictException;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.error.NotFoundException;
import dev.cnm.api.error.SystemException;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.core.internal.discovery.Discovery;
import dev.cnm.core.internal.discovery.DnsEndpoint;
import dev.cnm.core.internal.discovery.DnsNetwork;
import dev.cnm.core.internal.discovery.Exec;
import dev.cnm.core.internal.discovery.HostFiles;
import dev.cnm.core.internal.discovery.SandboxView.HostEntry;
import dev.cnm.core.internal.discovery.SandboxView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The engine's side of service discovery: legacy links (registration at create, the start-time
 * checks, their environment and {@code /etc/hosts} lines, moving on rename, release on remove),
 * the process environment computed at start, and the snapshots ({@link SandboxView}) the pure
 * functions of {@code dev.cnm.core.internal.discovery} work on. Guarded by the engine's lock.
 */
final class ServiceDiscovery {
  private static final String BRIDGE = "bridge";
  /** The bridge driver's join option for {@code ParentEndpoints} (cnm-drivers' {@code JOIN_PARENT_ENDPOINTS}). */
  static final String PARENT_ENDPOINTS = "dev.cnm.bridge.parent_endpoints";
  /** The bridge driver's join option for {@code ChildEndpoints}. */
  static final String CHILD_ENDPOINTS = "dev.cnm.bridge.child_endpoints";

  /** One legacy link {@code /<parent>/<alias>} to {@code child}. */
  static final class Link {
    final String alias;
    @GuardedBy("lock")
    String path;
    final ContainerRecord child;

    Link(String alias, String path, ContainerRecord child) {
      this.alias = alias;
      this.path = path;
      this.child = child;
    }
  }

  /** A parent's {@code /etc/hosts} line for a link, whose address follows the child. */
  static final class LinkHost {
    final ContainerRecord child;
    final boolean v6;
    @GuardedBy("lock")
    String ip;
    final String names;

    LinkHost(ContainerRecord child, boolean v6, String ip, String names) {
      this.child = child;
      this.v6 = v6;
      this.ip = ip;
      this.names = names;
    }
  }

  private final EngineServices services;
  /** Legacy links by parent id, in registration order. */
  @GuardedBy("lock")
  private final Map<String, List<Link>> links = new HashMap<>();
  /** The process environment of each started container, by id. */
  @GuardedBy("lock")
  private final Map<String, List<String>> processEnv = new HashMap<>();
  /** Link lines of each started parent's /etc/hosts, by parent id. */
  @GuardedBy("lock")
  private final Map<String, List<LinkHost>> linkHosts = new HashMap<>();

  ServiceDiscovery(EngineServices services) {
    this.services = services;
  }

  // ---- links --------------------------------------------------------------------------------

  /**
   * Registers {@code c}'s legacy links ({@code registerLinks}): not for user-defined network
   * modes, whose links become endpoint aliases. Records undo steps.
   */
  void registerLinks(ContainerRecord c, ContainerTable containers, Undo undo) {
    if (c.mode().isUserDefined() || c.spec.links().isEmpty()) {
      return;
    }
    List<Link> registered = new ArrayList<>();
    for (String l : c.spec.links()) {
      Map.Entry<String, String> parsed = Discovery.parseLink(l);
      String name = parsed.getKey();
      ContainerRecord child = lookup(containers, name);
      // modes name their target as given: after a rename, container:X can lead back round
      Set<ContainerRecord> seen = new HashSet<>();
      while (child.mode().isContainer()) {
        if (!seen.add(child)) {
          throw new InvalidParameterException("could not get container for " + name
              + ": its network mode container:" + child.mode().target() + " leads round in a cycle");
        }
        child = lookup(containers, child.mode().target());
      }
      if (child.mode().isHost()) {
        throw new InvalidParameterException("conflicting options: host type networking can't be used with links. "
            + "This would result in undefined behavior");
      }
      String path = "/" + c.name + "/" + parsed.getValue();
      Optional<String> holder = containers.holder(path);
      if (holder.isPresent()) {
        continue; // Docker logs "error registering link ... ignoring" and carries on.
      }
      containers.reserve(path, child.id);
      undo.push(() -> containers.release(path));
      registered.add(new Link(parsed.getValue(), path, child));
    }
    if (!registered.isEmpty()) {
      links.put(c.id, registered);
      undo.push(() -> links.remove(c.id));
    }
  }

  /**
   * Registers a restored container's legacy links again (children are restored before their
   * parents, as they were created); a link whose target is gone is dropped, as Docker drops it.
   */
  void restoreLinks(ContainerRecord c, ContainerTable containers) {
    Undo undo = new Undo();
    try {
      registerLinks(c, containers, undo);
      undo.commit();
    } catch (CnmException e) {
      undo.rollback(e);
    }
  }

  private static ContainerRecord lookup(ContainerTable containers, String name) {
    try {
      return containers.require(name);
    } catch (NotFoundException e) {
      throw new InvalidParameterException("could not get container for " + name + ": " + e.getMessage(), e);
    }
  }

  /** The link paths {@code c} holds as a parent, {@code /web/db} form, in order. */
  List<String> linkPaths(ContainerRecord c) {
    List<String> out = new ArrayList<>();
    links.getOrDefault(c.id, List.of()).forEach(l -> out.add(l.path));
    return out;
  }

  /** Inspect's {@code HostConfig.Links}: {@code /child:/parent/alias}. */
  List<String> inspectLinks(ContainerRecord c) {
    List<String> out = new ArrayList<>();
    links.getOrDefault(c.id, List.of()).forEach(l -> out.add("/" + l.child.name + ":" + l.path));
    return out;
  }

  /** Moves {@code c}'s link paths to its new name. */
  void renamed(ContainerRecord c, String oldName, ContainerTable containers) {
    for (Link l : links.getOrDefault(c.id, List.of())) {
      String moved = "/" + c.name + "/" + l.alias;
      boolean held = containers.holder(l.path).map(l.child.id::equals).orElse(false);
      if (held) {
        containers.release(l.path);
        if (containers.holder(moved).isEmpty()) {
          containers.reserve(moved, l.child.id);
        }
      }
      l.path = moved;
    }
  }

  /** Forgets {@code c}: releases the link paths it holds as a parent. */
  void removed(ContainerRecord c, ContainerTable containers) {
    for (Link l : links.getOrDefault(c.id, List.of())) {
      releaseIfHeld(containers, l);
    }
    links.remove(c.id);
    // A removed child no longer holds its parents' link names; the parents keep the link, and
    // their next start fails as Docker's does (the child is not running).
    for (List<Link> ls : links.values()) {
      for (Link l : ls) {
        if (l.child == c) {
          releaseIfHeld(containers, l);
        }
      }
    }
    processEnv.remove(c.id);
    linkHosts.remove(c.id);
  }

  private static void releaseIfHeld(ContainerTable containers, Link l) {
    if (containers.holder(l.path).map(l.child.id::equals).orElse(false)) {
      containers.release(l.path);
    }
  }

  // ---- start --------------------------------------------------------------------------------

  /** Docker's start-time link checks: every child on the default bridge and running. */
  void checkLinks(ContainerRecord c) {
    if (!c.attachments.containsKey(BRIDGE)) {
      return;
    }
    for (Link l : links.getOrDefault(c.id, List.of())) {
      if (!l.child.attachments.containsKey(BRIDGE)) {
        throw new SystemException("Cannot link to /" + l.child.name + ", as it does not belong to the default network");
      }
    }
    for (Link l : links.getOrDefault(c.id, List.of())) {
      if (!l.child.isRunning()) {
        throw new SystemException("Cannot link to a non running container: /" + l.child.name + " AS " + l.path);
      }
    }
  }

  /**
   * After a successful start: the container's process environment and link hosts lines, and the
   * link lines of its running parents follow its new address ({@code OptionParentUpdate}).
   */
  void started(ContainerRecord c, Collection<ContainerRecord> all) {
    ContainerRecord owner = owner(c);
    List<String> linkEnv = new ArrayList<>();
    List<LinkHost> hosts = new ArrayList<>();
    if (c.sandbox != null && c.endpointOn(bridgeId(c)).isPresent()) {
      for (Link l : links.getOrDefault(c.id, List.of())) {
        Optional<EndpointRecord> ep = bridgeEndpoint(l.child);
        if (ep.isEmpty()) {
          continue;
        }
        String names = l.alias + " " + l.child.hostname()
            + (l.alias.equals(l.child.name) ? "" : " " + l.child.name);
        ep.get().ipv4().ifPresent(s -> {
          hosts.add(new LinkHost(l.child, false, s.address().toString(), names));
          linkEnv.addAll(Discovery.linkEnv(l.path, s.address().toString(), l.child.exposedPorts, l.child.env));
        });
        ep.get().ipv6().ifPresent(s -> hosts.add(new LinkHost(l.child, true, s.address().toString(), names)));
      }
    }
    // The usual container (no links, its own namespace) keeps neither: its environment is derived
    // again on demand, which saves a map entry and a list per running container.
    if (hosts.isEmpty()) {
      linkHosts.remove(c.id);
    } else {
      linkHosts.put(c.id, hosts);
    }
    c.plainEnv = linkEnv.isEmpty() && owner == c;
    if (c.plainEnv) {
      processEnv.remove(c.id);
    } else {
      processEnv.put(c.id, Discovery.processEnv(owner.hostname(), linkEnv, c.env));
    }
    Optional<EndpointRecord> mine = bridgeEndpoint(c);
    if (mine.isPresent()) {
      for (ContainerRecord p : all) {
        if (!p.isRunning()) {
          continue;
        }
        for (LinkHost h : linkHosts.getOrDefault(p.id, List.of())) {
          if (h.child == c) {
            (h.v6 ? mine.get().ipv6() : mine.get().ipv4()).ifPresent(s -> h.ip = s.address().toString());
          }
        }
      }
    }
  }

  /** The process environment of started container {@code c}: the image's and its own, {@code HOSTNAME}, link variables. */
  List<String> processEnv(ContainerRecord c) {
    List<String> env = processEnv.get(c.id);
    if (env != null) {
      return env;
    }
    return c.plainEnv ? Discovery.processEnv(c.hostname(), List.of(), c.env) : c.env;
  }

  /**
   * The extra join options of {@code c}'s endpoint on {@code n}: the link endpoints ({@link
   * #linkJoinOptions}) on the default bridge, none elsewhere.
   */
  Map<String, String> joinOptions(ContainerRecord c, NetworkRecord n, Collection<ContainerRecord> all) {
    if (!n.predefined || !n.name.equals(BRIDGE)) {
      return Map.of();
    }
    return linkJoinOptions(c, all);
  }

  /**
   * The daemon's link join data for {@code c}'s endpoint on the default bridge ({@code
   * buildSandboxOptions}: {@code ParentEndpoints}, {@code ChildEndpoints}): the bridge endpoint ids
   * of the running containers that link to {@code c}, and of the running containers {@code c} links
   * to. A bridge network with ICC off accepts exactly that traffic on the exposed ports. Empty
   * entries are left out.
   */
  private Map<String, String> linkJoinOptions(ContainerRecord c, Collection<ContainerRecord> all) {
    List<String> children = new ArrayList<>();
    for (Link l : links.getOrDefault(c.id, List.of())) {
      if (l.child.isRunning()) {
        bridgeEndpoint(l.child).ifPresent(ep -> children.add(ep.id));
      }
    }
    List<String> parents = new ArrayList<>();
    for (ContainerRecord p : all) {
      if (p == c || !p.isRunning()) {
        continue;
      }
      for (Link l : links.getOrDefault(p.id, List.of())) {
        if (l.child == c) {
          bridgeEndpoint(p).ifPresent(ep -> parents.add(ep.id));
          break;
        }
      }
    }
    Map<String, String> options = new LinkedHashMap<>();
    if (!parents.isEmpty()) {
      options.put(PARENT_ENDPOINTS, String.join(",", parents));
    }
    if (!children.isEmpty()) {
      options.put(CHILD_ENDPOINTS, String.join(",", children));
    }
    return options;
  }

  private static String bridgeId(ContainerRecord c) {
    Attachment a = c.attachments.get(BRIDGE);
    return a == null ? "" : a.networkId;
  }

  private static Optional<EndpointRecord> bridgeEndpoint(ContainerRecord c) {
    if (c.sandbox == null) {
      return Optional.empty();
    }
    return c.sandbox.endpoints().stream().filter(e -> e.network.name.equals(BRIDGE) && e.network.predefined)
        .findFirst();
  }

  /** Whether {@code c} shares a namespace whose owner stopped meanwhile (loopback only). */
  private static boolean networkGone(ContainerRecord c) {
    ContainerRecord x = c;
    Set<ContainerRecord> seen = new LinkedHashSet<>();
    while (x != null && seen.add(x)) {
      if (x.networkGone) {
        return true;
      }
      x = x.sharedWith;
    }
    return false;
  }

  private static ContainerRecord owner(ContainerRecord c) {
    ContainerRecord owner = c;
    Set<ContainerRecord> seen = new LinkedHashSet<>();
    while (owner.sharedWith != null && seen.add(owner)) {
      owner = owner.sharedWith;
    }
    return owner;
  }

  // ---- what a container sees ----------------------------------------------------------------

  /** Runs {@code command} in running container {@code c}. */
  ExecResult exec(ContainerRecord c, List<String> command, NetworkTable networks, List<String> extraEnv) {
    SandboxView view = view(c, networks);
    if (!extraEnv.isEmpty()) {
      view = new SandboxView(view.containerId(), view.kind(), view.hostname(), view.domainname(),
          withEnv(view.env(), extraEnv), view.extraHosts(), view.dnsServers(), view.joinOrder(), view.resolutionOrder(),
          view.gatewayNetworkId(), view.networks());
    }
    return Exec.run(view, command, hostFiles(), services.configuration.hostAddress(), services.random);
  }

  /**
   * moby's {@code ReplaceOrAppendEnvValues}: each {@code NAME=value} of {@code over} replaces the
   * variable of that name in {@code base}, in place, or is appended.
   */
  static List<String> withEnv(List<String> base, List<String> over) {
    if (over.isEmpty()) {
      return base;
    }
    List<String> out = new ArrayList<>(base);
    for (String kv : over) {
      int eq = kv.indexOf('=');
      String name = eq < 0 ? kv : kv.substring(0, eq);
      int at = -1;
      for (int i = 0; i < out.size(); i++) {
        String e = out.get(i);
        if (e.equals(name) || e.startsWith(name + "=")) {
          at = i;
          break;
        }
      }
      if (at >= 0) {
        out.set(at, kv);
      } else {
        out.add(kv);
      }
    }
    return out;
  }

  /** The embedded DNS answer for {@code name} in running container {@code c}. */
  List<IpAddress> resolve(ContainerRecord c, String name, NetworkTable networks, ContainerTable containers) {
    return Discovery.resolve(view(c, networks, containers, queryNames(name)), name, services.random);
  }

  /**
   * The lower-case names a lookup of {@code name} may ask a network for: the name and each of its
   * prefixes before a dot ({@code web.mynet} is {@code web} on {@code mynet}), as {@link
   * Discovery#resolve} tries them.
   */
  private static Set<String> queryNames(String name) {
    String q = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    q = q.toLowerCase(Locale.ROOT);
    Set<String> out = new HashSet<>();
    out.add(q);
    for (int dot = q.lastIndexOf('.'); dot > 0; dot = q.lastIndexOf('.', dot - 1)) {
      out.add(q.substring(0, dot));
    }
    return out;
  }

  private HostFiles hostFiles() {
    return new HostFiles(services.configuration.hostEtcHosts(), services.configuration.hostResolvConf());
  }

  private static void requireRunning(ContainerRecord c) {
    if (!c.isRunning()) {
      throw new ConflictException("container " + c.id + " is not running");
    }
  }

  /** The snapshot of what running container {@code c} sees. */
  SandboxView view(ContainerRecord c, NetworkTable networks) {
    return view(c, networks, null, null);
  }

  /**
   * The snapshot of what running container {@code c} sees. With {@code names} (lower case), a
   * snapshot for name resolution only: just the sandbox's networks, each with just the endpoints
   * answering to one of {@code names} or to a link alias's target, taken from the networks' DNS
   * index. A lookup of those names answers the same as on the full view, without a pass over
   * every endpoint of every network.
   */
  private SandboxView view(ContainerRecord c, NetworkTable networks, ContainerTable containers, Set<String> names) {
    requireRunning(c);
    ContainerRecord owner = owner(c);
    Map<String, DnsNetwork> nets = new LinkedHashMap<>();
    if (names == null) {
      for (NetworkRecord n : networks.all()) {
        nets.put(n.id, network(n));
      }
    }
    SandboxRecord sb = networkGone(c) ? null : owner.sandbox;
    List<DnsEndpoint> join = new ArrayList<>();
    List<DnsEndpoint> ordered = new ArrayList<>();
    Optional<String> gateway = Optional.empty();
    if (sb != null) {
      sb.endpoints().forEach(e -> join.add(endpoint(e)));
      Gateways.ordered(sb).forEach(e -> ordered.add(endpoint(e)));
      gateway = Optional.ofNullable(sb.gatewayEndpoint).map(e -> e.network.id);
      if (names != null) {
        Set<String> wanted = new HashSet<>(names);
        for (DnsEndpoint e : join) {
          for (String target : e.linkAliases().values()) {
            wanted.add(target.toLowerCase(Locale.ROOT));
          }
        }
        for (EndpointRecord e : sb.endpoints()) {
          NetworkRecord n = e.network;
          if (!nets.containsKey(n.id)) {
            nets.put(n.id, network(n, n.endpointsNamed(wanted, containers), wanted));
          }
        }
      }
    }
    List<HostEntry> extra = new ArrayList<>();
    for (String h : owner.spec.extraHosts()) {
      extra.add(extraHost(h, networks));
    }
    for (LinkHost h : linkHosts.getOrDefault(owner.id, List.of())) {
      extra.add(new HostEntry(h.ip, h.names));
    }
    List<String> env = processEnv.getOrDefault(c.id, Discovery.processEnv(owner.hostname(), List.of(), c.env));
    return new SandboxView(c.id, owner.mode().isHost() ? SandboxView.Kind.HOST : SandboxView.Kind.SANDBOX,
        owner.hostname(), owner.spec.domainname().orElse(""), env, extra, owner.spec.dns(), join, ordered, gateway,
        nets);
  }

  /** {@code name:ip} (or {@code name=ip}); {@code host-gateway} is the default bridge's gateway. */
  private static HostEntry extraHost(String spec, NetworkTable networks) {
    int sep = spec.indexOf('=');
    if (sep < 0) {
      sep = spec.indexOf(':');
    }
    if (sep < 0) {
      throw new InvalidParameterException("bad format for add-host: \"" + spec + "\"");
    }
    String name = spec.substring(0, sep);
    String ip = spec.substring(sep + 1);
    if (ip.startsWith("[") && ip.endsWith("]")) {
      ip = ip.substring(1, ip.length() - 1);
    }
    if (ip.equals("host-gateway")) {
      ip = networks.find(BRIDGE).flatMap(n -> n.v4Pools.stream().flatMap(p -> p.gateway.stream()).findFirst())
          .map(IpAddress::toString)
          .orElseThrow(() -> new InvalidParameterException("unable to derive the IP value for host-gateway"));
    }
    return new HostEntry(ip, name);
  }

  private DnsNetwork network(NetworkRecord n) {
    return network(n, n.endpoints(), null);
  }

  /**
   * The network as the sandbox sees it, with {@code endpoints} (all, or those a lookup needs) and,
   * on a network shared through the cluster store, the other hosts' endpoints (all, or those
   * answering to one of {@code names}), as the last read of the store has them.
   */
  private DnsNetwork network(NetworkRecord n, Collection<EndpointRecord> endpoints, Set<String> names) {
    List<Subnet> subnets = new ArrayList<>();
    Set<IpAddress> gateways = new LinkedHashSet<>();
    for (PoolRecord p : n.v4Pools) {
      subnets.add(p.pool);
      p.gateway.ifPresent(gateways::add);
    }
    for (PoolRecord p : n.v6Pools) {
      subnets.add(p.pool);
      p.gateway.ifPresent(gateways::add);
    }
    List<DnsEndpoint> eps = new ArrayList<>();
    for (EndpointRecord e : endpoints) {
      e.join.gateway().ifPresent(gateways::add);
      e.join.ipv6Gateway().ifPresent(gateways::add);
      eps.add(endpoint(e));
    }
    if (n.inStore && services.global != null) {
      for (GlobalNetworks.StoredEndpoint r : services.global.remoteEndpoints(n)) {
        if (names == null || r.dnsNames().stream().anyMatch(d -> names.contains(d.toLowerCase(Locale.ROOT)))) {
          // Another host's container: no link aliases, interface or gateway of its own here.
          eps.add(new DnsEndpoint(r.containerId(), r.name(), n.id, r.dnsNames(), r.ipv4(), r.ipv6(), Map.of(), "",
              Optional.empty(), Optional.empty(), Optional.empty()));
        }
      }
    }
    boolean icc = !"false".equalsIgnoreCase(n.options.getOrDefault("com.docker.network.bridge.enable_icc", "true"));
    boolean masq = !"false".equalsIgnoreCase(
        n.options.getOrDefault("com.docker.network.bridge.enable_ip_masquerade", "true"));
    int mtu = 1500;
    try {
      int m = Integer.parseInt(n.options.getOrDefault("com.docker.network.driver.mtu", "0"));
      mtu = m > 0 ? m : 1500;
    } catch (NumberFormatException e) {
      // keep the default
    }
    return new DnsNetwork(n.id, n.name, n.driver.type(), n.isUserDefined(), n.spec.internal(), icc, masq, mtu, subnets,
        List.copyOf(gateways), eps, n.driver.dataPlane(n.id));
  }

  private static DnsEndpoint endpoint(EndpointRecord e) {
    Map<String, String> aliases = new LinkedHashMap<>();
    ContainerRecord c = e.container;
    List<String> specLinks = new ArrayList<>(e.settings.links());
    if (c.mode().isUserDefined() && !c.attachments.isEmpty()
        && c.attachments.keySet().iterator().next().equals(e.network.name)) {
      specLinks.addAll(c.spec.links());
    }
    if (e.network.isUserDefined()) {
      for (String l : specLinks) {
        Map.Entry<String, String> parsed = Discovery.parseLink(l);
        aliases.putIfAbsent(parsed.getValue().toLowerCase(Locale.ROOT), parsed.getKey());
      }
    }
    return new DnsEndpoint(c.id, c.name, e.network.id, e.dnsNames(), e.ipv4(), e.ipv6(), aliases, e.interfaceName, e.mac(),
        e.join.gateway(), e.join.ipv6Gateway(), e.join.staticRoutes());
  }
}
