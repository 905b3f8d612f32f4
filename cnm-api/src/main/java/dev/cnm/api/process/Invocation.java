package dev.cnm.api.process;

import static com.google.common.base.Preconditions.checkArgument;

import dev.cnm.api.CnmStyle;
import java.util.List;
import org.immutables.value.Value;

/**
 * How a program is started: its arguments, the container's environment, and whether it has a
 * terminal ({@code -t}) or an open standard input ({@code -i}), which decide whether an
 * interactive shell waits for input or exits at once.
 *
 * <pre>{@code
 * Invocation.of(List.of("sh", "-c", "echo $HOSTNAME"));
 * }</pre>
 */
@Value.Immutable
@CnmStyle
public abstract class Invocation {
  Invocation() {}

  /** {@return the program (as written: {@code /bin/sh} or {@code sh}) and its arguments} */
  public abstract List<String> argv();

  /** {@return the process environment, {@code NAME=value}} */
  public abstract List<String> env();

  /** {@return whether the container has a terminal ({@code -t})} */
  @Value.Default
  public boolean tty() {
    return false;
  }

  /** {@return whether standard input stays open ({@code -i})} */
  @Value.Default
  public boolean openStdin() {
    return false;
  }

  @Value.Check
  void check() {
    checkArgument(!argv().isEmpty(), "an invocation needs a program");
  }

  /** {@return the program's name: the last part of {@code argv[0]}, {@code sh} for {@code /bin/sh}} */
  public String programName() {
    String p = argv().get(0);
    return p.substring(p.lastIndexOf('/') + 1);
  }

  /** {@return the arguments after the program} */
  public List<String> args() {
    return argv().subList(1, argv().size());
  }

  /**
   * {@return an invocation of {@code argv} with no environment, terminal or input}
   *
   * @param argv the program and its arguments
   */
  public static Invocation of(List<String> argv) {
    return builder().argv(argv).build();
  }

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link Invocation} values. */
  public static final class Builder extends ImmutableInvocation.Builder {}
}
