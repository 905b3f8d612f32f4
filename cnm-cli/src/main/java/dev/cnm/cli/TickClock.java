package dev.cnm.cli;

import java.time.Instant;
import java.time.InstantSource;

/**
 * A clock the CLI sets: each reading is the time set last plus one microsecond per earlier
 * reading, so times are strictly increasing and, under a seed, reproducible. A clock {@link
 * #following} the wall clock (for {@code serve}, which runs for hours) reads the wall's time
 * instead, still strictly increasing should the wall step back.
 */
final class TickClock implements InstantSource {
  private final InstantSource wall;
  private Instant base;
  private long reads;

  TickClock(Instant base) {
    this(base, null);
  }

  private TickClock(Instant base, InstantSource wall) {
    this.base = base;
    this.wall = wall;
  }

  /** A clock at the wall's time, never reading the same instant twice. */
  static TickClock following(InstantSource wall) {
    return new TickClock(wall.instant(), wall);
  }

  synchronized void set(Instant instant) {
    if (instant.isAfter(current())) {
      base = instant;
      reads = 0;
    }
  }

  private Instant current() {
    Instant ticked = base.plusNanos(reads * 1000);
    if (wall != null) {
      Instant w = wall.instant();
      if (w.isAfter(ticked)) {
        base = w;
        reads = 0;
        return w;
      }
    }
    return ticked;
  }

  @Override
  public synchronized Instant instant() {
    Instant now = current();
    reads++;
    return now;
  }

  /** The current time, without advancing. */
  synchronized Instant peek() {
    return current();
  }
}
