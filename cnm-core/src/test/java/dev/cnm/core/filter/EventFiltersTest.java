package dev.cnm.core.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cnm.api.event.Event;
import dev.cnm.api.event.EventType;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventFiltersTest {
  private static Event event(EventType type, String action, String id, Map<String, String> attributes) {
    return Event.builder().type(type).action(action).actorId(id).attributes(attributes).time(Instant.EPOCH).build();
  }

  private static boolean matches(Event e, String... flags) {
    FilterArgs.Builder f = FilterArgs.builder();
    for (String flag : flags) {
      f.addFlag(flag);
    }
    return EventFilters.of(f.build()).test(e);
  }

  @Test
  void familiar_names_drop_the_registry_the_library_and_the_tag() {
    assertThat(EventFilters.familiarName("docker.io/library/nginx:1.27")).isEqualTo("nginx");
    assertThat(EventFilters.familiarName("nginx")).isEqualTo("nginx");
    assertThat(EventFilters.familiarName("myorg/app:2")).isEqualTo("myorg/app");
    assertThat(EventFilters.familiarName("registry.local:5000/team/app:1")).isEqualTo("registry.local:5000/team/app");
    assertThat(EventFilters.familiarName("sha256:abc")).isEqualTo("sha256:abc");
    assertThat(EventFilters.familiarName("")).isEmpty();
  }

  @Test
  void each_key_as_moby_matches_it() {
    Event die = event(EventType.CONTAINER, "die", "abcdef0123", Map.of("name", "web", "image", "nginx:1.27",
        "exitCode", "137", "tier", "front"));
    assertThat(matches(die)).isTrue();
    assertThat(matches(die, "type=container", "event=die", "container=web", "image=nginx", "label=tier")).isTrue();
    assertThat(matches(die, "container=abc")).isTrue();
    assertThat(matches(die, "container=we")).isTrue(); // a prefix of the name, as FuzzyMatch allows
    assertThat(matches(die, "container=db")).isFalse();
    assertThat(matches(die, "event=di")).isFalse();
    assertThat(matches(die, "label=tier=back")).isFalse();
    assertThat(matches(die, "type=network")).isFalse();
    assertThat(matches(die, "network=dev")).isFalse(); // a container event has no network to match
    assertThat(matches(die, "scope=local")).isTrue();
    assertThat(matches(die, "unknown=x")).isTrue(); // the daemon ignores keys it does not know

    Event health = event(EventType.CONTAINER, "health_status: healthy", "abcdef0123", Map.of("name", "web"));
    assertThat(matches(health, "event=health_status")).isTrue();
    assertThat(matches(health, "event=health_status: healthy")).isTrue();
    Event pull = event(EventType.IMAGE, "pull", "nginx:latest", Map.of("name", "nginx:latest"));
    assertThat(matches(pull, "image=nginx")).isTrue();
  }
}
