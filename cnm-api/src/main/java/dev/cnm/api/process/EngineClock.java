package dev.cnm.api.process;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * An engine's time line: the instants its scheduled actions are due (a process waking from a
 * sleep, a stop's kill after its timeout, a restart's back-off, a health check), and the control
 * over them. Actions run in the order they are due, ties in the order they were scheduled, at the
 * start of every engine operation that finds them due, so the state callers see is never behind
 * the clock.
 *
 * <p>A server that wants containers to exit on time without waiting for the next request runs a
 * timer: wake at {@link #nextDue()}, call {@link #runDue()}.
 *
 * <pre>{@code
 * Engine engine = Cnm.builder().seed(1).build();
 * engine.run(ContainerSpec.builder().image("alpine").command(List.of("sleep", "10")).build());
 * engine.clock().advance(Duration.ofSeconds(11)); // the container has exited
 * }</pre>
 */
public interface EngineClock {
  /** {@return how time moves: virtual or the system's} */
  ClockMode mode();

  /** {@return the engine's current time} */
  Instant now();

  /**
   * Moves time forward by {@code duration}, running every action due until then in order, each at
   * its due instant. Allowed in both modes: in {@link ClockMode#SYSTEM} it puts the engine ahead of
   * its clock.
   *
   * @param duration how far; not negative
   */
  void advance(Duration duration);

  /** {@return when the next scheduled action is due; empty when nothing is scheduled} */
  Optional<Instant> nextDue();

  /**
   * Runs every action due by now.
   *
   * @return how many ran
   */
  int runDue();
}
