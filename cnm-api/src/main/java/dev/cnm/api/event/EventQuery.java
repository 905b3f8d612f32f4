package dev.cnm.api.event;

import dev.cnm.api.CnmStyle;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import org.immutables.value.Value;

/**
 * Which events to read or follow ({@code docker events --since --until --filter}): a time window
 * and a filter. cnm-core's {@code dev.cnm.core.filter.EventFilters} turns Docker's {@code
 * --filter} arguments into the filter.
 *
 * <pre>{@code
 * EventQuery.all();
 * EventQuery.builder().since(start).filter(e -> e.type() == EventType.CONTAINER).build();
 * }</pre>
 */
@Value.Immutable
@CnmStyle
public abstract class EventQuery {
  private static final EventQuery ALL = builder().build();

  EventQuery() {}

  /** {@return only events at or after this instant} */
  public abstract Optional<Instant> since();

  /** {@return only events at or before this instant} */
  public abstract Optional<Instant> until();

  /** {@return the filter; every event passes by default} */
  @Value.Default
  @Value.Auxiliary
  public Predicate<Event> filter() {
    return e -> true;
  }

  /**
   * {@return whether {@code e} is in the window and passes the filter}
   *
   * @param e an event
   */
  public boolean includes(Event e) {
    if (since().isPresent() && e.time().isBefore(since().get())) {
      return false;
    }
    if (until().isPresent() && e.time().isAfter(until().get())) {
      return false;
    }
    return filter().test(e);
  }

  /** {@return every event} */
  public static EventQuery all() {
    return ALL;
  }

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link EventQuery} values. */
  public static final class Builder extends ImmutableEventQuery.Builder {}
}
