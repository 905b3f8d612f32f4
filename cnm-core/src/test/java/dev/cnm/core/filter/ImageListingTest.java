package dev.cnm.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.error.NotFoundException;
import dev.cnm.api.image.BuildContext;
import dev.cnm.api.image.BuildRequest;
import dev.cnm.api.image.Image;
import dev.cnm.core.Cnm;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageListingTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-20T00:00:00Z"), ZoneOffset.UTC);
  private final Engine engine = Cnm.builder().seed(6).build();

  private List<String> images(boolean all, String... filters) {
    FilterArgs.Builder f = FilterArgs.builder();
    for (String flag : filters) {
      f.addFlag(flag);
    }
    List<String> out = new java.util.ArrayList<>();
    for (Image i : Listing.images(engine, ImageListOptions.builder().all(all).filters(f.build()).build(), CLOCK)) {
      out.add(i.repoTags().isEmpty() ? "<none>" : String.join(",", i.repoTags()));
    }
    return out;
  }

  private Image build(String dockerfile, String... tags) {
    return engine.images().build(BuildRequest.builder().context(BuildContext.of(Map.of("Dockerfile",
        dockerfile.getBytes(StandardCharsets.UTF_8)))).addTags(tags).build()).image();
  }

  @Test
  void intermediate_images_show_with_all_only() {
    engine.images().pull("alpine");
    build("FROM alpine\nENV A=1\nCMD [\"x\"]\n", "app");
    assertThat(images(false)).containsExactly("app:latest", "alpine:latest");
    assertThat(images(true)).containsExactly("app:latest", "<none>", "alpine:latest");
  }

  @Test
  void dangling_reference_label_before_since() {
    engine.images().pull("nginx");
    engine.images().pull("alpine");
    engine.images().tag("alpine", "team/base:1");
    build("FROM alpine\nLABEL tier=web\nCMD [\"x\"]\n", "web");
    build("FROM alpine\nLABEL tier=web\nCMD [\"y\"]\n", "web");
    assertThat(images(false, "dangling=true")).containsExactly("<none>");
    assertThat(images(false, "dangling=false")).containsExactly("web:latest", "alpine:latest,team/base:1",
        "nginx:latest");
    assertThat(images(false, "reference=alpine")).containsExactly("alpine:latest");
    assertThat(images(false, "reference=team/*")).containsExactly("team/base:1");
    assertThat(images(false, "reference=*:latest")).containsExactly("web:latest", "alpine:latest", "nginx:latest");
    assertThat(images(false, "label=tier=web")).containsExactly("web:latest", "<none>");
    assertThat(images(false, "before=alpine")).containsExactly("nginx:latest");
    assertThat(images(false, "since=nginx")).containsExactly("web:latest", "<none>", "alpine:latest,team/base:1");
    assertThatThrownBy(() -> images(false, "dangling=maybe")).isInstanceOf(InvalidParameterException.class)
        .hasMessage("invalid filter 'dangling=[maybe]'");
    assertThatThrownBy(() -> images(false, "nope=1")).isInstanceOf(InvalidParameterException.class)
        .hasMessage("invalid filter 'nope'");
    assertThatThrownBy(() -> images(false, "before=gone")).isInstanceOf(NotFoundException.class)
        .hasMessage("No such image: gone:latest");
  }

  @Test
  void ancestor_matches_containers_of_images_built_on_it() {
    engine.images().pull("alpine");
    build("FROM alpine\nCMD [\"x\"]\n", "child");
    ContainerInfo direct = engine.createContainer(ContainerSpec.builder().image("alpine").name("direct").build());
    ContainerInfo built = engine.createContainer(ContainerSpec.builder().image("child").name("built").build());
    engine.createContainer(ContainerSpec.builder().image("busybox").name("other").build());
    List<ContainerInfo> rows = Listing.containers(engine, ContainerListOptions.builder().all(true)
        .filters(FilterArgs.builder().addFlag("ancestor=alpine").build()).build());
    assertThat(rows).extracting(ContainerInfo::name).containsExactly(built.name(), direct.name());
    List<ContainerInfo> byChild = Listing.containers(engine, ContainerListOptions.builder().all(true)
        .filters(FilterArgs.builder().addFlag("ancestor=child").build()).build());
    assertThat(byChild).extracting(ContainerInfo::name).containsExactly("built");
  }
}
