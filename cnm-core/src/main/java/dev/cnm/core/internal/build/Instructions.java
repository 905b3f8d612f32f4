package dev.cnm.core.internal.build;

import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.Healthcheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a parsed Dockerfile's instructions mean (BuildKit's {@code frontend/dockerfile/
 * instructions}): build stages, each starting with {@code FROM}, holding typed commands; the
 * {@code ARG}s before the first {@code FROM}; and Docker's messages for every malformed
 * instruction ({@code dockerfile parse error on line 2: unknown instruction: FOO}).
 *
 * <pre>{@code
 * Instructions.Parsed p = Instructions.parse(DockerfileParser.parse("FROM alpine AS base\nENV A=1\n"));
 * p.stages().get(0).name();      // "base"
 * p.stages().get(0).commands();  // [Env[code=ENV A=1, ...]]
 * }</pre>
 */
public final class Instructions {
  private static final Pattern VALID_STAGE_NAME = Pattern.compile("^[a-z][a-z0-9-_.]*$");
  private static final List<String> INSTRUCTIONS = List.of("add", "arg", "cmd", "copy", "entrypoint", "env",
      "expose", "from", "healthcheck", "label", "maintainer", "onbuild", "run", "shell", "stopsignal", "user",
      "volume", "workdir");

  private Instructions() {}

  /** A typed instruction: its source text ({@code code}, as the build prints it) and its first line. */
  public sealed interface Command permits Env, Label, Maintainer, Copy, Onbuild, Workdir, Run, Cmd, HealthcheckCommand,
      Entrypoint, Expose, User, Volume, StopSignal, Arg, Shell {
    /** The instruction as written, trimmed ({@code Step 2/3 : ENV A=1}). */
    String code();

    /** Its first line in the Dockerfile. */
    int line();
  }

  /** A {@code key=value} of ENV or LABEL; {@code noDelim} for the legacy {@code ENV key value}. */
  public record KeyValue(String key, String value, boolean noDelim) {
    /** {@code key=value}. */
    public String text() {
      return key + "=" + value;
    }
  }

  /** An ARG: a name, and a default value or none ({@code value} null). */
  public record ArgPair(String key, String value) {}

  /** A heredoc source of COPY or ADD. */
  public record SourceContent(String path, String data, boolean expand) {}

  /** {@code ENV}. */
  public record Env(String code, int line, List<KeyValue> env) implements Command {}

  /** {@code LABEL}, or one a build adds with {@code --label} ({@code noExpand}). */
  public record Label(String code, int line, List<KeyValue> labels, boolean noExpand) implements Command {}

  /** {@code MAINTAINER}. */
  public record Maintainer(String code, int line, String maintainer) implements Command {}

  /** {@code COPY} or {@code ADD} ({@code add}) with their flags. */
  public record Copy(String code, int line, boolean add, List<String> sources, List<SourceContent> contents,
      String dest, String from, String chown, String chmod) implements Command {
    /** {@code COPY} or {@code ADD}. */
    public String name() {
      return add ? "ADD" : "COPY";
    }
  }

  /** {@code ONBUILD}: the trigger, as written. */
  public record Onbuild(String code, int line, String expression) implements Command {}

  /** {@code WORKDIR}. */
  public record Workdir(String code, int line, String path) implements Command {}

  /** {@code RUN}: the command line (shell form: one element), and the BuildKit-only flags it used. */
  public record Run(String code, int line, List<String> cmdLine, boolean prependShell, List<String> flagsUsed)
      implements Command {}

  /** {@code CMD}. */
  public record Cmd(String code, int line, List<String> cmdLine, boolean prependShell) implements Command {}

  /** {@code HEALTHCHECK}: {@code NONE} or a command with its timings. */
  public record HealthcheckCommand(String code, int line, Healthcheck health) implements Command {}

  /** {@code ENTRYPOINT}; an empty one ({@code cmdLine} null) clears the image's. */
  public record Entrypoint(String code, int line, List<String> cmdLine, boolean prependShell) implements Command {}

  /** {@code EXPOSE}, ports sorted as written. */
  public record Expose(String code, int line, List<String> ports) implements Command {}

  /** {@code USER}. */
  public record User(String code, int line, String user) implements Command {}

