package dev.cnm.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.LinkedHashMap;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The {@code cnm} program: global options, the state directory, and one command.
 *
 * <p>{@code cnm [--state DIR] COMMAND...}: the state lives in {@code DIR}, else {@code
 * $CNM_STATE}, else {@code ~/.cnm}. Each command takes the directory's lock, loads the engine,
 * runs, and (when it changes anything) saves the state atomically before releasing the lock.
 */
final class Cli {
  private final Map<String, String> env;
  private final PrintStream out;
  private final PrintStream err;
  private final Caller caller;

  Cli(Map<String, String> env, PrintStream out, PrintStream err) {
    this(Caller.thisProcess(env), out, err);
  }

  /** A command line of {@code caller}'s: its environment, working directory and input. */
  Cli(Caller caller, PrintStream out, PrintStream err) {
    this.env = caller.env();
    this.caller = caller;
    this.out = out;
    this.err = err;
  }

  int run(List<String> argv) {
    Commands commands = new Commands(out, err);
    commands.caller(caller);
    CommandSpec root = commands.root();
    root.addOption(OptionSpec.builder("--state").paramLabel("DIR").type(String.class).arity("1").build());
    root.addOption(OptionSpec.builder("--cluster-store").paramLabel("URL").type(String.class).arity("1").build());
    root.addOption(OptionSpec.builder("--cluster-advertise").paramLabel("NAME").type(String.class).arity("1")
        .build());
    Map<String, Supplier<Args>> extra = new LinkedHashMap<>();
    extra.put("tutorial", () -> Args.interspersed("tutorial")
        .describe("Replay the tutorial against a fresh in-memory engine").body(a -> new Tutorial(out).run()));
    extra.put("serve", () -> Args.interspersed("serve")
        .describe("Serve the state's engine over the Docker Engine API").value("-H", "--listen"));
    extra.put(WARMUP, () -> Args.interspersed(WARMUP));
    extra.put("plugin", () -> PluginCommands.args(caller, out, err));
    Commands.Invocation inv = commands.prepare(root, argv, extra);
    return commands.execute(inv, parsed -> {
      if (commands.printHelpIfRequested(parsed)) {
        return 0;
      }
      String stateDir = parsed.matchedOptionValue("--state", null);
      if (!parsed.hasSubcommand()) {
        return new CommandLine.RunLast().execute(parsed);
      }
      String name = parsed.subcommand().commandSpec().name();
      if (name.equals(WARMUP)) {
        return warmUp(stateDir);
      }
      if (name.equals("tutorial") || name.equals("help") || name.equals("plugin")) {
        return new CommandLine.RunLast().execute(parsed);
      }
      return withState(stateDir, parsed, (session, file) -> {
        if (name.equals("serve")) {
          return Serve.run(parsed.subcommand().matchedOptionValue("--listen", Serve.DEFAULT_LISTEN), session, file,
              out, err);
        }
        commands.bind(session.engine(), session::now);
        int rc = commands.runParsed(inv, parsed);
        List<String> recorded = commands.recorded();
        if (recorded != null) {
          out.flush();
          file.write(session.save(recorded));
        }
        return rc;
      });
    });
  }

  private interface WithState {
    int run(EngineStore.Session session, StateFile file);
  }

  /** Takes the state directory's lock, loads its engine, and runs {@code body} with it. */
  private int withState(String stateDir, ParseResult parsed, WithState body) {
    String storeUrl = parsed.matchedOptionValue("--cluster-store", env.getOrDefault("CNM_CLUSTER_STORE", ""));
    String hostName = parsed.matchedOptionValue("--cluster-advertise", env.getOrDefault("CNM_CLUSTER_ADVERTISE", ""));
    if (storeUrl.isEmpty()) {
      if (!hostName.isEmpty()) {
        err.println("cnm: --cluster-advertise needs --cluster-store");
        return 1;
      }
      return withState(stateDir, body, null);
    }
    Cluster cluster;
    try {
      cluster = Cluster.connect(storeUrl, hostName.isEmpty() ? defaultHostName() : hostName);
    } catch (dev.cnm.api.error.CnmException | IllegalArgumentException e) {
      err.println("cnm: invalid --cluster-store: " + e.getMessage());
      return 1;
    }
    try (cluster) {
      return withState(stateDir, body, cluster);
    }
  }

  /** The machine's host name, as Docker's daemon names its node by default. */
  private String defaultHostName() {
    String h = env.getOrDefault("HOSTNAME", "");
    if (!h.isEmpty()) {
      return h;
    }
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "localhost";
    }
  }

  private int withState(String stateDir, WithState body, Cluster cluster) {
    Optional<Long> seed;
    try {
      seed = Optional.ofNullable(env.get("CNM_SEED")).filter(s -> !s.isEmpty()).map(Long::parseLong);
    } catch (NumberFormatException e) {
      err.println("invalid CNM_SEED: " + env.get("CNM_SEED") + " (expected an integer)");
      return 1;
    }
    Path dir = stateDirectory(stateDir);
    long pause = 0;
    try {
      pause = Long.parseLong(env.getOrDefault(StateFile.PAUSE_ENV, "0"));
    } catch (NumberFormatException e) {
      pause = 0;
    }
    try (StateFile file = StateFile.open(dir, pause)) {
      if (cluster != null) {
        try {
          cluster.stateDirectory(dir);
        } catch (java.io.IOException e) {
          err.println("cnm: cannot read or create the host id in " + dir + ": " + e.getMessage());
          return 1;
        }
      }
      EngineStore store = (cluster == null ? new SnapshotStore(file.path().toString())
          : new SnapshotStore(file.path().toString(), cluster::configure, cluster::unavailable))
          .withPlugins(PluginState.open(dir, caller));
      EngineStore.Session session = store.load(file.read(), seed, Instant.now());
      return body.run(session, file);
    } catch (StateException e) {
      err.println("cnm: " + e.getMessage());
      return 1;
    }
  }

  /**
   * The hidden command {@code bin/cnm} runs once to dump a class-data sharing archive: the
   * tutorial (silently) and a few commands through the state directory load nearly every class a
   * command needs.
   */
  static final String WARMUP = "__cds-warmup";

  private int warmUp(String stateDir) {
    PrintStream nowhere = new PrintStream(java.io.OutputStream.nullOutputStream(), false,
        java.nio.charset.StandardCharsets.UTF_8);
    new Tutorial(nowhere).run();
    Cli quiet = new Cli(caller, nowhere, nowhere);
    List<String> state = List.of("--state", stateDirectory(stateDir).toString());
    for (String line : List.of("network create dev", "run -d --net dev -p 8080:80 --name web nginx",
        "network ls", "ps -a", "inspect web", "network inspect dev", "port web", "rm -f web", "network prune -f")) {
      List<String> argv = new java.util.ArrayList<>(state);
      argv.addAll(Tutorial.split(line));
      quiet.run(argv);
    }
    return 0;
  }

  /** {@code --state DIR}, else {@code $CNM_STATE}, else {@code ~/.cnm}; relative to the caller's directory. */
  Path stateDirectory(String flag) {
    if (flag != null && !flag.isEmpty()) {
      return caller.path(flag);
    }
    String fromEnv = env.get("CNM_STATE");
    if (fromEnv != null && !fromEnv.isEmpty()) {
      return caller.path(fromEnv);
    }
    return Path.of(System.getProperty("user.home"), ".cnm");
  }
}
