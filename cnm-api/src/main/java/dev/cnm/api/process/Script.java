package dev.cnm.api.process;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.cnm.api.CnmStyle;
import dev.cnm.api.ExecResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What a container's process does, as data: its {@link Step steps} (print, sleep, run a simulated
 * command, exit, crash, keep running), how it reacts to signals, what its health checks return,
 * and how it answers {@code docker exec}. Everything runs on the engine's clock, so a script is
 * deterministic under a seed, and a running script is saved with the engine's state ({@code
 * EngineState}) and goes on where it was after a restore.
 *
 * <p>The engine's own programs ({@code echo}, {@code sleep 10}, {@code sh -c "..."}, {@code
 * nginx}...) are scripts built with this API; tests register their own for a program name or an
 * image ({@code Cnm.builder().program("myapp", script)}).
 *
 * <p>Signals: a reaction set with {@link Builder#onSignal} applies; {@code SIGKILL} always ends
 * the process with 137. An unhandled signal ends it with 128 plus the signal's number (143 for
 * {@code SIGTERM}) unless the kernel ignores that signal by default ({@link
 * Signal#ignoredByDefault()}), or unless {@link #ignoresUnhandledSignals()} says the process runs
 * as a PID 1 without handlers (a shell, {@code sleep}), which the kernel protects from every
 * signal but {@code SIGKILL}: {@code docker stop} then waits its timeout and kills (137).
 *
 * <p>A script whose steps run out exits with the last status, as a shell script does; end it with
 * {@link Builder#waitForever()} to keep it running.
 *
 * <pre>{@code
 * Script migration = Script.builder()
 *     .stdout("applying 3 migrations")
 *     .sleep(Duration.ofSeconds(5))
 *     .stdout("done")
 *     .exit(0)
 *     .build();
 * Script flaky = Script.builder()
 *     .stdout("listening on :8080")
 *     .healthyAfter(3)                          // the first two health checks fail
 *     .ignore(Signal.TERM)                      // docker stop has to kill it
 *     .answerExec(List.of("app", "status"), ExecResult.ok("ok\n"))
 *     .waitForever()
 *     .build();
 * }</pre>
 */
@Value.Immutable
@CnmStyle
public abstract class Script {
  private static final Script FOREVER = builder().waitForever().build();

  Script() {}

  /** {@return the steps, run in order from the first} */
  public abstract List<Step> steps();

  /** {@return the reactions to signals the program handles} */
  public abstract Map<Signal, SignalReaction> signalReactions();

  /**
   * {@return whether an unhandled signal is ignored, as for a PID 1 without handlers ({@code
   * sh}, {@code sleep}); false by default: an unhandled signal ends the process}
   */
  @Value.Default
  public boolean ignoresUnhandledSignals() {
    return false;
  }

  /**
   * {@return the exit codes of successive health checks (the last one repeats); empty when the
   * health-check command is simulated instead}
   */
  public abstract List<Integer> healthCheckCodes();

  /** {@return the scripted answers to {@code docker exec}, first match first} */
  public abstract List<ExecAnswer> execAnswers();

  @Value.Check
  void check() {
    for (Step s : steps()) {
      checkArgument(s.kind() != Step.Kind.JUMP || s.target() < steps().size(),
          "jump to step %s of a script of %s steps", s.target(), steps().size());
    }
    checkArgument(!signalReactions().containsKey(Signal.KILL), "SIGKILL cannot be caught or ignored");
  }

  /**
   * {@return the reaction to {@code signal}: the one set, else what an unhandled signal does}
   *
   * @param signal the signal that reaches the process
   */
  public SignalReaction reactionTo(Signal signal) {
    if (signal.equals(Signal.KILL)) {
      return SignalReaction.exit(Signal.KILL.exitCode());
    }
    SignalReaction set = signalReactions().get(signal);
    if (set != null) {
      return set;
    }
    if (ignoresUnhandledSignals() || signal.ignoredByDefault()) {
      return SignalReaction.ignore();
    }
    return SignalReaction.exit(signal.exitCode());
  }

  /**
   * {@return the exit code of health check number {@code index} (from 0), if the script sets them}
   *
   * @param index how many checks ran before this one
   */
  public Optional<Integer> healthCheckCode(int index) {
    List<Integer> codes = healthCheckCodes();
    return codes.isEmpty() ? Optional.empty() : Optional.of(codes.get(Math.min(index, codes.size() - 1)));
  }

  /**
   * {@return the scripted answer to the exec {@code argv}, if any}
   *
   * @param argv the program and arguments of an exec
   */
  public Optional<ExecResult> answerTo(List<String> argv) {
    return execAnswers().stream().filter(a -> a.matches(argv)).findFirst().map(ExecAnswer::result);
  }

  /** {@return a script that does nothing but keep running: a server the model knows nothing of} */
  public static Script forever() {
    return FOREVER;
  }

  /**
   * {@return a script of these steps}
   *
   * @param steps the steps, in order
   */
  public static Script of(Step... steps) {
    return builder().addSteps(steps).build();
  }

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds {@link Script} values; besides the generated setters it has one method per kind of
   * step, in the order they run.
   */
  public static final class Builder extends ImmutableScript.Builder {
    /**
     * Adds a step that prints {@code line} (and a newline) on standard output.
     *
     * @param line the line
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder stdout(String line) {
      addStep(Step.stdout(line));
      return this;
    }

    /**
     * Adds a step that prints {@code line} (and a newline) on standard error.
     *
     * @param line the line
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder stderr(String line) {
      addStep(Step.stderr(line));
      return this;
    }

    /**
     * Adds a step that waits {@code duration} on the engine's clock.
     *
     * @param duration how long
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder sleep(Duration duration) {
      addStep(Step.sleep(duration));
      return this;
    }

    /**
     * Adds a step that runs a simulated one-shot command ({@code echo}, {@code getent hosts db},
     * {@code cat /etc/hosts}...), whose output goes to the log and whose exit code becomes the last
     * status.
     *
     * @param command the program and its arguments
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder run(String... command) {
      addStep(Step.run(Arrays.asList(command)));
      return this;
    }

    /**
     * Adds a step that exits with {@code code}.
     *
     * @param code the exit code, 0 to 255
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder exit(int code) {
      addStep(Step.exit(code));
      return this;
    }

    /**
     * Adds a step that makes the process die with {@code code}, as a crash does.
     *
     * @param code the exit code, such as 139 for a segmentation fault
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder crash(int code) {
      addStep(Step.crash(code, false));
      return this;
    }

    /**
     * Adds a step where the kernel's out-of-memory killer ends the process: exit code 137 and
     * {@code State.OOMKilled}.
     *
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder oomKilled() {
      addStep(Step.crash(137, true));
      return this;
    }

    /**
     * Adds a step that keeps the process running until a signal or the engine ends it.
     *
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder waitForever() {
      addStep(Step.waitForever());
      return this;
    }

    /**
     * Sets the reaction to {@code signal}: exit with {@code code} at once.
     *
     * @param signal the signal the program handles; not {@code SIGKILL}
     * @param code the exit code
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder onSignal(Signal signal, int code) {
      putSignalReaction(signal, SignalReaction.exit(code));
      return this;
    }

    /**
     * Sets the reaction to {@code signal}: exit with {@code code} after {@code delay}.
     *
     * @param signal the signal the program handles; not {@code SIGKILL}
     * @param code the exit code
     * @param delay how long the shutdown takes
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder onSignal(Signal signal, int code, Duration delay) {
      putSignalReaction(signal, SignalReaction.exit(code, delay));
      return this;
    }

    /**
     * Makes the program ignore {@code signal} (so that {@code docker stop} must kill it when it
     * is the stop signal).
     *
     * @param signal the signal; not {@code SIGKILL}
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder ignore(Signal signal) {
      putSignalReaction(signal, SignalReaction.ignore());
      return this;
    }

    /**
     * Sets the exit codes of successive health checks; the last one repeats.
     *
     * @param codes the exit codes, 0 for healthy
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder healthChecks(int... codes) {
      checkArgument(codes.length > 0, "at least one health-check exit code");
      List<Integer> list = new ArrayList<>();
      for (int c : codes) {
        list.add(c);
      }
      healthCheckCodes(list);
      return this;
    }

    /**
     * Makes health check number {@code n} (from 1) the first to pass: the ones before fail.
     *
     * @param n the first passing check, at least 1
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder healthyAfter(int n) {
      checkArgument(n >= 1, "healthyAfter(%s): checks count from 1", n);
      int[] codes = new int[n];
      Arrays.fill(codes, 0, n - 1, 1);
      return healthChecks(codes);
    }

    /**
     * Makes health check number {@code n} (from 1) the first to fail: the ones before pass.
     *
     * @param n the first failing check, at least 1
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder unhealthyAfter(int n) {
      checkArgument(n >= 1, "unhealthyAfter(%s): checks count from 1", n);
      int[] codes = new int[n];
      codes[n - 1] = 1;
      return healthChecks(codes);
    }

    /**
     * Answers exec commands starting with {@code command} with {@code result}.
     *
     * @param command the leading words, such as {@code List.of("redis-cli", "ping")}
     * @param result what such a command prints and how it exits
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder answerExec(List<String> command, ExecResult result) {
      addExecAnswer(ExecAnswer.of(command, result));
      return this;
    }
  }
}