  /** {@code VOLUME}. */
  public record Volume(String code, int line, List<String> volumes) implements Command {}

  /** {@code STOPSIGNAL}. */
  public record StopSignal(String code, int line, String signal) implements Command {}

  /** {@code ARG}. */
  public record Arg(String code, int line, List<ArgPair> args) implements Command {}

  /** {@code SHELL}. */
  public record Shell(String code, int line, List<String> shell) implements Command {}

  /** A build stage: {@code FROM base [AS name]} and its commands. */
  public record Stage(String name, String baseName, String platform, String sourceCode, int line,
      List<Command> commands) {}

  /** The stages, and the ARGs before the first FROM. */
  public record Parsed(List<Stage> stages, List<Arg> metaArgs) {}

  /**
   * Reads the instructions of a parsed Dockerfile into stages.
   *
   * @param dockerfile the parser's result
   * @return the stages and the meta ARGs
   * @throws InvalidParameterException {@code dockerfile parse error on line N: ...} for a
   *     malformed instruction, {@code no build stage in current context} for an instruction
   *     before the first {@code FROM}
   */
  public static Parsed parse(DockerfileParser.Result dockerfile) {
    List<Stage> stages = new ArrayList<>();
    List<List<Command>> commands = new ArrayList<>();
    List<Arg> metaArgs = new ArrayList<>();
    for (DockerfileParser.Node n : dockerfile.nodes()) {
      Object parsed;
      try {
        parsed = parseInstruction(n);
      } catch (InstructionException e) {
        throw new InvalidParameterException("dockerfile parse error on line " + n.startLine() + ": " + e.getMessage());
      }
      if (stages.isEmpty() && parsed instanceof Arg) {
        metaArgs.add((Arg) parsed);
        continue;
      }
      if (parsed instanceof Stage) {
        stages.add((Stage) parsed);
        commands.add(new ArrayList<>());
      } else {
        if (stages.isEmpty()) {
          throw new InvalidParameterException("no build stage in current context");
        }
        commands.get(commands.size() - 1).add((Command) parsed);
      }
    }
    List<Stage> out = new ArrayList<>();
    for (int i = 0; i < stages.size(); i++) {
      Stage s = stages.get(i);
      out.add(new Stage(s.name(), s.baseName(), s.platform(), s.sourceCode(), s.line(),
          List.copyOf(commands.get(i))));
    }
    return new Parsed(List.copyOf(out), List.copyOf(metaArgs));
  }

  /**
   * {@return one node as an instruction}
   *
   * @param node the node
   * @throws InvalidParameterException with the instruction's message (no line prefix), as an
   *     ONBUILD trigger's errors are reported
   */
  public static Command parseCommand(DockerfileParser.Node node) {
    Object parsed;
    try {
      parsed = parseInstruction(node);
    } catch (InstructionException e) {
      throw new InvalidParameterException(e.getMessage());
    }
    if (parsed instanceof Command) {
      return (Command) parsed;
    }
    throw new InvalidParameterException("*instructions.Stage is not a command type");
  }

