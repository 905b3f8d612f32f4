package dev.cnm.dockerapi.internal;

import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.event.Event;
import dev.cnm.api.event.EventQuery;
import dev.cnm.api.event.EventType;
import dev.cnm.api.process.Subscription;
import dev.cnm.core.filter.EventFilters;
import dev.cnm.core.json.DockerJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * {@code GET /events} (moby's {@code getEvents}): the events held in the {@code since} / {@code
 * until} window, then the new ones as the engine records them, each one JSON document and a
 * newline, until {@code until} passes or the client goes away. The filter is core's {@link
 * EventFilters}; below API 1.46 an image's {@code create} is left out, as dockerd leaves it.
 */
final class EventRoutes {
  private final ApiState state;
  private final Followers followers;

  EventRoutes(ApiState state, Followers followers) {
    this.state = state;
    this.followers = followers;
  }

  void register(Router.Builder routes) {
    routes.get("/events", this::events);
  }

  /**
   * moby's {@code timetypes.ParseTimestamps}: Unix seconds, with an optional fraction read as
   * nanoseconds ({@code 1700000000.5} is half a second past).
   *
   * @throws InvalidParameterException strconv's {@code strconv.ParseInt: parsing "x": invalid syntax}
   */
  static Instant timestamp(String value) {
    int dot = value.indexOf('.');
    String s = dot < 0 ? value : value.substring(0, dot);
    long seconds = parseInt(s);
    if (dot < 0) {
      return Instant.ofEpochSecond(seconds);
    }
    String n = value.substring(dot + 1);
    long nanos = parseInt(n);
    nanos = (long) (nanos * Math.pow(10, 9 - n.length()));
    return Instant.ofEpochSecond(seconds, nanos);
  }

  private static long parseInt(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      // Go's ParseInt accepts what Long.parseLong does, but a leading '+' both take
      String why = s.matches("[+-]?[0-9]+") ? "value out of range" : "invalid syntax";
      throw new InvalidParameterException("strconv.ParseInt: parsing " + GoJson.quote(s) + ": " + why);
    }
  }

  private void events(Request r, Conn c) {
    String sinceRaw = r.param("since").orElse("");
    String untilRaw = r.param("until").orElse("");
    Optional<Instant> since = sinceRaw.isEmpty() ? Optional.empty() : Optional.of(timestamp(sinceRaw));
    Optional<Instant> until = untilRaw.isEmpty() ? Optional.empty() : Optional.of(timestamp(untilRaw));
    Instant now = state.engine.clock().now();
    boolean onlyPast = false;
    if (until.isPresent()) {
      if (until.get().isBefore(since.orElse(Instant.EPOCH))) {
        throw new InvalidParameterException("`since` time (" + sinceRaw + ") cannot be after `until` time ("
            + untilRaw + ")");
      }
      onlyPast = until.get().isBefore(now);
    }
    Predicate<Event> filter = EventFilters.of(NetworkRoutes.filters(r));
    if (r.versionBelow("1.46")) {
      // image create events came with API 1.46
      filter = filter.and(e -> !(e.type() == EventType.IMAGE && e.action().equals("create")));
    }
    EventQuery.Builder q = EventQuery.builder().filter(filter);
    since.ifPresent(q::since);
    until.ifPresent(q::until);
    EventQuery query = q.build();
    c.startChunked(200, Api.JSON);
    if (onlyPast) {
      for (Event e : state.engine.events(query)) {
        write(c, e);
      }
      c.endChunked();
      return;
    }
    AtomicBoolean ended = new AtomicBoolean();
    Subscription s = state.engine.subscribe(query, e -> {
      if (!ended.get()) {
        write(c, e);
      }
    });
    followers.add(s, c);
    Workers ws = state.workers;
    if (until.isPresent() && ws != null) {
      long delay = Duration.between(now, until.get()).toMillis() + 1;
      ws.at(delay, () -> {
        if (ended.compareAndSet(false, true)) {
          followers.end(s);
          c.endChunked();
        }
      });
    }
  }

  private static void write(Conn c, Event e) {
    c.chunk(DockerJson.httpBody(DockerJson.event(e)).getBytes(StandardCharsets.UTF_8));
  }
}
