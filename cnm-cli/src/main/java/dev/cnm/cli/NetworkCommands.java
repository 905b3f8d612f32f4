package dev.cnm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cnm.api.DisconnectOption;
import dev.cnm.api.EndpointSpec;
import dev.cnm.api.IpamPoolSpec;
import dev.cnm.api.NetworkInfo;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.error.CnmException;
import dev.cnm.api.error.ErrorKind;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.core.filter.FilterArgs;
import dev.cnm.core.filter.Listing;
import dev.cnm.core.filter.Prune;
import dev.cnm.core.format.NetworkListFormat;
import dev.cnm.core.json.DockerJson;
import dev.cnm.core.template.Template;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code network create|ls|inspect|rm|connect|disconnect|prune}. */
final class NetworkCommands {
  private final Commands ctx;

  NetworkCommands(Commands ctx) {
    this.ctx = ctx;
  }

  /** The spec of {@code network sub}, or null when there is no such command. */
  Args spec(String sub) {
    switch (sub) {
      case "create":
        return Args.interspersed(sub).describe("Create a network")
            .value("-d", "--driver").value("--ipam-driver")
            .values("--subnet").values("--gateway").values("--ip-range").values("--aux-address")
            .flag("--internal").flag("--attachable").flag("--ipv6").flag("--ingress")
            .values("--label").values("-o", "--opt").values("--ipam-opt").value("--scope")
            .value("--config-from").flag("--config-only").body(this::create);
      case "ls":
      case "list":
        return Args.interspersed("ls").aliases("list").describe("List networks")
            .flag("-q", "--quiet").flag("--no-trunc").values("-f", "--filter").value("--format")
            .body(this::ls);
      case "inspect":
        return Args.interspersed(sub).describe("Display detailed information on one or more networks")
            .value("-f", "--format").flag("-v", "--verbose").body(this::inspect);
      case "rm":
      case "remove":
        return Args.interspersed("rm").aliases("remove").describe("Remove one or more networks")
            .flag("-f", "--force").body(this::rm);
      case "connect":
        return Args.interspersed(sub).describe("Connect a container to a network")
            .values("--alias").value("--ip").value("--ip6").values("--link").values("--link-local-ip")
            .values("--driver-opt").value("--gw-priority").body(this::connect);
      case "disconnect":
        return Args.interspersed(sub).describe("Disconnect a container from a network")
            .flag("-f", "--force").body(this::disconnect);
      case "prune":
        return Args.interspersed(sub).describe("Remove all unused networks")
            .flag("-f", "--force").values("--filter").body(this::prune);
      default:
        return null;
    }
  }

  private int create(Args a) {
    List<String> p = ArgCount.exactly(a, 1, "NETWORK");
    NetworkSpec.Builder b = NetworkSpec.builder().name(p.get(0)).driver(a.get("-d", "bridge"))
        .internal(a.has("--internal")).attachable(a.has("--attachable")).ingress(a.has("--ingress"))
        .enableIpv6(a.has("--ipv6"));
    if (a.given("--ipam-driver")) {
      b.ipamDriver(a.get("--ipam-driver"));
    }
    if (a.given("--scope")) {
      b.scope(a.get("--scope"));
    }
    b.labels(Inputs.keyValues(a.all("--label")));
    b.options(Inputs.keyValues(a.all("-o")));
    b.ipamOptions(Inputs.keyValues(a.all("--ipam-opt")));
    try {
      b.ipamConfigs(ipamConfigs(a.all("--subnet"), a.all("--ip-range"), a.all("--gateway"),
          a.all("--aux-address")));
    } catch (ClientError e) {
      ctx.err().println(e.getMessage());
      return 1;
    }
    NetworkInfo n = ctx.engine().createNetwork(b.build());
    ctx.out().println(n.id());
    return 0;
  }

