package dev.cnm.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.LinkedHashMap;
import java.util.function.Function;
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

  /** Test hook: the process halts right after a command's state is saved, before it prints. */
  static final String HALT_AFTER_SAVE_ENV = "CNM_TEST_HALT_AFTER_SAVE";
  /** Seconds a command waits for another to release the state directory (120 by default). */
  static final String LOCK_TIMEOUT_ENV = "CNM_LOCK_TIMEOUT";
  /** Prints the stack trace of an unexpected failure. */
  static final String DEBUG_ENV = "CNM_DEBUG";

  /**
   * Runs one command line and returns its exit code. What it prints is held back until its state
   * is saved; nothing it throws escapes (one line, and the trace under {@code CNM_DEBUG}).
   */
  int run(List<String> argv) {
    HeldOutput heldOut = new HeldOutput(out);
    HeldOutput heldErr = new HeldOutput(err);
    try {
      return run(argv, heldOut, heldErr);
    } catch (RuntimeException | Error e) {
      heldErr.stream().println(Commands.unexpectedMessage(e));
      if (debug()) {
        e.printStackTrace(heldErr.stream());
      }
      return 1;
    } finally {
      heldOut.release();
      heldErr.release();
    }
  }

  private boolean debug() {
    return !env.getOrDefault(DEBUG_ENV, "").isEmpty();
  }

  private int run(List<String> argv, HeldOutput heldOut, HeldOutput heldErr) {
    Commands commands = new Commands(heldOut.stream(), heldErr.stream());
    commands.caller(caller);
    commands.beforeInput(() -> {
      heldOut.release();
      heldErr.release();
    });
    commands.debug(debug());
    CommandSpec root = commands.root();
    root.addOption(OptionSpec.builder("--state").paramLabel("DIR").type(String.class).arity("1").build());
    root.addOption(OptionSpec.builder("--cluster-store").paramLabel("URL").type(String.class).arity("1").build());
    root.addOption(OptionSpec.builder("--cluster-advertise").paramLabel("NAME").type(String.class).arity("1")
        .build());
    Map<String, Supplier<Args>> extra = new LinkedHashMap<>();
    extra.put("tutorial", () -> Args.interspersed("tutorial")
        .describe("Replay the tutorial against a fresh in-memory engine")
        .body(a -> new Tutorial(heldOut.stream()).run()));
    Args[] serve = new Args[1];
    extra.put("serve", () -> serve[0] = Args.interspersed("serve")
        .describe("Serve the state's engine over the Docker Engine API").value("-H", "--listen").flag("--health")
        .value("--max-connections"));
    extra.put(WARMUP, () -> Args.interspersed(WARMUP));
    extra.put("plugin", () -> PluginCommands.args(caller, out, err));
    Commands.Invocation inv = commands.prepare(root, argv, extra);
    ParseResult[] parsedLine = new ParseResult[1];
    int first = commands.execute(inv, parsed -> {
      parsedLine[0] = parsed;
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
      if (name.equals("serve") && serve[0].given("--max-connections")) {
        String max = serve[0].get("--max-connections");
        if (!max.matches("[0-9]{1,9}") || Integer.parseInt(max) < 1) {
          throw new UsageException("invalid argument \"" + max + "\" for \"--max-connections\" flag: "
              + "expected a positive number of connections");
        }
      }
      if (name.equals("serve") && serve[0].has("--health")) {
        return Serve.health(serve[0].get("--listen"), stateDirectory(stateDir), heldOut.stream(),
            heldErr.stream());
      }
      return withState(stateDir, lockName(inv), parsed, name.equals("serve"), (session, saved, reload, file) -> {
        if (name.equals("serve")) {
          heldOut.release();
          heldErr.release();
          return Serve.run(serve[0].get("--listen", Serve.DEFAULT_LISTEN),
              Integer.parseInt(serve[0].get("--max-connections", "1024")), session, saved, reload, file,
              out, err);
        }
        commands.bind(session.engine(), session::now);
        int rc = commands.runParsed(inv, parsed);
        List<String> recorded = commands.recorded();
        if (recorded != null) {
          try {
            file.write(session.save(recorded));
          } catch (StateException e) {
            heldOut.discard(); // it spoke of a state that is not on disk
            throw e;
          }
          if (!env.getOrDefault(HALT_AFTER_SAVE_ENV, "").isEmpty()) {
            Runtime.getRuntime().halt(99);
          }
        }
        return rc;
      });
    });
    Commands.Follow follow = commands.takeFollow();
    return follow == null ? first : follow(commands, follow, inv, parsedLine[0], heldOut, heldErr);
  }

  /**
   * The rounds of a command that follows ({@code logs -f}, {@code wait}, {@code events}): each
   * takes the state lock and loads the state again, so that other commands run between two
   * rounds; the engine's time is at least the first pass's plus the real time since (a seeded
   * state's time moves only with its commands). What a round prints is shown at once, once the
   * round is saved: what it saw happen keeps the time it happened at, and the next round goes on
   * from there.
   */
  private int follow(Commands commands, Commands.Follow follow, Commands.Invocation inv, ParseResult parsed,
      HeldOutput heldOut, HeldOutput heldErr) {
    String stateDir = parsed.matchedOptionValue("--state", null);
    Instant base = commands.now();
    long start = System.nanoTime();
    boolean[] done = {false};
    while (true) {
      heldOut.release();
      heldErr.release();
      try {
        Thread.sleep(Commands.FOLLOW_PAUSE.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return follow.exitCode();
      }
      int rc = withState(stateDir, lockName(inv), parsed, false, (session, saved, reload, file) -> {
        commands.bind(session.engine(), session::now);
        dev.cnm.api.process.EngineClock clock = session.engine().clock();
        Instant target = base.plusNanos(System.nanoTime() - start);
        Instant now = clock.now();
        if (now.isBefore(target)) {
          clock.advance(Duration.between(now, target));
        }
        done[0] = follow.round();
        file.write(session.save(List.copyOf(inv.command())));
        return 0;
      });
      if (rc != 0) {
        return rc;
      }
      if (done[0]) {
        return follow.exitCode();
      }
    }
  }

  /** The command as the lock file names it: its words, not its arguments (they may hold secrets). */
  private static String lockName(Commands.Invocation inv) {
    List<String> c = inv.command();
    if (c.isEmpty()) {
      return "?";
    }
    boolean group = (c.get(0).equals("network") || c.get(0).equals("container")) && c.size() > 1
        && !c.get(1).startsWith("-");
    return group ? c.get(0) + " " + c.get(1) : c.get(0);
  }

  private interface WithState {
    /**
     * Runs with the loaded session; {@code saved} is the state on disk, and {@code reload} turns
     * saved bytes back into a session (for a server whose save failed).
     */
    int run(EngineStore.Session session, byte[] saved, Function<byte[], EngineStore.Session> reload, StateFile file);
  }

  /** Takes the state directory's lock, loads its engine, and runs {@code body} with it. */
  private int withState(String stateDir, String command, ParseResult parsed, boolean live, WithState body) {
    String storeUrl = parsed.matchedOptionValue("--cluster-store", env.getOrDefault("CNM_CLUSTER_STORE", ""));
    String hostName = parsed.matchedOptionValue("--cluster-advertise", env.getOrDefault("CNM_CLUSTER_ADVERTISE", ""));
    if (storeUrl.isEmpty()) {
      if (!hostName.isEmpty()) {
        err.println("cnm: --cluster-advertise needs --cluster-store");
        return 1;
      }
      return withState(stateDir, command, live, body, null);
    }
    Cluster cluster;
    try {
      cluster = Cluster.connect(storeUrl, hostName.isEmpty() ? defaultHostName() : hostName);
    } catch (dev.cnm.api.error.CnmException | IllegalArgumentException e) {
      err.println("cnm: invalid --cluster-store: " + e.getMessage());
      return 1;
    }
    try (cluster) {
      return withState(stateDir, command, live, body, cluster);
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

  private int withState(String stateDir, String command, boolean live, WithState body, Cluster cluster) {
    Optional<Long> seed;
    try {
      seed = Optional.ofNullable(env.get("CNM_SEED")).filter(s -> !s.isEmpty()).map(Long::parseLong);
    } catch (NumberFormatException e) {
      err.println("invalid CNM_SEED: " + env.get("CNM_SEED") + " (expected an integer)");
      return 1;
    }
    Duration lockTimeout;
    try {
      lockTimeout = Duration.ofSeconds(Long.parseLong(env.getOrDefault(LOCK_TIMEOUT_ENV, "120")));
    } catch (NumberFormatException e) {
      err.println("invalid " + LOCK_TIMEOUT_ENV + ": " + env.get(LOCK_TIMEOUT_ENV) + " (expected seconds)");
      return 1;
    }
    Path dir = stateDirectory(stateDir);
    long pause;
    try {
      pause = Long.parseLong(env.getOrDefault(StateFile.PAUSE_ENV, "0"));
    } catch (NumberFormatException e) {
      pause = 0;
    }
    try (StateFile file = StateFile.open(dir, pause, command, lockTimeout, err)) {
      if (cluster != null) {
        try {
          cluster.stateDirectory(dir);
        } catch (StateException e) {
          err.println("cnm: cannot read or create the host id in " + dir + ": " + e.getMessage());
          return 1;
        }
      }
      EngineStore store = (cluster == null ? new SnapshotStore(file.path().toString())
          : new SnapshotStore(file.path().toString(), cluster::configure, cluster::unavailable))
          .withPlugins(PluginState.open(dir, caller));
      Function<byte[], EngineStore.Session> load = bytes -> live
          ? store.loadLive(Optional.ofNullable(bytes), seed, Clock.systemUTC())
          : store.load(Optional.ofNullable(bytes), seed, Instant.now());
      Optional<byte[]> saved = file.read();
      EngineStore.Session session = load.apply(saved.orElse(null));
      if (saved.isEmpty()) {
        // A directory's first state is saved at once, whatever the command: its predefined
        // networks keep the ids this command shows, in every later one.
        saved = Optional.of(session.save(List.of()));
        file.write(saved.get());
      }
      return body.run(session, saved.get(), load, file);
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
