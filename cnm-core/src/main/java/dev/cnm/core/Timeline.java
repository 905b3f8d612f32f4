package dev.cnm.core;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.time.Instant;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The engine's scheduled actions in the order they run: by due instant, then by the order they
 * were scheduled. A container keeps its own timers too ({@link ContainerRecord#timers}), to cancel
 * them and to save them with the state. Guarded by the engine's lock.
 */
final class Timeline {
  @GuardedBy("lock")
  private final TreeSet<Timer> timers = new TreeSet<>();
  @GuardedBy("lock")
  private long seq;

  /** Schedules {@code kind} for {@code c} at {@code due}. */
  Timer schedule(ContainerRecord c, TimerKind kind, Instant due, int code) {
    Timer t = new Timer(due, seq++, c, kind, code);
    timers.add(t);
    c.timers.add(t);
    return t;
  }

  /** Puts back a saved timer with its sequence number (a restore). */
  Timer restore(ContainerRecord c, TimerKind kind, Instant due, long savedSeq, int code) {
    Timer t = new Timer(due, savedSeq, c, kind, code);
    timers.add(t);
    c.timers.add(t);
    seq = Math.max(seq, savedSeq + 1);
    return t;
  }

  /** Cancels every timer of {@code kind} of {@code c}. */
  void cancel(ContainerRecord c, TimerKind kind) {
    c.timers.removeIf(t -> {
      if (t.kind == kind) {
        timers.remove(t);
        return true;
      }
      return false;
    });
  }

  /** Cancels every timer of {@code c}. */
  void cancelAll(ContainerRecord c) {
    c.timers.forEach(timers::remove);
    c.timers.clear();
  }

  boolean has(ContainerRecord c, TimerKind kind) {
    return c.timers.stream().anyMatch(t -> t.kind == kind);
  }

  Optional<Instant> nextDue() {
    return timers.isEmpty() ? Optional.empty() : Optional.of(timers.first().due);
  }

  /** Takes the first timer if it is due at or before {@code now}. */
  Optional<Timer> pollDue(Instant now) {
    if (timers.isEmpty() || timers.first().due.isAfter(now)) {
      return Optional.empty();
    }
    Timer t = timers.pollFirst();
    t.container.timers.remove(t);
    return Optional.of(t);
  }

  boolean isEmpty() {
    return timers.isEmpty();
  }

  long seq() {
    return seq;
  }

  void seq(long next) {
    seq = Math.max(seq, next);
  }
}
