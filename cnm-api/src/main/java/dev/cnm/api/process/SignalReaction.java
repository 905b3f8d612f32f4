package dev.cnm.api.process;

import static com.google.common.base.Preconditions.checkArgument;

import dev.cnm.api.CnmStyle;
import java.time.Duration;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What a program does when a signal reaches it: ignore it, or exit with a code (at once, or after
 * a graceful shutdown that takes a while). {@code SIGKILL} cannot be caught: it always ends the
 * process with 137.
 *
 * <pre>{@code
 * SignalReaction.exit(0);                          // nginx on SIGQUIT: a graceful stop
 * SignalReaction.exit(143, Duration.ofSeconds(2)); // a JVM running its shutdown hooks
 * SignalReaction.ignore();                         // sh as PID 1 on SIGTERM
 * }</pre>
 */
@Value.Immutable
@CnmStyle
public abstract class SignalReaction {
  private static final SignalReaction IGNORE = ImmutableSignalReaction.builder().build();

  SignalReaction() {}

  /** {@return the exit code the process ends with; empty when it ignores the signal} */
  public abstract Optional<Integer> exitCode();

  /** {@return how long the process takes to exit after the signal} */
  @Value.Default
  public Duration delay() {
    return Duration.ZERO;
  }

  @Value.Check
  void check() {
    checkArgument(!delay().isNegative(), "negative delay: %s", delay());
    exitCode().ifPresent(c -> checkArgument(c >= 0 && c <= 255, "exit code out of range 0..255: %s", c));
  }

  /** {@return whether the process keeps running} */
  public boolean ignores() {
    return exitCode().isEmpty();
  }

  /** {@return a reaction that ignores the signal} */
  public static SignalReaction ignore() {
    return IGNORE;
  }

  /**
   * {@return a reaction that exits with {@code code} at once}
   *
   * @param code the exit code, 0 to 255
   */
  public static SignalReaction exit(int code) {
    return exit(code, Duration.ZERO);
  }

  /**
   * {@return a reaction that exits with {@code code} after {@code delay}}
   *
   * @param code the exit code, 0 to 255
   * @param delay how long the shutdown takes on the engine's clock
   */
  public static SignalReaction exit(int code, Duration delay) {
    return ImmutableSignalReaction.builder().exitCode(code).delay(delay).build();
  }
}
