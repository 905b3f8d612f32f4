package dev.cnm.api.process;

import static com.google.common.base.Preconditions.checkArgument;

import dev.cnm.api.CnmStyle;
import java.time.Duration;
import java.util.List;
import org.immutables.value.Value;

/**
 * One step of a {@link Script}: print a line, sleep, run a simulated command, hand over to
 * another program, exit, crash, or keep running. Each step may run only when the previous
 * command succeeded ({@code &&}) or failed ({@code ||}); a skipped step leaves the last status as
 * it was, as a shell's and-or list does.
 *
 * <pre>{@code
 * // sh -c "getent hosts db && echo found || exit 3"
 * List<Step> steps = List.of(
 *     Step.run("getent", "hosts", "db"),
 *     Step.stdout("found").ifSuccess(),
 *     Step.exit(3).ifFailure());
 * }</pre>
 */
@Value.Immutable
@CnmStyle
public abstract class Step {
  Step() {}

  /** What a step does. */
  public enum Kind {
    /** Writes {@link #text()} to {@link #stream()}. */
    PRINT,
    /** Waits {@link #duration()} on the engine's clock. */
    SLEEP,
    /**
     * Runs {@link #command()} as a simulated one-shot command at that moment ({@code echo},
     * {@code getent}, {@code cat /etc/hosts}, {@code ping -c 1 x}...): its output goes to the
     * container's log and its exit code becomes the last status; the script then waits {@link
     * #duration()} (the time the command takes, zero by default) before its next step.
     */
    RUN,
    /**
     * Replaces the rest of the script with the script of the program {@link #command()} names, as
     * a shell's {@code exec} does: its signal handling and exec and health answers apply from then
     * on.
     */
    EXEC,
    /** Exits with {@link #code()}. */
    EXIT,
    /** Exits with the last status ({@code $?}): a shell's {@code exit} with no argument. */
    EXIT_LAST,
    /** Dies with {@link #code()}, killed by the kernel when {@link #oomKilled()} ({@code OOMKilled}). */
    CRASH,
    /** Keeps running until a signal or an engine operation ends the process. */
    WAIT,
    /** Continues at the step {@link #target()} (a loop, such as a clock printing every second). */
    JUMP
  }

  /** When a step runs, from the last status. */
  public enum Condition {
    /** Always ({@code ;}). */
    ALWAYS,
    /** Only if the last status is 0 ({@code &&}). */
    IF_SUCCESS,
    /** Only if the last status is not 0 ({@code ||}). */
    IF_FAILURE
  }

  /** {@return what the step does} */
  public abstract Kind kind();

  /** {@return when the step runs; {@link Condition#ALWAYS} by default} */
  @Value.Default
  public Condition condition() {
    return Condition.ALWAYS;
  }

  /** {@return the stream a {@link Kind#PRINT} step writes to} */
  @Value.Default
  public LogStream stream() {
    return LogStream.STDOUT;
  }

  /** {@return the text a {@link Kind#PRINT} step writes, as written (a line ends with a newline)} */
  @Value.Default
  public String text() {
    return "";
  }

  /** {@return how long a {@link Kind#SLEEP} step waits, or a {@link Kind#RUN} step's command takes} */
  @Value.Default
  public Duration duration() {
    return Duration.ZERO;
  }

  /** {@return the program and arguments of a {@link Kind#RUN} or {@link Kind#EXEC} step} */
  public abstract List<String> command();

  /** {@return the exit code of an {@link Kind#EXIT} or {@link Kind#CRASH} step} */
  @Value.Default
  public int code() {
    return 0;
  }

  /** {@return whether a {@link Kind#CRASH} step is the kernel's out-of-memory kill} */
  @Value.Default
  public boolean oomKilled() {
    return false;
  }

  /** {@return the index of the step a {@link Kind#JUMP} step continues at} */
  @Value.Default
  public int target() {
    return 0;
  }

  @Value.Check
  void check() {
    checkArgument(!duration().isNegative(), "negative sleep: %s", duration());
    checkArgument(kind() != Kind.RUN && kind() != Kind.EXEC || !command().isEmpty(), "%s needs a command", kind());
    checkArgument(target() >= 0, "negative jump target: %s", target());
    checkArgument(code() >= 0 && code() <= 255, "exit code out of range 0..255: %s", code());
  }

