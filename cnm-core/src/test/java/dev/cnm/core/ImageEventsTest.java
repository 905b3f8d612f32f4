package dev.cnm.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.error.ConflictException;
import dev.cnm.api.error.SystemException;
import dev.cnm.api.event.Event;
import dev.cnm.api.event.EventQuery;
import dev.cnm.api.event.EventType;
import dev.cnm.api.image.BuildContext;
import dev.cnm.api.image.BuildRequest;
import dev.cnm.api.image.Image;
import dev.cnm.api.image.ImageService;
import dev.cnm.core.filter.EventFilters;
import dev.cnm.core.filter.FilterArgs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The image service's events, as moby's {@code LogImageEvent} calls make them: in the engine's
 * one event stream, with the image's labels and its {@code name}, and none for an operation that
 * fails.
 */
class ImageEventsTest {
  private Engine engine;
  private ImageService images;

  @BeforeEach
  void setUp() {
    engine = TestDrivers.builder(23).build();
    images = engine.images();
  }

  /** {@code type action actor name}. */
  private List<String> events() {
    return engine.events(EventQuery.all()).stream()
        .map(e -> e.type() + " " + e.action() + " " + e.actorId() + " " + e.attribute("name"))
        .collect(Collectors.toList());
  }

  private List<Event> filtered(String... flags) {
    FilterArgs.Builder f = FilterArgs.builder();
    for (String flag : flags) {
      f.addFlag(flag);
    }
    return engine.events(EventQuery.builder().filter(EventFilters.of(f.build())).build());
  }

