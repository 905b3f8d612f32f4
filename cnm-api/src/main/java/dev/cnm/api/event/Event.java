package dev.cnm.api.event;

import dev.cnm.api.CnmStyle;
import java.time.Instant;
import java.util.Map;
import org.immutables.value.Value;

/**
 * One event of an engine, shaped as {@code GET /events} sends it (moby {@code events.Message}):
 * {@code Type}, {@code Action}, {@code Actor.ID}, {@code Actor.Attributes}, {@code scope},
 * {@code time} and {@code timeNano}. Attributes are Docker's: a container event carries the
 * container's labels, {@code image} and {@code name} (plus {@code exitCode} and {@code
 * execDuration} on {@code die}, {@code signal} on {@code kill}, {@code oldName} on {@code
 * rename}, {@code execID} on {@code exec_*}); a network event carries {@code name} and {@code
 * type} (plus {@code container} on {@code connect} and {@code disconnect}).
 *
 * <pre>{@code
 * Event e = engine.events(EventQuery.all()).get(0);
 * e.type();                    // CONTAINER
 * e.action();                  // "create"
 * e.attributes().get("name");  // "web"
 * }</pre>
 */
@Value.Immutable
@CnmStyle
public abstract class Event {
  Event() {}

  /** {@return the kind of object} */
  public abstract EventType type();

  /**
   * {@return the action, such as {@code create}, {@code die}, {@code connect}, {@code
   * health_status: healthy} or {@code exec_start: sh -c date}}
   */
  public abstract String action();

  /** {@return the object's id ({@code Actor.ID})} */
  public abstract String actorId();

  /** {@return the object's attributes ({@code Actor.Attributes})} */
  public abstract Map<String, String> attributes();

  /** {@return {@code local}, or {@code swarm} for cluster objects} */
  @Value.Default
  public String scope() {
    return "local";
  }

  /** {@return when it happened ({@code time} and {@code timeNano})} */
  public abstract Instant time();

  /**
   * {@return an attribute, or the empty string}
   *
   * @param key the attribute's name, such as {@code exitCode}
   */
  public String attribute(String key) {
    return attributes().getOrDefault(key, "");
  }

  /**
   * {@return the action without what follows a colon: {@code health_status} for {@code
   * health_status: healthy}}
   */
  public String baseAction() {
    int colon = action().indexOf(':');
    return colon < 0 ? action() : action().substring(0, colon);
  }

  /** {@return {@code time} in whole seconds since the epoch} */
  public long timeSeconds() {
    return time().getEpochSecond();
  }

  /** {@return {@code timeNano}: nanoseconds since the epoch} */
  public long timeNano() {
    return time().getEpochSecond() * 1_000_000_000L + time().getNano();
  }

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link Event} values. */
  public static final class Builder extends ImmutableEvent.Builder {}
}
