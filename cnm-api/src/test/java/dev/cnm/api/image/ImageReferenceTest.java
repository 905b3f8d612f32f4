package dev.cnm.api.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.error.InvalidParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "nginx|docker.io/library/nginx|nginx|nginx",
      "nginx:1.27|docker.io/library/nginx:1.27|nginx|nginx:1.27",
      "jpetazzo/clock|docker.io/jpetazzo/clock|jpetazzo/clock|jpetazzo/clock",
      "index.docker.io/library/redis:7|docker.io/library/redis:7|redis|redis:7",
      "docker.io/alpine|docker.io/library/alpine|alpine|alpine",
      "localhost/app|localhost/app|localhost/app|localhost/app",
      "localhost:5000/team/app:v2|localhost:5000/team/app:v2|localhost:5000/team/app|localhost:5000/team/app:v2",
      "Registry/app|Registry/app|Registry/app|Registry/app",
      "sha256:8d59|docker.io/library/sha256:8d59|sha256|sha256:8d59",
      "ghcr.io/library/x|ghcr.io/library/x|ghcr.io/library/x|ghcr.io/library/x",
  })
  void parse_normalises_as_parsenormalizednamed(String input, String full, String familiarName, String familiar) {
    ImageReference r = ImageReference.parse(input);
    assertThat(r).hasToString(full);
    assertThat(r.familiarName()).isEqualTo(familiarName);
    assertThat(r.familiarString()).isEqualTo(familiar);
  }

  @Test
  void digests_and_default_tags() {
    String digest = "sha256:" + "ab".repeat(32);
    ImageReference r = ImageReference.parse("nginx@" + digest);
    assertThat(r.digest()).contains(digest);
    assertThat(r.withDefaultTag()).isEqualTo(r);
    assertThat(r.familiarString()).isEqualTo("nginx@" + digest);
    assertThat(ImageReference.parse("nginx").withDefaultTag().familiarString()).isEqualTo("nginx:latest");
    assertThat(ImageReference.parse("nginx:1").withTag("2")).hasToString("docker.io/library/nginx:2");
    assertThat(ImageReference.parse("nginx:1@" + digest).repository()).hasToString("docker.io/library/nginx");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Nginx|invalid reference format: repository name (library/Nginx) must be lowercase",
      "myorg/Web:1|invalid reference format: repository name (myorg/Web) must be lowercase",
      "''|invalid reference format",
      "nginx:|invalid reference format",
      "nginx:bad tag|invalid reference format",
      "-nginx|invalid reference format",
      "nginx@sha256:abc|invalid reference format",
      "nginx@sha256:0123456789abcdef0123456789abcdef|invalid checksum digest length",
      "nginx@md5:0123456789abcdef0123456789abcdef|unsupported digest algorithm",
      "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef|"
          + "invalid repository name (0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef), "
          + "cannot specify 64-byte hexadecimal strings",
  })
  void bad_references_get_distribution_references_messages(String input, String message) {
    assertThatThrownBy(() -> ImageReference.parse(input)).isInstanceOf(InvalidParameterException.class)
        .hasMessage(message);
    assertThat(ImageReference.tryParse(input)).isEmpty();
  }

  @Test
  void a_name_of_more_than_255_characters_is_refused() {
    String longName = "a".repeat(250);
    assertThatThrownBy(() -> ImageReference.parse(longName)).isInstanceOf(InvalidParameterException.class)
        .hasMessage("repository name must not be more than 255 characters");
  }

  @Test
  void tags_are_validated() {
    assertThatThrownBy(() -> ImageReference.parse("nginx").withTag("-bad")).isInstanceOf(InvalidParameterException.class)
        .hasMessage("invalid tag format");
  }
}
