package dev.cnm.testkit.events;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.event.Event;
import java.util.Map;
import java.util.TreeMap;

/**
 * One event, shaped as {@code docker events --format '{{json .}}'} shows it: a type ({@code
 * network}, {@code container}, {@code image}), an action ({@code create}, {@code connect}, {@code rename}...),
 * the actor's id and its attributes ({@code name}, {@code type}, {@code container}, {@code
 * oldName}, {@code image}). A view of the engine's own {@link Event}, which also has the time.
 *
 * <pre>{@code
 * EngineEvent e = recording.events().get(0);
 * assertThat(e.summary()).isEqualTo("network create dev");
 * }</pre>
 */
public final class EngineEvent {
  private final String type;
  private final String action;
  private final String actorId;
  private final Map<String, String> attributes;

  /**
   * {@return the kit's view of one of the engine's events}
   *
   * @param event the engine's event
   */
  public static EngineEvent of(Event event) {
    return new EngineEvent(event.type().toString(), event.action(), event.actorId(), event.attributes());
  }

  EngineEvent(String type, String action, String actorId, Map<String, String> attributes) {
    this.type = requireNonNull(type, "type");
    this.action = requireNonNull(action, "action");
    this.actorId = requireNonNull(actorId, "actorId");
    this.attributes = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
  }

  /**
   * {@code network}, {@code container} or {@code image}.
   *
   * @return the object type, {@code network}, {@code container} or {@code image}
   */
  public String type() {
    return type;
  }

  /**
   * {@return the action, e.g. {@code create}, {@code connect}, {@code disconnect},
   * {@code destroy}}
   */
  public String action() {
    return action;
  }

  /** {@return the id of the network, container or image the event is about (a pull's: the reference)} */
  public String actorId() {
    return actorId;
  }

  /** {@return the actor's attributes, sorted by key} */
  public Map<String, String> attributes() {
    return attributes;
  }

  /**
   * {@return an attribute, or the empty string}
   *
   * @param key the attribute's name, such as {@code oldName}
   */
  public String attribute(String key) {
    return attributes.getOrDefault(key, "");
  }

  /**
   * {@code type action name}, e.g. {@code network connect dev} or {@code container start web}.
   *
   * @return the summary {@code type action name}, such as {@code network connect dev} or
   *     {@code container start web}
   */
  public String summary() {
    return type + " " + action + " " + attribute("name");
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof EngineEvent)) {
      return false;
    }
    EngineEvent e = (EngineEvent) o;
    return type.equals(e.type) && action.equals(e.action) && actorId.equals(e.actorId) && attributes.equals(e.attributes);
  }

  @Override
  public int hashCode() {
    return ((type.hashCode() * 31 + action.hashCode()) * 31 + actorId.hashCode()) * 31 + attributes.hashCode();
  }

  @Override
  public String toString() {
    return type + " " + action + " " + actorId + " " + attributes;
  }
}
