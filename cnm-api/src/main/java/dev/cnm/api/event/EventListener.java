package dev.cnm.api.event;

/**
 * Receives an engine's events as they happen. Called outside the engine's lock, in order, never
 * concurrently; a listener that throws is unsubscribed.
 *
 * <pre>{@code
 * engine.subscribe(EventQuery.all(), e -> System.out.println(e.type() + " " + e.action()));
 * }</pre>
 */
@FunctionalInterface
public interface EventListener {
  /**
   * Receives one event.
   *
   * @param event the event
   */
  void onEvent(Event event);
}
