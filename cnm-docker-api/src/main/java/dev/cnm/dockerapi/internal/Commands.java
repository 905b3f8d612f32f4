package dev.cnm.dockerapi.internal;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.Engine;
import dev.cnm.api.ExecResult;
import java.util.List;

/**
 * Runs a command "inside" a container for {@code exec}: the engine runs it ({@link Engine#exec}:
 * the container's scripted answers, the simulated one-shot commands, {@code sh -c} lists, with
 * their events); this only carries the result to the stream.
 */
final class Commands {
  private Commands() {}

  /** What a command printed and its exit status. */
  record Result(String stdout, String stderr, int exitCode) {}

  static Result run(Engine engine, ContainerInfo container, List<String> command) {
    ExecResult r = engine.exec(container.id(), command);
    return new Result(r.stdout(), r.stderr(), r.exitCode());
  }
}
