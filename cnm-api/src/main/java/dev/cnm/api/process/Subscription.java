package dev.cnm.api.process;

/**
 * A live subscription to an engine's events or a container's log; closing it stops the
 * deliveries. Closing twice is harmless.
 *
 * <pre>{@code
 * try (Subscription s = engine.subscribe(EventQuery.all(), events::add)) {
 *   engine.run(ContainerSpec.of("nginx"));
 * }
 * }</pre>
 */
public interface Subscription extends AutoCloseable {
  /** {@return whether deliveries still come: not closed, and the stream has not ended} */
  boolean isActive();

  /** Stops the deliveries. */
  @Override
  void close();
}
