package dev.cnm.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Stack;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.IParameterPreprocessor;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * One command's picocli {@link CommandSpec}, declared the way docker's pflag declares flags, and
 * the values the last parse gave it: {@code -d}, {@code --name x}, {@code --name=x}, clustered
 * {@code -dP}, attached {@code -p8080:80}, repeated {@code -p a -p b}, {@code --detach=false},
 * and {@code --} ending the flags.
 *
 * <p>The spec is built with picocli's programmatic API rather than annotations: no reflection
 * over annotated fields at start-up, and only the command being run is ever built (see {@link
 * Commands}). picocli's parser is configured as pflag behaves: a repeated single-value flag keeps
 * the last value, a flag's value may look like a flag ({@code --name -x}), no {@code @file}
 * expansion. pflag's boolean syntax ({@code --rm=false}, never {@code --rm false}) is a small
 * parameter preprocessor; {@link #pflagMessage} turns picocli's parse errors into pflag's words.
 */
final class Args {
  private final CommandSpec spec;
  private final boolean stopAtPositional;
  /** Every boolean flag's canonical name to its values in order (filled by the preprocessor). */
  private final Map<OptionSpec, List<String>> booleans = new IdentityHashMap<>();
  private final Map<String, OptionSpec> byName = new HashMap<>();
  private final PositionalParamSpec positionals;

  /** What a command does with its parsed arguments; returns the exit code. */
  interface Body {
    int run(Args args) throws Exception;
  }

  private Body body = a -> 0;

  private Args(String name, boolean stopAtPositional) {
    this.spec = CommandSpec.wrapWithoutInspection((Callable<Integer>) () -> body.run(this)).name(name);
    spec.addOption(OptionSpec.builder("--help").usageHelp(true).build());
    this.stopAtPositional = stopAtPositional;
    this.positionals = PositionalParamSpec.builder().type(List.class).auxiliaryTypes(String.class)
        .arity("0..*").paramLabel("ARG").build();
    spec.addPositional(positionals);
    configure(spec, stopAtPositional);
  }

  /** Flags that may be mixed with arguments ({@code network create dev -d bridge}). */
  static Args interspersed(String name) {
    return new Args(name, false);
  }

  /** Flags that stop at the first argument ({@code run IMAGE COMMAND -x}). */
  static Args leading(String name) {
    return new Args(name, true);
  }

  /** pflag's parser settings on one spec (a parent's settings do not reach its subcommands). */
  static void configure(CommandSpec spec, boolean stopAtPositional) {
    spec.parser().stopAtPositional(stopAtPositional).overwrittenOptionsAllowed(true).expandAtFiles(false)
        .allowOptionsAsOptionParameters(true).unmatchedOptionsAllowedAsOptionParameters(true)
        .abbreviatedOptionsAllowed(false).caseInsensitiveEnumValuesAllowed(false);
  }

  CommandSpec spec() {
    return spec;
  }

  /** Re-applies this command's parser settings once the spec has joined a tree. */
  void reconfigure() {
    configure(spec, stopAtPositional);
  }

  /** The command's body, which picocli calls once the line has parsed. */
  Args body(Body b) {
    this.body = b;
    return this;
  }

  /** Other names of the command ({@code network ls}: {@code list}). */
  Args aliases(String... names) {
    spec.aliases(names);
    return this;
  }

  /** A one-line description, for the help listing. */
  Args describe(String summary) {
    spec.usageMessage().description(summary);
    return this;
  }

  private Args add(OptionSpec o, String... names) {
    spec.addOption(o);
    for (String n : names) {
      byName.put(n, o);
    }
    return this;
  }

  Args flag(String... names) {
    List<String> given = new ArrayList<>();
    String display = display(names);
    IParameterPreprocessor pflagBool = (Stack<String> args, CommandSpec s, ArgSpec arg,
        Map<String, Object> info) -> {
      String v = "true";
      if ("=".equals(info.get("separator")) && !args.isEmpty()) {
        v = args.pop();
        if (!v.equals("true") && !v.equals("false")) {
          throw new ParameterException(s.commandLine(), "invalid argument \"" + v + "\" for \"" + display
              + "\" flag: strconv.ParseBool: parsing \"" + v + "\": invalid syntax");
        }
      }
      given.add(v);
      return true;
    };
    OptionSpec o = OptionSpec.builder(names).type(boolean.class).arity("0").preprocessor(pflagBool).build();
    booleans.put(o, given);
    return add(o, names);
  }

  Args value(String... names) {
    return add(OptionSpec.builder(names).type(String.class).arity("1").paramLabel("string").build(), names);
  }

  Args values(String... names) {
    return add(OptionSpec.builder(names).type(List.class).auxiliaryTypes(String.class).arity("1")
        .paramLabel("list").build(), names);
  }

  /** pflag's display of a flag: {@code -d, --detach}. */
  private static String display(String... names) {
    String shortName = null;
    String longName = null;
    for (String n : names) {
      if (n.startsWith("--")) {
        longName = longName == null ? n : longName;
      } else {
        shortName = n;
      }
    }
    return shortName != null && longName != null ? shortName + ", " + longName
        : longName != null ? longName : shortName;
  }

  /**
   * Parses {@code args} with this spec alone; throws {@link UsageException} with pflag's wording on
   * bad flags.
   */
  Args parse(List<String> args) {
    CommandLine line = new CommandLine(spec);
    try {
      line.parseArgs(args.toArray(new String[0]));
    } catch (ParameterException e) {
      throw new UsageException(pflagMessage(e, args));
    }
    return this;
  }

  private static final Pattern IN_CLUSTER = Pattern.compile(
      "Unknown option: '-(.)' \\(while processing option: '(-[^']*)'\\)");

  /** pflag's message for a picocli parse error over {@code args}. */
  static String pflagMessage(ParameterException e, List<String> args) {
    if (e instanceof UnmatchedArgumentException) {
      List<String> unmatched = ((UnmatchedArgumentException) e).getUnmatched();
      String u = unmatched.isEmpty() ? "" : unmatched.get(0);
      Matcher m = IN_CLUSTER.matcher(e.getMessage());
      if (m.lookingAt()) {
        return "unknown shorthand flag: '" + m.group(1) + "' in " + m.group(2);
      }
      if (u.startsWith("--")) {
        int eq = u.indexOf('=');
        return "unknown flag: " + (eq < 0 ? u : u.substring(0, eq));
      }
      if (u.startsWith("-") && u.length() > 1) {
        return "unknown shorthand flag: '" + u.charAt(1) + "' in " + u;
      }
      return e.getMessage();
    }
    if (e instanceof MissingParameterException && !args.isEmpty()) {
      // A flag without its value can only be the last word.
      String last = args.get(args.size() - 1);
      if (last.startsWith("--")) {
        return "flag needs an argument: " + last;
      }
      char c = last.charAt(last.length() - 1);
      return "flag needs an argument: '" + c + "' in -" + c;
    }
    return e.getMessage();
  }

  private OptionSpec option(String name) {
    OptionSpec o = byName.get(name);
    if (o == null) {
      throw new IllegalArgumentException("undeclared flag " + name + " for " + spec.name());
    }
    return o;
  }

  private List<String> raw(String name) {
    OptionSpec o = option(name);
    List<String> b = booleans.get(o);
    return b != null ? b : o.stringValues();
  }

  /** A boolean flag's value (the last one given). */
  boolean has(String name) {
    List<String> v = raw(name);
    return !v.isEmpty() && v.get(v.size() - 1).equals("true");
  }

  /** A value flag's value (the last one given), or null. */
  String get(String name) {
    List<String> v = raw(name);
    return v.isEmpty() ? null : v.get(v.size() - 1);
  }

  String get(String name, String otherwise) {
    String v = get(name);
    return v == null ? otherwise : v;
  }

  boolean given(String name) {
    return !raw(name).isEmpty();
  }

  /** Every value of a repeatable flag, in order. */
  List<String> all(String name) {
    return List.copyOf(raw(name));
  }

  List<String> positionals() {
    return new ArrayList<>(positionals.stringValues());
  }
}
