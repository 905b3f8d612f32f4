package dev.cnm.cli;

import java.util.List;

/**
 * Cobra's argument-count errors (exit 1): {@code "cnm rename" requires exactly 2 arguments.},
 * then the command's help hint, usage line and summary.
 */
final class ArgCount extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ArgCount(String message) {
    super(message);
  }

  /** The positional arguments, when there are at least {@code n}. */
  static List<String> atLeast(Args a, int n, String usage) {
    List<String> p = a.positionals();
    if (p.size() < n) {
      throw of(a, "requires at least " + n + " argument" + (n == 1 ? "" : "s"), usage);
    }
    return p;
  }

  /** The positional arguments, when there are exactly {@code n}. */
  static List<String> exactly(Args a, int n, String usage) {
    List<String> p = a.positionals();
    if (p.size() != n) {
      throw of(a, "requires exactly " + n + " argument" + (n == 1 ? "" : "s"), usage);
    }
    return p;
  }

  /** Cobra's wording for {@code a}'s command: the requirement, the help hint, the usage line and summary. */
  static ArgCount of(Args a, String requirement, String usage) {
    String q = a.spec().qualifiedName(" ");
    return new ArgCount("\"" + q + "\" " + requirement + ".\nSee '" + q + " --help'.\n\nUsage:  " + q
        + " [OPTIONS]" + (usage.isEmpty() ? "" : " " + usage) + "\n\n" + summary(a));
  }

  /** The command's one-line description. */
  static String summary(Args a) {
    String[] d = a.spec().usageMessage().description();
    return d.length == 0 ? "" : d[0];
  }
}
