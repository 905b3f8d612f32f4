package dev.cnm.drivers.bridge;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.host.HostRules;
import dev.cnm.api.host.Rule;
import dev.cnm.api.host.RuleTable;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.port.ExposedPort;
import dev.cnm.api.port.PortProtocol;
import dev.cnm.api.port.PublishedPort;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bridge driver's rule programmer: adds and removes exactly the IPv4 iptables rules libnetwork's
 * bridge driver programs, in the classic chain layout ({@code DOCKER}, {@code
 * DOCKER-ISOLATION-STAGE-1/2}, {@code DOCKER-USER}), through {@link HostRules}. Each operation is
 * idempotent the way libnetwork's is (a rule is added only if absent, removed only if present), and
 * rules appear and disappear with networks, published ports and links.
 *
 * <p>Sources (libnetwork as shipped in Docker 20.10, whose layout the tutorial shows): {@code
 * drivers/bridge/setup_ip_tables.go} ({@code setupIPTablesInternal}, {@code setIcc}, {@code
 * setINC}, {@code setupInternalNetworkRules}), {@code iptables/iptables.go} ({@code ProgramChain},
 * {@code Forward}, {@code Link}, {@code EnsureJumpRule}) and the controller's {@code
 * arrangeUserFilterRule}. The userland proxy setting is daemon-wide, so it is fixed at creation:
 * with the proxy on, DNAT skips traffic from the bridge itself ({@code ! -i br}, plus {@code -i br
 * -j RETURN} in nat {@code DOCKER}); with it off (hairpin mode), locally sourced traffic to the
 * bridge is masqueraded instead.
 *
 * <p>Only IPv4 is programmed: a binding whose host or container address is IPv6 gets no rules here
 * (Docker programs those with ip6tables, or relays them with the userland proxy).
 *
 * <pre>{@code
 * BridgeFirewall fw = BridgeFirewall.create(context.hostRules(), true);
 * fw.setupChains();
 * fw.addNetwork("docker0", Subnet.parse("172.17.0.0/16"), true, true, false, Optional.empty());
 * fw.publish("docker0", PublishedPort.of(ExposedPort.tcp(80), IpAddress.ANY_V4, 8080),
 *     IpAddress.parse("172.17.0.2"));
 * }</pre>
 */
public final class BridgeFirewall {
  /** nat and filter chain of DNAT and per-port ACCEPT rules. */
  public static final String DOCKER = "DOCKER";
  /** First isolation stage, jumped to from FORWARD. */
  public static final String ISOLATION_STAGE_1 = "DOCKER-ISOLATION-STAGE-1";
  /** Second isolation stage. */
  public static final String ISOLATION_STAGE_2 = "DOCKER-ISOLATION-STAGE-2";
  /** The chain left to the user, jumped to first from FORWARD. */
  public static final String DOCKER_USER = "DOCKER-USER";

  private static final RuleTable NAT = RuleTable.NAT;
  private static final RuleTable FILTER = RuleTable.FILTER;

  private final HostRules rules;
  private final boolean userlandProxy;

  private BridgeFirewall(HostRules rules, boolean userlandProxy) {
    this.rules = requireNonNull(rules, "rules");
    this.userlandProxy = userlandProxy;
  }

  /**
   * {@return a programmer of {@code rules}; {@code userlandProxy} is the daemon's
   * {@code --userland-proxy} (Docker's default is true)}
   *
   * @param rules the host's rules the programmer adds to and removes from
   * @param userlandProxy the daemon's {@code --userland-proxy}
   */
  public static BridgeFirewall create(HostRules rules, boolean userlandProxy) {
    return new BridgeFirewall(rules, userlandProxy);
  }

  /** {@return whether the userland proxy is on (hairpin mode off)} */
  public boolean userlandProxy() {
    return userlandProxy;
  }

