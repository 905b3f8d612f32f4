package dev.cnm.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.image.BuildContext;
import dev.cnm.api.image.BuildRequest;
import dev.cnm.api.image.PullPolicy;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Images in the state document: what {@code cnm} saves between commands and {@code cnm serve} after each request. */
class ImageStateTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static Engine populated() {
    Engine e = TestDrivers.builder(21).pullPolicy(PullPolicy.NEVER).build();
    e.images().pull("nginx");
    e.images().pull("redis");
    e.images().tag("nginx", "web:1");
    e.images().build(BuildRequest.builder().context(BuildContext.of(Map.of("Dockerfile",
        "FROM nginx\nENV A=1\nRUN true\nCMD [\"x\"]\n".getBytes(StandardCharsets.UTF_8)))).addTag("built").build());
    e.run(ContainerSpec.builder().image("built").name("b1").build());
    e.createContainer(ContainerSpec.builder().image("redis").name("r1").build());
    return e;
  }

  @Test
  void restore_keeps_images_references_layers_and_the_containers_images() {
    Engine original = populated();
    byte[] saved = EngineState.export(original);
    Engine restored = EngineState.restore(saved, TestDrivers.builder(22).pullPolicy(PullPolicy.NEVER));
    assertThat(restored.images().images()).isEqualTo(original.images().images());
    assertThat(restored.images().history("built")).isEqualTo(original.images().history("built"));
    assertThat(restored.containers()).isEqualTo(original.containers());
    assertThat(restored.container("b1").imageId()).isEqualTo(original.images().image("built").id());
    assertThat(new String(EngineState.export(restored), StandardCharsets.UTF_8))
        .isEqualTo(new String(saved, StandardCharsets.UTF_8));
    // the build cache survives: the same Dockerfile makes the same image
    String again = restored.images().build(BuildRequest.builder().context(BuildContext.of(Map.of("Dockerfile",
        "FROM nginx\nENV A=1\nRUN true\nCMD [\"x\"]\n".getBytes(StandardCharsets.UTF_8)))).build()).image().id();
    assertThat(again).isEqualTo(original.images().image("built").id());
  }

  @Test
  void a_document_whose_image_does_not_hash_to_its_id_is_refused() throws Exception {
    ObjectNode doc = (ObjectNode) MAPPER.readTree(EngineState.export(populated()));
    ObjectNode image = (ObjectNode) doc.withArray("images").get(0);
    image.put("document", image.get("document").asText().replace("amd64", "arm64"));
    byte[] tampered = MAPPER.writeValueAsBytes(doc);
    assertThatThrownBy(() -> EngineState.restore(tampered, TestDrivers.builder(1)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("invalid engine state: ")
        .hasMessageContaining("its document hashes to sha256:");
  }

  @Test
  void a_document_written_before_images_restores_without_any() throws Exception {
    ObjectNode doc = (ObjectNode) MAPPER.readTree(EngineState.export(populated()));
    doc.remove("images");
    doc.remove("layers");
    doc.remove("references");
    for (JsonNode c : doc.withArray("containers")) {
      ((ObjectNode) c).remove("imageId");
      ((ObjectNode) c).remove("imageConfig");
    }
    Engine restored = EngineState.restore(MAPPER.writeValueAsBytes(doc), TestDrivers.builder(2));
    assertThat(restored.images().images()).isEmpty();
    assertThat(restored.container("b1").imageId()).isEmpty();
    assertThat(dev.cnm.core.json.DockerJson.container(restored.container("b1")).get("Image").asText())
        .isEqualTo(dev.cnm.core.json.DockerJson.imageId("built"));
  }
}