  /** An instruction's own error, before the line is added. */
  static final class InstructionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InstructionException(String message) {
      super(message, null, false, false);
    }
  }

  private static Object parseInstruction(DockerfileParser.Node n) {
    String code = n.original().strip();
    int line = n.startLine();
    List<String> args = n.args();
    Flags flags = new Flags(n.flags());
    switch (n.keyword()) {
      case "env":
        flags.parse();
        return new Env(code, line, kvps(args, "ENV"));
      case "maintainer":
        if (args.size() != 1) {
          throw exactlyOne("MAINTAINER");
        }
        flags.parse();
        return new Maintainer(code, line, args.get(0));
      case "label":
        flags.parse();
        return new Label(code, line, kvps(args, "LABEL"), false);
      case "add":
      case "copy":
        return parseCopy(n, flags, code, line);
      case "from":
        return parseFrom(n, flags, code, line);
      case "onbuild":
        return parseOnbuild(n, flags, code, line);
      case "workdir":
        if (args.size() != 1) {
          throw exactlyOne("WORKDIR");
        }
        flags.parse();
        return new Workdir(code, line, args.get(0));
      case "run": {
        flags.addStrings("mount");
        flags.addString("network");
        flags.addStrings("device");
        flags.parse();
        return new Run(code, line, cmdLine(args, n.json()), !n.json(), flags.used());
      }
      case "cmd":
        flags.parse();
        return new Cmd(code, line, cmdLine(args, n.json()), !n.json());
      case "healthcheck":
        return parseHealthcheck(n, flags, code, line);
      case "entrypoint": {
        flags.parse();
        List<String> c = cmdLine(args, n.json());
        return new Entrypoint(code, line, c.isEmpty() ? null : c, !n.json());
      }
      case "expose": {
        if (args.isEmpty()) {
          throw atLeastOne("EXPOSE");
        }
        flags.parse();
        List<String> ports = new ArrayList<>(args);
        Collections.sort(ports);
        return new Expose(code, line, List.copyOf(ports));
      }
      case "user":
        if (args.size() != 1) {
          throw exactlyOne("USER");
        }
        flags.parse();
        return new User(code, line, args.get(0));
      case "volume": {
        if (args.isEmpty()) {
          throw atLeastOne("VOLUME");
        }
        flags.parse();
        List<String> volumes = new ArrayList<>();
        for (String v : args) {
          String t = v.strip();
          if (t.isEmpty()) {
            throw new InstructionException("VOLUME specified can not be an empty string");
          }
          volumes.add(t);
        }
        return new Volume(code, line, List.copyOf(volumes));
      }
      case "stopsignal":
        if (args.size() != 1) {
          throw exactlyOne("STOPSIGNAL");
        }
        return new StopSignal(code, line, args.get(0));
      case "arg":
        return parseArg(args, code, line);
      case "shell": {
        flags.parse();
        List<String> shell = cmdLine(args, n.json());
        if (shell.isEmpty()) {
          throw atLeastOne("SHELL");
        }
        if (!n.json()) {
          throw new InstructionException("SHELL requires the arguments to be in JSON form");
        }
        return new Shell(code, line, shell);
      }
      default:
        String message = "unknown instruction: " + n.value();
        String match = Suggest.search(n.value(), INSTRUCTIONS, false);
        throw new InstructionException(match == null ? message : message + " (did you mean " + match + "?)");
    }
  }

  /** {@code handleJSONArgs}: a JSON array as it is, a shell form as one string. */
  private static List<String> cmdLine(List<String> args, boolean json) {
    if (args.isEmpty()) {
      return List.of();
    }
    return json ? args : List.of(String.join(" ", args));
  }

  private static List<KeyValue> kvps(List<String> args, String cmd) {
    if (args.isEmpty()) {
      throw atLeastOne(cmd);
    }
    if (args.size() % 3 != 0) {
      throw new InstructionException("Bad input to " + cmd + ", too many arguments");
    }
    List<KeyValue> out = new ArrayList<>();
    for (int j = 0; j < args.size(); j += 3) {
      if (args.get(j).isEmpty()) {
        throw new InstructionException(cmd + " names can not be blank");
      }
      out.add(new KeyValue(args.get(j), args.get(j + 1), args.get(j + 2).isEmpty()));
    }
    return List.copyOf(out);
  }

  private static Copy parseCopy(DockerfileParser.Node n, Flags flags, String code, int line) {
    boolean add = n.keyword().equals("add");
    String name = add ? "ADD" : "COPY";
    if (n.args().size() < 2) {
      throw new InstructionException(name + " requires at least two arguments, but only one was provided. "
          + "Destination could not be determined");
    }
    flags.addString("chown");
    flags.addString("chmod");
    flags.addBool("link");
    if (add) {
      flags.addBool("keep-git-dir");
      flags.addString("checksum");
    } else {
      flags.addString("from");
    }
    flags.parse();
    List<String> args = n.args();
    String dest = args.get(args.size() - 1);
    if (DockerfileParser.parseHeredoc(dest) != null) {
      throw new InstructionException(name + " cannot accept a heredoc as a destination");
    }
    Map<String, DockerfileParser.Heredoc> heredocs = new LinkedHashMap<>();
    n.heredocs().forEach(h -> heredocs.put(h.name(), h));
    List<String> sources = new ArrayList<>();
    List<SourceContent> contents = new ArrayList<>();
    for (String src : args.subList(0, args.size() - 1)) {
      DockerfileParser.Heredoc h = DockerfileParser.parseHeredoc(src);
      if (h != null) {
        DockerfileParser.Heredoc doc = heredocs.get(h.name());
        String content = doc == null ? "" : doc.content();
        if (h.chomp()) {
          content = content.replaceAll("(?m)^\\t+", "");
        }
        contents.add(new SourceContent(h.name(), content, h.expand()));
      } else {
        sources.add(src);
      }
    }
    return new Copy(code, line, add, List.copyOf(sources), List.copyOf(contents), dest,
        add ? "" : flags.value("from"), flags.value("chown"), flags.value("chmod"));
  }

  private static Stage parseFrom(DockerfileParser.Node n, Flags flags, String code, int line) {
    List<String> args = n.args();
    String stageName = "";
    if (args.size() == 3 && args.get(1).equalsIgnoreCase("as")) {
      stageName = args.get(2).toLowerCase(Locale.ROOT);
      if (!VALID_STAGE_NAME.matcher(stageName).matches()) {
        throw new InstructionException("invalid name for build stage: " + Quote.go(args.get(2))
            + ", name can't start with a number or contain symbols");
      }
    } else if (args.size() != 1) {
      throw new InstructionException("FROM requires either one or three arguments");
    }
    flags.addString("platform");
    flags.parse();
    return new Stage(stageName, args.get(0), flags.value("platform"), code, line, List.of());
  }

  private static Onbuild parseOnbuild(DockerfileParser.Node n, Flags flags, String code, int line) {
    if (n.args().isEmpty()) {
      throw atLeastOne("ONBUILD");
    }
    flags.parse();
    String trigger = n.args().get(0).strip().toUpperCase(Locale.ROOT);
    if (trigger.equals("ONBUILD")) {
      throw new InstructionException("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
    }
    if (trigger.equals("MAINTAINER") || trigger.equals("FROM")) {
      throw new InstructionException(trigger + " isn't allowed as an ONBUILD trigger");
    }
    StringBuilder original = new StringBuilder(n.original().replaceFirst("(?i)^\\s*ONBUILD\\s*", ""));
    for (DockerfileParser.Heredoc h : n.heredocs()) {
      original.append('\n').append(h.content()).append(h.name());
    }
    return new Onbuild(code, line, original.toString());
  }

  private static HealthcheckCommand parseHealthcheck(DockerfileParser.Node n, Flags flags, String code, int line) {
    List<String> args = n.args();
    if (args.isEmpty()) {
      throw atLeastOne("HEALTHCHECK");
    }
    String type = args.get(0).toUpperCase(Locale.ROOT);
    List<String> rest = args.subList(1, args.size());
    if (type.equals("NONE")) {
      if (!rest.isEmpty()) {
        throw new InstructionException("HEALTHCHECK NONE takes no arguments");
      }
      return new HealthcheckCommand(code, line, Healthcheck.none());
    }
    flags.addString("interval");
    flags.addString("timeout");
    flags.addString("start-period");
    flags.addString("start-interval");
    flags.addString("retries");
    flags.parse();
    if (!type.equals("CMD")) {
      throw new InstructionException("Unknown type " + Quote.go(type) + " in HEALTHCHECK (try CMD)");
    }
    List<String> cmd = cmdLine(rest, n.json());
    if (cmd.isEmpty()) {
      throw new InstructionException("Missing command after HEALTHCHECK CMD");
    }
    List<String> test = new ArrayList<>();
    test.add(n.json() ? "CMD" : "CMD-SHELL");
    test.addAll(cmd);
    Healthcheck.Builder b = Healthcheck.builder().test(test)
        .interval(interval(flags, "interval"))
        .timeout(interval(flags, "timeout"))
        .startPeriod(interval(flags, "start-period"))
        .startInterval(interval(flags, "start-interval"));
    String retries = flags.value("retries");
    if (!retries.isEmpty()) {
      long r;
      try {
        r = Long.parseLong(retries);
      } catch (NumberFormatException e) {
        String why = retries.matches("[+-]?[0-9]+") ? "value out of range" : "invalid syntax";
        throw new InstructionException("strconv.ParseInt: parsing " + Quote.go(retries) + ": " + why);
      }
      if (r < Integer.MIN_VALUE || r > Integer.MAX_VALUE) {
        throw new InstructionException("strconv.ParseInt: parsing " + Quote.go(retries) + ": value out of range");
      }
      if (r < 0) {
        throw new InstructionException("--retries cannot be negative (" + r + ")");
      }
      b.retries((int) r);
    }
    return new HealthcheckCommand(code, line, b.build());
  }

  /** {@code parseOptInterval}: empty or zero is the default (absent); otherwise at least one millisecond. */
  private static java.util.Optional<Duration> interval(Flags flags, String name) {
    String s = flags.value(name);
    if (s.isEmpty()) {
      return java.util.Optional.empty();
    }
    Duration d;
    try {
      d = GoDurations.parse(s);
    } catch (GoDurations.DurationException e) {
      throw new InstructionException(e.getMessage());
    }
    if (d.isZero()) {
      return java.util.Optional.empty();
    }
    if (d.compareTo(Duration.ofMillis(1)) < 0) {
      throw new InstructionException("Interval " + Quote.go(name) + " cannot be less than 1ms");
    }
    return java.util.Optional.of(d);
  }

  private static Arg parseArg(List<String> args, String code, int line) {
    if (args.isEmpty()) {
      throw atLeastOne("ARG");
    }
    List<ArgPair> pairs = new ArrayList<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq >= 0) {
        if (eq == 0) {
          throw new InstructionException("ARG names can not be blank");
        }
        pairs.add(new ArgPair(arg.substring(0, eq), arg.substring(eq + 1)));
      } else {
        pairs.add(new ArgPair(arg, null));
      }
    }
    return new Arg(code, line, List.copyOf(pairs));
  }

  private static InstructionException atLeastOne(String cmd) {
    return new InstructionException(cmd + " requires at least one argument");
  }

  private static InstructionException exactlyOne(String cmd) {
    return new InstructionException(cmd + " requires exactly one argument");
  }

  /** BuildKit's {@code BFlags}: the {@code --name=value} flags an instruction accepts. */
  private static final class Flags {
    private enum Type { BOOL, STRING, STRINGS }

    private final List<String> args;
    private final Map<String, Type> types = new LinkedHashMap<>();
    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<String> used = new ArrayList<>();

    Flags(List<String> args) {
      this.args = args;
    }

    void addBool(String name) {
      types.put(name, Type.BOOL);
      values.put(name, "false");
    }

    void addString(String name) {
      types.put(name, Type.STRING);
      values.put(name, "");
    }

    void addStrings(String name) {
      types.put(name, Type.STRINGS);
    }

    String value(String name) {
      return values.getOrDefault(name, "");
    }

    List<String> used() {
      return List.copyOf(used);
    }

    void parse() {
      for (String a : args) {
        if (a.equals("--")) {
          return;
        }
        if (!a.startsWith("--")) {
          throw new InstructionException("arg should start with -- : " + a);
        }
        int eq = a.indexOf('=');
        String flagName = eq < 0 ? a : a.substring(0, eq);
        String value = eq < 0 ? "" : a.substring(eq + 1);
        boolean hasValue = eq >= 0;
        String arg = flagName.substring(2);
        Type type = types.get(arg);
        if (type == null) {
          String message = "unknown flag: " + flagName;
          String match = Suggest.search(arg, new ArrayList<>(new TreeSet<>(types.keySet())), true);
          throw new InstructionException(match == null ? message : message + " (did you mean " + match + "?)");
        }
        if (used.contains(arg) && type != Type.STRINGS) {
          throw new InstructionException("duplicate flag specified: " + flagName);
        }
        if (!used.contains(arg)) {
          used.add(arg);
        }
        switch (type) {
          case BOOL:
            if (hasValue && value.isEmpty()) {
              throw new InstructionException("missing a value on flag: " + flagName);
            }
            String v = value.toLowerCase(Locale.ROOT);
            if (v.equals("true") || v.isEmpty()) {
              values.put(arg, "true");
            } else if (v.equals("false")) {
              values.put(arg, "false");
            } else {
              throw new InstructionException("expecting boolean value for flag " + flagName + ", not: " + value);
            }
            break;
          default:
            if (!hasValue) {
              throw new InstructionException("missing a value on flag: " + flagName);
            }
            values.put(arg, value);
        }
      }
    }
  }
}