  /**
   * Once per host: the chains, their final {@code RETURN} rules, the nat {@code PREROUTING} and
   * {@code OUTPUT} jumps to {@code DOCKER} (with {@code ! -d 127.0.0.0/8} on OUTPUT when the proxy
   * is on), FORWARD's jumps to {@code DOCKER-USER} then {@code DOCKER-ISOLATION-STAGE-1} at its
   * head, and FORWARD's policy {@code DROP} (set by the daemon when it enables IP forwarding).
   * Safe to call again.
   */
  public void setupChains() {
    rules.ensureChain(NAT, DOCKER);
    rules.ensureChain(FILTER, DOCKER);
    rules.ensureChain(FILTER, ISOLATION_STAGE_1);
    rules.ensureChain(FILTER, ISOLATION_STAGE_2);
    rules.ensureChain(FILTER, DOCKER_USER);
    appendIfAbsent(rule(FILTER, ISOLATION_STAGE_1, "-j", "RETURN"));
    appendIfAbsent(rule(FILTER, ISOLATION_STAGE_2, "-j", "RETURN"));
    appendIfAbsent(rule(FILTER, DOCKER_USER, "-j", "RETURN"));
    appendIfAbsent(rule(NAT, "PREROUTING", "-m", "addrtype", "--dst-type", "LOCAL", "-j", DOCKER));
    appendIfAbsent(outputJump());
    rules.setPolicy(FILTER, "FORWARD", "DROP");
    arrangeForwardJumps();
  }

  /**
   * Programs a new bridge network: masquerading (or SNAT to {@code hostIpv4}), the nat {@code
   * DOCKER} RETURN or hairpin masquerade, ICC accept/drop, FORWARD accept and conntrack rules, the
   * FORWARD jump to {@code DOCKER}, and the isolation rules; for an internal network only the
   * STAGE-1 drops of foreign traffic and the ICC rule.
   *
   * @param bridge the bridge interface name, e.g. {@code docker0} or {@code br-<id12>}
   * @param subnet the network's IPv4 subnet (host bits are ignored)
   * @param icc {@code com.docker.network.bridge.enable_icc}
   * @param masquerade {@code com.docker.network.bridge.enable_ip_masquerade}
   * @param internal {@code --internal}
   * @param hostIpv4 {@code com.docker.network.host_ipv4}: SNAT to it instead of MASQUERADE
   */
  public void addNetwork(String bridge, Subnet subnet, boolean icc, boolean masquerade, boolean internal,
      Optional<IpAddress> hostIpv4) {
    for (Step s : networkRules(bridge, subnet, icc, masquerade, internal, hostIpv4)) {
      if (!rules.exists(s.rule)) {
        if (s.position > 0) {
          rules.insert(s.position, s.rule);
        } else {
          rules.append(s.rule);
        }
      }
    }
    arrangeForwardJumps();
  }

  /**
   * Removes every rule {@link #addNetwork} added for this network (same arguments).
   *
   * @param bridge the bridge interface name, as given to {@link #addNetwork}
   * @param subnet the network's IPv4 subnet, as given to {@link #addNetwork}
   * @param icc {@code com.docker.network.bridge.enable_icc}, as given to {@link #addNetwork}
   * @param masquerade {@code com.docker.network.bridge.enable_ip_masquerade}, as given to
   *     {@link #addNetwork}
   * @param internal {@code --internal}, as given to {@link #addNetwork}
   * @param hostIpv4 {@code com.docker.network.host_ipv4}, as given to {@link #addNetwork}
   */
  public void removeNetwork(String bridge, Subnet subnet, boolean icc, boolean masquerade, boolean internal,
      Optional<IpAddress> hostIpv4) {
    for (Step s : networkRules(bridge, subnet, icc, masquerade, internal, hostIpv4)) {
      rules.delete(s.rule);
    }
  }

  /**
   * Programs one binding ({@code ChainInfo.Forward}): DNAT in nat {@code DOCKER}, ACCEPT in filter
   * {@code DOCKER}, the hairpin MASQUERADE in nat {@code POSTROUTING}, and for SCTP the checksum
   * fill in mangle {@code POSTROUTING}. Rules already present are not added twice.
   *
   * @param bridge the bridge interface name
   * @param port the published port: container port, host address and host port
   * @param containerIp the container's address the traffic goes to
   */
  public void publish(String bridge, PublishedPort port, IpAddress containerIp) {
    for (Rule r : bindingRules(bridge, port, containerIp)) {
      appendIfAbsent(r);
    }
  }

  /**
   * Removes the rules of one binding, as Docker does (a rule another binding shares goes too).
   *
   * @param bridge the bridge interface name
   * @param port the published port, as given to {@link #publish}
   * @param containerIp the container's address, as given to {@link #publish}
   */
  public void unpublish(String bridge, PublishedPort port, IpAddress containerIp) {
    for (Rule r : bindingRules(bridge, port, containerIp)) {
      rules.delete(r);
    }
  }

