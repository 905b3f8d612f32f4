package dev.cnm.core.internal.discovery;

import dev.cnm.api.ExecResult;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.spi.StaticRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The fixed command set {@code docker exec} is modelled with, evaluated against a {@link
 * SandboxView}: {@code env}, {@code hostname}, {@code cat} of {@code /etc/hosts}, {@code
 * /etc/resolv.conf} and {@code /etc/hostname}, {@code getent hosts} (glibc), {@code nslookup},
 * {@code ip addr}, {@code ip route} and {@code ping -c N} (busybox). Anything else exits 127.
 *
 * <pre>{@code
 * ExecResult r = Exec.run(self, List.of("ping", "-c", "1", "redis"), HostFiles.debian(), hostAddress, random);
 * }</pre>
 */
public final class Exec {
  private static final String LOCAL_TIME = "0.080";
  private static final String EXTERNAL_TIME = "10.000";

  private final SandboxView self;
  private final HostFiles host;
  private final Subnet hostAddress;
  private final RandomGenerator random;

  private Exec(SandboxView self, HostFiles host, Subnet hostAddress, RandomGenerator random) {
    this.self = self;
    this.host = host;
    this.hostAddress = hostAddress;
    this.random = random;
  }

  /**
   * Runs {@code command} in the container {@code self} describes.
   *
   * @param self the container's sandbox
   * @param command the program and its arguments
   * @param host the host's own files
   * @param hostAddress the host's own address on {@code eth0} (host mode shows it)
   * @param random the random source for answers Docker shuffles
   * @return what the command printed, and its exit code
   * @throws IllegalArgumentException for an empty command
   */
  public static ExecResult run(SandboxView self, List<String> command, HostFiles host, Subnet hostAddress,
      RandomGenerator random) {
    if (command.isEmpty()) {
      throw new IllegalArgumentException("empty command");
    }
    return new Exec(self, host, hostAddress, random).dispatch(command);
  }

  private ExecResult dispatch(List<String> cmd) {
    String name = cmd.get(0);
    List<String> args = cmd.subList(1, cmd.size());
    switch (name) {
      case "env":
        if (args.isEmpty()) {
          return ExecResult.ok(lines(self.env()));
        }
        break;
      case "hostname":
        if (args.isEmpty()) {
          return ExecResult.ok(self.hostname() + "\n");
        }
        break;
      case "cat":
        return cat(args);
      case "getent":
        if (!args.isEmpty() && args.get(0).equals("hosts")) {
          return getentHosts(args.subList(1, args.size()));
        }
        break;
      case "nslookup":
        if (args.size() == 1) {
          return nslookup(args.get(0));
        }
        break;
      case "ip":
        if (!args.isEmpty() && List.of("a", "addr", "address").contains(args.get(0))) {
          return ExecResult.ok(ipAddr());
        }
        if (!args.isEmpty() && List.of("r", "ro", "route").contains(args.get(0))) {
          return ExecResult.ok(ipRoute());
        }
        break;
      case "ping":
        return ping(args);
      default:
        break;
    }
    return ExecResult.failed("sh: " + name + ": not found\n", 127);
  }

  private static String lines(List<String> lines) {
    StringBuilder b = new StringBuilder();
    lines.forEach(l -> b.append(l).append('\n'));
    return b.toString();
  }

  // ---- cat ----------------------------------------------------------------------------------

  private ExecResult cat(List<String> files) {
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    int exit = 0;
    for (String f : files) {
      Optional<String> content = file(f);
      if (content.isPresent()) {
        out.append(content.get());
      } else {
        err.append("cat: can't open '").append(f).append("': No such file or directory\n");
        exit = 1;
      }
    }
    return ExecResult.of(out.toString(), err.toString(), exit);
  }

  private Optional<String> file(String path) {
    switch (path) {
      case "/etc/hosts":
        return Optional.of(Discovery.hostsFile(self, host));
      case "/etc/resolv.conf":
        return Optional.of(Discovery.resolvConf(self, host));
      case "/etc/hostname":
        return Optional.of(self.hostname() + "\n");
      default:
        return Optional.empty();
    }
  }

