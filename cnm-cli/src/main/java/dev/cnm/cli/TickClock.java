package dev.cnm.cli;

import java.time.Instant;
import java.time.InstantSource;

/**
 * A clock the CLI sets: each reading is the time set last plus one microsecond per earlier
 * reading, so times are strictly increasing and, under a seed, reproducible.
 */
final class TickClock implements InstantSource {
  private Instant base;
  private long reads;

  TickClock(Instant base) {
    this.base = base;
  }

  synchronized void set(Instant instant) {
    if (instant.isAfter(current())) {
      base = instant;
      reads = 0;
    }
  }

  private Instant current() {
    return base.plusNanos(reads * 1000);
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