  /**
   * {@return this step, run only if the last status is 0 ({@code &&})}
   */
  public Step ifSuccess() {
    return ImmutableStep.builder().from(this).condition(Condition.IF_SUCCESS).build();
  }

  /**
   * {@return this step, run only if the last status is not 0 ({@code ||})}
   */
  public Step ifFailure() {
    return ImmutableStep.builder().from(this).condition(Condition.IF_FAILURE).build();
  }

  /**
   * {@return this {@link Kind#RUN} step, whose command takes {@code duration}: its output is
   * written when it starts, and the next step runs when it ends}
   *
   * @param duration how long the command runs, such as {@code ping -c 3}'s two seconds
   */
  public Step taking(Duration duration) {
    checkArgument(kind() == Kind.RUN, "only a RUN step takes time: %s", kind());
    return ImmutableStep.builder().from(this).duration(duration).build();
  }

  /**
   * {@return a step that writes {@code line} and a newline to standard output}
   *
   * @param line the line, without its newline
   */
  public static Step stdout(String line) {
    return print(LogStream.STDOUT, line + "\n");
  }

  /**
   * {@return a step that writes {@code line} and a newline to standard error}
   *
   * @param line the line, without its newline
   */
  public static Step stderr(String line) {
    return print(LogStream.STDERR, line + "\n");
  }

  /**
   * {@return a step that writes {@code text} as it is to {@code stream}}
   *
   * @param stream standard output or standard error
   * @param text the text, with its newlines
   */
  public static Step print(LogStream stream, String text) {
    return ImmutableStep.builder().kind(Kind.PRINT).stream(stream).text(text).build();
  }

  /**
   * {@return a step that waits {@code duration} on the engine's clock}
   *
   * @param duration how long; not negative
   */
  public static Step sleep(Duration duration) {
    return ImmutableStep.builder().kind(Kind.SLEEP).duration(duration).build();
  }

  /**
   * {@return a step that runs a simulated one-shot command (see {@link Kind#RUN})}
   *
   * @param command the program and its arguments, such as {@code getent hosts db}
   */
  public static Step run(List<String> command) {
    return ImmutableStep.builder().kind(Kind.RUN).command(command).build();
  }

  /**
   * {@return a step that runs a simulated one-shot command (see {@link Kind#RUN})}
   *
   * @param command the program and its arguments, such as {@code "getent", "hosts", "db"}
   */
  public static Step run(String... command) {
    return run(List.of(command));
  }

  /**
   * {@return a step that hands over to the program {@code command} names (see {@link Kind#EXEC})}
   *
   * @param command the program and its arguments, such as {@code nginx -g "daemon off;"}
   */
  public static Step exec(List<String> command) {
    return ImmutableStep.builder().kind(Kind.EXEC).command(command).build();
  }

  /**
   * {@return a step that exits with {@code code}}
   *
   * @param code the exit code, 0 to 255
   */
  public static Step exit(int code) {
    return ImmutableStep.builder().kind(Kind.EXIT).code(code).build();
  }

  /** {@return a step that exits with the last status, as {@code exit} without argument does} */
  public static Step exitWithLastStatus() {
    return ImmutableStep.builder().kind(Kind.EXIT_LAST).build();
  }

  /**
   * {@return a step that makes the process die with {@code code}; {@code oomKilled} marks it as
   * the kernel's out-of-memory kill ({@code State.OOMKilled}, an {@code oom} event)}
   *
   * @param code the exit code the runtime reports, such as 137 for a kill
   * @param oomKilled whether the kernel's out-of-memory killer did it
   */
  public static Step crash(int code, boolean oomKilled) {
    return ImmutableStep.builder().kind(Kind.CRASH).code(code).oomKilled(oomKilled).build();
  }

  /** {@return a step that keeps the process running until something ends it} */
  public static Step waitForever() {
    return ImmutableStep.builder().kind(Kind.WAIT).build();
  }

  /**
   * {@return a step that continues at step {@code target}}
   *
   * @param target the index of the step to continue at, from 0
   */
  public static Step jump(int target) {
    return ImmutableStep.builder().kind(Kind.JUMP).target(target).build();
  }
}
