package dev.cnm.core;

import dev.cnm.api.ExecResult;
import dev.cnm.api.ExecSpec;
import dev.cnm.api.process.LogEntry;
import dev.cnm.api.process.LogStream;
import dev.cnm.api.process.Script;
import dev.cnm.api.process.SignalReaction;
import dev.cnm.api.process.Signal;
import dev.cnm.api.process.Step;
import dev.cnm.core.internal.process.ShellParser;
import dev.cnm.core.internal.process.SleepArgs;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Runs containers' processes: follows a process's {@link Script} step by step on the engine's
 * clock, writes what it prints to the container's log, and evaluates the one-shot commands it runs
 * (and those of {@code docker exec} and health checks) against the model. It decides nothing about
 * the container's state: when a process ends, {@link #run} says with what, and {@link Lifecycle}
 * takes it from there. Called under the engine's lock.
 */
final class Processes {
  /** A process that ran this many steps without time passing is given a millisecond to breathe. */
  private static final int STEPS_PER_INSTANT = 1000;
  /** busybox {@code date}: {@code Mon Jun  2 09:00:00 UTC 2025}. */
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss 'UTC' yyyy",
      Locale.ROOT).withZone(ZoneOffset.UTC);

  /** How a process ended. */
  record Exit(int code, boolean oomKilled) {}

  private final EngineServices services;
  private final Programs programs;
  private final ServiceDiscovery discovery;
  private final NetworkTable networks;
  private final Timeline timeline;
  private final Deliveries deliveries;

  Processes(EngineServices services, Programs programs, ServiceDiscovery discovery, NetworkTable networks,
      Timeline timeline, Deliveries deliveries) {
    this.services = services;
    this.programs = programs;
    this.discovery = discovery;
    this.networks = networks;
    this.timeline = timeline;
    this.deliveries = deliveries;
  }

  /** Gives started container {@code c} a new process and schedules its first step now. */
  void launch(ContainerRecord c) {
    c.process = new ProcessRecord(programs.forStart(c, discovery.processEnv(c)));
    timeline.schedule(c, TimerKind.STEP, services.clock.instant(), 0);
  }

  /** Puts back a saved process (a restore); its timers come back separately. */
  void restore(ContainerRecord c, ProcessRecord p) {
    c.process = p;
  }

  /**
   * Runs {@code c}'s process from where it is until it sleeps, waits or ends.
   *
   * @return how it ended, or empty while it goes on
   */
  Optional<Exit> run(ContainerRecord c) {
    ProcessRecord p = c.process;
    int budget = STEPS_PER_INSTANT;
    while (p.pc < p.script.steps().size()) {
      if (budget-- == 0) {
        timeline.schedule(c, TimerKind.STEP, services.clock.instant().plusMillis(1), 0);
        return Optional.empty();
      }
      Step s = p.script.steps().get(p.pc);
      if (!applies(s, p.lastStatus)) {
        p.pc++;
        continue;
      }
      switch (s.kind()) {
        case PRINT:
          log(c, s.stream(), s.text());
          p.pc++;
          break;
        case SLEEP:
          p.pc++;
          if (!s.duration().isZero()) {
            timeline.schedule(c, TimerKind.STEP, services.clock.instant().plus(s.duration()), 0);
            return Optional.empty();
          }
          break;
        case RUN:
          ExecResult r = oneShot(c, s.command());
          log(c, LogStream.STDOUT, r.stdout());
          log(c, LogStream.STDERR, r.stderr());
          p.lastStatus = r.exitCode();
          p.pc++;
          if (!s.duration().isZero()) {
            timeline.schedule(c, TimerKind.STEP, services.clock.instant().plus(s.duration()), 0);
            return Optional.empty();
          }
          break;
        case EXEC:
          p.script = programs.resolve(c, s.command(), discovery.processEnv(c));
          p.pc = 0;
          break;
        case EXIT:
          return Optional.of(new Exit(s.code(), false));
        case EXIT_LAST:
          return Optional.of(new Exit(p.lastStatus & 0xff, false));
        case CRASH:
          return Optional.of(new Exit(s.code(), s.oomKilled()));
        case WAIT:
          return Optional.empty();
        case JUMP:
          p.pc = s.target();
          break;
        default:
          throw new IllegalStateException("unknown step " + s.kind());
      }
    }
    return Optional.of(new Exit(p.lastStatus & 0xff, false));
  }

  private static boolean applies(Step s, int lastStatus) {
    switch (s.condition()) {
      case IF_SUCCESS:
        return lastStatus == 0;
      case IF_FAILURE:
        return lastStatus != 0;
      default:
        return true;
    }
  }

  /** What {@code signal} does to {@code c}'s process. */
  SignalReaction reaction(ContainerRecord c, Signal signal) {
    return c.process == null ? SignalReaction.ignore() : c.process.script.reactionTo(signal);
  }

  /** Writes {@code text} to {@code c}'s log, one entry per line, stamped now. */
  void log(ContainerRecord c, LogStream stream, String text) {
    int start = 0;
    while (start < text.length()) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? text.length() : nl + 1;
      c.logs().append(LogEntry.of(stream, services.clock.instant(), text.substring(start, end)), deliveries);
      start = end;
    }
  }

  // ---- one-shot commands: RUN steps, docker exec, health checks -------------------------------

  /**
   * Runs a one-shot command in running container {@code c}: the process's scripted answer if it has
   * one, else the shell's builtins and the simulated commands ({@code echo}, {@code sh -c ...},
   * {@code getent}, {@code cat /etc/hosts}...); a command the model does not have is not found (127).
   */
  ExecResult oneShot(ContainerRecord c, List<String> argv) {
    return oneShot(c, argv, 0, null);
  }

  /**
   * Runs an exec instance's command as {@link #oneShot(ContainerRecord, List)} does, with its
   * variables over the container's environment, in its working directory, as its user.
   */
  ExecResult oneShot(ContainerRecord c, ExecSpec spec) {
    return oneShot(c, spec.command(), 0, spec);
  }

  private ExecResult oneShot(ContainerRecord c, List<String> argv, int depth, ExecSpec exec) {
    if (argv.isEmpty()) {
      return ExecResult.of("", "", 0);
    }
    if (c.process != null) {
      Optional<ExecResult> answer = c.process.script.answerTo(argv);
      if (answer.isPresent()) {
        return answer.get();
      }
    }
    String name = argv.get(0).substring(argv.get(0).lastIndexOf('/') + 1);
    List<String> args = argv.subList(1, argv.size());
    switch (name) {
      case "echo":
        return ExecResult.ok(echo(args));
      case "printf":
        return ExecResult.ok(printf(args));
      case "true":
      case ":":
        return ExecResult.ok("");
      case "false":
        return ExecResult.of("", "", 1);
      case "date":
        return ExecResult.ok(DATE.format(services.clock.instant()) + "\n");
      case "sleep":
        SleepArgs.Parsed sleep = SleepArgs.parse(args);
        if (sleep.invalid().isPresent()) {
          return sleep.invalid().get().isEmpty()
              ? ExecResult.failed("sleep: missing operand\n", 1)
              : ExecResult.failed("sleep: invalid number '" + sleep.invalid().get() + "'\n", 1);
        }
        return ExecResult.ok(""); // a command's own sleep takes no time outside a process's script
      case "pwd":
        return ExecResult.ok(workingDir(c, exec) + "\n");
      case "whoami":
        return whoami(user(c, exec));
      case "id":
        if (args.equals(List.of("-u"))) {
          return uid(user(c, exec));
        }
        if (args.equals(List.of("-un"))) {
          return whoami(user(c, exec));
        }
        break;
      case "mkdir":
      case "touch":
      case "rm":
      case "cp":
      case "mv":
      case "chmod":
      case "chown":
      case "ln":
        return ExecResult.ok(""); // the model has no file system: file commands succeed silently
      case "sh":
      case "bash":
      case "ash":
      case "dash":
        if (args.isEmpty()) {
          return ExecResult.ok(""); // an exec's shell without -i reads an empty input and exits
        }
        if (args.size() >= 2 && args.get(0).startsWith("-") && args.get(0).indexOf('c') > 0 && depth < 8) {
          return shell(c, args.get(1), depth, exec);
        }
        break;
      default:
        break;
    }
    List<String> plain = new java.util.ArrayList<>(argv);
    plain.set(0, name);
    return discovery.exec(c, plain, networks, exec == null ? List.of() : exec.env());
  }

  /** The exec's directory, else the container's ({@code Config.WorkingDir}), else {@code /}. */
  private static String workingDir(ContainerRecord c, ExecSpec exec) {
    String dir = exec != null && exec.workingDir().isPresent() && !exec.workingDir().get().isEmpty()
        ? exec.workingDir().get() : c.imageConfig.workingDir();
    return dir.isEmpty() ? "/" : dir;
  }

  /** The exec's user, else the container's ({@code Config.User}); its name or uid, without the group. */
  private static String user(ContainerRecord c, ExecSpec exec) {
    String u = exec != null && exec.user().isPresent() && !exec.user().get().isEmpty()
        ? exec.user().get() : c.imageConfig.user();
    int colon = u.indexOf(':');
    return colon < 0 ? u : u.substring(0, colon);
  }

  /** busybox {@code whoami}: the user's name; a uid the image's {@code /etc/passwd} lacks is unknown. */
  private static ExecResult whoami(String user) {
    if (user.isEmpty() || user.equals("0") || user.equals("root")) {
      return ExecResult.ok("root\n");
    }
    if (user.chars().allMatch(Character::isDigit)) {
      return ExecResult.failed("whoami: unknown uid " + user + "\n", 1);
    }
    return ExecResult.ok(user + "\n");
  }

  /** {@code id -u}: root is 0, a numeric user is its uid; a name's uid is the image's {@code /etc/passwd}'s, not modelled. */
  private static ExecResult uid(String user) {
    if (user.isEmpty() || user.equals("root")) {
      return ExecResult.ok("0\n");
    }
    if (user.chars().allMatch(Character::isDigit)) {
      return ExecResult.ok(user + "\n");
    }
    return ExecResult.failed("id: unknown user " + user + "\n", 1);
  }

  /** {@code sh -c script} as one command: its steps at once, sleeps taking no time. */
  private ExecResult shell(ContainerRecord c, String script, int depth, ExecSpec exec) {
    Map<String, String> env = new HashMap<>();
    for (String e : ServiceDiscovery.withEnv(discovery.processEnv(c), exec == null ? List.of() : exec.env())) {
      int eq = e.indexOf('=');
      if (eq > 0) {
        env.put(e.substring(0, eq), e.substring(eq + 1));
      }
    }
    Optional<ShellParser.Parsed> parsed = ShellParser.parse(script, env);
    if (parsed.isEmpty()) {
      return ExecResult.failed("sh: syntax beyond the model: " + script + "\n", 2);
    }
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    int status = 0;
    List<Step> steps = parsed.get().steps();
    int budget = STEPS_PER_INSTANT;
    for (int pc = 0; pc < steps.size() && budget-- > 0; pc++) {
      Step s = steps.get(pc);
      if (!applies(s, status)) {
        continue;
      }
      switch (s.kind()) {
        case PRINT:
          (s.stream() == LogStream.STDOUT ? out : err).append(s.text());
          break;
        case RUN:
        case EXEC:
          ExecResult r = oneShot(c, s.command(), depth + 1, exec);
          out.append(r.stdout());
          err.append(r.stderr());
          status = r.exitCode();
          if (s.kind() == Step.Kind.EXEC) {
            return ExecResult.of(out.toString(), err.toString(), status);
          }
          break;
        case EXIT:
        case CRASH:
          return ExecResult.of(out.toString(), err.toString(), s.code());
        case EXIT_LAST:
          return ExecResult.of(out.toString(), err.toString(), status & 0xff);
        case WAIT:
          return ExecResult.of(out.toString(), err.toString(), status);
        case JUMP:
          pc = s.target() - 1;
          break;
        default:
          break; // SLEEP: no time passes in a one-shot command
      }
    }
    return ExecResult.of(out.toString(), err.toString(), status);
  }

  /** busybox {@code echo}: {@code -n} drops the newline, {@code -e} reads backslash escapes. */
  private static String echo(List<String> args) {
    boolean newline = true;
    boolean escapes = false;
    int i = 0;
    while (i < args.size() && args.get(i).matches("-[neE]+")) {
      String f = args.get(i);
      newline &= f.indexOf('n') < 0;
      escapes = f.indexOf('e') >= 0 || escapes && f.indexOf('E') < 0;
      i++;
    }
    String text = String.join(" ", args.subList(i, args.size()));
    if (escapes) {
      text = text.replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\");
    }
    return newline ? text + "\n" : text;
  }

  /** {@code printf FORMAT ARGS}: {@code %s}, {@code %d}, {@code %%} and backslash escapes. */
  private static String printf(List<String> args) {
    if (args.isEmpty()) {
      return "";
    }
    String format = args.get(0).replace("\\n", "\n").replace("\\t", "\t");
    StringBuilder out = new StringBuilder();
    int next = 1;
    for (int i = 0; i < format.length(); i++) {
      char ch = format.charAt(i);
      if (ch == '%' && i + 1 < format.length()) {
        char f = format.charAt(++i);
        if (f == '%') {
          out.append('%');
        } else {
          out.append(next < args.size() ? args.get(next++) : "");
        }
      } else {
        out.append(ch);
      }
    }
    return out.toString();
  }
}
