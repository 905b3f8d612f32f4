package dev.cnm.core.internal;

import dev.cnm.api.event.EventType;
import java.util.Map;

/**
 * Where a component of the engine records an event ({@code docker events}): the engine's event
 * log, which stamps it with the engine's clock and delivers it to subscribers once the operation
 * is over. Called under the engine's lock, by the operation the event belongs to, only after the
 * operation can no longer fail (a failed operation records nothing).
 *
 * <pre>{@code
 * sink.emit(EventType.IMAGE, "pull", "nginx:latest", Map.of("name", "nginx:latest"));
 * }</pre>
 */
public interface EventSink {
  /**
   * Records one event.
   *
   * @param type the kind of object
   * @param action the action, such as {@code pull} or {@code tag}
   * @param actorId the object's id ({@code Actor.ID})
   * @param attributes its attributes ({@code Actor.Attributes})
   */
  void emit(EventType type, String action, String actorId, Map<String, String> attributes);
}
