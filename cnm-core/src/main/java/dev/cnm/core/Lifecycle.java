package dev.cnm.core;

import com.google.common.collect.ImmutableMap;
import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.ContainerStatus;
import dev.cnm.api.ExecResult;
import dev.cnm.api.ExecSpec;
import dev.cnm.api.RestartPolicy;
import dev.cnm.api.StopOptions;
import dev.cnm.api.error.CnmException;
import dev.cnm.api.error.ConflictException;
import dev.cnm.api.error.NotFoundException;
import dev.cnm.api.error.SystemException;
import dev.cnm.api.process.Signal;
import dev.cnm.api.process.SignalReaction;
import dev.cnm.api.process.WaitCondition;
import dev.cnm.api.process.WaitResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The process side of the container lifecycle, after dockerd's {@code daemon/start.go}, {@code
 * monitor.go} ({@code handleContainerExit}), {@code kill.go}, {@code stop.go}, {@code
 * restart.go}, {@code delete.go} and {@code restartmanager}: a start runs the container's program
 * ({@link Processes}) and its health checks ({@link HealthMonitor}); a process that exits releases
 * the container's networking, is restarted by the restart policy after its back-off or leaves the
 * container exited (and removed, with {@code --rm}); signals reach the process as its program
 * says; {@code stop} signals, then kills after the timeout; waiters learn of exits and removals.
 * The scheduled actions of all this come back through {@link #fire}. Called under the engine's
 * lock; the events of each step are recorded where the daemon logs them.
 */
final class Lifecycle {
  /** moby {@code restartmanager}: the first back-off, doubled at each restart up to a minute. */
  private static final int FIRST_BACKOFF_MILLIS = 100;
  private static final int MAX_BACKOFF_MILLIS = 60_000;
  /** A run this long resets the back-off. */
  private static final Duration BACKOFF_RESET = Duration.ofSeconds(10);
  private static final int DEFAULT_STOP_TIMEOUT = 10;

  private final EngineServices services;
  private final ContainerTable containers;
  private final Containers containerOps;
  private final Processes processes;
  private final HealthMonitor health;
  private final Execs execs;
  /** Exec instances of running containers, by id; under the engine's lock. */
  private final Map<String, PendingExec> pendingExecs = new java.util.HashMap<>();
  private final EventLog events;
  private final Timeline timeline;
  private final Deliveries deliveries;

  Lifecycle(EngineServices services, ContainerTable containers, Containers containerOps, Processes processes,
      HealthMonitor health, Execs execs, EventLog events, Timeline timeline, Deliveries deliveries) {
    this.services = services;
    this.containers = containers;
    this.containerOps = containerOps;
    this.processes = processes;
    this.health = health;
    this.execs = execs;
    this.events = events;
    this.timeline = timeline;
    this.deliveries = deliveries;
  }

  /** A stop in progress: the container, and the exit to wait for (none when nothing was stopped). */
  record StopRun(ContainerRecord container, CompletableFuture<WaitResult> exit, boolean stopping) {}

  // ---- start --------------------------------------------------------------------------------

  /** {@code docker run}: create, then start; a failed start leaves the container created (or removes it, with {@code --rm}). */
  ContainerInfo run(ContainerSpec spec) {
    return run(spec, () -> false);
  }

  /**
   * {@link #run(ContainerSpec)}, whose container is forgotten again (no {@code destroy}: it is as
   * if never created) when its start fails and {@code discard} then says the attempt is to be run
   * again.
   */
  ContainerInfo run(ContainerSpec spec, java.util.function.BooleanSupplier discard) {
    ContainerRecord c = containerOps.createRecord(spec);
    try {
      start(c);
    } catch (RuntimeException e) {
      if (discard.getAsBoolean() && containers.find(c.id).orElse(null) == c) {
        containerOps.forgetRecord(c);
      }
      throw e;
    }
    return c.info();
  }

  /** {@code docker start}: a running (or restarting) container is left as it is. */
  ContainerInfo start(String ref) {
    ContainerRecord c = containers.require(ref);
    start(c);
    return c.info();
  }

  /**
   * A start by the user ({@code containerStart} with {@code resetRestartManager}): the restart count
   * and back-off start over. A failed start of a {@code --rm} container removes it, as the daemon
   * does.
   */
  private void start(ContainerRecord c) {
    if (c.isRunningOrRestarting()) {
      return;
    }
    try {
      containerOps.startNetworking(c);
    } catch (CnmException e) {
      if (c.spec.autoRemove()) {
        removeRecord(c);
      }
      throw e;
    }
    c.restartCount = 0;
    c.restartBackoffMillis = 0;
    c.restartCanceled = false;
    c.manuallyStopped = false;
    began(c);
  }

  /** The process and its health checks start; the {@code start} event. */
  private void began(ContainerRecord c) {
    processes.launch(c);
    health.started(c);
    events.container(c, "start");
  }

  // ---- exit ---------------------------------------------------------------------------------

  /**
   * The process of running container {@code c} exited ({@code handleContainerExit}): health checks
   * stop, the networking is released, the restart policy decides, waiters learn the exit code, and
   * the {@code die} event follows the {@code disconnect} ones; without a restart, a {@code --rm}
   * container is removed.
   */
  void processExited(ContainerRecord c, int code, boolean oomKilled) {
    if (!c.isRunning()) {
      return;
    }
    if (oomKilled) {
      c.oomKilled = true;
      events.container(c, "oom");
    }
    timeline.cancel(c, TimerKind.STEP);
    timeline.cancel(c, TimerKind.SIGNAL_EXIT);
    timeline.cancel(c, TimerKind.KILL);
    health.stopped(c);
    c.process = null;
    Instant now = services.clock.instant();
    Duration ran = Duration.between(c.startedAt().orElse(now), now);
    containerOps.teardown(c);
    boolean restart = shouldRestart(c, code, ran);
    containerOps.exited(c, code, restart);
    if (restart) {
      c.restartCount++;
      timeline.schedule(c, TimerKind.RESTART, services.clock.instant().plusMillis(c.restartBackoffMillis), 0);
    }
    notifyStopped(c);
    events.container(c, "die", ImmutableMap.of("exitCode", String.valueOf(code), "execDuration",
        String.valueOf(ran.getSeconds())));
    if (c.logsIfAny() != null) {
      c.logsIfAny().end(deliveries);
    }
    if (!restart && !c.manuallyRestarted && !c.removing && c.spec.autoRemove()) {
      removeRecord(c);
    }
  }

  /** moby {@code RestartManager.ShouldRestart}, which also moves the back-off on. */
  private static boolean shouldRestart(ContainerRecord c, int code, Duration ran) {
    RestartPolicy policy = c.spec.restartPolicy();
    if (policy.isNone() || c.restartCanceled) {
      return false;
    }
    if (ran.compareTo(BACKOFF_RESET) >= 0) {
      c.restartBackoffMillis = 0;
    }
    c.restartBackoffMillis = c.restartBackoffMillis == 0 ? FIRST_BACKOFF_MILLIS
        : Math.min(c.restartBackoffMillis * 2, MAX_BACKOFF_MILLIS);
    switch (policy.mode()) {
      case ALWAYS:
        return true;
      case UNLESS_STOPPED:
        return !c.manuallyStopped;
      case ON_FAILURE:
        int max = policy.maximumRetryCount();
        return (max == 0 || c.restartCount < max) && code != 0;
      default:
        return false;
    }
  }

  /** The back-off ended: start again, keeping the restart count; a failed start leaves it exited with the error. */
  private void restartDue(ContainerRecord c) {
    if (!c.isRestarting()) {
      return;
    }
    try {
      containerOps.startNetworking(c);
    } catch (CnmException e) {
      c.status = ContainerStatus.EXITED;
      c.error = e.getMessage();
      notifyStopped(c);
      return;
    }
    began(c);
  }

  /** The restart manager was cancelled while it waited: the container is exited, as it was when it died. */
  private void cancelRestart(ContainerRecord c) {
    timeline.cancel(c, TimerKind.RESTART);
    c.status = ContainerStatus.EXITED;
    notifyStopped(c);
  }

  // ---- signals, stop, crash -----------------------------------------------------------------

  /** {@code docker kill [-s SIG]}: the daemon's message for every failure starts with {@code cannot kill container: REF}. */
  ContainerInfo kill(String ref, String signal) {
    String prefix = "cannot kill container: " + ref;
    Signal sig;
    ContainerRecord c;
    try {
      sig = signal.isEmpty() ? Signal.KILL : Signal.parse(signal);
      c = containers.require(ref);
    } catch (CnmException e) {
      throw e.wrap(prefix);
    }
    if (!c.isRunningOrRestarting()) {
      throw new ConflictException("container " + c.id + " is not running").wrap(prefix);
    }
    killWithSignal(c, sig);
    return c.info();
  }

  /**
   * moby {@code killWithSignal}: a signal by hand keeps the restart policy from restarting the
   * container (unless the container has its own stop signal and this is another one), marks it
   * stopped by hand ({@code unless-stopped}), and reaches the process; a restarting container has
   * no process, and no {@code kill} event.
   */
  private void killWithSignal(ContainerRecord c, Signal sig) {
    if (c.stopSignal != null && !sig.equals(Signal.KILL)) {
      if (stopSignal(c).equals(sig)) {
        c.restartCanceled = true;
      }
    } else {
      c.restartCanceled = true;
    }
    c.manuallyStopped = true;
    if (c.isRestarting()) {
      if (c.restartCanceled) {
        cancelRestart(c);
      }
      return;
    }
    events.container(c, "kill", Map.of("signal", String.valueOf(sig.number())));
    SignalReaction r = processes.reaction(c, sig);
    if (r.ignores()) {
      return;
    }
    if (r.delay().isZero()) {
      processExited(c, r.exitCode().get(), false);
    } else if (!timeline.has(c, TimerKind.SIGNAL_EXIT)) {
      timeline.schedule(c, TimerKind.SIGNAL_EXIT, services.clock.instant().plus(r.delay()), r.exitCode().get());
    }
  }

  /** The container's stop signal: its own or its image's, {@code SIGTERM} when none (or not a signal). */
  private static Signal stopSignal(ContainerRecord c) {
    if (c.stopSignal == null) {
      return Signal.TERM;
    }
    try {
      return Signal.parse(c.stopSignal);
    } catch (CnmException e) {
      return Signal.TERM;
    }
  }

  /**
   * {@code docker stop}, first half: sends the stop signal and schedules the {@code SIGKILL} of the
   * timeout; the caller waits for {@link StopRun#exit} outside the lock, then calls {@link
   * #finishStop}. Nothing to do for a container that is not running.
   */
  StopRun beginStop(String ref, StopOptions options) {
    ContainerRecord c = containers.require(ref);
    if (!c.isRunningOrRestarting()) {
      return new StopRun(c, null, false);
    }
    return stopping(c, options, ref);
  }

  private StopRun stopping(ContainerRecord c, StopOptions options, String ref) {
    Signal sig = stopSignal(c);
    if (options.signal().isPresent()) {
      try {
        sig = Signal.parse(options.signal().get());
      } catch (CnmException e) {
        throw new SystemException("cannot stop container: " + ref + ": " + e.getMessage(), e);
      }
    }
    int timeout = options.timeout().orElse(c.spec.stopTimeout().orElse(DEFAULT_STOP_TIMEOUT));
    CompletableFuture<WaitResult> exit = new CompletableFuture<>();
    killWithSignal(c, sig);
    if (c.isRunningOrRestarting()) {
      c.addStopWaiter(exit);
      if (timeout >= 0) {
        timeline.schedule(c, TimerKind.KILL, services.clock.instant().plusSeconds(timeout), 0);
      }
    } else {
      exit.complete(result(c));
    }
    return new StopRun(c, exit, true);
  }

  /** {@code docker stop}, second half, once the process exited: the {@code stop} event. */
  ContainerInfo finishStop(StopRun run) {
    ContainerRecord c = run.container();
    timeline.cancel(c, TimerKind.KILL);
    if (run.stopping()) {
      events.container(c, "stop");
    }
    return c.info();
  }

  /** {@code docker restart}, first half: stops a running container as {@link #beginStop} does. */
  StopRun beginRestart(String ref, StopOptions options) {
    ContainerRecord c = containers.require(ref);
    if (!c.isRunningOrRestarting()) {
      return new StopRun(c, null, false);
    }
    c.manuallyRestarted = true;
    return stopping(c, options, ref);
  }

  /** {@code docker restart}, second half: the {@code stop} event, a start by the user, the {@code restart} event. */
  ContainerInfo finishRestart(StopRun run, String ref) {
    ContainerRecord c = run.container();
    if (run.stopping()) {
      finishStop(run);
    }
    c.manuallyRestarted = false;
    if (containers.find(c.id).isEmpty()) {
      throw new NotFoundException("No such container: " + ref);
    }
    try {
      start(c);
    } catch (CnmException e) {
      throw new SystemException("Cannot restart container " + ref + ": " + e.getMessage(), e);
    }
    events.container(c, "restart");
    return c.info();
  }

  /** Ends running container {@code c}'s process now with {@code code}, as a crash does (a test's control). */
  ContainerInfo crash(String ref, int code, boolean oomKilled) {
    if (code < 0 || code > 255) {
      throw new IllegalArgumentException("exit code out of range 0..255: " + code);
    }
    ContainerRecord c = containers.require(ref);
    if (!c.isRunning()) {
      throw new ConflictException("container " + c.id + " is not running");
    }
    processExited(c, code, oomKilled);
    return c.info();
  }

  // ---- remove -------------------------------------------------------------------------------

  /**
   * {@code docker rm [-f]}: a running or restarting container only with force, killed first
   * ({@code SIGKILL}, 137; a restarting one only kept from restarting).
   */
  void remove(String ref, boolean force) {
    ContainerRecord c = containers.require(ref);
    if (c.isRunningOrRestarting()) {
      if (!force) {
        throw new ConflictException("cannot remove container \"/" + c.name + "\": container is " + c.status
            + ": stop the container before removing or force remove");
      }
      c.removing = true;
      killWithSignal(c, Signal.KILL);
    }
    removeRecord(c);
  }

  /** Takes a stopped container out: timers, record and name, the {@code destroy} event, and every waiter told. */
  private void removeRecord(ContainerRecord c) {
    timeline.cancelAll(c);
    containerOps.removeRecord(c);
    if (c.logsIfAny() != null) {
      c.logsIfAny().end(deliveries);
    }
    WaitResult r = result(c);
    complete(c.takeRemoveWaiters(), r);
    complete(c.takeStopWaiters(), r);
  }

  // ---- waits, exec ----------------------------------------------------------------------------

  /** {@code POST /containers/{id}/wait}: {@code not-running} at once for a container that is not running. */
  CompletableFuture<WaitResult> waitFor(String ref, WaitCondition condition) {
    ContainerRecord c = containers.require(ref);
    CompletableFuture<WaitResult> f = new CompletableFuture<>();
    switch (condition) {
      case NOT_RUNNING:
        if (!c.isRunningOrRestarting()) {
          f.complete(result(c));
        } else {
          c.addStopWaiter(f);
        }
        break;
      case NEXT_EXIT:
        c.addStopWaiter(f);
        break;
      default:
        c.addRemoveWaiter(f);
        break;
    }
    return f;
  }

  private void notifyStopped(ContainerRecord c) {
    complete(c.takeStopWaiters(), result(c));
  }

  private static void complete(List<CompletableFuture<WaitResult>> waiters, WaitResult r) {
    waiters.forEach(f -> f.complete(r));
  }

  private static WaitResult result(ContainerRecord c) {
    return WaitResult.of(c.exitCode, c.error.isEmpty() ? Optional.empty() : Optional.of(c.error));
  }

  /** {@code docker exec}: a running container only, with the {@code exec_*} events. */
  ExecResult exec(String ref, List<String> command) {
    if (command.isEmpty()) {
      throw new IllegalArgumentException("empty command");
    }
    return startExec(createExec(ref, ExecSpec.of(command)));
  }

  /**
   * moby's {@code ContainerExecCreate}: a running container only; the exec waits for its start.
   * Execs are not saved with the engine: a start after a restore finds none, as after a daemon's
   * restart.
   */
  String createExec(String ref, ExecSpec spec) {
    ContainerRecord c = containers.require(ref);
    requireRunning(c);
    // moby forgets a container's execs when it stops; here, when the next one is created
    pendingExecs.values().removeIf(p -> containers.find(p.containerId).map(o -> !o.isRunning()).orElse(true));
    String id = execs.created(c, spec.command());
    pendingExecs.put(id, new PendingExec(c.id, spec));
    return id;
  }

  /** moby's {@code ContainerExecStart}: once only, in a container still running. */
  ExecResult startExec(String execId) {
    PendingExec e = pendingExecs.get(execId);
    if (e == null) {
      throw new NotFoundException("No such exec instance: " + execId);
    }
    if (e.started) {
      throw new ConflictException("Error: Exec command " + execId + " has already run");
    }
    ContainerRecord c = containers.require(e.containerId);
    requireRunning(c);
    e.started = true;
    execs.started(c, e.spec.command(), execId);
    ExecResult r = processes.oneShot(c, e.spec);
    execs.died(c, execId, r.exitCode());
    return r;
  }

  private static void requireRunning(ContainerRecord c) {
    if (c.isRestarting()) {
      throw new ConflictException("Container " + c.id + " is restarting, wait until the container is running");
    }
    if (!c.isRunning()) {
      throw new ConflictException("container " + c.id + " is not running");
    }
  }

  /** An exec instance: created, then started once. */
  private static final class PendingExec {
    final String containerId;
    final ExecSpec spec;
    boolean started;

    PendingExec(String containerId, ExecSpec spec) {
      this.containerId = containerId;
      this.spec = spec;
    }
  }

  // ---- the time line ------------------------------------------------------------------------

  /** Runs a scheduled action that is due. */
  void fire(Timer t) {
    ContainerRecord c = t.container;
    switch (t.kind) {
      case STEP:
        if (c.isRunning() && c.process != null) {
          processes.run(c).ifPresent(exit -> processExited(c, exit.code(), exit.oomKilled()));
        }
        break;
      case SIGNAL_EXIT:
        processExited(c, t.code, false);
        break;
      case KILL:
        if (c.isRunning()) {
          killWithSignal(c, Signal.KILL);
        }
        break;
      case RESTART:
        restartDue(c);
        break;
      case HEALTH:
        health.probe(c);
        break;
      default:
        throw new IllegalStateException("unknown timer " + t.kind);
    }
  }
}