  private static BuildContext context(String dockerfile) {
    return BuildContext.of(Map.of("Dockerfile", dockerfile.getBytes(StandardCharsets.UTF_8), "app.txt",
        "hello".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void pull_is_one_event_per_pull_up_to_date_or_not() {
    images.pull("nginx");
    images.pull("nginx:latest");
    images.pullAllTags("redis", m -> {});

    assertThat(events()).containsExactly("image pull nginx:latest nginx", "image pull nginx:latest nginx",
        "image pull redis redis");
    Event pull = engine.events(EventQuery.all()).get(0);
    assertThat(pull.type()).isEqualTo(EventType.IMAGE);
    assertThat(pull.scope()).isEqualTo("local");
  }

  @Test
  void tag_untag_and_delete_name_the_image_by_id() {
    Image alpine = images.pull("alpine").image();
    images.tag("alpine", "mine:1");
    images.remove("mine:1", false, false);
    images.remove("alpine", false, false);

    String id = alpine.id();
    assertThat(events()).containsExactly("image pull alpine:latest alpine", "image tag " + id + " mine:1",
        "image untag " + id + " " + id, "image untag " + id + " " + id, "image delete " + id + " " + id);
  }

  @Test
  void an_images_labels_are_attributes_while_it_exists() {
    images.pull("alpine");
    Image built = images.build(BuildRequest.builder().context(context("FROM alpine\nLABEL team=net\n")).build())
        .image();
    int before = engine.events(EventQuery.all()).size();
    images.tag(built.id(), "app:1");
    images.remove("app:1", false, false);

    List<Event> after = engine.events(EventQuery.all());
    after = after.subList(before, after.size());
    assertThat(after).extracting(Event::action).containsExactly("tag", "untag", "delete");
    assertThat(after.get(0).attributes()).isEqualTo(Map.of("team", "net", "name", "app:1"));
    assertThat(after.get(1).attributes()).isEqualTo(Map.of("team", "net", "name", built.id()));
    assertThat(after.get(2).attributes()).isEqualTo(Map.of("name", built.id())); // the image is gone
  }

  @Test
  void container_events_carry_their_images_labels_under_their_own() {
    images.pull("alpine");
    images.build(BuildRequest.builder().context(context("FROM alpine\nLABEL team=net tier=back\n")).addTag("svc")
        .build());
    ContainerInfo c = engine.run(ContainerSpec.builder().image("svc").name("svc1").putLabel("tier", "front")
        .tty(true).build());

    Event create = engine.events(EventQuery.all()).stream().filter(e -> e.actorId().equals(c.id())).findFirst()
        .orElseThrow();
    assertThat(create.attributes()).isEqualTo(Map.of("image", "svc", "name", "svc1", "team", "net", "tier", "front"));
  }

  @Test
  void a_build_creates_one_image_per_committed_step_then_tags() {
    Image built = images.build(BuildRequest.builder()
        .context(context("FROM alpine\nENV A=1\nCOPY app.txt /\nRUN true\n")).addTag("app:2").build()).image();

    List<String> actions = engine.events(EventQuery.all()).stream().map(e -> e.type() + " " + e.action())
        .collect(Collectors.toList());
    // FROM pulls; ENV and RUN commit a step's container; COPY creates its image without one
    assertThat(actions).containsExactly("image pull", "image create", "image create", "image tag");
    List<Event> all = engine.events(EventQuery.all());
    assertThat(all.get(2).actorId()).isEqualTo(built.id());
    assertThat(all.get(3).attributes()).containsEntry("name", "app:2");

    int before = all.size();
    images.build(BuildRequest.builder().context(context("FROM alpine\nENV A=1\nCOPY app.txt /\nRUN true\n")).build());
    assertThat(engine.events(EventQuery.all())).hasSize(before); // every step from the cache: nothing new
  }

  @Test
  void run_of_an_absent_image_pulls_it_before_the_create() {
    ContainerInfo web = engine.run(ContainerSpec.builder().image("nginx").name("web").build());
    List<Event> all = engine.events(EventQuery.all());
    assertThat(all.get(0).type() + " " + all.get(0).action() + " " + all.get(0).actorId()).isEqualTo(
        "image pull nginx:latest");
    assertThat(all.get(1).action()).isEqualTo("create");
    assertThat(all.get(1).actorId()).isEqualTo(web.id());
  }

  @Test
  void failed_operations_record_no_image_event() {
    images.pull("busybox");
    engine.run(ContainerSpec.builder().image("busybox").name("db").tty(true).build());
    int before = engine.events(EventQuery.all()).size();
    // the image is found (pulled) before the name is taken: the conflict undoes the pull
    assertThatThrownBy(() -> engine.run(ContainerSpec.builder().image("redis").name("db").build()))
        .isInstanceOf(ConflictException.class);
    assertThat(images.findImage("redis")).isEmpty();
    assertThatThrownBy(() -> images.build(BuildRequest.builder()
        .context(context("FROM alpine\nENV A=1\nCOPY missing.txt /\n")).addTag("x").build()))
        .isInstanceOf(SystemException.class);
    assertThat(images.findImage("alpine")).isEmpty();

    assertThatThrownBy(() -> images.remove("busybox", false, false)).isInstanceOf(ConflictException.class);
    assertThat(engine.events(EventQuery.all())).hasSize(before);
    assertThat(events()).noneMatch(e -> e.contains("redis") || e.contains("alpine"));
  }

  @Test
  void image_filters_select_image_events() {
    images.pull("nginx");
    String id = images.tag("nginx", "web:1").id();
    engine.run(ContainerSpec.builder().image("web:1").name("w1").build());

    assertThat(filtered("type=image")).extracting(Event::action).containsExactly("pull", "tag");
    // the pull by its name, the tag by its id, the container's events by their image attribute
    assertThat(filtered("image=nginx")).extracting(Event::action).containsExactly("pull");
    assertThat(filtered("image=" + id)).extracting(Event::action).containsExactly("tag");
    assertThat(filtered("image=web")).extracting(e -> e.type() + " " + e.action())
        .startsWith("image tag", "container create");
    assertThat(filtered("event=tag", "type=image")).hasSize(1);
  }

  @Test
  void subscribers_receive_image_events_in_the_one_stream() {
    List<String> seen = new ArrayList<>();
    engine.subscribe(EventQuery.all(), e -> seen.add(e.type() + " " + e.action()));
    images.pull("alpine");
    engine.run(ContainerSpec.builder().image("alpine").name("a1").command(List.of("true")).build());
    images.tag("alpine", "other");

    assertThat(seen).startsWith("image pull", "container create").endsWith("container die", "image tag");
  }
}
