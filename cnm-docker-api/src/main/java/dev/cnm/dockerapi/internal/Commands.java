package dev.cnm.dockerapi.internal;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.Engine;
import dev.cnm.api.ExecResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a command "inside" a container for {@code exec} and foreground {@code run}: the engine's
 * simulated command set ({@link Engine#exec}: {@code env}, {@code hostname}, {@code cat
 * /etc/hosts}, {@code getent hosts}, {@code nslookup}, {@code ip}, {@code ping}, ...), plus the
 * few shell builtins a tutorial uses that the engine leaves out: {@code echo}, {@code true},
 * {@code false}, {@code sleep}, a bare shell, and {@code sh -c "..."} of any of these.
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
    List<String> args = command.subList(1, command.size());
    switch (name) {
      case "echo":
        return new Result(String.join(" ", args) + "\n", "", 0);
      case "true":
      case "sleep":
        return new Result("", "", 0);
      case "false":
        return new Result("", "", 1);
      case "sh":
      case "bash":
      case "ash":
        if (args.isEmpty()) {
          return new Result("", "", 0); // an interactive shell with no input: exits at once
        }
        if (args.get(0).equals("-c") && args.size() >= 2) {
          return run(engine, container, words(args.get(1)));
        }
        return engineExec(engine, container, command);
      default:
        return engineExec(engine, container, command);
    }
  }

  private static Result engineExec(Engine engine, ContainerInfo container, List<String> command) {
    ExecResult r = engine.exec(container.id(), command);
    return new Result(r.stdout(), r.stderr(), r.exitCode());
  }

  /** Splits a shell command line on blanks, honouring single and double quotes. */
  static List<String> words(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean any = false;
    char quote = 0;
    for (char ch : line.toCharArray()) {
      if (quote != 0) {
        if (ch == quote) {
          quote = 0;
        } else {
          cur.append(ch);
        }
      } else if (ch == '\'' || ch == '"') {
        quote = ch;
        any = true;
      } else if (Character.isWhitespace(ch)) {
        if (any || cur.length() > 0) {
          out.add(cur.toString());
          cur.setLength(0);
          any = false;
        }
      } else {
        cur.append(ch);
      }
    }
    if (any || cur.length() > 0) {
      out.add(cur.toString());
    }
    return out;
  }
}
