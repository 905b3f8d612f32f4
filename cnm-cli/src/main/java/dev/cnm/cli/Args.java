package dev.cnm.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * One command's flags, declared with picocli's programmatic model (no annotations, no reflection
 * at start-up), and the parsed values. Flags follow docker's pflag syntax: {@code -d}, {@code
 * --name x}, {@code --name=x}, clustered {@code -dP}, repeated {@code -p a -p b}.
 */
final class Args {
  private final CommandSpec spec;
  private ParseResult result;

  private Args(String name, boolean stopAtPositional) {
    spec = CommandSpec.create().name(name);
    spec.parser().stopAtPositional(stopAtPositional);
    spec.parser().overwrittenOptionsAllowed(true);
    spec.parser().toggleBooleanFlags(false);
    spec.addPositional(PositionalParamSpec.builder().index("0..*").arity("0..*").type(String[].class)
        .paramLabel("ARG").build());
  }

  /** Flags that may be mixed with arguments ({@code network create dev -d bridge}). */
  static Args interspersed(String name) {
    return new Args(name, false);
  }

  /** Flags that stop at the first argument ({@code run IMAGE COMMAND -x}). */
  static Args leading(String name) {
    return new Args(name, true);
  }

  Args flag(String... names) {
    spec.addOption(OptionSpec.builder(names).arity("0").type(boolean.class).build());
    return this;
  }

  Args value(String... names) {
    spec.addOption(OptionSpec.builder(names).arity("1").type(String.class).build());
    return this;
  }

  Args values(String... names) {
    spec.addOption(OptionSpec.builder(names).arity("1").type(String[].class).build());
    return this;
  }

  /** Parses {@code args}; throws {@link UsageException} with pflag's wording on bad flags. */
  Args parse(List<String> args) {
    try {
      result = new CommandLine(spec).parseArgs(args.toArray(new String[0]));
    } catch (CommandLine.UnmatchedArgumentException e) {
      String bad = e.getUnmatched().isEmpty() ? "" : e.getUnmatched().get(0);
      throw new UsageException(unknownFlag(bad));
    } catch (CommandLine.MissingParameterException e) {
      String flag = e.getMissing().isEmpty() ? "" : flagName(e.getMissing().get(0));
      throw new UsageException("flag needs an argument: " + flag);
    } catch (CommandLine.ParameterException e) {
      throw new UsageException(e.getMessage());
    }
    return this;
  }

  private static String unknownFlag(String arg) {
    if (arg.startsWith("--")) {
      int eq = arg.indexOf('=');
      return "unknown flag: " + (eq < 0 ? arg : arg.substring(0, eq));
    }
    if (arg.startsWith("-") && arg.length() > 1) {
      return "unknown shorthand flag: '" + arg.charAt(1) + "' in " + arg;
    }
    return "unknown flag: " + arg;
  }

  private static String flagName(picocli.CommandLine.Model.ArgSpec arg) {
    if (arg instanceof OptionSpec) {
      OptionSpec o = (OptionSpec) arg;
      String longest = o.longestName();
      return longest.startsWith("--") && o.shortestName().length() == 2
          ? "-" + o.shortestName().charAt(1) + ", " + longest
          : longest;
    }
    return arg.paramLabel();
  }

  boolean has(String name) {
    OptionSpec o = result.matchedOption(name);
    return o != null && Boolean.TRUE.equals(o.getValue());
  }

  String get(String name) {
    OptionSpec o = result.matchedOption(name);
    return o == null ? null : (String) o.getValue();
  }

  String get(String name, String otherwise) {
    String v = get(name);
    return v == null ? otherwise : v;
  }

  boolean given(String name) {
    return result.matchedOption(name) != null;
  }

  List<String> all(String name) {
    OptionSpec o = result.matchedOption(name);
    if (o == null) {
      return List.of();
    }
    String[] v = o.getValue();
    return v == null ? List.of() : Arrays.asList(v);
  }

  List<String> positionals() {
    String[] v = spec.positionalParameters().get(0).getValue();
    return v == null ? List.of() : new ArrayList<>(Arrays.asList(v));
  }
}
