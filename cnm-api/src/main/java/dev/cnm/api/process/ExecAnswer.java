package dev.cnm.api.process;

import static com.google.common.base.Preconditions.checkArgument;

import dev.cnm.api.CnmStyle;
import dev.cnm.api.ExecResult;
import java.util.List;
import org.immutables.value.Value;

/**
 * A scripted answer to {@code docker exec}: a command run in the container that starts with
 * {@link #command()} prints {@link #result()}'s output and exits with its code. A {@link Script}
 * checks its answers, first match first, before the engine's simulated commands.
 *
 * <pre>{@code
 * ExecAnswer.of(List.of("pg_isready"), ExecResult.ok("/var/run/postgresql:5432 - accepting connections\n"));
 * }</pre>
 */
@Value.Immutable
@CnmStyle
public abstract class ExecAnswer {
  ExecAnswer() {}

  /** {@return the leading words an exec command must start with, such as {@code [pg_isready]}} */
  @Value.Parameter
  public abstract List<String> command();

  /** {@return what the command prints and how it exits} */
  @Value.Parameter
  public abstract ExecResult result();

  @Value.Check
  void check() {
    checkArgument(!command().isEmpty(), "an exec answer needs at least the program's name");
  }

  /**
   * {@return whether {@code argv} starts with this answer's command}
   *
   * @param argv the program and arguments of an exec
   */
  public boolean matches(List<String> argv) {
    return argv.size() >= command().size() && argv.subList(0, command().size()).equals(command());
  }

  /**
   * {@return an answer to commands starting with {@code command}}
   *
   * @param command the leading words, such as {@code List.of("redis-cli", "ping")}
   * @param result what such a command prints and how it exits
   */
  public static ExecAnswer of(List<String> command, ExecResult result) {
    return ImmutableExecAnswer.of(command, result);
  }
}
