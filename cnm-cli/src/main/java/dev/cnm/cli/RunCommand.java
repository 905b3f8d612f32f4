package dev.cnm.cli;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.EndpointSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.RemoveOption;
import dev.cnm.api.error.CnmException;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.error.NotFoundException;
import dev.cnm.api.image.ImageReference;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.port.PortSpec;
import dev.cnm.api.process.LogEntry;
import dev.cnm.api.process.LogStream;
import dev.cnm.api.process.Subscription;
import dev.cnm.api.process.WaitCondition;
import dev.cnm.api.process.WaitResult;
import dev.cnm.core.internal.GoQuote;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code run} and {@code create}: docker's flags read into a {@link ContainerSpec} (with the
 * validations the docker CLI makes itself), the container created, and for {@code run} started:
 * the engine runs its program; a foreground run waits for it to exit, prints what it wrote and
 * exits with its status, except for a program that only waits (a server), which is left running
 * as if detached.
 */
final class RunCommand {
  private final Commands ctx;

  RunCommand(Commands ctx) {
    this.ctx = ctx;
  }

  /** The spec of {@code run} or {@code create}. */
  Args spec(String name) {
    boolean start = name.equals("run");
    return Args.leading(name).describe(start ? "Create and run a new container from an image" : "Create a new container")
        .flag("-d", "--detach").flag("-i", "--interactive").flag("-t", "--tty").flag("--rm")
        .flag("-P", "--publish-all").flag("--init").flag("--privileged").flag("-q", "--quiet")
        .value("--name").value("-h", "--hostname").value("--domainname").value("--ip").value("--ip6")
        .value("--mac-address").value("-w", "--workdir").value("-u", "--user").value("--entrypoint")
        .value("--restart").value("--pull").value("--platform")
        .values("--net", "--network").values("--net-alias", "--network-alias").values("-p", "--publish")
        .values("--expose").values("--link").values("-e", "--env").values("-l", "--label")
        .values("--add-host").values("--dns").values("-v", "--volume")
        .body(a -> run(a, start));
  }

  private int run(Args a, boolean start) {
    Engine engine = ctx.engine();
    PrintStream out = ctx.out();
    PrintStream err = ctx.err();
    String name = a.spec().qualifiedName(" ");
    List<String> extraHosts = new java.util.ArrayList<>();
    for (String h : a.all("--add-host")) {
      extraHosts.add(extraHost(h));
    }
    for (String d : a.all("--dns")) {
      if (IpAddress.tryParse(d.strip()).isEmpty()) {
        throw new UsageException("invalid argument \"" + d + "\" for \"--dns\" flag: IP address is not correctly formatted: "
            + d);
      }
    }
    List<String> p = a.positionals();
    if (p.isEmpty()) {
      throw ArgCount.of(a, "requires at least 1 argument", "IMAGE [COMMAND] [ARG...]");
    }
    ContainerSpec spec;
    try {
      spec = containerSpec(a, p, extraHosts);
    } catch (ClientError e) {
      err.println("cnm: " + e.getMessage());
      err.println();
      err.println("Run '" + name + " --help' for more information");
      return Commands.EXIT_RUN;
    } catch (CnmException e) {
      return runFailure(name, e);
    }
    String pull = a.get("--pull", "missing");
    if (!pull.equals("missing") && !pull.equals("always") && !pull.equals("never")) {
      err.println("cnm: invalid pull option: '" + pull + "': must be one of \"always\", \"missing\" or \"never\"");
      err.println();
      err.println("Run '" + name + " --help' for more information");
      return Commands.EXIT_RUN;
    }
    ContainerInfo created;
    try {
      if (pull.equals("always")) {
        ImageCommands.pullForCreate(ctx, spec.image(), a.has("-q"));
      }
      created = create(spec, pull.equals("missing"), a.has("-q"));
    } catch (CnmException e) {
      return runFailure(name, e);
    }
    if (!start) {
      out.println(created.id());
      return 0;
    }
    boolean detach = a.has("-d");
    if (detach) {
      out.println(created.id());
    }
    // As the docker CLI does, wait and read the output from before the start: a --rm container is
    // gone by the time its exit is known.
    CompletableFuture<WaitResult> exit = engine.waitFor(created.id(),
        spec.autoRemove() ? WaitCondition.REMOVED : WaitCondition.NEXT_EXIT);
    List<LogEntry> output = Collections.synchronizedList(new ArrayList<>());
    Subscription logs = engine.attach(created.id(), output::add);
    try {
      engine.start(created.id());
    } catch (CnmException e) {
      logs.close();
      if (spec.autoRemove() && engine.findContainer(created.id()).isPresent()) {
        engine.removeContainer(created.id(), RemoveOption.FORCE);
      }
      return runFailure(name, e);
    }
    if (detach) {
      logs.close();
      return 0;
    }
    Optional<ContainerInfo> now = engine.findContainer(created.id());
    if (now.isPresent() && now.get().isRunning() && engine.clock().nextDue(created.id()).isEmpty()) {
      // A program that only waits (a server, an interactive shell): it keeps running, as if
      // detached from its terminal.
      logs.close();
      return 0;
    }
    WaitResult result = engine.clock().await(exit);
    logs.close();
    synchronized (output) {
      for (LogEntry e : output) {
        (e.stream() == LogStream.STDOUT ? out : err).print(e.text());
      }
    }
    return result.statusCode();
  }

