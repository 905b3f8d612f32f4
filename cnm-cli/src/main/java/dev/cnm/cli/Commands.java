package dev.cnm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.EndpointSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.IpamPoolSpec;
import dev.cnm.api.NetworkInfo;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.error.CnmException;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.MacAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.port.ExposedPort;
import dev.cnm.api.port.PortSpec;
import dev.cnm.api.port.PublishedPort;
import dev.cnm.core.format.ContainerListFormat;
import dev.cnm.core.format.NetworkListFormat;
import dev.cnm.core.json.ContainerJsonInput;
import dev.cnm.core.json.DockerJson;
import dev.cnm.core.template.Template;
import dev.cnm.core.template.TemplateException;
import dev.cnm.core.template.TemplateFunctions;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine;
import picocli.CommandLine.ExecutionException;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Docker 28.2.2's commands over an {@link Engine}: parses one command line, applies it, prints
 * what docker prints and returns docker's exit code. Client-side wording uses {@code cnm} where
 * docker names itself ({@code Run 'cnm run --help' for more information}); the daemon's messages
 * are Docker's, word for word.
 */
final class Commands {
  /** Exit code of a failed {@code run}/{@code create} and of flag errors. */
  static final int EXIT_RUN = 125;
  /** Exit code of a template parse error. */
  static final int EXIT_TEMPLATE = 64;

  private static final String DAEMON = "Error response from daemon: ";

  private static final List<String> TOP = List.of("run", "create", "start", "stop", "restart", "rm", "rename",
      "ps", "inspect", "port", "exec", "network", "container", "help");
  private static final List<String> NETWORK = List.of("connect", "create", "disconnect", "inspect", "ls", "prune",
      "rm");
  private static final List<String> CONTAINER = List.of("create", "exec", "inspect", "ls", "port", "rename",
      "restart", "rm", "run", "start", "stop");

  private Engine engine;
  private Supplier<Instant> now;
  private final PrintStream out;
  private final PrintStream err;
  private List<String> record;
  /** Every spec built for the current invocation, to re-apply its parser settings. */
  private final List<Args> built = new ArrayList<>();

  Commands(Engine engine, PrintStream out, PrintStream err, Supplier<Instant> now) {
    this.engine = engine;
    this.out = out;
    this.err = err;
    this.now = now;
  }

  /** Commands whose engine is loaded once the command line has parsed ({@link #bind}). */
  Commands(PrintStream out, PrintStream err) {
    this(null, out, err, Instant::now);
  }

  /** The engine (and its clock) the commands run against. */
  void bind(Engine engine, Supplier<Instant> now) {
    this.engine = engine;
    this.now = now;
  }

  /**
   * Whether the last {@link #execute} may have changed the engine (so its state is saved): the
   * arguments when it did, null when it only read or was cancelled.
   */
  List<String> recorded() {
    return record;
  }

  /** Commands that change the engine (their state is saved afterwards). */
  static boolean mutates(List<String> args) {
    if (args.isEmpty()) {
      return false;
    }
    switch (args.get(0)) {
      case "ps":
      case "ls":
      case "list":
      case "inspect":
      case "port":
      case "help":
      case "--help":
      case "version":
        return false;
      case "container":
        return args.size() < 2 || mutates(args.subList(1, args.size()));
      case "network":
        if (args.size() < 2) {
          return false;
        }
        String sub = args.get(1);
        return !(sub.equals("ls") || sub.equals("list") || sub.equals("inspect"));
      default:
        return true;
    }
  }

  // ---- the command tree ------------------------------------------------------------------------

