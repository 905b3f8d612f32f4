package dev.cnm.dockerapi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cnm.api.error.CnmException;
import dev.cnm.core.json.DockerJson;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Coverage-guided fuzzing of how {@code cnm serve} decodes request bodies: the body is parsed
 * as the server parses it, then handed to every decoder of {@link Requests} (network create,
 * container create, connect and disconnect, exec). Each decoder either returns a value or
 * throws what the server answers with a 400: a {@link CnmException} (Docker's {@code json:
 * cannot unmarshal ...}, {@code invalid subnet ...}) or an {@link IllegalArgumentException}
 * from a value's own checks. Any other exception would be a 500 with a Java message: a crash.
 *
 * <p>Seeds: {@code src/test/resources/dev/cnm/dockerapi/internal/RequestsFuzzTestInputs/bodies},
 * bodies the docker CLI and docker-java send; {@code mvn verify} replays them, {@code -Pfuzz}
 * fuzzes (docs/TESTING.md).
 */
class RequestsFuzzTest {
  @FuzzTest(maxDuration = "10m")
  @DictionaryEntries({"\"Name\"", "\"Driver\"", "\"IPAM\"", "\"Config\"", "\"Subnet\"",
      "\"Gateway\"", "\"IPRange\"", "\"AuxiliaryAddresses\"", "\"Options\"", "\"Labels\"",
      "\"EnableIPv6\"", "\"Internal\"", "\"Image\"", "\"Cmd\"", "\"Env\"", "\"ExposedPorts\"",
      "\"HostConfig\"", "\"NetworkMode\"", "\"PortBindings\"", "\"HostIp\"", "\"HostPort\"",
      "\"NetworkingConfig\"", "\"EndpointsConfig\"", "\"IPAMConfig\"", "\"IPv4Address\"",
      "\"Aliases\"", "\"Links\"", "\"MacAddress\"", "\"GwPriority\"", "\"Container\"",
      "\"EndpointConfig\"", "\"Force\"", "\"Tty\"", "\"Detach\"", "\"80/tcp\"", "\"8080\"",
      "\"10.0.0.0/24\"", "\"container:\"", "null", "true", "[]", "{}"})
  void bodies(byte[] input) {
    String body = new String(input, StandardCharsets.UTF_8);
    JsonNode json;
    try {
      json = body.isBlank() ? DockerJson.parse("{}") : DockerJson.parse(body);
    } catch (CnmException e) {
      assertThat(e.getMessage()).startsWith("invalid JSON: ");
      return;
    }
    decode(() -> Requests.networkSpec(json));
    decode(() -> Requests.containerSpec(json, Optional.empty()));
    decode(() -> Requests.containerSpec(json, Optional.of("web")));
    decode(() -> Requests.bool(json, "Tty", "Config.Tty"));
    decode(() -> Requests.string(json, "Container", "NetworkConnect.Container"));
    decode(() -> Requests.endpointSpec(Requests.field(json, "EndpointConfig"),
        "NetworkConnect.EndpointConfig"));
    decode(() -> Requests.bool(json, "Force", "NetworkDisconnect.Force"));
    decode(() -> Requests.stringList(json, "Cmd", "ExecOptions.Cmd"));
    decode(() -> Requests.bool(json, "Detach", "ExecStartOptions.Detach"));
  }

  private static void decode(Supplier<?> decoder) {
    try {
      decoder.get();
    } catch (CnmException | IllegalArgumentException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
