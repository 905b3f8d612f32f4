package dev.cnm.cli;

import dev.cnm.api.Engine;
import java.time.Instant;
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

  /** One loaded engine. */
  interface Session {
    Engine engine();

    /** The engine's current time (for {@code ps}'s durations). */
    Instant now();

    /** The state after {@code args} was applied to {@link #engine()}. */
    byte[] save(List<String> args);
  }
}
