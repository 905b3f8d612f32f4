package dev.cnm.core;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.cnm.api.process.ClockMode;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * The engine's time: the builder's clock (the system's, a seeded engine's {@link SteppingClock},
 * or the caller's) plus an offset that only grows, so that time can be moved forward ({@link
 * #advanceTo}) without touching the clock. Every reading goes through here, drivers' included, and
 * readings never go backwards. Scheduled actions run at their due instant: the time is moved to it
 * first, so that what an action records is stamped at or after it.
 *
 * <p>In {@link ClockMode#VIRTUAL} mode nothing moves the time but readings of a stepping clock and
 * the engine itself; {@link #current()} is then the last reading, so checking for due actions
 * costs no reading. In {@link ClockMode#SYSTEM} mode the clock moves by itself and {@link
 * #current()} reads it.
 */
final class EngineTime implements InstantSource {
  private final InstantSource base;
  private final ClockMode mode;
  @GuardedBy("this")
  private Duration offset = Duration.ZERO;
  /** The latest instant handed out or moved to; readings never go below it. */
  @GuardedBy("this")
  private Instant last = Instant.MIN;
  /**
   * While a scheduled action runs: its due instant, which readings return (never below {@link
   * #last}) when the clock is already past it, so that what the action records is stamped when it
   * was due, not when an operation found it due. Null otherwise.
   */
  @GuardedBy("this")
  private Instant pinned;

  EngineTime(InstantSource base, ClockMode mode) {
    this.base = base;
    this.mode = mode;
  }

  ClockMode mode() {
    return mode;
  }

  /** A reading: the clock plus the offset, never earlier than any instant before. */
  @Override
  public synchronized Instant instant() {
    if (pinned != null) {
      Instant t = pinned.isBefore(last) ? last : pinned;
      last = t;
      return t;
    }
    Instant t = base.instant().plus(offset);
    if (t.isBefore(last)) {
      t = last;
    }
    last = t;
    return t;
  }

  /**
   * The time due actions are checked against: in virtual mode the last instant handed out
   * (without a reading, which would step a stepping clock), in system mode a reading.
   */
  synchronized Instant current() {
    if (mode == ClockMode.VIRTUAL && !last.equals(Instant.MIN)) {
      return last;
    }
    Instant t = base.instant().plus(offset);
    return t.isBefore(last) ? last : t; // a look, not a reading: nothing is stamped with it
  }

  /**
   * Runs what follows at {@code due}: the time moves forward to it if it is behind, and, on the
   * system clock, readings return it (never below the last one) until {@link #unpin} if the clock
   * is already past it.
   */
  synchronized void pin(Instant due) {
    advanceTo(due);
    if (mode == ClockMode.SYSTEM) {
      // On a virtual clock only readings move the time past a due instant, and they step on.
      Instant now = base.instant().plus(offset);
      pinned = now.isAfter(due) ? due : null;
    }
  }

  synchronized void unpin() {
    pinned = null;
  }

  /** Moves the time forward to {@code t}, if it is behind; never backwards. */
  synchronized void advanceTo(Instant t) {
    Instant now = base.instant().plus(offset);
    if (now.isBefore(t)) {
      offset = offset.plus(Duration.between(now, t));
    }
    if (last.isBefore(t)) {
      last = t;
    }
  }

  /** The latest instant handed out or moved to, for the state document; empty before any reading. */
  synchronized Instant highWater() {
    return last;
  }
}
