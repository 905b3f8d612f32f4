package dev.cnm.core;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.cnm.api.event.Event;
import dev.cnm.api.event.EventListener;
import dev.cnm.api.event.EventQuery;
import dev.cnm.api.event.EventType;
import dev.cnm.api.process.Subscription;
import dev.cnm.core.internal.EventSink;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The engine's events (moby {@code daemon/events}): the last {@value #LIMIT} kept, as dockerd's
 * {@code eventsLimit}, each stamped with the engine's clock and handed to the subscribers whose
 * query selects it. Events are recorded under the engine's lock by the operation they belong to,
 * once it can no longer fail, and delivered after the lock is released ({@link Deliveries}).
 */
final class EventLog implements EventSink {
  /** dockerd's {@code eventsLimit}: how many past events {@code docker events --since} can see. */
  static final int LIMIT = 256;

  private final InstantSource clock;
  private final Deliveries deliveries;
  @GuardedBy("lock")
  private final ArrayDeque<Event> history = new ArrayDeque<>();
  private final List<Sub> subscribers = new CopyOnWriteArrayList<>();
  /** The events of the running attempt, while {@linkplain #hold held}; null otherwise. */
  @GuardedBy("lock")
  private List<Event> held;

  EventLog(InstantSource clock, Deliveries deliveries) {
    this.clock = clock;
    this.deliveries = deliveries;
  }

  /** One subscriber, active until closed, past its {@code until}, or its listener failed. */
  private final class Sub implements Subscription {
    final EventQuery query;
    final EventListener listener;
    volatile boolean active = true;

    Sub(EventQuery query, EventListener listener) {
      this.query = query;
      this.listener = listener;
    }

    void deliver(Event e) {
      if (!active) {
        return;
      }
      try {
        listener.onEvent(e);
      } catch (RuntimeException ex) {
        close(); // dockerd drops a subscriber that cannot keep up; one that fails is dropped too
      }
    }

    @Override
    public boolean isActive() {
      return active;
    }

    @Override
    public void close() {
      active = false;
      subscribers.remove(this);
    }
  }

  @Override
  public void emit(EventType type, String action, String actorId, Map<String, String> attributes) {
    record(Event.builder().type(type).action(action).actorId(actorId).attributes(attributes)
        .time(clock.instant()).build());
  }

  /** Records an event already stamped (a restore of the saved history does not deliver). */
  void restore(Event e) {
    keep(e);
  }

  /**
   * Holds the events recorded from now on until {@link #release}: those of an attempt that may be
   * run again ({@code DefaultEngine.run} without a read of the cluster store).
   */
  void hold() {
    held = new ArrayList<>();
  }

  /**
   * Ends a {@link #hold}: records the events held, or, for an attempt that is {@code discarded},
   * only its image events (a pull that happened whatever became of the attempt).
   */
  void release(boolean discarded) {
    List<Event> h = held;
    held = null;
    if (h != null) {
      h.stream().filter(e -> !discarded || e.type() == EventType.IMAGE).forEach(this::record);
    }
  }

  private void record(Event e) {
    if (held != null) {
      held.add(e);
      return;
    }
    keep(e);
    for (Sub s : subscribers) {
      if (!s.active) {
        continue;
      }
      if (s.query.until().isPresent() && e.time().isAfter(s.query.until().get())) {
        s.close();
        continue;
      }
      if (s.query.includes(e)) {
        deliveries.add(() -> s.deliver(e));
      }
    }
  }

  private void keep(Event e) {
    if (history.size() == LIMIT) {
      history.removeFirst();
    }
    history.addLast(e);
  }

  /** A container event with Docker's attributes: the extra ones, then the labels, {@code image} and {@code name}. */
  void container(ContainerRecord c, String action, Map<String, String> extra) {
    Map<String, String> a = new LinkedHashMap<>(extra);
    a.putAll(c.labels());
    a.put("image", c.spec.image());
    a.put("name", c.name);
    emit(EventType.CONTAINER, action, c.id, a);
  }

  void container(ContainerRecord c, String action) {
    container(c, action, Map.of());
  }

  /** A network event: {@code name}, {@code type} and, for connect and disconnect, {@code container}. */
  void network(String action, String networkId, String name, String driver, String containerId) {
    Map<String, String> a = new LinkedHashMap<>();
    if (containerId != null) {
      a.put("container", containerId);
    }
    a.put("name", name);
    a.put("type", driver);
    emit(EventType.NETWORK, action, networkId, a);
  }

  List<Event> query(EventQuery q) {
    List<Event> out = new ArrayList<>();
    for (Event e : history) {
      if (q.includes(e)) {
        out.add(e);
      }
    }
    return out;
  }

  /** The events held, oldest first, for the state document. */
  List<Event> history() {
    return List.copyOf(history);
  }

  /**
   * Subscribes: the held events in the query's window first (none without {@code since} and
   * {@code until}), then new ones. A query whose {@code until} has passed gets the history only.
   */
  Subscription subscribe(EventQuery q, EventListener listener, Instant now) {
    Sub s = new Sub(q, listener);
    if (q.since().isPresent() || q.until().isPresent()) {
      for (Event e : query(q)) {
        deliveries.add(() -> s.deliver(e));
      }
    }
    if (q.until().isPresent() && q.until().get().isBefore(now)) {
      deliveries.add(s::close);
    } else {
      subscribers.add(s);
    }
    return s;
  }
}