  /**
   * docker/cli 28.2.2's {@code createIPAMConfig}, word for word: each range, gateway and aux
   * address joins the subnet that contains it. A subnet the client never parsed (a lone one)
   * goes to the daemon, whose {@code ValidateIPAM} refuses it: {@code invalid network config:
   * invalid subnet foo: invalid CIDR block notation}.
   *
   * @throws ClientError the client's own errors
   * @throws InvalidParameterException the daemon's
   */
  private static List<IpamPoolSpec> ipamConfigs(List<String> subnets, List<String> ranges, List<String> gateways,
      List<String> aux) {
    if (subnets.size() < ranges.size() || subnets.size() < gateways.size()) {
      throw new ClientError("every ip-range or gateway must have a corresponding subnet");
    }
    Map<String, String[]> data = new LinkedHashMap<>(); // subnet -> {range, gateway}
    Map<String, Map<String, String>> auxOf = new LinkedHashMap<>();
    for (String s : subnets) {
      for (String k : data.keySet()) {
        if (subnetMatches(s, k) || subnetMatches(k, s)) {
          throw new ClientError("multiple overlapping subnet configuration is not supported");
        }
      }
      data.put(s, new String[2]);
      auxOf.put(s, new LinkedHashMap<>());
    }
    for (String r : ranges) {
      boolean match = false;
      for (String s : subnets) {
        goParseCidr(r);
        if (!subnetMatches(s, r)) {
          continue;
        }
        String[] d = data.get(s);
        if (d[0] != null) {
          throw new ClientError("cannot configure multiple ranges (" + r + ", " + d[0] + ") on the same subnet (" + s + ")");
        }
        d[0] = r;
        match = true;
      }
      if (!match) {
        throw new ClientError("no matching subnet for range " + r);
      }
    }
    for (String g : gateways) {
      boolean match = false;
      for (String s : subnets) {
        if (!subnetMatches(s, g)) {
          continue;
        }
        String[] d = data.get(s);
        if (d[1] != null) {
          throw new ClientError("cannot configure multiple gateways (" + g + ", " + d[1] + ") for the same subnet ("
              + s + ")");
        }
        d[1] = g;
        match = true;
      }
      if (!match) {
        throw new ClientError("no matching subnet for gateway " + g);
      }
    }
    for (Map.Entry<String, String> x : Inputs.keyValues(aux).entrySet()) {
      boolean match = false;
      for (String s : subnets) {
        if (subnetMatches(s, x.getValue())) {
          auxOf.get(s).put(x.getKey(), x.getValue());
          match = true;
        }
      }
      if (!match) {
        throw new ClientError("no matching subnet for aux-address " + x.getValue());
      }
    }
    List<String> daemonErrors = new ArrayList<>();
    List<IpamPoolSpec> out = new ArrayList<>();
    for (Map.Entry<String, String[]> e : data.entrySet()) {
      Optional<Subnet> subnet = Subnet.tryParse(e.getKey());
      if (subnet.isEmpty()) {
        daemonErrors.add("invalid subnet " + e.getKey() + ": invalid CIDR block notation");
        continue;
      }
      IpamPoolSpec.Builder b = IpamPoolSpec.builder().subnet(subnet.get());
      if (e.getValue()[0] != null) {
        b.ipRange(goParseCidr(e.getValue()[0]));
      }
      if (e.getValue()[1] != null) {
        b.gateway(IpAddress.parse(e.getValue()[1]));
      }
      auxOf.get(e.getKey()).forEach((k, v) -> b.putAuxAddress(k, IpAddress.parse(v)));
      out.add(b.build());
    }
    if (!daemonErrors.isEmpty()) {
      throw new InvalidParameterException("invalid network config:\n" + String.join("\n", daemonErrors));
    }
    return out;
  }

  /** Go's {@code net.ParseCIDR}, with its error. */
  private static Subnet goParseCidr(String text) {
    return Subnet.tryParse(text).orElseThrow(() -> new ClientError("invalid CIDR address: " + text));
  }

  /** docker/cli's {@code subnetMatches}: whether {@code data} (a CIDR or an address) lies in {@code subnet}. */
  private static boolean subnetMatches(String subnet, String data) {
    Subnet s = Subnet.tryParse(subnet)
        .orElseThrow(() -> new ClientError("invalid subnet: invalid CIDR address: " + subnet));
    Optional<IpAddress> ip = data.contains("/") ? Optional.of(goParseCidr(data).address()) : IpAddress.tryParse(data);
    return ip.isPresent() && s.canonical().contains(ip.get());
  }


  /** {@code network ls}: the daemon's filtered list, sorted and formatted by the docker CLI's rules. */
  private int ls(Args a) {
    NetworkListFormat format = NetworkListFormat.of(Inputs.listFormat(a));
    if (a.has("--no-trunc")) {
      format = format.noTrunc();
    }
    ArrayNode rows = JsonNodeFactory.instance.arrayNode();
    for (NetworkInfo n : Listing.networks(ctx.engine(), Inputs.filters(a.all("-f"), "-f, --filter"))) {
      rows.add(DockerJson.networkSummary(n));
    }
    ctx.out().print(format.format(rows));
    return 0;
  }

