package dev.cnm.cli;

import dev.cnm.api.Engine;
import java.time.Clock;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** Turns the saved bytes into an engine, and the engine (after one command) back into bytes. */
interface EngineStore {
  /**
   * Loads the engine from {@code saved} (empty: a fresh engine seeded with {@code seed}, or a
   * random seed when absent); {@code now} is the wall-clock time of the command about to run.
   *
   * @throws StateException when the bytes are not a valid state
   */
  Session load(Optional<byte[]> saved, Optional<Long> seed, Instant now);

  /**
   * Loads the engine for a long-running {@code serve}: its clock follows {@code wall} (times
   * advance while it runs), unless the seed is fixed, where time stays reproducible.
   *
   * @throws StateException when the bytes are not a valid state
   */
  Session loadLive(Optional<byte[]> saved, Optional<Long> seed, InstantSource wall);

  /** One loaded engine. */
  interface Session {
    Engine engine();

    /** The engine's current time (for {@code ps}'s durations). */
    Instant now();

    /** The engine's time as a clock in the system's zone, read without advancing it. */
    default Clock clock() {
      Session self = this;
      return new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneId.systemDefault();
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return Clock.fixed(self.now(), zone);
        }

        @Override
        public Instant instant() {
          return self.now();
        }
      };
    }

    /** The state after {@code args} was applied to {@link #engine()}. */
    byte[] save(List<String> args);
  }
}
