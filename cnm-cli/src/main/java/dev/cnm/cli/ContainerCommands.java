package dev.cnm.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cnm.api.ContainerInfo;
import dev.cnm.api.RemoveOption;
import dev.cnm.api.StopOptions;
import dev.cnm.api.error.CnmException;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.port.PublishedPort;
import dev.cnm.core.filter.ContainerListOptions;
import dev.cnm.core.filter.Listing;
import dev.cnm.core.format.ContainerListFormat;
import dev.cnm.core.json.ContainerJsonInput;
import dev.cnm.core.json.DockerJson;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The container commands but {@code run}, {@code create}, {@code exec} and {@code inspect}:
 * {@code start}, {@code stop}, {@code restart}, {@code kill}, {@code rm}, {@code rename}, {@code port} and
 * {@code ps} ({@code container ls}).
 */
final class ContainerCommands {
  private final Commands ctx;

  ContainerCommands(Commands ctx) {
    this.ctx = ctx;
  }

  /** The spec of the top-level command {@code name}. */
  Args spec(String name) {
    switch (name) {
      case "start":
        return Args.interspersed(name).describe("Start one or more stopped containers")
            .flag("-a", "--attach").flag("-i", "--interactive").value("--detach-keys").body(this::start);
      case "stop":
        return Args.interspersed(name).describe("Stop one or more running containers")
            .value("-t", "--timeout").value("--time").value("-s", "--signal")
            .body(a -> each(a, stopOptions(a), (ref, o) -> ctx.engine().stop(ref, o)));
      case "restart":
        return Args.interspersed(name).describe("Restart one or more containers")
            .value("-t", "--timeout").value("--time").value("-s", "--signal")
            .body(a -> each(a, stopOptions(a), (ref, o) -> ctx.engine().restart(ref, o)));
      case "kill":
        return Args.interspersed(name).describe("Kill one or more running containers").value("-s", "--signal")
            .body(a -> each(a, ref -> ctx.engine().kill(ref, a.get("-s", ""))));
      case "rm":
        return Args.interspersed(name).describe("Remove one or more containers")
            .flag("-f", "--force").flag("-v", "--volumes").flag("-l", "--link")
            .body(a -> each(a, ref -> ctx.engine().removeContainer(ref, a.has("-f") ? new RemoveOption[] {RemoveOption.FORCE} : new RemoveOption[0])));
      case "rename":
        return Args.interspersed(name).describe("Rename a container").body(this::rename);
      case "ps":
        return ps(name);
      case "port":
        return Args.interspersed(name).describe("List port mappings or a specific mapping for the container")
            .body(this::port);
      default:
        throw new IllegalArgumentException("not a container command: " + name);
    }
  }

  /** {@code container ls}, also {@code container list} and {@code container ps}. */
  Args ls() {
    return ps("ls").aliases("list", "ps");
  }

  private Args ps(String name) {
    return Args.interspersed(name).describe("List containers")
        .flag("-a", "--all").flag("-q", "--quiet").flag("--no-trunc")
        .flag("-s", "--size").flag("-l", "--latest").value("-n", "--last")
        .values("-f", "--filter").value("--format").body(this::ps);
  }

  /**
   * docker's {@code stop} and {@code restart} flags: {@code -s} the signal, {@code -t} (or the
   * deprecated {@code --time}) the seconds before the kill; the daemon's defaults otherwise.
   */
  private StopOptions stopOptions(Args a) {
    if (a.given("-t") && a.given("--time")) {
      throw new UsageException("conflicting options: cannot specify both --timeout and --time");
    }
    StopOptions.Builder o = StopOptions.builder();
    if (a.given("-s") && !a.get("-s").isEmpty()) {
      o.signal(a.get("-s"));
    }
    String flag = a.given("--time") ? "--time" : "-t, --timeout";
    String t = a.given("--time") ? a.get("--time") : a.given("-t") ? a.get("-t") : null;
    if (a.given("--time")) {
      ctx.err().println("Flag --time has been deprecated, use --timeout instead");
    }
    if (t != null) {
      try {
        o.timeout(Integer.parseInt(t));
      } catch (NumberFormatException e) {
        throw new UsageException("invalid argument \"" + t + "\" for \"" + flag + "\" flag: "
            + "strconv.ParseInt: parsing \"" + t + "\": invalid syntax");
      }
    }
    return o.build();
  }

