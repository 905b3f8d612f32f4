package dev.cnm.cli;

import java.util.List;

/**
 * The docker CLI's argument-count errors (exit 1): {@code cnm: 'cnm rename' requires 2 arguments},
 * then the command's usage line and help hint.
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

  /** Checks that {@code a} has no positional argument ({@code cli.NoArgs}). */
  static void none(Args a) {
    if (!a.positionals().isEmpty()) {
      throw of(a, "accepts no arguments", "");
    }
  }

  /** The positional arguments, when there are exactly {@code n}. */
  static List<String> exactly(Args a, int n, String usage) {
    List<String> p = a.positionals();
    if (p.size() != n) {
      throw of(a, "requires exactly " + n + " argument" + (n == 1 ? "" : "s"), usage);
    }
    return p;
  }

  /**
   * docker/cli's {@code cli/required.go} wording for {@code a}'s command: {@code cnm: 'cnm logs'
   * requires 1 argument}, the usage line, and the help hint ({@code See} after a minimum, {@code
   * Run} otherwise, as docker 28 words them). The usage line has {@code [OPTIONS]} when the command
   * has flags of its own.
   */
  static ArgCount of(Args a, String requirement, String usage) {
    String q = a.spec().qualifiedName(" ");
    String said = requirement.replace("requires exactly ", "requires ");
    String hint = requirement.startsWith("requires at least ") && !requirement.contains(" and at most ")
        ? "See" : "Run";
    boolean options = a.spec().options().stream().anyMatch(o -> !o.usageHelp());
    return new ArgCount("cnm: '" + q + "' " + said + "\n\nUsage:  " + q + (options ? " [OPTIONS]" : "")
        + (usage.isEmpty() ? "" : " " + usage) + "\n\n" + hint + " '" + q + " --help' for more information");
  }
}
