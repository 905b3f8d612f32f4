package dev.cnm.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cnm.api.error.InvalidParameterException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RoundTripTest {

  static Stream<Arguments> allDocuments() {
    return GoldenJsonTest.documents();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allDocuments")
  void everyDocumentReparsesToTheSameBytes(String name, JsonNode document) {
    // given
    String wire = DockerJson.toJson(document);
    // when
    JsonNode reread = DockerJson.parse(wire);
    // then
    assertThat(DockerJson.toJson(reread)).isEqualTo(wire);
    assertThat(GoJson.indent(reread)).isEqualTo(GoJson.indent(document));
    // (Jackson's node equality is type-sensitive, IntNode versus LongNode; bytes are what count.)
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allDocuments")
  void goldenFilesParseBackToTheDocuments(String file, JsonNode document) throws Exception {
    JsonNode golden = DockerJson.parse(GoldenJsonTest.golden(file));
    assertThat(DockerJson.toJson(golden))
        .isEqualTo(DockerJson.toJson(document.isArray() ? document : Nodes.array().add(document)));
  }

  static Stream<JsonNode> networkDocuments() {
    return Stream.of(
        DockerJson.network(Fixtures.bridge(Fixtures.webEndpoint(), Fixtures.lnkEndpoint())),
        DockerJson.network(Fixtures.host()),
        DockerJson.network(Fixtures.none()),
        DockerJson.network(Fixtures.dev(Fixtures.ticktockEndpoint())),
        DockerJson.networkSummary(Fixtures.dev(Fixtures.ticktockEndpoint())));
  }

  @ParameterizedTest
  @MethodSource("networkDocuments")
  void networkDocumentsReadIntoTheTypedRecordAndWriteBackIdentically(JsonNode document) {
    // given
    String wire = DockerJson.toJson(document);
    // when
    NetworkResource typed = DockerJson.read(wire, NetworkResource.class);
    // then
    assertThat(DockerJson.toJson(typed)).isEqualTo(wire);
  }

  @Test
  void typedRecordExposesDockersFields() {
    NetworkResource dev = DockerJson.read(DockerJson.toJson(DockerJson.network(Fixtures.dev(Fixtures.ticktockEndpoint()))), NetworkResource.class);
    assertThat(dev.name()).isEqualTo("dev");
    assertThat(dev.ipam().config()).containsExactly(
        new NetworkResource.IpamConfig("172.18.0.0/16", "172.18.5.0/24", "172.18.0.1", Map.of("host1", "172.18.0.5")));
    assertThat(dev.containers().get(Fixtures.TICKTOCK_ID).ipv4Address()).isEqualTo("172.18.0.2/16");
    NetworkResource host = DockerJson.read(DockerJson.toJson(DockerJson.network(Fixtures.host())), NetworkResource.class);
    assertThat(host.ipam().options()).isNull();
    assertThat(host.ipam().config()).isNull();
  }

  @Test
  void htmlEscapesSurviveTheRoundTrip() {
    String wire = DockerJson.toJson(DockerJson.container(
        dev.cnm.api.ContainerInfo.builder().from(Fixtures.ticktock()).putLabel("maintainer", "NGINX <docker-maint@nginx.com> & co").build()));
    assertThat(wire).contains("\"maintainer\":\"NGINX \\u003cdocker-maint@nginx.com\\u003e \\u0026 co\"");
    JsonNode reread = DockerJson.parse(wire);
    assertThat(reread.at("/Config/Labels/maintainer").textValue()).isEqualTo("NGINX <docker-maint@nginx.com> & co");
    assertThat(DockerJson.toJson(reread)).isEqualTo(wire);
  }

  @Test
  void malformedJsonIsAnInvalidParameter() {
    assertThatThrownBy(() -> DockerJson.parse("{\"Name\":"))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("invalid JSON: ");
    assertThatThrownBy(() -> DockerJson.parse("{\"a\":1,\"a\":2}"))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("Duplicate field 'a'");
    assertThatThrownBy(() -> DockerJson.read("{\"Name\":\"x\",\"Peers\":[]}", NetworkResource.class))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("Peers");
  }

  @Test
  void inspectOutputOfSeveralNetworksIsOneArray() throws Exception {
    String printed = DockerJson.inspectOutput(List.of(DockerJson.network(Fixtures.host()), DockerJson.network(Fixtures.none())));
    assertThat(printed).startsWith("[\n    {\n        \"Name\": \"host\",").endsWith("    }\n]\n");
    assertThat(DockerJson.parse(printed).size()).isEqualTo(2);
  }
}
