package dev.cnm.api.event;

/**
 * The kind of object an event is about ({@code Type} in moby {@code events.Message}).
 *
 * <pre>{@code
 * engine.events(EventQuery.all()).stream().filter(e -> e.type() == EventType.NETWORK);
 * }</pre>
 */
public enum EventType {
  /** A container: create, start, die, kill, stop, destroy, rename, exec_*, health_status... */
  CONTAINER("container"),
  /** A network: create, connect, disconnect, destroy. */
  NETWORK("network"),
  /** An image: pull, tag, untag, delete. */
  IMAGE("image"),
  /** The daemon itself. */
  DAEMON("daemon");

  private final String text;

  EventType(String text) {
    this.text = text;
  }

  /** {@return Docker's spelling, such as {@code container}} */
  @Override
  public String toString() {
    return text;
  }
}
