package dev.cnm.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.NetworkInfo;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.event.Event;
import dev.cnm.api.event.EventQuery;
import dev.cnm.api.event.EventType;
import dev.cnm.api.process.Subscription;
import dev.cnm.core.filter.EventFilters;
import dev.cnm.core.filter.FilterArgs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The engine's events: Docker's shapes, its history, its subscriptions, its filters. */
class EventsTest {
  private Engine engine;

  @BeforeEach
  void setUp() {
    engine = TestDrivers.builder(19).build();
  }

  private static List<String> summaries(List<Event> events) {
    return events.stream().map(e -> e.type() + " " + e.action() + " " + e.attribute("name")).collect(Collectors.toList());
  }

  private List<Event> filtered(String... flags) {
    FilterArgs.Builder f = FilterArgs.builder();
    for (String flag : flags) {
      f.addFlag(flag);
    }
    return engine.events(EventQuery.builder().filter(EventFilters.of(f.build())).build());
  }

  @Test
  void events_have_dockers_shapes() {
    NetworkInfo dev = engine.createNetwork(NetworkSpec.of("dev"));
    ContainerInfo web = engine.run(ContainerSpec.builder().image("nginx").name("web").putLabel("tier", "front")
        .networkMode(NetworkMode.network("dev")).build());
    engine.rename("web", "front");

    List<Event> all = engine.events(EventQuery.all());
    assertThat(summaries(all)).containsExactly("network create dev", "image pull nginx", "container create web",
        "network connect dev", "container start web", "container rename front");
    Event pull = all.get(1); // run pulls the absent image first
    assertThat(pull.type()).isEqualTo(EventType.IMAGE);
    assertThat(pull.actorId()).isEqualTo("nginx:latest");
    assertThat(pull.attributes()).containsEntry("name", "nginx");
    Event create = all.get(2);
    assertThat(create.type()).isEqualTo(EventType.CONTAINER);
    assertThat(create.actorId()).isEqualTo(web.id());
    assertThat(create.attributes()).isEqualTo(Map.of("image", "nginx", "name", "web", "tier", "front"));
    assertThat(create.scope()).isEqualTo("local");
    assertThat(create.timeNano()).isEqualTo(create.time().getEpochSecond() * 1_000_000_000L + create.time().getNano());
    assertThat(all.get(3).actorId()).isEqualTo(dev.id());
    assertThat(all.get(3).attributes()).isEqualTo(Map.of("name", "dev", "type", "bridge", "container", web.id()));
    assertThat(all.get(5).attribute("oldName")).isEqualTo("/web");
    for (int i = 1; i < all.size(); i++) {
      assertThat(all.get(i).time()).isAfterOrEqualTo(all.get(i - 1).time());
    }
    engine.removeContainer("front", true);
    engine.removeNetwork("dev");
    assertThat(summaries(engine.events(EventQuery.all()))).endsWith("container destroy front", "network destroy dev");
  }

  @Test
  void the_history_keeps_the_last_256_and_windows_select_by_time() {
    Instant start = engine.clock().now();
    for (int i = 0; i < 150; i++) {
      engine.createContainer(ContainerSpec.builder().image("nginx").name("n" + i).build());
    }
    Instant middle = engine.clock().now();
    engine.advanceClock(Duration.ofSeconds(1));
    for (int i = 0; i < 150; i++) {
      engine.removeContainer("n" + i, false);
    }
    List<Event> all = engine.events(EventQuery.all());
    assertThat(all).hasSize(EventLog.LIMIT);
    assertThat(all.get(0).attribute("name")).isEqualTo("n44");
    assertThat(engine.events(EventQuery.builder().since(middle).build())).hasSize(150)
        .allMatch(e -> e.action().equals("destroy"));
    assertThat(engine.events(EventQuery.builder().since(start).until(middle).build())).hasSize(106)
        .allMatch(e -> e.action().equals("create"));
  }

  @Test
  void subscribers_get_new_events_outside_the_lock_and_history_only_with_a_window() {
    engine.createNetwork(NetworkSpec.of("before"));
    List<Event> live = new ArrayList<>();
    List<Event> withHistory = new ArrayList<>();
    List<String> reentrant = new ArrayList<>();
    Subscription s = engine.subscribe(EventQuery.all(), live::add);
    engine.subscribe(EventQuery.builder().since(Instant.EPOCH).build(), withHistory::add);
    engine.subscribe(EventQuery.all(), e -> reentrant.add(engine.networks().size() + " networks")); // may call the engine

    engine.createNetwork(NetworkSpec.of("after"));
    s.close();
    engine.createNetwork(NetworkSpec.of("closed"));

    assertThat(summaries(live)).containsExactly("network create after");
    assertThat(summaries(withHistory)).containsExactly("network create before", "network create after",
        "network create closed");
    assertThat(reentrant).containsExactly("5 networks", "6 networks");
    assertThat(s.isActive()).isFalse();
  }

