package dev.cnm.core;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * The clock of a seeded engine: it starts at a fixed instant and moves forward by a fixed step on
 * every reading, so that timestamps are deterministic and still strictly increasing.
 */
final class SteppingClock implements InstantSource {
  static final Instant EPOCH = Instant.parse("2025-06-02T09:00:00.000000001Z");

  private final Duration step;
  private Instant now;

  SteppingClock(Instant start, Duration step) {
    this.now = start;
    this.step = step;
  }

  @Override
  public synchronized Instant instant() {
    Instant t = now;
    now = now.plus(step);
    return t;
  }
}
