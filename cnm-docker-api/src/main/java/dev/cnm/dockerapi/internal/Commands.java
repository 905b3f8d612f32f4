package dev.cnm.dockerapi.internal;

import dev.cnm.api.Engine;
import dev.cnm.api.ExecResult;

/**
 * A command run "inside" a container for {@code exec}: the engine runs it ({@link Engine#startExec}:
 * the container's scripted answers, the simulated one-shot commands, {@code sh -c} lists, with
 * their events); this only carries the result to the stream.
 */
final class Commands {
  private Commands() {}

  /** What a command printed and its exit status. */
  record Result(String stdout, String stderr, int exitCode) {}

  /** What the engine's exec ({@link Engine#startExec}) printed, for the stream. */
  static Result of(ExecResult r) {
    return new Result(r.stdout(), r.stderr(), r.exitCode());
  }
}