  /**
   * The docker CLI's {@code createContainer}: on the daemon's {@code No such image} it pulls the
   * image (its progress on standard error) and creates again, unless told never to.
   */
  private ContainerInfo create(ContainerSpec spec, boolean pullMissing, boolean quiet) {
    try {
      return ctx.engine().createContainer(spec);
    } catch (NotFoundException e) {
      if (!pullMissing || !e.getMessage().startsWith("No such image: ")
          || !ImageCommands.pullForCreate(ctx, spec.image(), quiet)) {
        throw e;
      }
      return ctx.engine().createContainer(spec);
    }
  }

  private int runFailure(String name, CnmException e) {
    PrintStream err = ctx.err();
    err.println("cnm: " + Commands.DAEMON + e.getMessage());
    err.println();
    err.println("Run '" + name + " --help' for more information");
    return Commands.EXIT_RUN;
  }

  /**
   * docker/cli's {@code ValidateExtraHost}, as pflag reports it: {@code name:ip} or {@code
   * name=ip} (the address may be bracketed, or {@code host-gateway}), given to the daemon as
   * {@code name:ip}.
   */
  private static String extraHost(String value) {
    int eq = value.indexOf('=');
    int cut = eq >= 0 ? eq : value.indexOf(':');
    String k = cut < 0 ? "" : value.substring(0, cut);
    String v = cut < 0 ? "" : value.substring(cut + 1);
    String flag = "invalid argument \"" + value + "\" for \"--add-host\" flag: ";
    if (cut < 0 || k.isEmpty() || k.contains(":")) {
      throw new UsageException(flag + "bad format for add-host: " + GoQuote.quote(value));
    }
    if (!v.equals("host-gateway")) {
      if (v.length() > 2 && v.charAt(0) == '[' && v.charAt(v.length() - 1) == ']') {
        v = v.substring(1, v.length() - 1);
      }
      if (IpAddress.tryParse(v.strip()).isEmpty()) {
        throw new UsageException(flag + "invalid IP address in add-host: " + GoQuote.quote(v));
      }
    }
    return k + ":" + v;
  }

