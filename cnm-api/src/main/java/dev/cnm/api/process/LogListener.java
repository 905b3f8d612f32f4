package dev.cnm.api.process;

/**
 * Receives a container's log entries as they are written ({@code docker logs -f}), then learns
 * that the stream ended: the container stopped or was removed, or the subscription was closed.
 * Called outside the engine's lock, in order, never concurrently for one subscription.
 *
 * <pre>{@code
 * try (Subscription s = engine.followLogs("web", LogOptions.all(), entry -> System.out.print(entry.text()))) {
 *   engine.advanceClock(Duration.ofSeconds(5));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface LogListener {
  /**
   * Receives one entry.
   *
   * @param entry the entry, in the order written
   */
  void onEntry(LogEntry entry);

  /** Called once when no more entries will come. */
  default void onEnd() {}
}
