package dev.cnm.cli;

import dev.cnm.api.Engine;
import dev.cnm.api.ExecResult;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a command inside a container through the engine's simulated command set ({@link
 * Engine#exec}): {@code env}, {@code hostname}, {@code cat /etc/hosts}, {@code getent hosts},
 * {@code nslookup}, {@code ip addr}, {@code ping}, ... plus {@code true}, {@code false} and
 * {@code echo}.
 */
final class Execs {
  /** The programs the model simulates; anything else is a long-running program to {@code run}. */
  private static final Set<String> SIMULATED =
      Set.of("env", "hostname", "cat", "getent", "nslookup", "ip", "ping", "true", "false", "echo");

  private Execs() {}

  /** What a command printed and how it exited. */
  record Result(String stdout, String stderr, int exitCode) {}

  /** Whether {@code run IMAGE command...} runs a simulated program that prints and exits. */
  static boolean simulated(List<String> command) {
    return !command.isEmpty() && SIMULATED.contains(command.get(0));
  }

  /**
   * Runs {@code command} in the running container {@code ref}; empty when the command is not
   * one the model simulates (a long-running program such as {@code sh} or {@code nginx}).
   */
  static Optional<Result> exec(Engine engine, String ref, List<String> command) {
    if (!simulated(command)) {
      return Optional.empty();
    }
    return Optional.of(execAny(engine, ref, command));
  }

  /** Runs any command as {@code docker exec} does; unknown programs fail as the engine says. */
  static Result execAny(Engine engine, String ref, List<String> command) {
    switch (command.get(0)) {
      case "true":
        engine.exec(ref, List.of("hostname")); // the same checks: running container
        return new Result("", "", 0);
      case "false":
        engine.exec(ref, List.of("hostname"));
        return new Result("", "", 1);
      case "echo":
        engine.exec(ref, List.of("hostname"));
        return new Result(String.join(" ", command.subList(1, command.size())) + "\n", "", 0);
      default:
        ExecResult r = engine.exec(ref, command);
        return new Result(r.stdout(), r.stderr(), r.exitCode());
    }
  }
}