  private ContainerSpec containerSpec(Args a, List<String> p, List<String> extraHosts) {
    String image = p.get(0);
    if (!image.matches("[a-f0-9]{64}")) {
      try {
        // the docker CLI's ParseAnyReference: an id or a name (a digest parses as one), checked before any request
        ImageReference.parse(image);
      } catch (InvalidParameterException e) {
        throw new ClientError(e.getMessage());
      }
    }
    ContainerSpec.Builder b = ContainerSpec.builder().image(image);
    b.command(p.subList(1, p.size()));
    if (a.given("--name")) {
      b.name(a.get("--name"));
    }
    if (a.given("-h")) {
      b.hostname(a.get("-h"));
    }
    if (a.given("--domainname")) {
      b.domainname(a.get("--domainname"));
    }
    for (String e : a.all("-e")) {
      if (e.isEmpty() || e.startsWith("=")) {
        throw new ClientError("invalid environment variable: " + e);
      }
      if (e.contains("=")) {
        b.addEnv(e);
      } else {
        String v = ctx.caller().env(e);
        if (v != null) {
          b.addEnv(e + "=" + v);
        }
      }
    }
    for (String l : a.all("-l")) {
      int eq = l.indexOf('=');
      b.putLabel(eq < 0 ? l : l.substring(0, eq), eq < 0 ? "" : l.substring(eq + 1));
    }
    List<String> nets = a.all("--net");
    List<String> aliases = a.all("--net-alias");
    NetworkMode mode = nets.isEmpty() ? NetworkMode.bridge() : NetworkMode.parse(nets.get(0));
    boolean hasUser = false;
    boolean hasBuiltin = false;
    for (String n : nets) {
      NetworkMode m = NetworkMode.parse(n);
      if (m.isUserDefined()) {
        hasUser = true;
      } else {
        hasBuiltin = true;
      }
    }
    if (nets.size() > 1 && hasBuiltin && hasUser) {
      throw new ClientError("conflicting options: cannot attach both user-defined and non-user-defined network-modes");
    }
    if (!aliases.isEmpty() && !mode.isUserDefined()) {
      throw new ClientError("network-scoped aliases are only supported for user-defined networks");
    }
    b.networkMode(mode);
    Map<String, EndpointSpec> endpoints = new LinkedHashMap<>();
    for (int i = 0; i < nets.size(); i++) {
      NetworkMode m = NetworkMode.parse(nets.get(i));
      if (m.isContainer()) {
        continue;
      }
      EndpointSpec.Builder e = EndpointSpec.builder();
      if (i == 0) {
        e.aliases(aliases);
        addressFlags(a, e);
      }
      endpoints.put(nets.get(i), e.build());
    }
    if (nets.isEmpty() && (a.given("--ip") || a.given("--ip6") || a.given("--mac-address"))) {
      EndpointSpec.Builder e = EndpointSpec.builder();
      addressFlags(a, e);
      endpoints.put("bridge", e.build());
    }
    b.endpoints(endpoints);
    for (String spec : a.all("-p")) {
      b.addAllPortBindings(PortSpec.parse(spec));
    }
    for (String e : a.all("--expose")) {
      b.addAllExposedPorts(PortSpec.parseExpose(e));
    }
    b.publishAllPorts(a.has("-P"));
    b.links(a.all("--link"));
    b.extraHosts(extraHosts);
    b.dns(a.all("--dns"));
    b.autoRemove(a.has("--rm"));
    b.tty(a.has("-t"));
    b.openStdin(a.has("-i"));
    return b.build();
  }

  /** {@code --ip}, {@code --ip6} and {@code --mac-address}: the first network's endpoint settings. */
  private static void addressFlags(Args a, EndpointSpec.Builder e) {
    if (a.given("--ip")) {
      e.ipv4Address(Inputs.parseIp(a.get("--ip")));
    }
    if (a.given("--ip6")) {
      e.ipv6Address(Inputs.parseIp(a.get("--ip6")));
    }
    if (a.given("--mac-address")) {
      e.macAddress(Inputs.parseMac(a.get("--mac-address")));
    }
  }
}
