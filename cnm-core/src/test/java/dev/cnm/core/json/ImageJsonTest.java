package dev.cnm.core.json;

import static dev.cnm.core.json.ContainerJsonTest.keys;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.api.Engine;
import dev.cnm.api.image.Image;
import dev.cnm.api.image.ImageDeleteItem;
import dev.cnm.api.image.ProgressMessage;
import dev.cnm.core.Cnm;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageJsonTest {
  private final Engine engine = Cnm.builder().seed(3).build();

  @Test
  void inspect_has_api_150s_fields_in_go_order() {
    Image nginx = engine.images().pull("nginx").image();
    ObjectNode o = DockerJson.image(nginx);
    assertThat(keys(o)).containsExactly("Id", "RepoTags", "RepoDigests", "Parent", "Comment", "Created",
        "DockerVersion", "Author", "Config", "Architecture", "Os", "Size", "GraphDriver", "RootFS", "Metadata");
    assertThat(keys(o.get("Config"))).containsExactly("ExposedPorts", "Env", "Entrypoint", "Cmd", "StopSignal");
    assertThat(o.get("Created").asText()).isEqualTo("2025-04-16T00:00:00Z");
    assertThat(o.get("Size").asLong()).isEqualTo(192_200_000L);
    assertThat(o.path("RootFS").path("Layers")).hasSize(7);
    assertThat(o.path("Metadata").path("LastTagTime").asText()).isEqualTo("0001-01-01T00:00:00Z");
    JsonNode data = o.path("GraphDriver").path("Data");
    assertThat(keys(data)).containsExactly("LowerDir", "MergedDir", "UpperDir", "WorkDir");
    assertThat(data.get("LowerDir").asText().split(":")).hasSize(6);
    assertThat(DockerJson.toJson(o.get("Config").get("ExposedPorts"))).isEqualTo("{\"80/tcp\":{}}");
  }

  @Test
  void summary_is_the_list_item() {
    Image alpine = engine.images().pull("alpine").image();
    ObjectNode o = DockerJson.imageSummary(alpine);
    assertThat(keys(o)).containsExactly("Containers", "Created", "Id", "Labels", "ParentId", "RepoDigests",
        "RepoTags", "SharedSize", "Size");
    assertThat(DockerJson.toJson(o)).isEqualTo("{\"Containers\":-1,\"Created\":1748563200,\"Id\":\"" + alpine.id()
        + "\",\"Labels\":null,\"ParentId\":\"\",\"RepoDigests\":[\"" + alpine.repoDigests().get(0)
        + "\"],\"RepoTags\":[\"alpine:latest\"],\"SharedSize\":-1,\"Size\":8310000}");
  }

  @Test
  void delete_history_and_progress_documents() {
    assertThat(DockerJson.toJson(DockerJson.imageDeleted(List.of(ImageDeleteItem.untagged("a:latest"),
        ImageDeleteItem.deleted("sha256:x"))))).isEqualTo("[{\"Untagged\":\"a:latest\"},{\"Deleted\":\"sha256:x\"}]");
    engine.images().pull("busybox");
    JsonNode history = DockerJson.imageHistory(engine.images().history("busybox"));
    assertThat(keys(history.get(0))).containsExactly("Comment", "Created", "CreatedBy", "Id", "Size", "Tags");
    assertThat(history.get(history.size() - 1).get("Id").asText()).isEqualTo("<missing>");
    assertThat(history.get(history.size() - 1).get("Tags").isNull()).isTrue();
    assertThat(DockerJson.progressLine(ProgressMessage.stream("Step 1/2 : FROM alpine")))
        .isEqualTo("{\"stream\":\"Step 1/2 : FROM alpine\"}\r\n");
    assertThat(DockerJson.progressLine(ProgressMessage.aux("sha256:abc"))).isEqualTo("{\"aux\":{\"ID\":\"sha256:abc\"}}\r\n");
    assertThat(DockerJson.progressErrorLine("boom")).isEqualTo("{\"errorDetail\":{\"message\":\"boom\"},\"error\":\"boom\"}\r\n");
  }

  @Test
  void sizes_read_as_go_units_writes_them() {
    assertThat(DockerJson.humanSize(192_200_000L)).isEqualTo("192MB");
    assertThat(DockerJson.humanSize(8_310_000L)).isEqualTo("8.31MB");
    assertThat(DockerJson.humanSize(999_900_000L)).isEqualTo("1e+03MB");
    assertThat(DockerJson.humanSize(0)).isEqualTo("0B");
    assertThat(DockerJson.humanSize(1_260_000_000L)).isEqualTo("1.26GB");
    assertThat(DockerJson.humanSize(3_324_000L, 4)).isEqualTo("3.324MB");
  }
}
