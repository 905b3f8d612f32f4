package dev.cnm.api.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.port.ExposedPort;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ImageCatalogTest {
  private final ImageCatalog images = ImageCatalog.dockerDefaults();

  @ParameterizedTest
  @CsvSource({
      "nginx, docker.io/library/nginx:latest",
      "nginx:latest, docker.io/library/nginx:latest",
      "library/nginx, docker.io/library/nginx:latest",
      "docker.io/library/nginx:latest, docker.io/library/nginx:latest",
      "index.docker.io/nginx, docker.io/library/nginx:latest",
      "jpetazzo/clock, docker.io/jpetazzo/clock:latest",
      "localhost:5000/web, localhost:5000/web:latest",
      "quay.io/org/app:v1, quay.io/org/app:v1",
      "redis@sha256:abc, docker.io/library/redis@sha256:abc",
  })
  void normalize(String name, String expected) {
    assertThat(ImageCatalog.normalize(name)).isEqualTo(expected);
  }

  @Test
  void defaults_exposed_ports() {
    assertThat(images.lookup("nginx").exposedPorts()).containsExactly(ExposedPort.tcp(80));
    assertThat(images.lookup("docker.io/library/nginx:latest").env()).contains("NGINX_VERSION=1.27.5");
    assertThat(images.lookup("redis").exposedPorts()).containsExactly(ExposedPort.tcp(6379));
    assertThat(images.lookup("elasticsearch").exposedPorts())
        .containsExactly(ExposedPort.tcp(9200), ExposedPort.tcp(9300));
    assertThat(images.lookup("jpetazzo/trainingwheels").exposedPorts()).containsExactly(ExposedPort.tcp(5000));
    assertThat(images.lookup("postgres").exposedPorts()).containsExactly(ExposedPort.tcp(5432));
    assertThat(images.lookup("mysql").exposedPorts()).containsExactly(ExposedPort.tcp(3306));
    assertThat(images.lookup("httpd").exposedPorts()).containsExactly(ExposedPort.tcp(80));
    for (String none : List.of("alpine", "jpetazzo/clock", "busybox", "ubuntu", "debian")) {
      assertThat(images.find(none)).as(none).isPresent();
      assertThat(images.lookup(none).exposedPorts()).as(none).isEmpty();
    }
  }

  @Test
  void unknown_tag_falls_back_to_repository_unknown_image_exposes_nothing() {
    assertThat(images.lookup("redis:7").exposedPorts()).containsExactly(ExposedPort.tcp(6379));
    assertThat(images.find("nosuch/image")).isEmpty();
    ImageInfo unknown = images.lookup("nosuch/image");
    assertThat(unknown.reference()).isEqualTo("docker.io/nosuch/image:latest");
    assertThat(unknown.exposedPorts()).isEmpty();
    assertThat(unknown.env()).isEmpty();
  }

  @Test
  void with_adds_or_replaces_without_changing_the_original() {
    ImageCatalog more = images.with(ImageInfo.of("myorg/web", List.of(ExposedPort.tcp(8080)), List.of("A=1")));
    assertThat(more.lookup("docker.io/myorg/web").exposedPorts()).containsExactly(ExposedPort.tcp(8080));
    assertThat(images.find("myorg/web")).isEmpty();
    ImageCatalog replaced = more.with(ImageInfo.of("nginx", List.of(ExposedPort.tcp(80), ExposedPort.tcp(443)), List.of()));
    assertThat(replaced.lookup("nginx").exposedPorts()).hasSize(2);
    assertThat(replaced.images()).hasSize(images.images().size() + 1);
    assertThatThrownBy(() -> ImageInfo.of("x", List.of(), List.of("NOVALUE"))).isInstanceOf(IllegalArgumentException.class);
  }
}
