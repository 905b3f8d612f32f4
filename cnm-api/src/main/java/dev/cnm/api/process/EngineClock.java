package dev.cnm.api.process;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

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
 * <p>A seeded engine's clock also steps a millisecond at every reading (each timestamp it records),
 * so an action due a few milliseconds ahead can fall due during a later operation that reads
 * nothing but state.
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
   * {@return when container {@code containerRef}'s process next does something by itself (a sleep
   * ends, a delayed exit, a stop's kill, a restart after its back-off); empty when it only waits
   * for a signal, or is not running} Health checks do not count: a front end uses this to tell a
   * program that will end (wait for it) from a server (do not).
   *
   * @param containerRef the container's full id, name or a unique prefix of its id
   * @throws dev.cnm.api.error.NotFoundException {@code No such container: web}
   */
  Optional<Instant> nextDue(String containerRef);

  /**
   * Runs every action due by now.
   *
   * @return how many ran
   */
  int runDue();

  /**
   * Blocks until {@code future} completes, as {@link dev.cnm.api.Engine#await} does: on a virtual
   * clock, time moves to each scheduled action in turn; on the system clock, due actions run as
   * they fall due. For a future the engine completes, such as {@link dev.cnm.api.Engine#waitFor}'s.
   *
   * @param future what to wait for
   * @param <T> the future's value
   * @return the future's value
   */
  <T> T await(CompletableFuture<T> future);
}