  /**
   * Legacy link rules for a network with ICC disabled ({@code ChainInfo.Link}): for each of the
   * linked container's ports, ACCEPT from {@code parentIp} (the container that has {@code --link})
   * to {@code childIp} on that port, and the replies back.
   *
   * @param bridge the bridge interface name
   * @param parentIp the address of the container that has {@code --link}
   * @param childIp the address of the linked container
   * @param ports the linked container's exposed ports
   */
  public void link(String bridge, IpAddress parentIp, IpAddress childIp, Collection<ExposedPort> ports) {
    for (Rule r : linkRules(bridge, parentIp, childIp, ports)) {
      appendIfAbsent(r);
    }
  }

  /**
   * Removes the rules of {@link #link}.
   *
   * @param bridge the bridge interface name
   * @param parentIp the parent's address, as given to {@link #link}
   * @param childIp the child's address, as given to {@link #link}
   * @param ports the ports, as given to {@link #link}
   */
  public void unlink(String bridge, IpAddress parentIp, IpAddress childIp, Collection<ExposedPort> ports) {
    for (Rule r : linkRules(bridge, parentIp, childIp, ports)) {
      rules.delete(r);
    }
  }

  // ---- rule sets ----

  /** A rule and where it goes: a position to insert at, or 0 to append. */
  private static final class Step {
    final Rule rule;
    final int position;

    Step(Rule rule, int position) {
      this.rule = rule;
      this.position = position;
    }
  }

  private List<Step> networkRules(String bridge, Subnet subnet, boolean icc, boolean masquerade, boolean internal,
      Optional<IpAddress> hostIpv4) {
    requireNonNull(bridge, "bridge");
    requireNonNull(hostIpv4, "hostIpv4");
    String addr = subnet.canonical().toString();
    List<Step> steps = new ArrayList<>();
    Rule iccRule = icc
        ? rule(FILTER, "FORWARD", "-i", bridge, "-o", bridge, "-j", "ACCEPT")
        : rule(FILTER, "FORWARD", "-i", bridge, "-o", bridge, "-j", "DROP");
    // ICC: ACCEPT is inserted at the head, DROP appended at the end (setIcc).
    Step iccStep = new Step(iccRule, icc ? 1 : 0);
    if (internal) {
      // setupInternalNetworkRules: both inserted at the head of STAGE-1, then ICC.
      steps.add(new Step(rule(FILTER, ISOLATION_STAGE_1, "-i", bridge, "!", "-d", addr, "-j", "DROP"), 1));
      steps.add(new Step(rule(FILTER, ISOLATION_STAGE_1, "-o", bridge, "!", "-s", addr, "-j", "DROP"), 1));
      steps.add(iccStep);
      return steps;
    }
    String[] snat = hostIpv4.map(ip -> new String[] {"SNAT", "--to-source", ip.toString()})
        .orElse(new String[] {"MASQUERADE"});
    if (masquerade) {
      steps.add(new Step(rule(NAT, "POSTROUTING", concat(new String[] {"-s", addr, "!", "-o", bridge, "-j"}, snat)), 1));
      if (userlandProxy) {
        steps.add(new Step(rule(NAT, DOCKER, "-i", bridge, "-j", "RETURN"), 1));
      }
    }
    if (!userlandProxy) {
      steps.add(new Step(rule(NAT, "POSTROUTING",
          concat(new String[] {"-m", "addrtype", "--src-type", "LOCAL", "-o", bridge, "-j"}, snat)), 1));
    }
    steps.add(iccStep);
    steps.add(new Step(rule(FILTER, "FORWARD", "-i", bridge, "!", "-o", bridge, "-j", "ACCEPT"), 1));
    // ProgramChain(filter): the jump to DOCKER, then conntrack above it.
    steps.add(new Step(rule(FILTER, "FORWARD", "-o", bridge, "-j", DOCKER), 1));
    steps.add(new Step(rule(FILTER, "FORWARD", "-o", bridge, "-m", "conntrack", "--ctstate", "RELATED,ESTABLISHED",
        "-j", "ACCEPT"), 1));
    // setINC: isolation from other bridge networks.
    steps.add(new Step(rule(FILTER, ISOLATION_STAGE_1, "-i", bridge, "!", "-o", bridge, "-j", ISOLATION_STAGE_2), 1));
    steps.add(new Step(rule(FILTER, ISOLATION_STAGE_2, "-o", bridge, "-j", "DROP"), 1));
    return steps;
  }

