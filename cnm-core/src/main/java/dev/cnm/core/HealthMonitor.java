package dev.cnm.core;

import dev.cnm.api.ExecResult;
import dev.cnm.api.HealthCheckResult;
import dev.cnm.api.HealthStatus;
import dev.cnm.api.Healthcheck;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Health checks on the engine's clock, after moby's {@code daemon/health.go}: at each start the
 * health is {@code starting} with no failing streak; a check runs every interval (every start
 * interval while the start period lasts and no check has passed), as an exec of the test command
 * (with its {@code exec_create}, {@code exec_start} and {@code exec_die} events); a pass makes the
 * container healthy, and as many failures in a row as the retries make it unhealthy, except that
 * failures in the start period do not count while it is still starting. A change of status is a
 * {@code health_status: <status>} event. When the container stops, its health is {@code
 * unhealthy}. A check's result is the container's script's next health-check code if it sets them,
 * else the simulated command's exit code. Called under the engine's lock.
 */
final class HealthMonitor {
  /** moby {@code maxOutputLen}. */
  private static final int MAX_OUTPUT = 4096;

  private final EngineServices services;
  private final Timeline timeline;
  private final Processes processes;
  private final EventLog events;
  private final Execs execs;

  HealthMonitor(EngineServices services, Timeline timeline, Processes processes, EventLog events, Execs execs) {
    this.services = services;
    this.timeline = timeline;
    this.processes = processes;
    this.events = events;
    this.execs = execs;
  }

  /** Whether {@code c} has a check to run: a test other than {@code NONE}. */
  private static boolean probes(ContainerRecord c) {
    return c.healthcheck != null && !c.healthcheck.command().isEmpty();
  }

  /** moby {@code initHealthMonitor}: starting, no streak, the first check one interval after the start. */
  void started(ContainerRecord c) {
    if (!probes(c)) {
      return;
    }
    if (c.health == null) {
      c.health = new HealthRecord();
    }
    c.health.status = HealthStatus.STARTING;
    c.health.failingStreak = 0;
    c.health.probes = 0;
    schedule(c);
  }

  /** moby {@code stopHealthchecks}: no more checks; a monitored container becomes unhealthy. */
  void stopped(ContainerRecord c) {
    timeline.cancel(c, TimerKind.HEALTH);
    if (c.health != null && probes(c)) {
      c.health.status = HealthStatus.UNHEALTHY;
    }
  }

  private void schedule(ContainerRecord c) {
    timeline.schedule(c, TimerKind.HEALTH, services.clock.instant().plus(interval(c)), 0);
  }

  /** moby's {@code getInterval}: the start interval while the start period lasts and it is starting. */
  private Duration interval(ContainerRecord c) {
    Healthcheck h = c.healthcheck;
    Instant started = c.startedAt().orElse(Instant.EPOCH);
    Duration since = Duration.between(started, services.clock.instant());
    if (since.compareTo(h.effectiveStartPeriod()) >= 0 || c.health.status != HealthStatus.STARTING) {
      return h.effectiveInterval();
    }
    return h.effectiveStartInterval();
  }

  /** Runs one check of running container {@code c} ({@code monitor}, {@code handleProbeResult}). */
  void probe(ContainerRecord c) {
    if (!c.isRunning() || !probes(c) || c.health == null) {
      return;
    }
    Healthcheck h = c.healthcheck;
    List<String> cmd = h.command();
    Instant start = services.clock.instant();
    String execId = execs.created(c, cmd);
    execs.started(c, cmd, execId);
    Optional<Integer> scripted = c.process == null ? Optional.empty()
        : c.process.script.healthCheckCode(c.health.probes);
    ExecResult r = scripted.map(code -> ExecResult.of("", "", code)).orElseGet(() -> processes.oneShot(c, cmd));
    c.health.probes++;
    execs.died(c, execId, r.exitCode());
    String output = r.stdout() + r.stderr();
    if (output.length() > MAX_OUTPUT) {
      output = output.substring(0, MAX_OUTPUT) + "...";
    }
    HealthRecord health = c.health;
    HealthStatus before = health.status;
    health.add(HealthCheckResult.of(start, services.clock.instant(), r.exitCode(), output));
    if (r.exitCode() == 0) {
      health.failingStreak = 0;
      health.status = HealthStatus.HEALTHY;
    } else {
      boolean counts = true;
      if (health.status == HealthStatus.STARTING) {
        Duration sinceStart = Duration.between(c.startedAt().orElse(start), start);
        counts = sinceStart.compareTo(h.effectiveStartPeriod()) >= 0;
      }
      if (counts) {
        health.failingStreak++;
        if (health.failingStreak >= h.effectiveRetries()) {
          health.status = HealthStatus.UNHEALTHY;
        }
      }
    }
    if (health.status != before) {
      events.container(c, "health_status: " + health.status, Map.of());
    }
    schedule(c);
  }
}