  @Test
  void a_subscription_with_an_until_ends_past_it_and_a_failing_listener_is_dropped() {
    Instant until = engine.clock().now().plusSeconds(5);
    List<Event> got = new ArrayList<>();
    Subscription s = engine.subscribe(EventQuery.builder().until(until).build(), got::add);
    Subscription bad = engine.subscribe(EventQuery.all(), e -> {
      throw new IllegalStateException("boom");
    });
    engine.createNetwork(NetworkSpec.of("a"));
    engine.advanceClock(Duration.ofSeconds(10));
    engine.createNetwork(NetworkSpec.of("b"));
    assertThat(summaries(got)).containsExactly("network create a");
    assertThat(s.isActive()).isFalse();
    assertThat(bad.isActive()).isFalse();
  }

  @Test
  void filters_are_mobys() {
    engine.createNetwork(NetworkSpec.of("dev"));
    ContainerInfo web = engine.run(ContainerSpec.builder().image("nginx:1.27").name("web").putLabel("env", "prod")
        .networkMode(NetworkMode.network("dev")).build());
    engine.run(ContainerSpec.builder().image("redis").name("db").build());
    engine.kill("web", "KILL");

    assertThat(summaries(filtered("type=network"))).containsExactly("network create dev", "network connect dev",
        "network connect bridge", "network disconnect dev");
    assertThat(summaries(filtered("event=die"))).containsExactly("container die web");
    assertThat(summaries(filtered("container=web", "event=start"))).containsExactly("container start web");
    assertThat(filtered("container=" + web.id().substring(0, 6))).hasSize(4); // an id prefix matches
    assertThat(summaries(filtered("label=env=prod"))).hasSize(4);
    assertThat(filtered("label=env=dev")).isEmpty();
    assertThat(summaries(filtered("image=nginx", "event=create"))).containsExactly("container create web");
    assertThat(summaries(filtered("image=nginx:1.27", "event=create"))).containsExactly("container create web");
    assertThat(summaries(filtered("network=dev", "type=network"))).hasSize(3);
    assertThat(summaries(filtered("event=create", "event=kill"))).containsExactly("network create dev",
        "container create web", "container create db", "container kill web");
    assertThat(filtered("scope=swarm")).isEmpty();
  }

  @Test
  void health_status_and_exec_filters_match_the_action_by_prefix() {
    engine.run(ContainerSpec.builder().image("nginx").name("web").build());
    engine.exec("web", List.of("hostname"));
    assertThat(filtered("event=exec_start")).extracting(Event::action).containsExactly("exec_start: hostname ");
    assertThat(filtered("event=exec_die")).hasSize(1);
    assertThat(filtered("event=exec")).isEmpty(); // exact unless the value is one of the three
  }

  @Test
  void events_render_as_dockers_message_and_the_clis_line() {
    ContainerInfo web = engine.run(ContainerSpec.builder().image("nginx").name("web").build());
    List<Event> all = engine.events(EventQuery.all());
    Event pull = all.get(0);
    Event create = all.get(1);

    String t = String.valueOf(create.timeSeconds());
    String n = String.valueOf(create.timeNano());
    assertThat(dev.cnm.core.json.DockerJson.toJson(dev.cnm.core.json.DockerJson.event(create))).isEqualTo(
        "{\"status\":\"create\",\"id\":\"" + web.id() + "\",\"from\":\"nginx\",\"Type\":\"container\","
            + "\"Action\":\"create\",\"Actor\":{\"ID\":\"" + web.id() + "\",\"Attributes\":{\"image\":\"nginx\","
            + "\"name\":\"web\"}},\"scope\":\"local\",\"time\":" + t + ",\"timeNano\":" + n + "}");
    assertThat(dev.cnm.core.json.DockerJson.event(pull).has("from")).isFalse(); // an image event has none
    assertThat(dev.cnm.core.json.DockerJson.event(pull).get("status").textValue()).isEqualTo("pull");
    Event connect = all.get(2);
    assertThat(dev.cnm.core.json.DockerJson.event(connect).has("status")).isFalse(); // nor a network event

    String line = dev.cnm.core.format.DockerText.eventLine(create, java.time.ZoneOffset.UTC);
    assertThat(line).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z container create " + web.id()
        + " \\(image=nginx, name=web\\)\n");
    assertThat(dev.cnm.core.format.DockerText.eventLine(create, java.time.ZoneOffset.ofHours(2))).contains("+02:00 ");
  }

  @Test
  void a_wait_result_renders_as_dockers_wait_response() {
    assertThat(dev.cnm.core.json.DockerJson.toJson(dev.cnm.core.json.DockerJson.waitResponse(
        dev.cnm.api.process.WaitResult.of(137, java.util.Optional.empty())))).isEqualTo("{\"StatusCode\":137}");
    assertThat(dev.cnm.core.json.DockerJson.toJson(dev.cnm.core.json.DockerJson.waitResponse(
        dev.cnm.api.process.WaitResult.of(127, java.util.Optional.of("no such file")))))
        .isEqualTo("{\"Error\":{\"Message\":\"no such file\"},\"StatusCode\":127}");
  }
}