  private List<Rule> bindingRules(String bridge, PublishedPort port, IpAddress containerIp) {
    requireNonNull(bridge, "bridge");
    requireNonNull(port, "port");
    requireNonNull(containerIp, "containerIp");
    if (port.hostIp().isV6() || containerIp.isV6()) {
      return List.of();
    }
    String proto = port.containerPort().protocol().toString();
    String hostPort = Integer.toString(port.hostPort());
    String containerPort = Integer.toString(port.containerPort().port());
    String cip = containerIp.toString();
    String daddr = port.hostIp().isUnspecified() ? "0/0" : port.hostIp().toString();
    List<String> dnat = new ArrayList<>(List.of("-p", proto, "-d", daddr, "--dport", hostPort, "-j", "DNAT",
        "--to-destination", cip + ":" + containerPort));
    if (userlandProxy) {
      dnat.addAll(List.of("!", "-i", bridge));
    }
    List<Rule> out = new ArrayList<>();
    out.add(Rule.of(NAT, DOCKER, dnat));
    out.add(rule(FILTER, DOCKER, "!", "-i", bridge, "-o", bridge, "-p", proto, "-d", cip, "--dport", containerPort,
        "-j", "ACCEPT"));
    out.add(rule(NAT, "POSTROUTING", "-p", proto, "-s", cip, "-d", cip, "--dport", containerPort, "-j", "MASQUERADE"));
    if (port.containerPort().protocol() == PortProtocol.SCTP) {
      out.add(rule(RuleTable.MANGLE, "POSTROUTING", "-p", proto, "--sport", containerPort, "-j", "CHECKSUM",
          "--checksum-fill"));
    }
    return out;
  }

  private static List<Rule> linkRules(String bridge, IpAddress parentIp, IpAddress childIp,
      Collection<ExposedPort> ports) {
    requireNonNull(bridge, "bridge");
    String parent = parentIp.toString();
    String child = childIp.toString();
    List<Rule> out = new ArrayList<>();
    for (ExposedPort p : ports) {
      String proto = p.protocol().toString();
      String port = Integer.toString(p.port());
      out.add(rule(FILTER, DOCKER, "-i", bridge, "-o", bridge, "-p", proto, "-s", parent, "-d", child,
          "--dport", port, "-j", "ACCEPT"));
      out.add(rule(FILTER, DOCKER, "-i", bridge, "-o", bridge, "-p", proto, "-s", child, "-d", parent,
          "--sport", port, "-j", "ACCEPT"));
    }
    return out;
  }

  /** nat OUTPUT's jump to DOCKER; loopback destinations are left to the proxy when it is on. */
  private Rule outputJump() {
    List<String> args = new ArrayList<>(List.of("-m", "addrtype", "--dst-type", "LOCAL", "-j", DOCKER));
    if (userlandProxy) {
      args.addAll(List.of("!", "--dst", "127.0.0.0/8"));
    }
    return canonical(NAT, "OUTPUT", args);
  }

  /**
   * {@code EnsureJumpRule(FORWARD, DOCKER-ISOLATION-STAGE-1)} then {@code arrangeUserFilterRule}:
   * both jumps move to the head of FORWARD, DOCKER-USER first.
   */
  private void arrangeForwardJumps() {
    moveToHead(rule(FILTER, "FORWARD", "-j", ISOLATION_STAGE_1));
    moveToHead(rule(FILTER, "FORWARD", "-j", DOCKER_USER));
  }

  private void moveToHead(Rule r) {
    rules.delete(r);
    rules.insert(r);
  }

  private void appendIfAbsent(Rule r) {
    if (!rules.exists(r)) {
      rules.append(r);
    }
  }

  private static Rule rule(RuleTable table, String chain, String... args) {
    return canonical(table, chain, List.of(args));
  }

  /**
   * Canonicalised rules by (table, chain, arguments), shared by every engine of the JVM: the
   * default bridge's rules are the same in each engine, and parsing them would otherwise cost
   * every engine build again. {@link Rule} is immutable; the cache stops growing at {@value
   * #CACHE_LIMIT} entries.
   */
  private static final ConcurrentHashMap<List<Object>, Rule> CANONICAL = new ConcurrentHashMap<>();
  private static final int CACHE_LIMIT = 4096;

  private static Rule canonical(RuleTable table, String chain, List<String> args) {
    Rule r = CANONICAL.get(List.of(table, chain, args));
    if (r == null) {
      r = Rule.of(table, chain, args);
      if (CANONICAL.size() < CACHE_LIMIT) {
        CANONICAL.putIfAbsent(List.of(table, chain, List.copyOf(args)), r);
      }
    }
    return r;
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = new String[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
