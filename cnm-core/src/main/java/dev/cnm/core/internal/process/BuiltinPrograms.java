package dev.cnm.core.internal.process;

import dev.cnm.api.ExecResult;
import dev.cnm.api.process.ExecAnswer;
import dev.cnm.api.process.Invocation;
import dev.cnm.api.process.Signal;
import dev.cnm.api.process.Script;
import dev.cnm.api.process.Step;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The programs the engine knows, each a {@link Script} built with the public API, as a test's own
 * programs are:
 *
 * <ul>
 *   <li>one-shot commands ({@link ShellParser#ONE_SHOT}: {@code echo}, {@code true}, {@code
 *       false}, {@code env}, {@code hostname}, {@code cat}, {@code getent}, {@code nslookup},
 *       {@code ip}, {@code date}...): run against the model when the process starts, then exit
 *       with their status; {@code ping -c N} takes N-1 seconds, {@code ping} without a count runs
 *       until interrupted;
 *   <li>{@code sleep N} on the engine's clock ({@code sleep infinity} and {@code tail -f} wait for
 *       ever);
 *   <li>shells ({@code sh}, {@code bash}, {@code ash}, {@code dash}): {@code -c "script"} as
 *       {@link ShellParser} reads it; without arguments an interactive shell, which waits for input
 *       with a terminal ({@code -t}) or an open standard input ({@code -i}) and otherwise exits 0
 *       at once, as {@code docker run -d alpine} does;
 *   <li>the servers of the image catalogue: {@code nginx}, {@code redis-server}, {@code postgres},
 *       {@code mysqld}, {@code httpd} ({@code httpd-foreground}) and {@code eswrapper}: they log a
 *       ready line, keep running, exit as they do on their stop signals, and answer their usual
 *       health probes ({@code curl}, {@code redis-cli ping}, {@code pg_isready}, {@code mysqladmin
 *       ping}).
 * </ul>
 *
 * <p>Signals, as the kernel delivers them to a PID 1: {@code sleep}, {@code tail}, {@code ping}
 * and shells install no handler, so every signal but {@code SIGKILL} is ignored and {@code docker
 * stop} kills them after its timeout (137). The servers handle their stop signals: nginx exits 0
 * on {@code SIGQUIT} (its image's {@code STOPSIGNAL}), {@code SIGTERM} and {@code SIGINT}; redis
 * 0 on {@code SIGTERM} and {@code SIGINT}; postgres 0 on {@code SIGINT} (its {@code STOPSIGNAL},
 * a fast shutdown) and {@code SIGTERM}; mysqld 0 on {@code SIGTERM}; httpd 0 on {@code SIGWINCH}
 * (its {@code STOPSIGNAL}, a graceful stop) and {@code SIGTERM}; Elasticsearch's JVM, whose
 * signals tini forwards, 143 on {@code SIGTERM} and 130 on {@code SIGINT}. Sources: the images'
 * Dockerfiles ({@code STOPSIGNAL}) and the servers' documented signal handling; see {@code
 * ImageCatalog}.
 *
 * <pre>{@code
 * Optional<Script> s = BuiltinPrograms.script(Invocation.of(List.of("sleep", "10")));
 * }</pre>
 */
public final class BuiltinPrograms {
  private static final List<String> SHELLS = List.of("sh", "bash", "ash", "dash", "zsh", "ksh");
  private static final Map<String, Script> SERVERS = servers();
  /** Waits for ever with every signal but SIGKILL ignored: an interactive shell, {@code sleep infinity}, {@code tail -f}. */
  private static final Script WAITING_PID1 = Script.builder().waitForever().ignoresUnhandledSignals(true).build();
  private static final Script EXIT_0 = Script.of(Step.exit(0));

  private BuiltinPrograms() {}

  /**
   * {@return what the program {@code inv} names does, or empty for a program the engine does not
   * know}
   *
   * @param inv the program, its arguments and environment
   */
  public static Optional<Script> script(Invocation inv) {
    String name = inv.programName();
    List<String> args = inv.args();
    if (SHELLS.contains(name)) {
      return Optional.of(shell(inv));
    }
    Script server = SERVERS.get(name);
    if (server != null) {
      return Optional.of(server);
    }
    switch (name) {
      case "sleep":
        return Optional.of(sleep(inv.argv()));
      case "tail":
        if (args.contains("-f") || args.contains("-F")) {
          return Optional.of(WAITING_PID1);
        }
        break;
      case "cat":
        if (args.isEmpty() && (inv.tty() || inv.openStdin())) {
          return Optional.of(WAITING_PID1);
        }
        break;
      case "ping":
        Step run = timedPing(inv.argv());
        if (run.kind() == Step.Kind.EXEC) {
          return Optional.of(pid1(Script.builder().onSignal(Signal.INT, 0).waitForever()));
        }
        return Optional.of(pid1(Script.builder().addStep(run).addStep(Step.exitWithLastStatus())));
      default:
        break;
    }
    if (ShellParser.ONE_SHOT.contains(name)) {
      return Optional.of(pid1(Script.builder().addStep(Step.run(inv.argv())).addStep(Step.exitWithLastStatus())));
    }
    return Optional.empty();
  }

  /** As a PID 1 without handlers: every signal but {@code SIGKILL} ignored. */
  private static Script pid1(Script.Builder b) {
    return b.ignoresUnhandledSignals(true).build();
  }