  // ---- getent (glibc, nsswitch "hosts: files dns") -------------------------------------------

  /** One {@code hostent}: the canonical name, its aliases and addresses. */
  private static final class HostEnt {
    final String name;
    final List<String> aliases;
    final List<IpAddress> addresses;

    HostEnt(String name, List<String> aliases, List<IpAddress> addresses) {
      this.name = name;
      this.aliases = aliases;
      this.addresses = addresses;
    }
  }

  private List<String[]> hostsLines() {
    List<String[]> out = new ArrayList<>();
    for (String raw : Discovery.hostsFile(self, host).split("\n")) {
      int hash = raw.indexOf('#');
      String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] fields = line.split("\\s+");
      if (fields.length >= 2 && IpAddress.isValid(fields[0])) {
        out.add(fields);
      }
    }
    return out;
  }

  private Optional<HostEnt> byName(String name, boolean v6) {
    for (String[] f : hostsLines()) {
      IpAddress ip = IpAddress.parse(f[0]);
      if (ip.isV6() != v6) {
        continue;
      }
      for (int i = 1; i < f.length; i++) {
        if (f[i].equalsIgnoreCase(name)) {
          return Optional.of(new HostEnt(f[1], List.of(f).subList(2, f.length), List.of(ip)));
        }
      }
    }
    List<IpAddress> dns = new ArrayList<>();
    for (IpAddress ip : Discovery.resolve(self, name, random)) {
      if (ip.isV6() == v6) {
        dns.add(ip);
      }
    }
    if (dns.isEmpty()) {
      return Optional.empty();
    }
    String canonical = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    return Optional.of(new HostEnt(canonical, List.of(), dns));
  }

  private Optional<HostEnt> byAddress(IpAddress ip) {
    for (String[] f : hostsLines()) {
      if (IpAddress.parse(f[0]).equals(ip)) {
        return Optional.of(new HostEnt(f[1], List.of(f).subList(2, f.length), List.of(ip)));
      }
    }
    return Discovery.reverse(self, ip).map(n -> new HostEnt(n, List.of(), List.of(ip)));
  }

  private ExecResult getentHosts(List<String> keys) {
    StringBuilder out = new StringBuilder();
    int exit = 0;
    if (keys.isEmpty()) {
      for (String[] f : hostsLines()) {
        out.append(String.format(Locale.ROOT, "%-15s %s", f[0], String.join(" ", List.of(f).subList(1, f.length))))
            .append('\n');
      }
      return ExecResult.ok(out.toString());
    }
    for (String key : keys) {
      Optional<IpAddress> literal = IpAddress.tryParse(key);
      Optional<HostEnt> ent = literal.isPresent() ? byAddress(literal.get()) : byName(key, true).or(() -> byName(key, false));
      if (ent.isEmpty()) {
        exit = 2;
        continue;
      }
      for (IpAddress ip : ent.get().addresses) {
        out.append(String.format(Locale.ROOT, "%-15s %s", ip, ent.get().name));
        ent.get().aliases.forEach(a -> out.append(' ').append(a));
        out.append('\n');
      }
    }
    return ExecResult.of(out.toString(), "", exit);
  }

  // ---- nslookup (busybox) -------------------------------------------------------------------

  private String server() {
    if (self.hasEmbeddedDns()) {
      return Discovery.RESOLVER;
    }
    Discovery.ParsedResolvConf conf = Discovery.ParsedResolvConf.parse(Discovery.resolvConf(self, host));
    return conf.nameservers.isEmpty() ? "127.0.0.1" : conf.nameservers.get(0);
  }

  private boolean forwards() {
    return self.kind() == SandboxView.Kind.HOST || self.gatewayNetworkId().isPresent();
  }

  private ExecResult nslookup(String name) {
    String server = server();
    StringBuilder out = new StringBuilder();
    out.append("Server:\t\t").append(server).append('\n');
    out.append("Address:\t").append(server).append(IpAddress.parse(server).isV6() ? "#53" : ":53").append("\n\n");
    Optional<IpAddress> literal = IpAddress.tryParse(name);
    if (literal.isPresent()) {
      Optional<String> ptr = Discovery.reverse(self, literal.get());
      if (ptr.isEmpty()) {
        out.append("** server can't find ").append(arpa(literal.get())).append(": NXDOMAIN\n\n");
        return ExecResult.of(out.toString(), "", 1);
      }
      out.append("Non-authoritative answer:\n").append(arpa(literal.get())).append("\tname = ").append(ptr.get())
          .append("\n\n");
      return ExecResult.ok(out.toString());
    }
    List<IpAddress> ips = Discovery.resolve(self, name, random);
    if (ips.isEmpty()) {
      String why = self.hasEmbeddedDns() && !forwards() ? "SERVFAIL" : "NXDOMAIN";
      out.append("** server can't find ").append(name).append(": ").append(why).append("\n\n");
      out.append("** server can't find ").append(name).append(": ").append(why).append("\n\n");
      return ExecResult.of(out.toString(), "", 1);
    }
    for (boolean v6 : new boolean[] {false, true}) {
      out.append("Non-authoritative answer:\n");
      boolean any = false;
      for (IpAddress ip : ips) {
        if (ip.isV6() == v6) {
          out.append("Name:\t").append(name).append('\n').append("Address: ").append(ip).append('\n');
          any = true;
        }
      }
      if (!any) {
        out.append("*** Can't find ").append(name).append(": No answer\n");
      }
      out.append('\n');
    }
    return ExecResult.ok(out.toString());
  }

  private static String arpa(IpAddress ip) {
    byte[] bytes = ip.toBytes();
    StringBuilder b = new StringBuilder();
    if (ip.isV4()) {
      for (int i = bytes.length - 1; i >= 0; i--) {
        b.append(bytes[i] & 0xff).append('.');
      }
      return b.append("in-addr.arpa").toString();
    }
    for (int i = bytes.length - 1; i >= 0; i--) {
      b.append(Integer.toHexString(bytes[i] & 0xf)).append('.').append(Integer.toHexString((bytes[i] >> 4) & 0xf))
          .append('.');
    }
    return b.append("ip6.arpa").toString();
  }

  // ---- ip (busybox) -------------------------------------------------------------------------

  private String ipAddr() {
    StringBuilder b = new StringBuilder();
    b.append("1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000\n")
        .append("    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n")
        .append("    inet 127.0.0.1/8 scope host lo\n")
        .append("       valid_lft forever preferred_lft forever\n")
        .append("    inet6 ::1/128 scope host \n")
        .append("       valid_lft forever preferred_lft forever\n");
    if (self.kind() == SandboxView.Kind.HOST) {
      b.append("2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast state UP qlen 1000\n")
          .append("    link/ether 52:54:00:12:34:56 brd ff:ff:ff:ff:ff:ff\n");
      inet(b, hostAddress, "eth0");
      return b.toString();
    }
    int index = 2;
    for (DnsEndpoint ep : self.joinOrder()) {
      DnsNetwork n = self.network(ep);
      if (n.isSpecial() || ep.interfaceName().isEmpty()) {
        continue;
      }
      // ipvlan's L3 mode sets NOARP on its interfaces; ipvlan interfaces show their parent's MAC.
      b.append(index).append(": ").append(ep.interfaceName()).append("@if").append(index + 1)
          .append(n.dataPlane().arp() ? ": <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu "
              : ": <BROADCAST,MULTICAST,NOARP,UP,LOWER_UP,M-DOWN> mtu ")
          .append(n.mtu()).append(" qdisc noqueue state UP \n");
      b.append("    link/ether ").append(ep.mac().or(() -> n.dataPlane().sharedMacAddress()).map(Object::toString)
          .orElse("00:00:00:00:00:00")).append(" brd ff:ff:ff:ff:ff:ff\n");
      ep.ipv4().ifPresent(s -> inet(b, s, ep.interfaceName()));
      ep.ipv6().ifPresent(s -> b.append("    inet6 ").append(s).append(" scope global flags 02 \n")
          .append("       valid_lft forever preferred_lft forever\n"));
      index += 2;
    }
    return b.toString();
  }

  private static void inet(StringBuilder b, Subnet s, String dev) {
    b.append("    inet ").append(s).append(" brd ").append(s.lastAddress()).append(" scope global ").append(dev)
        .append('\n').append("       valid_lft forever preferred_lft forever\n");
  }

  private String ipRoute() {
    StringBuilder b = new StringBuilder();
    if (self.kind() == SandboxView.Kind.HOST) {
      b.append("default via ").append(hostAddress.canonical().network().plus(1)).append(" dev eth0 \n");
      b.append(hostAddress.canonical()).append(" dev eth0 scope link  src ").append(hostAddress.address())
          .append(" \n");
      return b.toString();
    }
    for (DnsEndpoint ep : self.joinOrder()) {
      if (self.gatewayNetworkId().map(ep.networkId()::equals).orElse(false) && ep.gateway().isPresent()
          && !self.network(ep).internal()) {
        b.append("default via ").append(ep.gateway().get()).append(" dev ").append(ep.interfaceName())
            .append(" \n");
      }
    }
    for (DnsEndpoint ep : self.joinOrder()) {
      for (StaticRoute r : ep.staticRoutes()) {
        if (!r.destination().isV4()) {
          continue; // busybox's ip route lists IPv4 routes only
        }
        b.append(r.destination().prefixLength() == 0 ? "default" : r.destination().canonical().toString());
        if (r.type() == StaticRoute.Type.NEXT_HOP && r.nextHop().isPresent()) {
          b.append(" via ").append(r.nextHop().get()).append(" dev ").append(ep.interfaceName()).append(" \n");
        } else {
          b.append(" dev ").append(ep.interfaceName()).append(" scope link \n");
        }
      }
    }
    for (DnsEndpoint ep : self.joinOrder()) {
      if (self.network(ep).isSpecial()) {
        continue;
      }
      ep.ipv4().ifPresent(s -> b.append(s.canonical()).append(" dev ").append(ep.interfaceName())
          .append(" scope link  src ").append(s.address()).append(" \n"));
    }
    return b.toString();
  }

  // ---- ping (busybox) -----------------------------------------------------------------------

  private ExecResult ping(List<String> args) {
    int count = -1;
    String target = null;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      String value = null;
      if (a.equals("-c") && i + 1 < args.size()) {
        value = args.get(++i);
      } else if (a.startsWith("-c") && a.length() > 2) {
        value = a.substring(2);
      } else if (a.startsWith("-")) {
        continue;
      } else {
        target = a;
      }
      if (value != null) {
        try {
          count = Integer.parseInt(value);
        } catch (NumberFormatException e) {
          count = 0;
        }
        if (count < 1) {
          return ExecResult.failed("ping: invalid number '" + value + "'\n", 1);
        }
      }
    }
    if (target == null) {
      return ExecResult.failed("BusyBox v1.36.1 multi-call binary.\n\nUsage: ping [OPTIONS] HOST\n", 1);
    }
    if (count < 1) {
      count = 4;
    }
    String host = target;
    Optional<IpAddress> dst = IpAddress.tryParse(host).or(() -> firstAddress(host));
    if (dst.isEmpty()) {
      return ExecResult.failed("ping: bad address '" + host + "'\n", 1);
    }
    IpAddress ip = dst.get();
    Optional<Boolean> reach = reachable(ip);
    StringBuilder out = new StringBuilder();
    out.append("PING ").append(target).append(" (").append(ip).append("): 56 data bytes\n");
    boolean ok = reach.isPresent();
    boolean external = ok && reach.get();
    String time = external ? EXTERNAL_TIME : LOCAL_TIME;
    if (ok) {
      for (int seq = 0; seq < count; seq++) {
        out.append("64 bytes from ").append(ip).append(": seq=").append(seq).append(" ttl=")
            .append(external ? 117 : 64).append(" time=").append(time).append(" ms\n");
      }
    }
    out.append("\n--- ").append(target).append(" ping statistics ---\n");
    out.append(count).append(" packets transmitted, ").append(ok ? count : 0).append(" packets received, ")
        .append(ok ? 0 : 100).append("% packet loss\n");
    if (ok) {
      out.append("round-trip min/avg/max = ").append(time).append('/').append(time).append('/').append(time)
          .append(" ms\n");
    }
    return ExecResult.of(out.toString(), "", ok ? 0 : 1);
  }

  private Optional<IpAddress> firstAddress(String name) {
    Optional<HostEnt> v4 = byName(name, false);
    if (v4.isPresent()) {
      return Optional.of(v4.get().addresses.get(0));
    }
    return byName(name, true).map(e -> e.addresses.get(0));
  }

  /**
   * Whether a packet from this sandbox to {@code dst} gets an answer: empty if not, else whether
   * it went out through the masquerade (an external address).
   */
  Optional<Boolean> reachable(IpAddress dst) {
    Optional<Boolean> local = Optional.of(false);
    if (dst.isLoopback() || self.kind() == SandboxView.Kind.HOST) {
      return dst.isLoopback() || inAnyNetwork(dst) || dst.equals(hostAddress.address()) ? local : Optional.of(true);
    }
    for (DnsEndpoint ep : self.joinOrder()) {
      if (ep.addresses().contains(dst)) {
        return local;
      }
    }
    for (DnsEndpoint ep : self.joinOrder()) {
      DnsNetwork n = self.network(ep);
      if (n.isSpecial() || n.subnets().stream().noneMatch(s -> s.contains(dst))) {
        continue;
      }
      if (n.gateways().contains(dst)) {
        return local;
      }
      for (DnsEndpoint peer : n.endpoints()) {
        if (peer.addresses().contains(dst)) {
          return n.peersReachable() || peer.containerId().equals(self.containerId()) ? local : Optional.empty();
        }
      }
      return Optional.empty();
    }
    Optional<DnsNetwork> egress = egress();
    if (egress.isEmpty()) {
      return Optional.empty();
    }
    // A macvlan or ipvlan parent hands nothing to the host's own stack: the host is out of reach.
    boolean hostReachable = egress.get().dataPlane().hostReachable();
    if (dst.equals(hostAddress.address())) {
      return hostReachable ? local : Optional.empty();
    }
    for (DnsNetwork other : self.networks().values()) {
      if (other.isSpecial() || other.subnets().stream().noneMatch(s -> s.contains(dst))) {
        continue;
      }
      // The host's own address on another bridge answers; its containers are isolated.
      boolean hostsAddress = other.dataPlane().hostReachable();
      return other.gateways().contains(dst) && (hostReachable || !hostsAddress) ? local : Optional.empty();
    }
    boolean out = !egress.get().driver().equals("bridge") || egress.get().masquerade();
    return out ? Optional.of(true) : Optional.empty();
  }

  /**
   * The network packets to other networks leave through: the gateway endpoint's (unless
   * internal), else one whose driver routed the default to its interface (ipvlan L3).
   */
  private Optional<DnsNetwork> egress() {
    Optional<DnsNetwork> gw = self.gatewayNetworkId().map(id -> self.networks().get(id)).filter(n -> !n.internal());
    if (gw.isPresent()) {
      return gw;
    }
    for (DnsEndpoint ep : self.joinOrder()) {
      DnsNetwork n = self.network(ep);
      if (ep.hasDefaultRoute() && !n.internal() && !n.isSpecial()) {
        return Optional.of(n);
      }
    }
    return Optional.empty();
  }

  private boolean inAnyNetwork(IpAddress dst) {
    return self.networks().values().stream().anyMatch(n -> !n.isSpecial() && n.subnets().stream()
        .anyMatch(s -> s.contains(dst)));
  }
}