  private int inspect(Args a) {
    List<String> refs = ArgCount.atLeast(a, 1, "NETWORK [NETWORK...]");
    Template template = a.given("-f") ? Inputs.template(a.get("-f")) : null;
    List<JsonNode> found = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (String ref : refs) {
      try {
        found.add(DockerJson.network(ctx.engine().network(ref), a.has("-v")));
      } catch (CnmException e) {
        errors.add(Commands.DAEMON + e.getMessage());
      }
    }
    return ExecInspectCommands.print(ctx.out(), ctx.err(), found, errors, template);
  }

  private int rm(Args a) {
    List<String> refs = ArgCount.atLeast(a, 1, "NETWORK [NETWORK...]");
    boolean failed = false;
    for (String ref : refs) {
      try {
        ctx.engine().removeNetwork(ref);
        ctx.out().println(ref);
      } catch (CnmException e) {
        if (a.has("-f") && e.kind() == ErrorKind.NOT_FOUND) {
          continue;
        }
        ctx.err().println(Commands.DAEMON + e.getMessage());
        failed = true;
      }
    }
    if (failed) {
      ctx.err().println("exit status 1");
      return 1;
    }
    return 0;
  }

  private int connect(Args a) {
    List<String> p = ArgCount.exactly(a, 2, "NETWORK CONTAINER");
    EndpointSpec.Builder e = EndpointSpec.builder().aliases(a.all("--alias")).links(a.all("--link"));
    try {
      if (a.given("--ip")) {
        e.ipv4Address(Inputs.parseIp(a.get("--ip")));
      }
      if (a.given("--ip6")) {
        e.ipv6Address(Inputs.parseIp(a.get("--ip6")));
      }
    } catch (ClientError x) {
      ctx.err().println(x.getMessage());
      return 1;
    }
    e.driverOptions(Inputs.keyValues(a.all("--driver-opt")));
    if (a.given("--gw-priority")) {
      String v = a.get("--gw-priority");
      try {
        e.gwPriority(Integer.parseInt(v));
      } catch (NumberFormatException x) {
        throw new UsageException("invalid argument \"" + v + "\" for \"--gw-priority\" flag: strconv.ParseInt: "
            + "parsing \"" + v + "\": invalid syntax");
      }
    }
    ctx.engine().connect(p.get(0), p.get(1), e.build());
    return 0;
  }

  private int disconnect(Args a) {
    List<String> p = ArgCount.exactly(a, 2, "NETWORK CONTAINER");
    if (a.has("-f")) {
      ctx.engine().forceDisconnect(p.get(0), p.get(1));
    } else {
      ctx.engine().disconnect(p.get(0), p.get(1));
    }
    return 0;
  }

  /**
   * {@code network prune}: the filters are read first (a bad {@code --filter} stops before the
   * prompt, as pflag does), the daemon's part ({@code until}, {@code label}, {@code label!}) after
   * the confirmation.
   */
  private int prune(Args a) {
    ArgCount.none(a);
    FilterArgs filters = Inputs.filters(a.all("--filter"), "--filter");
    PrintStream out = ctx.out();
    if (!a.has("-f")) {
      out.print("WARNING! This will remove all custom networks not used by at least one container.\n"
          + "Are you sure you want to continue? [y/N] ");
      String answer = ctx.readLine();
      if (!answer.trim().equalsIgnoreCase("y") && !answer.trim().equalsIgnoreCase("yes")) {
        out.println();
        ctx.err().println("network prune has been cancelled");
        ctx.cancelRecord();
        return 0;
      }
    }
    List<String> removed = Prune.networks(ctx.engine(), filters, new CommandClock(ctx.now(), null));
    if (!removed.isEmpty()) {
      out.println("Deleted Networks:");
      removed.forEach(out::println);
      out.println();
    }
    return 0;
  }

  /**
   * The command's time in the system's zone, which is looked up only when asked for: the zone
   * costs the time-zone database, and only an {@code until} timestamp without an offset needs it.
   */
  private static final class CommandClock extends Clock {
    private final Instant now;
    private ZoneId zone;

    CommandClock(Instant now, ZoneId zone) {
      this.now = now;
      this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
      if (zone == null) {
        zone = ZoneId.systemDefault();
      }
      return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return new CommandClock(now, zone);
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