  private static Script sleep(List<String> argv) {
    SleepArgs.Parsed p = SleepArgs.parse(argv.subList(1, argv.size()));
    if (p.forever()) {
      return WAITING_PID1;
    }
    if (p.duration().isPresent()) {
      return pid1(Script.builder().sleep(p.duration().get()).exit(0));
    }
    return pid1(Script.builder().addStep(Step.run(argv)).addStep(Step.exitWithLastStatus()));
  }

  /** {@code ping -c N}: a run that takes N-1 seconds; without a count, an {@link Step.Kind#EXEC} of itself (it runs for ever). */
  static Step timedPing(List<String> argv) {
    for (int i = 1; i < argv.size(); i++) {
      String a = argv.get(i);
      String value = a.equals("-c") && i + 1 < argv.size() ? argv.get(i + 1)
          : a.startsWith("-c") && a.length() > 2 ? a.substring(2) : null;
      if (value != null) {
        try {
          return Step.run(argv).taking(ShellParser.pingDuration(Integer.parseInt(value)));
        } catch (NumberFormatException e) {
          return Step.run(argv); // ping reports the bad count itself
        }
      }
    }
    return Step.exec(argv);
  }

  private static Script shell(Invocation inv) {
    List<String> args = inv.args();
    boolean command = false;
    int i = 0;
    while (i < args.size() && args.get(i).startsWith("-") && !args.get(i).equals("--") && !args.get(i).equals("-")) {
      if (args.get(i).indexOf('c') > 0) {
        command = true;
      }
      i++;
    }
    if (i < args.size() && args.get(i).equals("--")) {
      i++;
    }
    if (command) {
      if (i >= args.size()) {
        return Script.builder().stderr(inv.programName() + ": -c requires an argument").exit(2).build();
      }
      Map<String, String> env = new HashMap<>();
      for (String e : inv.env()) {
        int eq = e.indexOf('=');
        if (eq > 0) {
          env.put(e.substring(0, eq), e.substring(eq + 1));
        }
      }
      Optional<ShellParser.Parsed> parsed = ShellParser.parse(args.get(i), env);
      if (parsed.isEmpty()) {
        return WAITING_PID1; // a script beyond the model: it keeps running
      }
      if (parsed.get().single().isPresent()) {
        return Script.of(Step.exec(parsed.get().single().get())); // sh -c "prog args" runs prog in its place
      }
      return pid1(Script.builder().steps(parsed.get().steps()).signalReactions(parsed.get().traps()));
    }
    if (i < args.size()) {
      return Script.forever(); // a script file: the model cannot read it, so it keeps running
    }
    if (inv.tty() || inv.openStdin()) {
      return WAITING_PID1; // an interactive shell waiting for input
    }
    return EXIT_0; // no terminal, no input: end of input at once
  }

  private static Map<String, Script> servers() {
    Map<String, Script> m = new HashMap<>();
    ExecAnswer curl = ExecAnswer.of(List.of("curl"), ExecResult.ok(""));
    ExecAnswer wget = ExecAnswer.of(List.of("wget"), ExecResult.ok(""));
    m.put("nginx", Script.builder()
        .stdout("/docker-entrypoint.sh: Configuration complete; ready for start up")
        .stderr("[notice] 1#1: start worker processes")
        .onSignal(Signal.QUIT, 0).onSignal(Signal.TERM, 0).onSignal(Signal.INT, 0)
        .addExecAnswers(curl, wget)
        .waitForever().build());
    m.put("redis-server", Script.builder()
        .stdout("1:M * Ready to accept connections tcp")
        .onSignal(Signal.TERM, 0).onSignal(Signal.INT, 0)
        .answerExec(List.of("redis-cli", "ping"), ExecResult.ok("PONG\n"))
        .answerExec(List.of("redis-cli"), ExecResult.ok(""))
        .waitForever().build());
    m.put("postgres", Script.builder()
        .stderr("LOG:  database system is ready to accept connections")
        .onSignal(Signal.INT, 0).onSignal(Signal.TERM, 0)
        .answerExec(List.of("pg_isready"), ExecResult.ok("/var/run/postgresql:5432 - accepting connections\n"))
        .answerExec(List.of("psql"), ExecResult.ok(""))
        .waitForever().build());
    Script mysql = Script.builder()
        .stderr("[System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections.")
        .onSignal(Signal.TERM, 0)
        .answerExec(List.of("mysqladmin", "ping"), ExecResult.ok("mysqld is alive\n"))
        .answerExec(List.of("mysql"), ExecResult.ok(""))
        .waitForever().build();
    m.put("mysqld", mysql);
    m.put("mariadbd", mysql);
    Script httpd = Script.builder()
        .stderr("AH00094: Command line: 'httpd -D FOREGROUND'")
        .onSignal(Signal.WINCH, 0).onSignal(Signal.TERM, 0)
        .addExecAnswers(curl, wget)
        .waitForever().build();
    m.put("httpd", httpd);
    m.put("httpd-foreground", httpd);
    m.put("eswrapper", Script.builder()
        .stdout("{\"log.level\": \"INFO\", \"message\":\"started\"}")
        .onSignal(Signal.TERM, Signal.TERM.exitCode()).onSignal(Signal.INT, Signal.INT.exitCode())
        .addExecAnswers(curl, wget)
        .waitForever().build());
    return Map.copyOf(m);
  }
}
