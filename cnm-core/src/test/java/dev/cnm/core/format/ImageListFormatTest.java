package dev.cnm.core.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cnm.api.Engine;
import dev.cnm.api.image.BuildContext;
import dev.cnm.api.image.BuildRequest;
import dev.cnm.api.image.Image;
import dev.cnm.core.Cnm;
import dev.cnm.core.json.DockerJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageListFormatTest {
  private static final Instant NOW = Instant.parse("2025-06-20T00:00:00Z");
  private final Engine engine = Cnm.builder().seed(4).build();

  private ArrayNode list() {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    for (Image i : engine.images().images()) {
      a.add(DockerJson.imageSummary(i));
    }
    return a;
  }

  @Test
  void the_default_table_has_one_row_per_tag() {
    Image nginx = engine.images().pull("nginx").image();
    Image alpine = engine.images().pull("alpine").image();
    engine.images().tag("alpine", "base:1");
    assertThat(ImageListFormat.table().format(list(), NOW)).isEqualTo(String.join("\n",
        "REPOSITORY   TAG       IMAGE ID       CREATED        SIZE",
        "alpine       latest    " + alpine.shortId() + "   3 weeks ago    8.31MB",
        "base         1         " + alpine.shortId() + "   3 weeks ago    8.31MB",
        "nginx        latest    " + nginx.shortId() + "   2 months ago   192MB",
        ""));
  }

  @Test
  void quiet_digests_no_trunc_and_dangling() {
    Image alpine = engine.images().pull("alpine").image();
    engine.images().build(BuildRequest.builder().context(BuildContext.of(Map.of("Dockerfile",
        "FROM alpine\nCMD [\"x\"]\n".getBytes(StandardCharsets.UTF_8)))).build());
    String quiet = ImageListFormat.of("", true, false).format(list(), NOW);
    assertThat(quiet.lines()).hasSize(2).allMatch(l -> l.matches("[0-9a-f]{12}"));
    String digests = ImageListFormat.of("", false, true).format(list(), NOW);
    assertThat(digests.lines().findFirst().orElseThrow()).startsWith("REPOSITORY   TAG       DIGEST");
    assertThat(digests).contains(alpine.repoDigests().get(0).substring("alpine@".length()));
    assertThat(digests).contains("<none>       <none>    <none>");
    String full = ImageListFormat.of("{{.ID}} {{.Repository}}:{{.Tag}}", false, false).noTrunc().format(list(), NOW);
    assertThat(full).contains(alpine.id() + " alpine:latest\n");
    String json = ImageListFormat.of("json", false, false).format(list(), NOW);
    assertThat(json).contains("\"Repository\":\"alpine\"").contains("\"Size\":\"8.31MB\"")
        .contains("\"Digest\":\"\\u003cnone\\u003e\"");
  }
}
