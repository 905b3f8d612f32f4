package dev.cnm.cli;

import dev.cnm.api.Engine;
import dev.cnm.api.error.CnmException;
import dev.cnm.core.template.TemplateException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
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
 *
 * <p>This class is the tree and the error handling; the commands live in their groups: {@link
 * RunCommand} ({@code run}, {@code create}), {@link ContainerCommands} (the other container
 * commands and {@code ps}), {@link ExecInspectCommands} ({@code exec}, {@code inspect}), {@link
 * ImageCommands} ({@code images}, {@code pull}, {@code build}, {@code tag}, {@code rmi}, {@code
 * history}, {@code image ...}), {@link NetworkCommands} ({@code network ...}). Only the group of the command being run is loaded.
 */
final class Commands {
  /** Exit code of a failed {@code run}/{@code create} and of flag errors. */
  static final int EXIT_RUN = 125;
  /** Exit code of a template parse error. */
  static final int EXIT_TEMPLATE = 64;
  /** How the daemon's errors are printed. */
  static final String DAEMON = "Error response from daemon: ";

  private static final List<String> TOP = List.of("run", "create", "start", "stop", "restart", "kill", "rm",
      "rename", "ps", "inspect", "port", "exec", "logs", "wait", "events", "info", "version", "images", "pull",
      "build", "tag", "rmi", "history", "network", "container", "image", "cluster", "help");
  private static final List<String> NETWORK = List.of("connect", "create", "disconnect", "inspect", "ls", "prune",
      "rm");
  private static final List<String> CONTAINER = List.of("create", "exec", "inspect", "kill", "logs", "ls", "port",
      "rename", "restart", "rm", "run", "start", "stop", "wait");
  private static final List<String> IMAGE = List.of("build", "history", "inspect", "ls", "pull", "rm", "tag");

  private Engine engine;
  private Supplier<Instant> now;
  private final PrintStream out;
  private final PrintStream err;
  private List<String> record;
  /** Every spec built for the current invocation, to re-apply its parser settings. */
  private final List<Args> built = new ArrayList<>();
  private RunCommand run;
  private ContainerCommands containers;
  private ExecInspectCommands execInspect;
  private NetworkCommands networks;
  private Caller caller = Caller.thisProcess();
  private Runnable beforeInput = () -> {};
  private boolean debug;
  private ImageCommands images;
  private FollowCommands follows;
  private Follow follow;
  /** The command line being run, without the global options. */
  private List<String> command;

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

  Engine engine() {
    return engine;
  }

  /** Whose environment, working directory and input the commands use. */
  void caller(Caller caller) {
    this.caller = caller;
  }

  Caller caller() {
    return caller;
  }

  /** The time of the command (a seeded state's, under {@code CNM_SEED}). */
  Instant now() {
    return now.get();
  }

  PrintStream out() {
    return out;
  }

  PrintStream err() {
    return err;
  }

  /**
   * Whether the last {@link #execute} may have changed the engine (so its state is saved): the
   * arguments when it did, null when it only read or was cancelled.
   */
  List<String> recorded() {
    return record;
  }

  /** The command was cancelled (a prune answered "no"): nothing to save. */
  void cancelRecord() {
    record = null;
  }

  /** What runs before the command reads its input: the output held so far is shown (a prompt). */
  void beforeInput(Runnable r) {
    this.beforeInput = r;
  }

  /** One line of standard input, for a confirmation prompt, once what was printed is shown. */
  String readLine() {
    beforeInput.run();
    return Inputs.readLine(caller.in());
  }

  /** Whether an unexpected failure prints its stack trace too ({@code CNM_DEBUG}). */
  void debug(boolean debug) {
    this.debug = debug;
  }

  /**
   * What a command does after its first pass ({@code logs -f}, {@code wait}, {@code events}):
   * rounds, each against the engine loaded again ({@link #bind}), with the state lock released
   * in between so that other commands go on; {@link Cli} runs them, {@link #execute(List)} too.
   */
  interface Follow {
    /** One round against the bound engine; prints what is new; true when the command is done. */
    boolean round();

    /** The command's exit code, once done. */
    int exitCode();
  }

  /** How long a follower waits between two rounds. */
  static final java.time.Duration FOLLOW_PAUSE = java.time.Duration.ofMillis(200);

  /**
   * The command goes on in rounds after its first pass. Its first pass is saved, as each round
   * is: what a round saw happen (a line logged, an exit) is then on disk with the time it
   * happened, and the next round starts from there instead of running it again.
   */
  void follow(Follow f) {
    this.follow = f;
    this.record = command;
  }

