package dev.cnm.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

  Cli(Map<String, String> env, PrintStream out, PrintStream err) {
    this.env = env;
    this.out = out;
    this.err = err;
  }

  int run(List<String> argv) {
    String stateDir = null;
    int i = 0;
    while (i < argv.size() && argv.get(i).startsWith("-")) {
      String a = argv.get(i);
      if (a.equals("--state")) {
        if (i + 1 >= argv.size()) {
          err.println("flag needs an argument: --state");
          err.println("See 'cnm --help'.");
          return Commands.EXIT_RUN;
        }
        stateDir = argv.get(i + 1);
        i += 2;
      } else if (a.startsWith("--state=")) {
        stateDir = a.substring("--state=".length());
        i++;
      } else if (a.equals("--help") || a.equals("-h")) {
        out.print(Usage.TOP);
        return 0;
      } else {
        err.println("unknown flag: " + a);
        err.println("See 'cnm --help'.");
        return Commands.EXIT_RUN;
      }
    }
    List<String> args = argv.subList(i, argv.size());
    if (args.isEmpty()) {
      out.print(Usage.TOP);
      return 0;
    }
    if (args.get(0).equals("tutorial")) {
      return new Tutorial(out).run();
    }
    if (args.get(0).equals(WARMUP)) {
      return warmUp(stateDir);
    }
    if (args.get(0).equals("help") || args.get(0).equals("--help")) {
      out.print(Usage.TOP);
      return 0;
    }
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
      EngineStore store = new SnapshotStore(file.path().toString());
      EngineStore.Session session = store.load(file.read(), seed, Instant.now());
      if (args.get(0).equals("serve")) {
        return Serve.run(args.subList(1, args.size()), session, file, out, err);
      }
      Commands commands = new Commands(session.engine(), out, err, session::now);
      int rc = commands.execute(args);
      List<String> recorded = commands.recorded();
      if (recorded != null) {
        out.flush();
        file.write(session.save(recorded));
      }
      return rc;
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
    Cli quiet = new Cli(env, nowhere, nowhere);
    List<String> state = List.of("--state", stateDirectory(stateDir).toString());
    for (String line : List.of("network create dev", "run -d --net dev -p 8080:80 --name web nginx",
        "network ls", "ps -a", "inspect web", "network inspect dev", "port web", "rm -f web")) {
      List<String> argv = new java.util.ArrayList<>(state);
      argv.addAll(Tutorial.split(line));
      quiet.run(argv);
    }
    return 0;
  }

  private Path stateDirectory(String flag) {
    if (flag != null && !flag.isEmpty()) {
      return Path.of(flag);
    }
    String fromEnv = env.get("CNM_STATE");
    if (fromEnv != null && !fromEnv.isEmpty()) {
      return Path.of(fromEnv);
    }
    return Path.of(System.getProperty("user.home"), ".cnm");
  }
}
