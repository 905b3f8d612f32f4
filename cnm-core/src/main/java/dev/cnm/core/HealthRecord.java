package dev.cnm.core;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.cnm.api.HealthCheckResult;
import dev.cnm.api.HealthState;
import dev.cnm.api.HealthStatus;
import java.util.ArrayDeque;

/**
 * A container's health ({@code State.Health}, moby {@code container.Health}): the status, the
 * failing streak, and the last {@value #MAX_LOG} results; plus how many checks ran in this run,
 * which picks a script's next health-check code. Guarded by the engine's lock.
 */
final class HealthRecord {
  /** moby {@code maxLogEntries}. */
  static final int MAX_LOG = 5;

  @GuardedBy("lock")
  HealthStatus status = HealthStatus.STARTING;
  @GuardedBy("lock")
  int failingStreak;
  @GuardedBy("lock")
  final ArrayDeque<HealthCheckResult> log = new ArrayDeque<>();
  @GuardedBy("lock")
  int probes;

  void add(HealthCheckResult r) {
    if (log.size() == MAX_LOG) {
      log.removeFirst();
    }
    log.addLast(r);
  }

  HealthState state() {
    return HealthState.builder().status(status).failingStreak(failingStreak).log(log).build();
  }
}