  /** The rounds the last command left to run, once; null when it is done. */
  Follow takeFollow() {
    Follow f = follow;
    follow = null;
    return f;
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
      case "info":
      case "logs":
      case "wait":
      case "events":
      case "images":
      case "history":
        return false;
      case "container":
      case "image":
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
    } else if (name.equals("network") || name.equals("container") || name.equals("image")) {
      CommandLine group = group(name);
      String sub = null;
      for (int j = start + 1; j < argv.size() && sub == null; j++) {
        sub = argv.get(j).startsWith("-") ? null : argv.get(j);
      }
      Args one = sub == null ? null : groupCommand(name, sub);
      if (one != null) {
        add(group, one);
      } else if (sub != null) {
        for (String n : groupNames(name)) {
          add(group, groupCommand(name, n));
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

  private static List<String> groupNames(String group) {
    return group.equals("network") ? NETWORK : group.equals("container") ? CONTAINER : IMAGE;
  }

  /** The subcommand {@code sub} of the group {@code group}, or null when it has none of that name. */
  private Args groupCommand(String group, String sub) {
    switch (group) {
      case "network":
        return network(sub);
      case "container":
        return container(sub);
      default:
        return image(sub);
    }
  }

  private void addAll(CommandLine line, Map<String, Supplier<Args>> extra) {
    for (String n : TOP) {
      if (n.equals("network") || n.equals("container") || n.equals("image")) {
        CommandLine group = group(n);
        for (String s : groupNames(n)) {
          add(group, groupCommand(n, s));
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
      case "create":
        return runCommand().spec(name);
      case "start":
      case "stop":
      case "restart":
      case "kill":
      case "rm":
      case "rename":
      case "ps":
      case "port":
        return containerCommands().spec(name);
      case "inspect":
      case "exec":
        return execInspectCommands().spec(name);
      case "images":
      case "pull":
      case "build":
      case "tag":
      case "rmi":
      case "history":
        return imageCommands().spec(name);
      case "logs":
      case "wait":
      case "events":
        return followCommands().spec(name);
      case "info":
      case "version":
        return new SystemCommands(this).spec(name);
      case "cluster":
        return new ClusterCommands(this).spec();
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
        return containerCommands().ls();
      default:
        return CONTAINER.contains(sub) ? command(sub) : null;
    }
  }

  private Args network(String sub) {
    return networkCommands().spec(sub);
  }

  /** {@code image ls} (also {@code list}), {@code image rm} (also {@code remove}, {@code rmi}) and the others. */
  private Args image(String sub) {
    switch (sub) {
      case "ls":
      case "list":
        return imageCommands().spec("ls").aliases("list");
      case "rm":
      case "remove":
      case "rmi":
        return imageCommands().spec("rm").aliases("remove", "rmi");
      default:
        return IMAGE.contains(sub) ? imageCommands().spec(sub) : null;
    }
  }

  private ImageCommands imageCommands() {
    if (images == null) {
      images = new ImageCommands(this);
    }
    return images;
  }

  private FollowCommands followCommands() {
    if (follows == null) {
      follows = new FollowCommands(this);
    }
    return follows;
  }

  private RunCommand runCommand() {
    if (run == null) {
      run = new RunCommand(this);
    }
    return run;
  }

  private ContainerCommands containerCommands() {
    if (containers == null) {
      containers = new ContainerCommands(this);
    }
    return containers;
  }

  private ExecInspectCommands execInspectCommands() {
    if (execInspect == null) {
      execInspect = new ExecInspectCommands(this);
    }
    return execInspect;
  }

  private NetworkCommands networkCommands() {
    if (networks == null) {
      networks = new NetworkCommands(this);
    }
    return networks;
  }

  // ---- running and errors ----------------------------------------------------------------------

  /** Runs one command line (without the program name) against the bound engine; returns the exit code. */
  int execute(List<String> args) {
    Invocation inv = prepare(root(), args, Map.of());
    int rc = execute(inv, pr -> printHelpIfRequested(pr) ? 0 : runParsed(inv, pr));
    Follow f = takeFollow();
    if (f == null) {
      return rc;
    }
    // One engine in memory: each round moves its clock on by the pause, so that what falls due
    // meanwhile happens, as the real time between two rounds of a process does.
    do {
      engine.clock().advance(FOLLOW_PAUSE);
    } while (!f.round());
    return f.exitCode();
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
    line.setExecutionStrategy(parsed -> {
      try {
        return strategy.execute(parsed);
      } catch (ParameterException | ExecutionException forPicocli) {
        throw forPicocli;
      } catch (RuntimeException | Error e) {
        return unexpected(e);
      }
    });
    return line.execute(inv.argv().toArray(new String[0]));
  }

  /** Runs the parsed command's body, mapping its failures to docker's messages and exit codes. */
  int runParsed(Invocation inv, ParseResult parsed) {
    command = List.copyOf(inv.command());
    record = mutates(command) ? command : null;
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
    if (e instanceof ArgCount) {
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
    return unexpected(e);
  }

  /**
   * A failure nothing expected: one line, as the docker CLI prints an error, and exit 1; the
   * stack trace only under {@code CNM_DEBUG}, for a bug report.
   */
  int unexpected(Throwable e) {
    err.println(unexpectedMessage(e));
    if (debug) {
      e.printStackTrace(err);
    }
    return 1;
  }

  static String unexpectedMessage(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank()
        ? "cnm: internal error: " + e.getClass().getSimpleName() + " (CNM_DEBUG=1 prints the details)"
        : "cnm: " + m;
  }
}
