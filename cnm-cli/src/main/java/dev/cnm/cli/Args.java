package dev.cnm.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One command's flags and the parsed values, with docker's pflag syntax and messages: {@code -d},
 * {@code --name x}, {@code --name=x}, clustered {@code -dP}, attached {@code -p8080:80},
 * repeated {@code -p a -p b}, and {@code --} ending the flags.
 *
 * <p>A small hand-written parser rather than picocli: picocli's classes are Java 5 bytecode,
 * which class-data sharing cannot archive and the JVM verifies slowly, and the command line must
 * start in well under half a second.
 */
final class Args {
  private enum Kind { FLAG, VALUE, VALUES }

  private final String command;
  private final boolean stopAtPositional;
  /** Every name ({@code -d}, {@code --detach}) to its canonical (first) name. */
  private final Map<String, String> canonical = new HashMap<>();
  private final Map<String, Kind> kinds = new HashMap<>();
  private final Map<String, String> display = new HashMap<>();
  private final Map<String, List<String>> values = new LinkedHashMap<>();
  private final List<String> positionals = new ArrayList<>();

  private Args(String command, boolean stopAtPositional) {
    this.command = command;
    this.stopAtPositional = stopAtPositional;
  }

  /** Flags that may be mixed with arguments ({@code network create dev -d bridge}). */
  static Args interspersed(String name) {
    return new Args(name, false);
  }

  /** Flags that stop at the first argument ({@code run IMAGE COMMAND -x}). */
  static Args leading(String name) {
    return new Args(name, true);
  }

  private Args declare(Kind kind, String... names) {
    String shortName = null;
    String longName = null;
    for (String n : names) {
      canonical.put(n, names[0]);
      if (n.startsWith("--")) {
        longName = longName == null ? n : longName;
      } else {
        shortName = n;
      }
    }
    kinds.put(names[0], kind);
    display.put(names[0], shortName != null && longName != null ? shortName + ", " + longName
        : longName != null ? longName : shortName);
    return this;
  }

  Args flag(String... names) {
    return declare(Kind.FLAG, names);
  }

  Args value(String... names) {
    return declare(Kind.VALUE, names);
  }

  Args values(String... names) {
    return declare(Kind.VALUES, names);
  }

  /** Parses {@code args}; throws {@link UsageException} with pflag's wording on bad flags. */
  Args parse(List<String> args) {
    int i = 0;
    while (i < args.size()) {
      String a = args.get(i++);
      if (a.equals("--")) {
        while (i < args.size()) {
          positionals.add(args.get(i++));
        }
        break;
      }
      if (a.startsWith("--") ) {
        int eq = a.indexOf('=');
        String name = eq < 0 ? a : a.substring(0, eq);
        String key = canonical.get(name);
        if (key == null) {
          throw new UsageException("unknown flag: " + name);
        }
        if (kinds.get(key) == Kind.FLAG) {
          String v = eq < 0 ? "true" : a.substring(eq + 1);
          if (!v.equals("true") && !v.equals("false")) {
            throw new UsageException("invalid argument \"" + v + "\" for \"" + display.get(key)
                + "\" flag: strconv.ParseBool: parsing \"" + v + "\": invalid syntax");
          }
          put(key, v);
        } else if (eq >= 0) {
          put(key, a.substring(eq + 1));
        } else if (i < args.size()) {
          put(key, args.get(i++));
        } else {
          throw new UsageException("flag needs an argument: " + name);
        }
      } else if (a.startsWith("-") && a.length() > 1) {
        for (int j = 1; j < a.length(); j++) {
          String name = "-" + a.charAt(j);
          String key = canonical.get(name);
          if (key == null) {
            throw new UsageException("unknown shorthand flag: '" + a.charAt(j) + "' in " + a);
          }
          if (kinds.get(key) == Kind.FLAG) {
            put(key, "true");
            continue;
          }
          String rest = a.substring(j + 1);
          if (rest.startsWith("=")) {
            rest = rest.substring(1);
          }
          if (!rest.isEmpty()) {
            put(key, rest);
          } else if (i < args.size()) {
            put(key, args.get(i++));
          } else {
            throw new UsageException("flag needs an argument: '" + a.charAt(j) + "' in -" + a.charAt(j));
          }
          break;
        }
      } else {
        positionals.add(a);
        if (stopAtPositional) {
          while (i < args.size()) {
            positionals.add(args.get(i++));
          }
        }
      }
    }
    return this;
  }

  private void put(String key, String value) {
    values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
  }

  private List<String> raw(String name) {
    String key = canonical.get(name);
    if (key == null) {
      throw new IllegalArgumentException("undeclared flag " + name + " for " + command);
    }
    return values.getOrDefault(key, List.of());
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
    return new ArrayList<>(positionals);
  }
}
