package dev.cnm.core.filter;

import dev.cnm.api.event.Event;
import dev.cnm.api.event.EventType;
import dev.cnm.api.image.ImageCatalog;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code docker events --filter} and the {@code filters} of {@code GET /events}, as moby's {@code
 * daemon/events/filter.go} applies them: {@code type}, {@code event} (exact, or a prefix for
 * {@code health_status}, {@code exec_create} and {@code exec_start}), {@code scope}, {@code
 * container} / {@code network} / {@code image} / {@code daemon} (an id or a name; a prefix of
 * either matches), {@code image} also against a container event's image, with or without its
 * tag, and {@code label} ({@code key} or {@code key=value} among the attributes). Different keys
 * must all hold; values of one key are alternatives. The daemon accepts any key and ignores
 * those it does not know.
 *
 * <pre>{@code
 * Predicate<Event> dies = EventFilters.of(FilterArgs.builder().addFlag("event=die").addFlag("container=web").build());
 * engine.events(EventQuery.builder().filter(dies).build());
 * }</pre>
 */
public final class EventFilters {
  private static final Set<String> FUZZY_EVENTS = Set.of("health_status", "exec_create", "exec_start");

  private EventFilters() {}

  /**
   * {@return the filter {@code filters} describe}
   *
   * @param filters the filters, from the Engine API's JSON or the CLI's {@code --filter} flags
   */
  public static Predicate<Event> of(FilterArgs filters) {
    if (filters.isEmpty()) {
      return e -> true;
    }
    return e -> includes(filters, e);
  }

  /**
   * {@return the instant a {@code since} or {@code until} value names} As the docker CLI's
   * {@code GetTimestamp} and the daemon's {@code ParseTimestamps} read it: a Go duration before
   * now ({@code 10m}, {@code 1h30m}; {@code 0s} is now), an RFC 3339 date or time (in the clock's
   * zone without an offset) or Unix seconds ({@code 1748855638.5}).
   *
   * @param value the value of {@code --since} or {@code --until}
   * @param clock now, and the zone of a time without an offset
   * @throws dev.cnm.api.error.InvalidParameterException for a value that is none of those
   */
  public static Instant timestamp(String value, Clock clock) {
    return Timestamps.parse(value, clock);
  }

  /** moby {@code Filter.Include}. */
  static boolean includes(FilterArgs f, Event e) {
    return matchEvent(f, e)
        && f.exactMatch("type", e.type().toString())
        && (!f.contains("scope") || f.exactMatch("scope", e.scope()))
        && fuzzyMatchName(f, e, EventType.DAEMON)
        && fuzzyMatchName(f, e, EventType.CONTAINER)
        && fuzzyMatchName(f, e, EventType.NETWORK)
        && matchImage(f, e)
        && f.matchKeyValues("label", e.attributes());
  }

  private static boolean matchEvent(FilterArgs f, Event e) {
    boolean fuzzy = f.get("event").stream().anyMatch(FUZZY_EVENTS::contains);
    return fuzzy ? fuzzyMatch(f, "event", e.action()) : f.exactMatch("event", e.action());
  }

  /**
   * {@code fuzzyMatchName}: the key named after the type (for example {@code container}) matches
   * the actor's id or its {@code name} attribute, exactly or by prefix. An event of another type
   * passes only when the key has no values (moby applies the key to every event).
   */
  private static boolean fuzzyMatchName(FilterArgs f, Event e, EventType type) {
    String key = type.toString();
    return fuzzyMatch(f, key, e.actorId()) || fuzzyMatch(f, key, e.attribute("name"));
  }

  /** {@code FuzzyMatch}: an exact match, or a value that is a prefix of {@code source}. */
  private static boolean fuzzyMatch(FilterArgs f, String key, String source) {
    if (f.exactMatch(key, source)) {
      return true;
    }
    for (String prefix : f.get(key)) {
      if (source.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code matchImage}: against the actor's id and (for an image event) its name or (for a
   * container event) its {@code image} attribute, each also without its tag.
   */
  private static boolean matchImage(FilterArgs f, Event e) {
    String id = e.actorId();
    String name = e.attribute(e.type() == EventType.IMAGE ? "name" : "image");
    return f.exactMatch("image", id) || f.exactMatch("image", name)
        || f.exactMatch("image", familiarName(id)) || f.exactMatch("image", familiarName(name));
  }

  /**
   * {@code reference.FamiliarName(ParseNormalizedNamed(image))}: the repository as a user writes
   * it, without tag or digest ({@code docker.io/library/nginx:1.27} is {@code nginx}); a value
   * that is no reference stays as it is.
   */
  static String familiarName(String image) {
    if (image.isEmpty() || image.startsWith("sha256:") || !image.equals(image.strip())) {
      return image;
    }
    String normalized;
    try {
      normalized = ImageCatalog.normalize(image);
    } catch (IllegalArgumentException e) {
      return image;
    }
    int at = normalized.indexOf('@');
    String repo = at >= 0 ? normalized.substring(0, at) : normalized;
    int colon = repo.lastIndexOf(':');
    if (colon > repo.lastIndexOf('/')) {
      repo = repo.substring(0, colon);
    }
    if (repo.startsWith("docker.io/library/")) {
      return repo.substring("docker.io/library/".length());
    }
    if (repo.startsWith("docker.io/")) {
      return repo.substring("docker.io/".length());
    }
    return repo;
  }
}
