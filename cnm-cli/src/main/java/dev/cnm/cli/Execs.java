package dev.cnm.cli;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a command inside a container. The adapter between the CLI and the engine's simulated
 * command set: until {@code Engine.exec} exists, a small built-in set ({@code env}, {@code
 * hostname}, {@code true}, {@code false}, {@code echo}) stands in.
 */
final class Execs {
  private Execs() {}

  /** What a command printed and how it exited. */
  record Result(String stdout, String stderr, int exitCode) {}

  /**
   * Runs {@code command} in the container {@code ref}; empty when the command is not one the
   * model simulates (a long-running program such as {@code sh} or {@code nginx}).
   */
  static Optional<Result> exec(Engine engine, String ref, List<String> command) {
    if (command.isEmpty()) {
      return Optional.empty();
    }
    ContainerInfo c = engine.container(ref);
    switch (command.get(0)) {
      case "env":
        return Optional.of(new Result(env(c), "", 0));
      case "hostname":
        return Optional.of(new Result(c.hostname() + "\n", "", 0));
      case "true":
        return Optional.of(new Result("", "", 0));
      case "false":
        return Optional.of(new Result("", "", 1));
      case "echo":
        return Optional.of(new Result(String.join(" ", command.subList(1, command.size())) + "\n", "", 0));
      default:
        return Optional.empty();
    }
  }

  private static String env(ContainerInfo c) {
    List<String> lines = new ArrayList<>();
    boolean hasPath = c.env().stream().anyMatch(e -> e.startsWith("PATH="));
    if (!hasPath) {
      lines.add("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    }
    for (String e : c.env()) {
      lines.add(e);
      if (e.startsWith("PATH=")) {
        lines.add("HOSTNAME=" + c.hostname());
      }
    }
    if (!hasPath) {
      lines.add(1, "HOSTNAME=" + c.hostname());
    }
    lines.add("HOME=/root");
    return String.join("\n", lines) + "\n";
  }
}
