package dev.cnm.api;

import java.util.Objects;

/**
 * What a command run inside a container ({@code docker exec}) printed and how it exited, or what
 * a container's {@link dev.cnm.api.process.Script} answers to one. Only a small set of commands is
 * modelled ({@link Engine#exec}); anything else exits 127 as a shell would.
 *
 * <pre>{@code
 * ExecResult r = engine.exec("web", List.of("getent", "hosts", "redis"));
 * r.exitCode(); // 0
 * r.stdout();   // "172.18.0.2      redis\n"
 * }</pre>
 */
public final class ExecResult {
  private final String stdout;
  private final String stderr;
  private final int exitCode;

  private ExecResult(String stdout, String stderr, int exitCode) {
    this.stdout = Objects.requireNonNull(stdout, "stdout");
    this.stderr = Objects.requireNonNull(stderr, "stderr");
    this.exitCode = exitCode;
  }

  /**
   * {@return a result with the given output and exit code}
   *
   * @param stdout what the command wrote to standard output
   * @param stderr what the command wrote to standard error
   * @param exitCode the command's exit code, 0 for success
   */
  public static ExecResult of(String stdout, String stderr, int exitCode) {
    return new ExecResult(stdout, stderr, exitCode);
  }

  /**
   * {@return a successful result that printed {@code stdout}}
   *
   * @param stdout what the command wrote to standard output
   */
  public static ExecResult ok(String stdout) {
    return new ExecResult(stdout, "", 0);
  }

  /**
   * {@return a failed result that printed {@code stderr}}
   *
   * @param stderr what the command wrote to standard error
   * @param exitCode the command's exit code, not 0
   */
  public static ExecResult failed(String stderr, int exitCode) {
    return new ExecResult("", stderr, exitCode);
  }

  /**
   * Everything written to standard output.
   *
   * @return everything the command wrote to standard output
   */
  public String stdout() {
    return stdout;
  }

  /**
   * Everything written to standard error.
   *
   * @return everything the command wrote to standard error
   */
  public String stderr() {
    return stderr;
  }

  /** {@return the exit status: 0 for success} */
  public int exitCode() {
    return exitCode;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExecResult && ((ExecResult) o).stdout.equals(stdout)
        && ((ExecResult) o).stderr.equals(stderr) && ((ExecResult) o).exitCode == exitCode;
  }

  @Override
  public int hashCode() {
    return Objects.hash(stdout, stderr, exitCode);
  }

  @Override
  public String toString() {
    return "ExecResult{exitCode=" + exitCode + ", stdout=" + stdout + ", stderr=" + stderr + "}";
  }
}
