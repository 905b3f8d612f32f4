package dev.cnm.api;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * An exec instance's configuration ({@code POST /containers/{id}/exec}, {@code docker exec -e
 * -w -u}): the command, the variables added to the container's environment, the working
 * directory and the user it runs as. What is not given is the container's.
 *
 * <pre>{@code
 * String id = engine.createExec("web", ExecSpec.builder()
 *     .addCommand("sh", "-c", "echo $GREETING from $(pwd)")
 *     .addEnv("GREETING=hello").workingDir("/srv").user("app").build());
 * engine.startExec(id).stdout(); // "hello from /srv\n"
 * }</pre>
 */
@Value.Immutable
@CnmStyle
public abstract class ExecSpec {
  ExecSpec() {}

  /** {@return the program and its arguments; not empty} */
  public abstract List<String> command();

  /** {@return {@code NAME=value} variables set over the container's environment, in order} */
  public abstract List<String> env();

  /** {@return the working directory; the container's when empty ({@code docker exec -w})} */
  public abstract Optional<String> workingDir();

  /** {@return the user, {@code name[:group]} or {@code uid[:gid]}; the container's when empty ({@code -u})} */
  public abstract Optional<String> user();

  @Value.Check
  void check() {
    if (command().isEmpty()) {
      throw new IllegalArgumentException("empty command");
    }
  }

  /**
   * {@return an exec of {@code command} with the container's environment, directory and user}
   *
   * @param command the program and its arguments
   */
  public static ExecSpec of(List<String> command) {
    return builder().command(command).build();
  }

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link ExecSpec} values. */
  public static final class Builder extends ImmutableExecSpec.Builder {}
}
