package dev.cnm.cli;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * Who runs a command: the environment, working directory and standard input it sees. In a
 * process of its own these are the process's; through the resident server they are the client's,
 * forwarded with its arguments, since one server process runs the commands of many clients. So
 * commands read them from here, never from {@link System}.
 *
 * @param env the environment ({@code CNM_SEED}, {@code run -e NAME}, {@code build --build-arg NAME})
 * @param cwd the working directory relative paths resolve against, or null for this process's
 * @param in standard input (a prune's confirmation)
 */
record Caller(Map<String, String> env, Path cwd, InputStream in) {
  /** This process's environment, working directory and standard input. */
  static Caller thisProcess() {
    return thisProcess(System.getenv());
  }

  /** This process's working directory and standard input, with {@code env}. */
  static Caller thisProcess(Map<String, String> env) {
    return new Caller(env, null, System.in);
  }

  /** An environment variable, or null when it is not set. */
  String env(String name) {
    return env.get(name);
  }

  /** {@code path} as the caller means it: relative to its working directory. */
  Path path(String path) {
    return cwd == null ? Path.of(path) : cwd.resolve(path);
  }
}
