package dev.cnm.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Byte-for-byte comparison of {@code docker inspect}-style output with the documents under
 * {@code src/test/resources/golden/}. The golden files were written from Docker's shapes in the
 * reference document (docker-cli-api.md §A.2) and checked by hand against it; run with {@code
 * -Dgolden.update=true} to rewrite them after a deliberate change, then review the diff.
 */
class GoldenJsonTest {
  static final Instant NOW = Instant.parse("2025-06-02T09:45:00Z");

  static Stream<Arguments> documents() {
    return Stream.of(
        Arguments.of("container-user-network-running.json", DockerJson.container(Fixtures.ticktock())),
        Arguments.of("container-stopped.json", DockerJson.container(Fixtures.stopped())),
        Arguments.of("container-bridge-legacy-link.json", DockerJson.container(Fixtures.linked())),
        Arguments.of("container-created.json", DockerJson.container(Fixtures.created())),
        Arguments.of("network-bridge.json", DockerJson.network(Fixtures.bridge(Fixtures.webEndpoint(), Fixtures.lnkEndpoint()))),
        Arguments.of("network-host.json", DockerJson.network(Fixtures.host())),
        Arguments.of("network-none.json", DockerJson.network(Fixtures.none())),
        Arguments.of("network-user.json", DockerJson.network(Fixtures.dev(Fixtures.ticktockEndpoint()))),
        Arguments.of(
            "containers-list.json",
            DockerJson.parse(
                "["
                    + DockerJson.toJson(DockerJson.containerSummary(Fixtures.ticktock(), ContainerJsonInput.none(), NOW))
                    + ","
                    + DockerJson.toJson(DockerJson.containerSummary(Fixtures.stopped(), ContainerJsonInput.none(), NOW))
                    + ","
                    + DockerJson.toJson(DockerJson.containerSummary(Fixtures.created(), ContainerJsonInput.none(), NOW))
                    + "]")),
        Arguments.of(
            "networks-list.json",
            DockerJson.parse(
                "["
                    + DockerJson.toJson(DockerJson.networkSummary(Fixtures.bridge(Fixtures.webEndpoint())))
                    + ","
                    + DockerJson.toJson(DockerJson.networkSummary(Fixtures.dev(Fixtures.ticktockEndpoint())))
                    + "]")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documents")
  void matches_golden(String file, JsonNode document) throws IOException {
    // given
    List<JsonNode> shown = document.isArray() ? toList(document) : List.of(document);
    // when
    String printed = GoJson.inspectOutput(shown);
    // then
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(Path.of("src/test/resources/golden", file), printed, StandardCharsets.UTF_8);
    }
    assertThat(printed).isEqualTo(golden(file));
  }

  private static List<JsonNode> toList(JsonNode array) {
    List<JsonNode> out = new java.util.ArrayList<>();
    array.forEach(out::add);
    return out;
  }

  static String golden(String file) throws IOException {
    try (InputStream in = GoldenJsonTest.class.getResourceAsStream("/golden/" + file)) {
      assertThat(in).as("golden file %s", file).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
