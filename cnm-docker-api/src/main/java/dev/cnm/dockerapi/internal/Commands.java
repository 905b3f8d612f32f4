package dev.cnm.dockerapi.internal;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.Engine;
import java.util.List;

/**
 * Runs a command "inside" a container for {@code exec} and foreground {@code run}. Until the
 * engine models commands, a handful are answered here: {@code echo}, {@code true}, {@code
 * false}, {@code hostname}; anything else prints nothing and exits 0.
 */
final class Commands {
  private Commands() {}

  /** What a command printed and its exit status. */
  record Result(String stdout, String stderr, int exitCode) {}

  static Result run(Engine engine, ContainerInfo container, List<String> command) {
    if (command.isEmpty()) {
      return new Result("", "", 0);
    }
    String name = command.get(0).substring(command.get(0).lastIndexOf('/') + 1);
    switch (name) {
      case "echo":
        return new Result(String.join(" ", command.subList(1, command.size())) + "\n", "", 0);
      case "true":
        return new Result("", "", 0);
      case "false":
        return new Result("", "", 1);
      case "hostname":
        return new Result(container.hostname() + "\n", "", 0);
      default:
        return new Result("", "", 0);
    }
  }
}
