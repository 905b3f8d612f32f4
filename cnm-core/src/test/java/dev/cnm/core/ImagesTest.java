package dev.cnm.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.error.ConflictException;
import dev.cnm.api.error.ForbiddenException;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.error.NotFoundException;
import dev.cnm.api.image.Image;
import dev.cnm.api.image.ImageDeleteItem;
import dev.cnm.api.image.ImageHistoryItem;
import dev.cnm.api.image.ImageService;
import dev.cnm.api.image.ProgressMessage;
import dev.cnm.api.image.PullPolicy;
import dev.cnm.api.image.PullResult;
import dev.cnm.core.json.DockerJson;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImagesTest {
  private final Engine engine = TestDrivers.builder(5).pullPolicy(PullPolicy.NEVER).build();
  private final ImageService images = engine.images();

  @Test
  void a_new_engine_has_no_image() {
    assertThat(images.images()).isEmpty();
    assertThat(TestDrivers.builder(5).build().images().images()).isEmpty();
  }

  @Test
  void pull_names_the_image_by_tag_and_digest_with_a_content_id() {
    PullResult r = images.pull("nginx");
    Image nginx = r.image();
    assertThat(r.reference()).isEqualTo("docker.io/library/nginx:latest");
    assertThat(r.downloaded()).isTrue();
    assertThat(nginx.id()).matches("sha256:[0-9a-f]{64}");
    assertThat(nginx.repoTags()).containsExactly("nginx:latest");
    assertThat(nginx.repoDigests()).singleElement().asString().matches("nginx@sha256:[0-9a-f]{64}");
    assertThat(nginx.config().cmd()).containsExactly("nginx", "-g", "daemon off;");
    assertThat(nginx.config().stopSignal()).contains("SIGQUIT");
    assertThat(nginx.size()).isEqualTo(192_200_000L);
    assertThat(nginx.layers()).hasSize(7);
    assertThat(nginx.lastTagTime()).isEmpty();
    // the same content has the same id and digest on every engine, as in Docker's content-addressed store
    Image again = TestDrivers.builder(99).build().images().pull("nginx:latest").image();
    assertThat(again.id()).isEqualTo(nginx.id());
    assertThat(again.repoDigests()).isEqualTo(nginx.repoDigests());
  }

  @Test
  void pull_writes_dockerds_progress_messages() {
    List<ProgressMessage> seen = new ArrayList<>();
    PullResult r = images.pull("alpine:latest", seen::add);
    assertThat(seen).isEqualTo(r.messages());
    List<String> text = new ArrayList<>();
    seen.forEach(m -> text.add(m.toString()));
    String layer = seen.get(1).id();
    assertThat(layer).hasSize(12);
    assertThat(text).containsExactly(
        "latest: Pulling from library/alpine",
        layer + ": Pulling fs layer",
        layer + ": Downloading 3324000/3324000",
        layer + ": Verifying Checksum",
        layer + ": Download complete",
        layer + ": Extracting 8310000/8310000",
        layer + ": Pull complete",
        "Digest: " + r.image().repoDigests().get(0).substring("alpine@".length()),
        "Status: Downloaded newer image for alpine:latest");
    assertThat(DockerJson.progressLine(seen.get(0))).isEqualTo("{\"status\":\"Pulling from library/alpine\",\"id\":\"latest\"}\r\n");
    assertThat(DockerJson.progressLine(seen.get(1)))
        .isEqualTo("{\"status\":\"Pulling fs layer\",\"progressDetail\":{},\"id\":\"" + layer + "\"}\r\n");
    assertThat(DockerJson.progressLine(seen.get(2))).isEqualTo("{\"status\":\"Downloading\",\"progressDetail\":"
        + "{\"current\":3324000,\"total\":3324000},\"progress\":\"[==================================================\\u003e] "
        + " 3.324MB/3.324MB\",\"id\":\"" + layer + "\"}\r\n");
  }

  @Test
  void a_second_pull_is_up_to_date() {
    images.pull("alpine");
    PullResult again = images.pull("alpine");
    assertThat(again.downloaded()).isFalse();
    assertThat(again.messages()).extracting(ProgressMessage::toString).containsExactly(
        "latest: Pulling from library/alpine",
        "Digest: " + again.image().repoDigests().get(0).substring("alpine@".length()),
        "Status: Image is up to date for alpine:latest");
  }

  @Test
  void images_built_on_one_base_share_its_layer() {
    images.pull("nginx");
    PullResult redis = images.pull("redis");
    assertThat(redis.messages().get(1).toString()).endsWith(": Already exists");
    assertThat(redis.image().layers().get(0)).isEqualTo(images.image("nginx").layers().get(0));
  }

  @Test
  void a_name_outside_the_catalogue_pulls_a_generic_image() {
    Image img = images.pull("myorg/tool:2").image();
    assertThat(img.repoTags()).containsExactly("myorg/tool:2");
    assertThat(img.repoDigests()).singleElement().asString().startsWith("myorg/tool@sha256:");
    assertThat(img.config().cmd()).containsExactly("sh");
    assertThat(images.pull("myorg/other").image().id()).isNotEqualTo(img.id());
  }

  @Test
  void pull_by_digest_needs_the_registrys_digest() {
    String digest = images.pull("busybox").image().repoDigests().get(0).substring("busybox@".length());
    images.remove("busybox", false, false);
    Image byDigest = images.pull("busybox@" + digest).image();
    assertThat(byDigest.repoTags()).isEmpty();
    assertThat(byDigest.repoDigests()).containsExactly("busybox@" + digest);
    String other = "sha256:" + "0".repeat(64);
    assertThatThrownBy(() -> images.pull("busybox@" + other))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("manifest for busybox@" + other + " not found: manifest unknown: manifest unknown");
  }

  @Test
  void pull_refuses_bad_references_as_the_daemon_does() {
    assertThatThrownBy(() -> images.pull("Nginx")).isInstanceOf(InvalidParameterException.class)
        .hasMessage("invalid reference format: repository name (library/Nginx) must be lowercase");
    assertThatThrownBy(() -> images.pull("nginx:bad tag")).isInstanceOf(InvalidParameterException.class)
        .hasMessage("invalid reference format");
    assertThatThrownBy(() -> images.pull("scratch")).isInstanceOf(ForbiddenException.class)
        .hasMessage("'scratch' is a reserved name");
    assertThat(images.images()).isEmpty();
  }

  @Test
  void lookups_follow_getimage() {
    Image alpine = images.pull("alpine").image();
    String hex = alpine.id().substring("sha256:".length());
    assertThat(images.image("alpine").id()).isEqualTo(alpine.id());
    assertThat(images.image("alpine:latest").id()).isEqualTo(alpine.id());
    assertThat(images.image("docker.io/library/alpine").id()).isEqualTo(alpine.id());
    assertThat(images.image(alpine.id()).id()).isEqualTo(alpine.id());
    assertThat(images.image(hex).id()).isEqualTo(alpine.id());
    assertThat(images.image(hex.substring(0, 1)).id()).isEqualTo(alpine.id());
    assertThat(images.image("sha256:" + hex.substring(0, 6)).id()).isEqualTo(alpine.id());
    assertThat(images.image(alpine.repoDigests().get(0)).id()).isEqualTo(alpine.id());
    assertThatThrownBy(() -> images.image("alpine:3.20")).isInstanceOf(NotFoundException.class)
        .hasMessage("No such image: alpine:3.20");
    assertThatThrownBy(() -> images.image("nginx")).isInstanceOf(NotFoundException.class)
        .hasMessage("No such image: nginx:latest");
    String other = hex.charAt(0) == 'f' ? "e" : "f";
    assertThatThrownBy(() -> images.image(other)).isInstanceOf(NotFoundException.class)
        .hasMessage("No such image: " + other + ":latest");
    assertThatThrownBy(() -> images.image("sha256:" + "0".repeat(64))).isInstanceOf(NotFoundException.class)
        .hasMessage("No such image: sha256:" + "0".repeat(64));
    assertThatThrownBy(() -> images.image("UPPER")).isInstanceOf(InvalidParameterException.class);
  }

  @Test
  void an_ambiguous_id_prefix_finds_nothing() {
    List<String> ids = new ArrayList<>();
    for (String name : List.of("alpine", "busybox", "ubuntu", "debian", "httpd", "redis", "mysql", "postgres",
        "nginx", "elasticsearch", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "b1", "b2", "b3")) {
      ids.add(images.pull(name).image().id().substring("sha256:".length()));
    }
    String shared = null;
    for (int i = 0; i < ids.size() && shared == null; i++) {
      for (int j = i + 1; j < ids.size(); j++) {
        if (ids.get(i).charAt(0) == ids.get(j).charAt(0)) {
          shared = ids.get(i).substring(0, 1);
          break;
        }
      }
    }
    assertThat(shared).as("22 ids share a first digit").isNotNull();
    String prefix = shared;
    assertThat(images.findImage(prefix)).isEmpty();
    assertThatThrownBy(() -> images.image(prefix)).isInstanceOf(NotFoundException.class)
        .hasMessage("No such image: " + prefix + ":latest");
  }

  @Test
  void create_answers_404_for_an_absent_image_and_keeps_nothing() {
    assertThatThrownBy(() -> engine.createContainer(ContainerSpec.builder().image("nginx").name("web").build()))
        .isInstanceOf(NotFoundException.class).hasMessage("No such image: nginx:latest");
    assertThat(engine.containers()).isEmpty();
    images.pull("nginx");
    ContainerInfo web = engine.createContainer(ContainerSpec.builder().image("nginx").name("web").build());
    assertThat(web.imageId()).isEqualTo(images.image("nginx").id());
    assertThat(web.image()).isEqualTo("nginx");
    assertThat(DockerJson.container(web).get("Image").asText()).isEqualTo(web.imageId());
  }

  @Test
  void the_missing_pull_policy_pulls_at_create_and_undoes_it_when_create_fails() {
    Engine lenient = TestDrivers.builder(6).build();
    lenient.createContainer(ContainerSpec.builder().image("redis").name("cache").build());
    assertThat(lenient.images().images()).extracting(Image::repoTags).containsExactly(List.of("redis:latest"));
    assertThatThrownBy(() -> lenient.createContainer(ContainerSpec.builder().image("alpine").name("cache").build()))
        .isInstanceOf(ConflictException.class);
    assertThat(lenient.images().findImage("alpine")).isEmpty();
  }

  @Test
  void a_container_created_by_id_keeps_the_id_as_its_image() {
    Image alpine = images.pull("alpine").image();
    String prefix = alpine.id().substring("sha256:".length(), "sha256:".length() + 4);
    ContainerInfo c = engine.createContainer(ContainerSpec.of(prefix));
    assertThat(c.image()).isEqualTo(prefix);
    assertThat(c.imageId()).isEqualTo(alpine.id());
    assertThat(c.command()).containsExactly("/bin/sh");
    assertThat(DockerJson.container(c).path("Config").path("Image").asText()).isEqualTo(prefix);
  }

  @Test
  void the_environment_merges_as_dockerd_does_container_first() {
    images.pull("alpine");
    ContainerInfo c = engine.createContainer(ContainerSpec.builder().image("alpine").addEnv("A=1").build());
    assertThat(c.env()).containsExactly("A=1", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    ContainerInfo d = engine.createContainer(ContainerSpec.builder().image("alpine").addEnv("PATH=/x").build());
    assertThat(d.env()).containsExactly("PATH=/x");
  }

  @Test
  void tag_names_the_same_image_and_records_the_time() {
    Image alpine = images.pull("alpine").image();
    Image tagged = images.tag("alpine", "base:1");
    assertThat(tagged.id()).isEqualTo(alpine.id());
    assertThat(tagged.repoTags()).containsExactly("alpine:latest", "base:1");
    assertThat(tagged.lastTagTime()).isPresent();
    assertThat(images.tag(alpine.id(), "localhost:5000/team/base").repoTags())
        .containsExactly("alpine:latest", "base:1", "localhost:5000/team/base:latest");
    images.pull("busybox");
    images.tag("busybox", "base:1");
    assertThat(images.image("base:1").repoTags()).containsExactly("base:1", "busybox:latest");
    assertThatThrownBy(() -> images.tag("nosuch", "x")).isInstanceOf(NotFoundException.class)
        .hasMessage("No such image: nosuch:latest");
    assertThatThrownBy(() -> images.tag("alpine", "sha256")).isInstanceOf(InvalidParameterException.class)
        .hasMessage("refusing to create an ambiguous tag using digest algorithm as name");
    assertThatThrownBy(() -> images.tag("alpine", "x@sha256:" + "a".repeat(64)))
        .isInstanceOf(InvalidParameterException.class).hasMessage("cannot import digest reference");
  }

  @Test
  void rmi_untags_then_deletes_the_image_and_its_own_layers() {
    images.pull("nginx");
    Image redis = images.pull("redis").image();
    String digest = redis.repoDigests().get(0);
    List<ImageDeleteItem> removed = images.remove("redis", false, false);
    assertThat(removed.get(0)).hasToString("Untagged: redis:latest");
    assertThat(removed.get(1)).hasToString("Untagged: " + digest);
    assertThat(removed.get(2)).hasToString("Deleted: " + redis.id());
    // its seven own layers go, top first; the Debian base nginx shares stays
    assertThat(removed).hasSize(3 + 7);
    assertThat(images.findImage("redis")).isEmpty();
    assertThat(images.image("nginx").layers().get(0)).isEqualTo(redis.layers().get(0));
  }

  @Test
  void rmi_of_one_of_two_tags_only_untags() {
    images.pull("alpine");
    images.tag("alpine", "mine");
    assertThat(images.remove("mine", false, false)).containsExactly(ImageDeleteItem.untagged("mine:latest"));
    assertThat(images.image("alpine").repoTags()).containsExactly("alpine:latest");
  }

  @Test
  void rmi_conflicts_with_containers_as_dockerd_does() {
    Image alpine = images.pull("alpine").image();
    ContainerInfo c = engine.run(ContainerSpec.builder().image("alpine").name("cc").tty(true).build());
    String shortId = alpine.shortId();
    assertThatThrownBy(() -> images.remove("alpine", false, false)).isInstanceOf(ConflictException.class)
        .hasMessage("conflict: unable to remove repository reference \"alpine\" (must force) - container "
            + c.shortId() + " is using its referenced image " + shortId);
    assertThatThrownBy(() -> images.remove(shortId, true, false)).isInstanceOf(ConflictException.class)
        .hasMessage("conflict: unable to delete " + shortId + " (cannot be forced) - image is being used by running "
            + "container " + c.shortId());
    assertThat(images.image("alpine").repoTags()).containsExactly("alpine:latest");
    engine.stop("cc");
    assertThatThrownBy(() -> images.remove(shortId, false, false)).isInstanceOf(ConflictException.class)
        .hasMessage("conflict: unable to delete " + shortId + " (must be forced) - image is being used by stopped "
            + "container " + c.shortId());
    images.tag("alpine", "two");
    assertThatThrownBy(() -> images.remove(shortId, false, false)).isInstanceOf(ConflictException.class)
        .hasMessage("conflict: unable to delete " + shortId + " (must be forced) - image is referenced in multiple "
            + "repositories");
    assertThat(images.remove(shortId, true, false)).extracting(ImageDeleteItem::toString)
        .startsWith("Untagged: alpine:latest");
    assertThat(images.findImage(shortId)).isEmpty();
    assertThat(engine.container("cc").imageId()).isEqualTo(alpine.id());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " "})
  void rmi_of_a_blank_name_is_refused(String name) {
    assertThatThrownBy(() -> images.remove(name, false, false)).isInstanceOf(InvalidParameterException.class)
        .hasMessage("image name cannot be blank");
  }

  @Test
  void history_of_a_pulled_image_has_no_step_ids_but_its_own() {
    Image nginx = images.pull("nginx").image();
    List<ImageHistoryItem> history = images.history("nginx");
    assertThat(history.get(0).id()).isEqualTo(nginx.id());
    assertThat(history.get(0).tags()).containsExactly("nginx:latest");
    assertThat(history.subList(1, history.size())).allMatch(h -> h.id().equals(ImageHistoryItem.MISSING));
    assertThat(history.stream().mapToLong(ImageHistoryItem::size).sum()).isEqualTo(nginx.size());
    assertThat(history.get(0).createdBy()).isEqualTo("CMD [\"nginx\" \"-g\" \"daemon off;\"]");
  }

  @Test
  void images_are_listed_newest_first() {
    images.pull("jpetazzo/clock");
    images.pull("alpine");
    images.pull("nginx");
    assertThat(images.images()).extracting(i -> i.repoTags().get(0))
        .containsExactly("alpine:latest", "nginx:latest", "jpetazzo/clock:latest");
  }
}