  private interface StopAction {
    void apply(String ref, StopOptions options);
  }

  private int each(Args a, StopOptions options, StopAction action) {
    return each(a, ref -> action.apply(ref, options));
  }

  private interface RefAction {
    void apply(String ref);
  }

  /** A command over several containers: each one's name as it succeeds, the daemon's error as it fails. */
  private int each(Args a, RefAction action) {
    List<String> refs = ArgCount.atLeast(a, 1, "CONTAINER [CONTAINER...]");
    int rc = 0;
    for (String ref : refs) {
      try {
        action.apply(ref);
        ctx.out().println(ref);
      } catch (CnmException e) {
        ctx.err().println(Commands.DAEMON + e.getMessage());
        rc = 1;
      }
    }
    return rc;
  }

  private int start(Args a) {
    List<String> refs = ArgCount.atLeast(a, 1, "CONTAINER [CONTAINER...]");
    List<String> failed = new ArrayList<>();
    for (String ref : refs) {
      try {
        ctx.engine().start(ref);
        ctx.out().println(ref);
      } catch (CnmException e) {
        ctx.err().println(Commands.DAEMON + e.getMessage());
        failed.add(ref);
      }
    }
    if (!failed.isEmpty()) {
      ctx.err().println("Error: failed to start containers: " + String.join(", ", failed));
      return 1;
    }
    return 0;
  }

  private int rename(Args a) {
    List<String> p = ArgCount.exactly(a, 2, "CONTAINER NEW_NAME");
    try {
      ctx.engine().rename(p.get(0), p.get(1));
      return 0;
    } catch (CnmException e) {
      ctx.err().println(Commands.DAEMON + e.getMessage());
      ctx.err().println("Error: failed to rename container named " + p.get(0));
      return 1;
    }
  }

  /**
   * {@code ps}: the daemon's list ({@code -a} is {@code all}, {@code -n} the limit, {@code -l}
   * a limit of one), formatted as the docker CLI formats it.
   */
  private int ps(Args a) {
    ContainerListFormat format = ContainerListFormat.of(Inputs.listFormat(a));
    if (a.has("--no-trunc")) {
      format = format.noTrunc();
    }
    int last = -1;
    if (a.given("-n")) {
      try {
        last = Integer.parseInt(a.get("-n"));
      } catch (NumberFormatException e) {
        throw new UsageException("invalid argument \"" + a.get("-n") + "\" for \"-n, --last\" flag: "
            + "strconv.ParseInt: parsing \"" + a.get("-n") + "\": invalid syntax");
      }
    }
    if (a.has("-l") && last == -1) {
      last = 1;
    }
    ContainerListOptions options = ContainerListOptions.builder().all(a.has("-a")).limit(last)
        .filters(Inputs.filters(a.all("-f"), "-f, --filter")).build();
    Instant at = ctx.now();
    ArrayNode rows = JsonNodeFactory.instance.arrayNode();
    for (ContainerInfo c : Listing.containers(ctx.engine(), options)) {
      rows.add(DockerJson.containerSummary(c, ContainerJsonInput.none(), at));
    }
    ctx.out().print(format.format(rows, at));
    return 0;
  }

  private int port(Args a) {
    PrintStream out = ctx.out();
    List<String> p = a.positionals();
    if (p.isEmpty() || p.size() > 2) {
      throw ArgCount.of(a, "requires at least 1 and at most 2 arguments", "CONTAINER [PRIVATE_PORT[/PROTO]]");
    }
    ContainerInfo c = ctx.engine().container(p.get(0));
    List<PublishedPort> ports = c.isRunning() ? c.ports() : List.of();
    if (p.size() == 1) {
      PublishedPort.portLines(ports).forEach(out::println);
      return 0;
    }
    List<String> addresses;
    try {
      addresses = PublishedPort.hostAddresses(ports, p.get(1));
    } catch (InvalidParameterException e) {
      ctx.err().println(e.getMessage());
      return 1;
    }
    if (addresses.isEmpty()) {
      if (!c.isRunning()) {
        return 0;
      }
      ctx.err().println(PublishedPort.noPublicPortMessage(p.get(1), p.get(0)));
      return 1;
    }
    addresses.forEach(out::println);
    return 0;
  }
}