  /**
   * The root of the tree, {@code cnm}: it prints the command list when no command is given. Its
   * caller may add global options before {@link #prepare}.
   */
  CommandSpec root() {
    CommandSpec root = CommandSpec.wrapWithoutInspection((Callable<Integer>) () -> {
      out.print(Usage.TOP);
      return 0;
    }).name("cnm");
    root.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).build());
    Args.configure(root, false);
    return root;
  }

  /** One command line over the tree: picocli's {@link CommandLine} and where the command starts. */
  record Invocation(CommandLine line, List<String> argv, int commandStart) {
    List<String> command() {
      return argv.subList(commandStart, argv.size());
    }
  }

  /**
   * The tree for {@code argv}, built lazily: only the invoked command's spec (and its group's), so
   * a command pays for its own flags alone; the whole tree when the command is unknown (so that
   * picocli reports it) or absent (help). {@code extra} adds commands of the caller's ({@code
   * tutorial}, {@code serve}).
   */
  Invocation prepare(CommandSpec root, List<String> argv, Map<String, Supplier<Args>> extra) {
    built.clear();
    int i = 0;
    while (i < argv.size() && argv.get(i).startsWith("-") && !argv.get(i).equals("--")) {
      String a = argv.get(i);
      int eq = a.indexOf('=');
      OptionSpec o = root.findOption(eq < 0 ? a : a.substring(0, eq));
      i += o != null && eq < 0 && o.arity().max() > 0 ? 2 : 1;
    }
    int start = Math.min(i, argv.size());
    CommandLine line = new CommandLine(root);
    String name = start < argv.size() ? argv.get(start) : null;
    if (name == null) {
      // No command: the root's own help; nothing else is needed.
      return new Invocation(line, argv, start);
    }
    Supplier<Args> extraCommand = extra.get(name);
    if (extraCommand != null) {
      add(line, extraCommand.get());
    } else if (name.equals("network") || name.equals("container")) {
      CommandLine group = group(name);
      String sub = null;
      for (int j = start + 1; j < argv.size() && sub == null; j++) {
        sub = argv.get(j).startsWith("-") ? null : argv.get(j);
      }
      Args one = sub == null ? null : name.equals("network") ? network(sub) : container(sub);
      if (one != null) {
        add(group, one);
      } else if (sub != null) {
        for (String n : name.equals("network") ? NETWORK : CONTAINER) {
          add(group, name.equals("network") ? network(n) : container(n));
        }
      }
      line.addSubcommand(name, group);
    } else {
      Args one = command(name);
      if (one != null) {
        add(line, one);
      } else {
        addAll(line, extra);
      }
    }
    built.forEach(Args::reconfigure);
    return new Invocation(line, argv, start);
  }

  private void addAll(CommandLine line, Map<String, Supplier<Args>> extra) {
    for (String n : TOP) {
      if (n.equals("network") || n.equals("container")) {
        CommandLine group = group(n);
        for (String s : n.equals("network") ? NETWORK : CONTAINER) {
          add(group, n.equals("network") ? network(s) : container(s));
        }
        line.addSubcommand(n, group);
      } else {
        add(line, command(n));
      }
    }
    extra.values().forEach(e -> add(line, e.get()));
  }

  private void add(CommandLine parent, Args command) {
    built.add(command);
    parent.addSubcommand(command.spec().name(), new CommandLine(command.spec()));
  }

  private CommandLine group(String name) {
    CommandSpec group = CommandSpec.wrapWithoutInspection((Callable<Integer>) () -> {
      out.print(Usage.of(name));
      return 0;
    }).name(name);
    group.addOption(OptionSpec.builder("--help").usageHelp(true).build());
    Args.configure(group, false);
    return new CommandLine(group);
  }

  /** A top-level command's spec and body, or null when there is none of that name. */
  private Args command(String name) {
    switch (name) {
      case "run":
        return runArgs(name, "Create and run a new container from an image").body(a -> run(a, true));
      case "create":
        return runArgs(name, "Create a new container").body(a -> run(a, false));
      case "start":
        return Args.interspersed(name).describe("Start one or more stopped containers")
            .flag("-a", "--attach").flag("-i", "--interactive").value("--detach-keys").body(this::start);
      case "stop":
        return Args.interspersed(name).describe("Stop one or more running containers")
            .value("-t", "--time").value("-s", "--signal").body(a -> simple(a, ref -> engine.stop(ref)));
      case "restart":
        return Args.interspersed(name).describe("Restart one or more containers")
            .value("-t", "--time").value("-s", "--signal").body(a -> simple(a, ref -> engine.restart(ref)));
      case "rm":
        return Args.interspersed(name).describe("Remove one or more containers")
            .flag("-f", "--force").flag("-v", "--volumes").flag("-l", "--link").body(this::rm);
      case "rename":
        return Args.interspersed(name).describe("Rename a container").body(this::rename);
      case "ps":
        return psArgs(name);
      case "inspect":
        return Args.interspersed(name).describe("Return low-level information on Docker objects")
            .value("-f", "--format").value("--type").flag("-s", "--size").body(this::inspect);
      case "port":
        return Args.interspersed(name).describe("List port mappings or a specific mapping for the container")
            .body(this::port);
      case "exec":
        return Args.leading(name).describe("Execute a command in a running container")
            .flag("-i", "--interactive").flag("-t", "--tty").flag("-d", "--detach").flag("--privileged")
            .values("-e", "--env").value("-u", "--user").value("-w", "--workdir").value("--detach-keys")
            .body(this::exec);
      case "help":
        return Args.interspersed(name).describe("Help about any command").body(a -> {
          out.print(Usage.TOP);
          return 0;
        });
      default:
        return null;
    }
  }

  private Args container(String sub) {
    switch (sub) {
      case "ls":
      case "list":
      case "ps":
        return psArgs("ls").aliases("list", "ps");
      default:
        return CONTAINER.contains(sub) ? command(sub) : null;
    }
  }

  private Args runArgs(String name, String summary) {
    return Args.leading(name).describe(summary)
        .flag("-d", "--detach").flag("-i", "--interactive").flag("-t", "--tty").flag("--rm")
        .flag("-P", "--publish-all").flag("--init").flag("--privileged")
        .value("--name").value("-h", "--hostname").value("--domainname").value("--ip").value("--ip6")
        .value("--mac-address").value("-w", "--workdir").value("-u", "--user").value("--entrypoint")
        .value("--restart").value("--pull").value("--platform")
        .values("--net", "--network").values("--net-alias", "--network-alias").values("-p", "--publish")
        .values("--expose").values("--link").values("-e", "--env").values("-l", "--label")
        .values("--add-host").values("--dns").values("-v", "--volume");
  }

  private Args psArgs(String name) {
    return Args.interspersed(name).describe("List containers")
        .flag("-a", "--all").flag("-q", "--quiet").flag("--no-trunc")
        .flag("-s", "--size").flag("-l", "--latest").value("-n", "--last")
        .values("-f", "--filter").value("--format").body(this::ps);
  }

  private Args network(String sub) {
    switch (sub) {
      case "create":
        return Args.interspersed(sub).describe("Create a network")
            .value("-d", "--driver").value("--ipam-driver")
            .values("--subnet").values("--gateway").values("--ip-range").values("--aux-address")
            .flag("--internal").flag("--attachable").flag("--ipv6").flag("--ingress")
            .values("--label").values("-o", "--opt").values("--ipam-opt").value("--scope")
            .value("--config-from").flag("--config-only").body(this::networkCreate);
      case "ls":
      case "list":
        return Args.interspersed("ls").aliases("list").describe("List networks")
            .flag("-q", "--quiet").flag("--no-trunc").values("-f", "--filter").value("--format")
            .body(this::networkLs);
      case "inspect":
        return Args.interspersed(sub).describe("Display detailed information on one or more networks")
            .value("-f", "--format").flag("-v", "--verbose").body(this::networkInspect);
      case "rm":
      case "remove":
        return Args.interspersed("rm").aliases("remove").describe("Remove one or more networks")
            .flag("-f", "--force").body(this::networkRm);
      case "connect":
        return Args.interspersed(sub).describe("Connect a container to a network")
            .values("--alias").value("--ip").value("--ip6").values("--link").values("--link-local-ip")
            .values("--driver-opt").value("--gw-priority").body(this::networkConnect);
      case "disconnect":
        return Args.interspersed(sub).describe("Disconnect a container from a network")
            .flag("-f", "--force").body(this::networkDisconnect);
      case "prune":
        return Args.interspersed(sub).describe("Remove all unused networks")
            .flag("-f", "--force").values("--filter").body(this::networkPrune);
      default:
        return null;
    }
  }

  // ---- running and errors ----------------------------------------------------------------------

  /** Runs one command line (without the program name) against the bound engine; returns the exit code. */
  int execute(List<String> args) {
    Invocation inv = prepare(root(), args, Map.of());
    return execute(inv, pr -> printHelpIfRequested(pr) ? 0 : runParsed(inv, pr));
  }

  /**
   * Runs {@code inv} through picocli with docker's error handling; {@code strategy} runs the parsed
   * command (through {@link #runParsed}), after whatever must happen first (loading the state).
   */
  int execute(Invocation inv, IExecutionStrategy strategy) {
    record = null;
    CommandLine line = inv.line();
    line.setParameterExceptionHandler(this::parameterError);
    line.setExecutionExceptionHandler(this::executionError);
    line.setExecutionStrategy(strategy);
    return line.execute(inv.argv().toArray(new String[0]));
  }

  /** Runs the parsed command's body, mapping its failures to docker's messages and exit codes. */
  int runParsed(Invocation inv, ParseResult parsed) {
    record = mutates(inv.command()) ? List.copyOf(inv.command()) : null;
    try {
      return new CommandLine.RunLast().execute(parsed);
    } catch (ExecutionException e) {
      Exception cause = e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
      try {
        return executionError(cause, e.getCommandLine(), parsed);
      } catch (RuntimeException x) {
        throw x;
      } catch (Exception x) {
        throw e;
      }
    }
  }

  /** docker's {@code --help}: prints the usage of the command that asked for it. */
  boolean printHelpIfRequested(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.hasSubcommand() ? p.subcommand() : null) {
      if (p.isUsageHelpRequested()) {
        // The usage of the top-level command (the group's listing for {@code network create --help}).
        out.print(Usage.of(parsed.hasSubcommand() ? parsed.subcommand().commandSpec().name() : ""));
        return true;
      }
    }
    return false;
  }

  /** pflag's and cobra's parse errors: an unknown command (exit 1), a bad flag (exit 125). */
  private int parameterError(ParameterException e, String[] args) {
    CommandSpec spec = e.getCommandLine().getCommandSpec();
    String q = spec.qualifiedName(" ");
    if (e instanceof UnmatchedArgumentException && !spec.subcommands().isEmpty()) {
      List<String> unmatched = ((UnmatchedArgumentException) e).getUnmatched();
      if (!unmatched.isEmpty() && !unmatched.get(0).startsWith("-")) {
        err.println("cnm: unknown command: " + q + " " + unmatched.get(0));
        err.println();
        err.println("Run '" + q + " --help' for more information");
        return 1;
      }
    }
    err.println(Args.pflagMessage(e, List.of(args)));
    err.println("See '" + q + " --help'.");
    return EXIT_RUN;
  }

  /** A command's failure: the daemon's error (exit 1), a template's (64), a client-side one. */
  private int executionError(Exception e, CommandLine line, ParseResult parsed) throws Exception {
    if (e instanceof UsageException) {
      err.println(e.getMessage());
      err.println("See '" + line.getCommandSpec().qualifiedName(" ") + " --help'.");
      return EXIT_RUN;
    }
    if (e instanceof ArgCountException) {
      err.println(e.getMessage());
      return 1;
    }
    if (e instanceof TemplateException) {
      if (((TemplateException) e).isParseError()) {
        err.println("template parsing error: " + e.getMessage());
        return EXIT_TEMPLATE;
      }
      err.println(e.getMessage());
      return 1;
    }
    if (e instanceof CnmException) {
      err.println(DAEMON + e.getMessage());
      return 1;
    }
    throw e;
  }

  // ---- containers ------------------------------------------------------------------------------

  private interface RefAction {
    void apply(String ref);
  }

  private int simple(Args a, RefAction action) {
    List<String> refs = atLeast(a, 1, "CONTAINER [CONTAINER...]");
    int rc = 0;
    for (String ref : refs) {
      try {
        action.apply(ref);
        out.println(ref);
      } catch (CnmException e) {
        err.println(DAEMON + e.getMessage());
        rc = 1;
      }
    }
    return rc;
  }

  private int start(Args a) {
    List<String> refs = atLeast(a, 1, "CONTAINER [CONTAINER...]");
    List<String> failed = new ArrayList<>();
    for (String ref : refs) {
      try {
        engine.start(ref);
        out.println(ref);
      } catch (CnmException e) {
        err.println(DAEMON + e.getMessage());
        failed.add(ref);
      }
    }
    if (!failed.isEmpty()) {
      err.println("Error: failed to start containers: " + String.join(", ", failed));
      return 1;
    }
    return 0;
  }

  private int rm(Args a) {
    List<String> refs = atLeast(a, 1, "CONTAINER [CONTAINER...]");
    int rc = 0;
    for (String ref : refs) {
      try {
        engine.removeContainer(ref, a.has("-f"));
        out.println(ref);
      } catch (CnmException e) {
        err.println(DAEMON + e.getMessage());
        rc = 1;
      }
    }
    return rc;
  }

  private int rename(Args a) {
    List<String> p = exactly(a, 2, "CONTAINER NEW_NAME");
    try {
      engine.rename(p.get(0), p.get(1));
      return 0;
    } catch (CnmException e) {
      err.println(DAEMON + e.getMessage());
      err.println("Error: failed to rename container named " + p.get(0));
      return 1;
    }
  }

  private int run(Args a, boolean start) {
    String name = a.spec().qualifiedName(" ");
    List<String> p = a.positionals();
    if (p.isEmpty()) {
      throw new ArgCountException("\"" + name + "\" requires at least 1 argument.\n"
          + "See '" + name + " --help'.\n\n"
          + "Usage:  " + name + " [OPTIONS] IMAGE [COMMAND] [ARG...]\n\n" + summary(a));
    }
    ContainerSpec spec;
    try {
      spec = containerSpec(a, p);
    } catch (ClientError e) {
      err.println("cnm: " + e.getMessage());
      err.println();
      err.println("Run '" + name + " --help' for more information");
      return EXIT_RUN;
    } catch (CnmException e) {
      return runFailure(name, e);
    }
    ContainerInfo created;
    try {
      created = engine.createContainer(spec);
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
    try {
      engine.start(created.id());
    } catch (CnmException e) {
      if (spec.autoRemove() && engine.findContainer(created.id()).isPresent()) {
        engine.removeContainer(created.id(), true);
      }
      return runFailure(name, e);
    }
    List<String> command = p.subList(1, p.size());
    Optional<Execs.Result> result = Execs.exec(engine, created.id(), command);
    if (result.isEmpty()) {
      // A long-running program: it keeps running, as if detached from its terminal.
      return 0;
    }
    if (!detach) {
      out.print(result.get().stdout());
      err.print(result.get().stderr());
    }
    // The simulated program has exited: the container stops, and --rm removes it.
    engine.stop(created.id());
    if (spec.autoRemove() && engine.findContainer(created.id()).isPresent()) {
      engine.removeContainer(created.id(), true);
    }
    return detach ? 0 : result.get().exitCode();
  }

  private int runFailure(String name, CnmException e) {
    err.println("cnm: " + DAEMON + e.getMessage());
    err.println();
    err.println("Run '" + name + " --help' for more information");
    return EXIT_RUN;
  }

  /** A client-side validation error of {@code run}/{@code create}. */
  private static final class ClientError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ClientError(String message) {
      super(message);
    }
  }

  private ContainerSpec containerSpec(Args a, List<String> p) {
    ContainerSpec.Builder b = ContainerSpec.builder().image(p.get(0));
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
        String v = System.getenv(e);
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
        if (a.given("--ip")) {
          e.ipv4Address(parseIp(a.get("--ip")));
        }
        if (a.given("--ip6")) {
          e.ipv6Address(parseIp(a.get("--ip6")));
        }
        if (a.given("--mac-address")) {
          e.macAddress(parseMac(a.get("--mac-address")));
        }
      }
      endpoints.put(nets.get(i), e.build());
    }
    if (nets.isEmpty() && (a.given("--ip") || a.given("--ip6") || a.given("--mac-address"))) {
      EndpointSpec.Builder e = EndpointSpec.builder();
      if (a.given("--ip")) {
        e.ipv4Address(parseIp(a.get("--ip")));
      }
      if (a.given("--ip6")) {
        e.ipv6Address(parseIp(a.get("--ip6")));
      }
      if (a.given("--mac-address")) {
        e.macAddress(parseMac(a.get("--mac-address")));
      }
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
    b.extraHosts(a.all("--add-host"));
    b.dns(a.all("--dns"));
    b.autoRemove(a.has("--rm"));
    return b.build();
  }

  private static IpAddress parseIp(String text) {
    return IpAddress.tryParse(text).orElseThrow(() -> new ClientError("invalid IP address: " + text));
  }

  private static MacAddress parseMac(String text) {
    return MacAddress.tryParse(text).orElseThrow(() -> new ClientError(text + " is not a valid mac address"));
  }

  private int exec(Args a) {
    List<String> p = a.positionals();
    if (p.size() < 2) {
      throw argCount(a, "requires at least 2 arguments", "CONTAINER COMMAND [ARG...]");
    }
    Execs.Result r = Execs.execAny(engine, p.get(0), p.subList(1, p.size()));
    out.print(r.stdout());
    err.print(r.stderr());
    return r.exitCode();
  }

  /** The format of {@code ps} and {@code network ls}: {@code --format}, else {@code -q}: IDs, else the table. */
  private static String listFormat(Args a) {
    if (a.given("--format")) {
      return a.get("--format");
    }
    return a.has("-q") ? "{{.ID}}" : "table"; // of("table") is the default table
  }

  private int ps(Args a) {
    ContainerListFormat format = ContainerListFormat.of(listFormat(a));
    if (a.has("--no-trunc")) {
      format = format.noTrunc();
    }
    Filters filters = Filters.parse(a.all("-f"));
    filters.validate(Set.of("id", "name", "label", "status", "network", "publish", "expose", "ancestor",
        "exited", "before", "since", "health", "volume", "isolation", "is-task"));
    List<ContainerInfo> all = new ArrayList<>(engine.containers());
    java.util.Collections.reverse(all); // newest first, as the engine lists them
    boolean showAll = a.has("-a") || a.has("-l") || a.given("-n") || filters.has("status") || filters.has("exited");
    Instant at = now.get();
    ArrayNode rows = JsonNodeFactory.instance.arrayNode();
    for (ContainerInfo c : all) {
      if (!showAll && !c.isRunning()) {
        continue;
      }
      if (!matches(c, filters)) {
        continue;
      }
      rows.add(DockerJson.containerSummary(c, ContainerJsonInput.none(), at));
    }
    int last = a.has("-l") ? 1 : -1;
    if (a.given("-n")) {
      try {
        last = Integer.parseInt(a.get("-n"));
      } catch (NumberFormatException e) {
        throw new UsageException("invalid argument \"" + a.get("-n") + "\" for \"-n, --last\" flag: "
            + "strconv.ParseInt: parsing \"" + a.get("-n") + "\": invalid syntax");
      }
    }
    while (last >= 0 && rows.size() > last) {
      rows.remove(rows.size() - 1);
    }
    out.print(format.format(rows, at));
    return 0;
  }

  private boolean matches(ContainerInfo c, Filters f) {
    if (f.has("id") && f.none("id", v -> c.id().startsWith(v))) {
      return false;
    }
    if (f.has("name") && f.none("name", v -> regexFind(v, c.name()))) {
      return false;
    }
    if (f.has("label") && !f.all("label", v -> labelMatches(c.labels(), v))) {
      return false;
    }
    if (f.has("status")) {
      for (String v : f.values("status")) {
        if (!Set.of("created", "restarting", "running", "removing", "paused", "exited", "dead").contains(v)) {
          throw new InvalidParameterException("invalid filter 'status=" + v + "'");
        }
      }
      if (f.none("status", v -> v.equals(c.status().toString().toLowerCase(java.util.Locale.ROOT)))) {
        return false;
      }
    }
    if (f.has("exited") && (c.isRunning() || f.none("exited", v -> v.equals(Integer.toString(c.exitCode()))))) {
      return false;
    }
    if (f.has("ancestor") && f.none("ancestor", v -> v.equals(c.image()) || (c.image() + ":latest").equals(v))) {
      return false;
    }
    if (f.has("network") && f.none("network", v -> c.networks().values().stream()
        .anyMatch(n -> n.networkName().equals(v) || n.networkId().startsWith(v)))) {
      return false;
    }
    if (f.has("publish") && f.none("publish", v -> c.ports().stream()
        .anyMatch(pp -> portMatches(v, pp.hostPort(), pp.containerPort())))) {
      return false;
    }
    if (f.has("expose") && f.none("expose", v -> c.exposedPorts().stream()
        .anyMatch(e -> portMatches(v, e.port(), e)))) {
      return false;
    }
    return true;
  }

  private static boolean portMatches(String filter, int port, ExposedPort proto) {
    int slash = filter.indexOf('/');
    String num = slash < 0 ? filter : filter.substring(0, slash);
    String pr = slash < 0 ? "tcp" : filter.substring(slash + 1);
    return num.equals(Integer.toString(port)) && pr.equals(proto.protocol().toString());
  }

  private static boolean regexFind(String pattern, String text) {
    try {
      return Pattern.compile(pattern).matcher(text).find();
    } catch (PatternSyntaxException e) {
      return text.equals(pattern);
    }
  }

  private static boolean labelMatches(Map<String, String> labels, String filter) {
    int eq = filter.indexOf('=');
    if (eq < 0) {
      return labels.containsKey(filter);
    }
    return filter.substring(eq + 1).equals(labels.get(filter.substring(0, eq)));
  }

  private int inspect(Args a) {
    List<String> refs = atLeast(a, 1, "NAME|ID [NAME|ID...]");
    String type = a.get("--type", "");
    if (!type.isEmpty() && !Set.of("container", "network", "image", "volume", "node", "service", "task",
        "plugin", "secret", "config").contains(type)) {
      err.println("\"" + type + "\" is not a valid value for --type");
      return 1;
    }
    Template template = a.given("-f") ? parseTemplate(a.get("-f")) : null;
    List<JsonNode> found = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (String ref : refs) {
      JsonNode doc = null;
      try {
        if (type.isEmpty() || type.equals("container")) {
          Optional<ContainerInfo> c = engine.findContainer(ref);
          if (c.isPresent()) {
            doc = DockerJson.container(c.get());
          } else if (type.equals("container")) {
            errors.add(DAEMON + "No such container: " + ref);
            continue;
          }
        }
        if (doc == null && (type.isEmpty() || type.equals("network"))) {
          Optional<NetworkInfo> n = engine.findNetwork(ref);
          if (n.isPresent()) {
            doc = DockerJson.network(n.get());
          } else if (type.equals("network")) {
            errors.add(DAEMON + "network " + ref + " not found");
            continue;
          }
        }
      } catch (CnmException e) {
        errors.add(DAEMON + e.getMessage());
        continue;
      }
      if (doc == null) {
        errors.add("Error: No such object: " + ref);
      } else {
        found.add(doc);
      }
    }
    return printInspect(found, errors, template);
  }

  private int printInspect(List<JsonNode> found, List<String> errors, Template template) {
    if (template == null) {
      out.print(DockerJson.inspectOutput(found));
    } else {
      for (JsonNode doc : found) {
        out.println(template.execute(doc));
      }
    }
    for (String e : errors) {
      err.println(e);
    }
    return errors.isEmpty() ? 0 : 1;
  }

  private static Template parseTemplate(String text) {
    return Template.parse(text, TemplateFunctions.docker());
  }

  private int port(Args a) {
    List<String> p = a.positionals();
    if (p.isEmpty() || p.size() > 2) {
      throw argCount(a, "requires at least 1 and at most 2 arguments", "CONTAINER [PRIVATE_PORT[/PROTO]]");
    }
    ContainerInfo c = engine.container(p.get(0));
    List<PublishedPort> ports = c.isRunning() ? c.ports() : List.of();
    if (p.size() == 1) {
      PublishedPort.portLines(ports).forEach(out::println);
      return 0;
    }
    List<String> addresses;
    try {
      addresses = PublishedPort.hostAddresses(ports, p.get(1));
    } catch (InvalidParameterException e) {
      err.println(e.getMessage());
      return 1;
    }
    if (addresses.isEmpty()) {
      if (!c.isRunning()) {
        return 0;
      }
      err.println(PublishedPort.noPublicPortMessage(p.get(1), p.get(0)));
      return 1;
    }
    addresses.forEach(out::println);
    return 0;
  }

  // ---- networks --------------------------------------------------------------------------------

  private int networkCreate(Args a) {
    List<String> p = exactly(a, 1, "NETWORK");
    NetworkSpec.Builder b = NetworkSpec.builder().name(p.get(0)).driver(a.get("-d", "bridge"))
        .internal(a.has("--internal")).attachable(a.has("--attachable")).ingress(a.has("--ingress"))
        .enableIpv6(a.has("--ipv6"));
    if (a.given("--ipam-driver")) {
      b.ipamDriver(a.get("--ipam-driver"));
    }
    if (a.given("--scope")) {
      b.scope(a.get("--scope"));
    }
    b.labels(keyValues(a.all("--label")));
    b.options(keyValues(a.all("-o")));
    b.ipamOptions(keyValues(a.all("--ipam-opt")));
    try {
      b.ipamConfigs(ipamConfigs(a.all("--subnet"), a.all("--ip-range"), a.all("--gateway"),
          a.all("--aux-address")));
    } catch (ClientError e) {
      err.println(e.getMessage());
      return 1;
    }
    NetworkInfo n = engine.createNetwork(b.build());
    out.println(n.id());
    return 0;
  }

  /** docker/cli {@code consolidateIpam}: each range, gateway and aux address joins its subnet. */
  private static List<IpamPoolSpec> ipamConfigs(List<String> subnets, List<String> ranges, List<String> gateways,
      List<String> aux) {
    if (subnets.isEmpty() && (!ranges.isEmpty() || !gateways.isEmpty() || !aux.isEmpty())) {
      throw new ClientError("every ip-range or gateway must have a corresponding subnet");
    }
    List<Subnet> nets = new ArrayList<>();
    for (String s : subnets) {
      nets.add(Subnet.tryParse(s).orElseThrow(() -> new ClientError("invalid CIDR address: " + s)));
    }
    List<IpamPoolSpec.Builder> builders = new ArrayList<>();
    nets.forEach(s -> builders.add(IpamPoolSpec.builder().subnet(s)));
    boolean[] hasRange = new boolean[nets.size()];
    for (String r : ranges) {
      Subnet range = Subnet.tryParse(r).orElseThrow(() -> new ClientError("invalid CIDR address: " + r));
      int i = owner(nets, range.address());
      if (i < 0) {
        throw new ClientError("no matching subnet for range " + r);
      }
      if (hasRange[i]) {
        throw new ClientError("cannot configure multiple ranges (" + r + ") on the same subnet ("
            + nets.get(i) + ")");
      }
      hasRange[i] = true;
      builders.get(i).ipRange(range);
    }
    boolean[] hasGateway = new boolean[nets.size()];
    for (String g : gateways) {
      IpAddress gw = IpAddress.tryParse(g).orElseThrow(() -> new ClientError("invalid IP address: " + g));
      int i = owner(nets, gw);
      if (i < 0) {
        throw new ClientError("no matching subnet for gateway " + g);
      }
      if (hasGateway[i]) {
        throw new ClientError("cannot configure multiple gateways (" + g + ") for the same subnet ("
            + nets.get(i) + ")");
      }
      hasGateway[i] = true;
      builders.get(i).gateway(gw);
    }
    for (String x : aux) {
      int eq = x.indexOf('=');
      if (eq < 0) {
        throw new ClientError("bad format for aux-address: " + x);
      }
      String v = x.substring(eq + 1);
      IpAddress ip = IpAddress.tryParse(v).orElseThrow(() -> new ClientError("invalid IP address: " + v));
      int i = owner(nets, ip);
      if (i < 0) {
        throw new ClientError("no matching subnet for aux-address " + v);
      }
      builders.get(i).putAuxAddress(x.substring(0, eq), ip);
    }
    List<IpamPoolSpec> out = new ArrayList<>();
    builders.forEach(bb -> out.add(bb.build()));
    return out;
  }

  private static int owner(List<Subnet> nets, IpAddress ip) {
    for (int i = 0; i < nets.size(); i++) {
      if (nets.get(i).contains(ip)) {
        return i;
      }
    }
    return -1;
  }

  private static Map<String, String> keyValues(List<String> items) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String s : items) {
      int eq = s.indexOf('=');
      m.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
    }
    return m;
  }

  private int networkLs(Args a) {
    NetworkListFormat format = NetworkListFormat.of(listFormat(a));
    if (a.has("--no-trunc")) {
      format = format.noTrunc();
    }
    Filters f = Filters.parse(a.all("-f"));
    f.validate(Set.of("driver", "scope", "name", "id", "label", "type", "dangling"));
    if (f.has("type")) {
      for (String v : f.values("type")) {
        if (!v.equals("custom") && !v.equals("builtin")) {
          throw new InvalidParameterException("invalid filter: 'type'='" + v + "'");
        }
      }
    }
    Boolean dangling = null;
    if (f.has("dangling")) {
      List<String> v = f.values("dangling");
      if (v.size() > 1) {
        throw new InvalidParameterException("got more than one value for filter key \"dangling\"");
      }
      switch (v.get(0)) {
        case "true":
        case "1":
          dangling = true;
          break;
        case "false":
        case "0":
          dangling = false;
          break;
        default:
          throw new InvalidParameterException(
              "invalid value for filter 'dangling', must be \"true\" (or \"1\"), or \"false\" (or \"0\")");
      }
    }
    ArrayNode rows = JsonNodeFactory.instance.arrayNode();
    List<ContainerInfo> containers = dangling == null ? List.of() : engine.containers();
    for (NetworkInfo n : engine.networks()) {
      boolean builtin = isPredefined(n.name());
      if (f.has("driver") && f.none("driver", v -> v.equals(n.driver()))) {
        continue;
      }
      if (f.has("scope") && f.none("scope", v -> v.equals(n.scope().toString()))) {
        continue;
      }
      if (f.has("name") && f.none("name", v -> n.name().equals(v) || regexFind(v, n.name()))) {
        continue;
      }
      if (f.has("id") && f.none("id", v -> n.id().equals(v) || regexFind(v, n.id()))) {
        continue;
      }
      if (f.has("label") && !f.all("label", v -> labelMatches(n.labels(), v))) {
        continue;
      }
      if (f.has("type") && f.none("type", v -> v.equals(builtin ? "builtin" : "custom"))) {
        continue;
      }
      if (dangling != null) {
        boolean used = containers.stream().anyMatch(c -> c.networks().values().stream()
            .anyMatch(an -> an.networkId().equals(n.id())));
        boolean isDangling = !builtin && !used;
        if (isDangling != dangling) {
          continue;
        }
      }
      rows.add(DockerJson.networkSummary(n));
    }
    out.print(format.format(rows));
    return 0;
  }

  private static boolean isPredefined(String name) {
    return name.equals("bridge") || name.equals("host") || name.equals("none");
  }

  private int networkInspect(Args a) {
    List<String> refs = atLeast(a, 1, "NETWORK [NETWORK...]");
    Template template = a.given("-f") ? parseTemplate(a.get("-f")) : null;
    List<JsonNode> found = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (String ref : refs) {
      try {
        found.add(DockerJson.network(engine.network(ref)));
      } catch (CnmException e) {
        errors.add(DAEMON + e.getMessage());
      }
    }
    return printInspect(found, errors, template);
  }

  private int networkRm(Args a) {
    List<String> refs = atLeast(a, 1, "NETWORK [NETWORK...]");
    boolean failed = false;
    for (String ref : refs) {
      try {
        engine.removeNetwork(ref);
        out.println(ref);
      } catch (CnmException e) {
        if (a.has("-f") && e.kind() == dev.cnm.api.error.ErrorKind.NOT_FOUND) {
          continue;
        }
        err.println(DAEMON + e.getMessage());
        failed = true;
      }
    }
    if (failed) {
      err.println("exit status 1");
      return 1;
    }
    return 0;
  }

  private int networkConnect(Args a) {
    List<String> p = exactly(a, 2, "NETWORK CONTAINER");
    EndpointSpec.Builder e = EndpointSpec.builder().aliases(a.all("--alias")).links(a.all("--link"));
    try {
      if (a.given("--ip")) {
        e.ipv4Address(parseIp(a.get("--ip")));
      }
      if (a.given("--ip6")) {
        e.ipv6Address(parseIp(a.get("--ip6")));
      }
    } catch (ClientError x) {
      err.println(x.getMessage());
      return 1;
    }
    e.driverOptions(keyValues(a.all("--driver-opt")));
    if (a.given("--gw-priority")) {
      String v = a.get("--gw-priority");
      try {
        e.gwPriority(Integer.parseInt(v));
      } catch (NumberFormatException x) {
        throw new UsageException("invalid argument \"" + v + "\" for \"--gw-priority\" flag: strconv.ParseInt: "
            + "parsing \"" + v + "\": invalid syntax");
      }
    }
    engine.connect(p.get(0), p.get(1), e.build());
    return 0;
  }

  private int networkDisconnect(Args a) {
    List<String> p = exactly(a, 2, "NETWORK CONTAINER");
    engine.disconnect(p.get(0), p.get(1), a.has("-f"));
    return 0;
  }

  private int networkPrune(Args a) {
    if (!a.positionals().isEmpty()) {
      throw argCount(a, "accepts no arguments", "");
    }
    if (!a.has("-f")) {
      out.print("WARNING! This will remove all custom networks not used by at least one container.\n"
          + "Are you sure you want to continue? [y/N] ");
      String answer = readLine();
      if (!answer.trim().equalsIgnoreCase("y") && !answer.trim().equalsIgnoreCase("yes")) {
        out.println();
        err.println("network prune has been cancelled");
        record = null;
        return 0;
      }
    }
    List<String> removed = engine.pruneNetworks();
    if (!removed.isEmpty()) {
      out.println("Deleted Networks:");
      removed.forEach(out::println);
      out.println();
    }
    return 0;
  }

  private static String readLine() {
    try {
      StringBuilder sb = new StringBuilder();
      int ch;
      while ((ch = System.in.read()) >= 0 && ch != '\n') {
        sb.append((char) ch);
      }
      return sb.toString();
    } catch (java.io.IOException e) {
      return "";
    }
  }

  // ---- argument counts -------------------------------------------------------------------------

  /** Cobra's argument-count errors (exit 1). */
  private static final class ArgCountException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ArgCountException(String message) {
      super(message);
    }
  }

  private static List<String> atLeast(Args a, int n, String usage) {
    List<String> p = a.positionals();
    if (p.size() < n) {
      throw argCount(a, "requires at least " + n + " argument" + (n == 1 ? "" : "s"), usage);
    }
    return p;
  }

  private static List<String> exactly(Args a, int n, String usage) {
    List<String> p = a.positionals();
    if (p.size() != n) {
      throw argCount(a, "requires exactly " + n + " argument" + (n == 1 ? "" : "s"), usage);
    }
    return p;
  }

  /** Cobra's wording: {@code "cnm rename" requires exactly 2 arguments.}, the usage line and summary. */
  private static ArgCountException argCount(Args a, String requirement, String usage) {
    String q = a.spec().qualifiedName(" ");
    return new ArgCountException("\"" + q + "\" " + requirement + ".\nSee '" + q + " --help'.\n\nUsage:  " + q
        + " [OPTIONS]" + (usage.isEmpty() ? "" : " " + usage) + "\n\n" + summary(a));
  }

  private static String summary(Args a) {
    String[] d = a.spec().usageMessage().description();
    return d.length == 0 ? "" : d[0];
  }
}
