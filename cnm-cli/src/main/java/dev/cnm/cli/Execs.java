package dev.cnm.cli;

import dev.cnm.api.Engine;
import dev.cnm.api.ExecResult;
import java.util.List;

/**
 * {@code docker exec}: the engine runs the command ({@link Engine#exec}: the container's scripted
 * answers, the simulated one-shot commands, {@code sh -c} lists, with their events); this only
 * carries the result to the terminal.
 */
final class Execs {
  private Execs() {}

  /** What a command printed and how it exited. */
  record Result(String stdout, String stderr, int exitCode) {}

  /** Runs {@code command} in the running container {@code ref}, as {@code docker exec} does. */
  static Result execAny(Engine engine, String ref, List<String> command) {
    ExecResult r = engine.exec(ref, command);
    return new Result(r.stdout(), r.stderr(), r.exitCode());
  }
}
