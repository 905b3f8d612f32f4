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
  void every_document_reparses_to_the_same_bytes(String name, JsonNode document) {
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
  void golden_files_parse_back_to_the_documents(String file, JsonNode document) throws Exception {
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
  void network_documents_read_into_the_typed_record_and_write_back_identically(JsonNode document) {
    // given
    String wire = DockerJson.toJson(document);
    // when
    NetworkResource typed = DockerJson.read(wire, NetworkResource.class);
    // then
    assertThat(DockerJson.toJson(typed)).isEqualTo(wire);
  }

  @Test
  void typed_record_exposes_dockers_fields() {
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
  void html_escapes_survive_the_round_trip() {
    String wire = DockerJson.toJson(DockerJson.container(
        dev.cnm.api.ContainerInfo.builder().from(Fixtures.ticktock()).putLabel("maintainer", "NGINX <docker-maint@nginx.com> & co").build()));
    assertThat(wire).contains("\"maintainer\":\"NGINX \\u003cdocker-maint@nginx.com\\u003e \\u0026 co\"");
    JsonNode reread = DockerJson.parse(wire);
    assertThat(reread.at("/Config/Labels/maintainer").textValue()).isEqualTo("NGINX <docker-maint@nginx.com> & co");
    assertThat(DockerJson.toJson(reread)).isEqualTo(wire);
  }

  @Test
  void malformed_json_is_an_invalid_parameter() {
    assertThatThrownBy(() -> DockerJson.parse("{\"Name\":"))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("invalid JSON: ");
    assertThatThrownBy(() -> DockerJson.parse("{} {}"))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("invalid JSON: ");
    assertThatThrownBy(() -> DockerJson.read("{\"GwPriority\":\"high\"}", EndpointSettings.class))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("invalid JSON: ");
  }

  @Test
  void typed_reads_decode_as_go_does() {
    // unknown keys ignored, keys case-insensitive, missing fields zero
    NetworkResource n = DockerJson.read("{\"name\":\"x\",\"Peers\":[],\"ENABLEIPV6\":true}", NetworkResource.class);
    assertThat(n.name()).isEqualTo("x");
    assertThat(n.enableIpv6()).isTrue();
    assertThat(n.containers()).isNull();
    EndpointSettings e = DockerJson.read("{\"Aliases\":[\"search\"],\"IPAMConfig\":{\"IPv4Address\":\"172.18.0.9\"}}", EndpointSettings.class);
    assertThat(e.aliases()).containsExactly("search");
    assertThat(e.ipamConfig().ipv4Address()).isEqualTo("172.18.0.9");
    assertThat(e.macAddress()).isEmpty();
    assertThat(e.links()).isNull();
    assertThat(e.gwPriority()).isZero();
  }

  @Test
  void the_clis_connect_body_reads_as_endpoint_settings() {
    // docker network connect dev c1 (docker-cli-api.md, B.3), with the zero fields spelled out
    String body =
        "{\"IPAMConfig\":{},\"Links\":null,\"Aliases\":[],\"MacAddress\":\"\",\"DriverOpts\":{},\"GwPriority\":0,"
            + "\"NetworkID\":\"\",\"EndpointID\":\"\",\"Gateway\":\"\",\"IPAddress\":\"\",\"IPPrefixLen\":0,"
            + "\"IPv6Gateway\":\"\",\"GlobalIPv6Address\":\"\",\"GlobalIPv6PrefixLen\":0,\"DNSNames\":null}";
    EndpointSettings e = DockerJson.read(body, EndpointSettings.class);
    assertThat(e.ipamConfig()).isEqualTo(new EndpointSettings.IpamConfig(null, null, null));
    assertThat(e.aliases()).isEmpty();
    assertThat(e.dnsNames()).isNull();
    assertThat(DockerJson.toJson(e)).isEqualTo(body);
  }

  static Stream<JsonNode> containerListItems() {
    java.time.Instant now = GoldenJsonTest.NOW;
    return Stream.of(
        DockerJson.containerSummary(Fixtures.ticktock(), Fixtures.ticktockPorts(), now),
        DockerJson.containerSummary(
            Fixtures.ticktock(),
            ContainerJsonInput.builder().from(Fixtures.ticktockPorts()).addExposedPort("443/tcp").build(),
            now),
        DockerJson.containerSummary(Fixtures.stopped(), ContainerJsonInput.none(), now),
        DockerJson.containerSummary(Fixtures.created(), ContainerJsonInput.none(), now),
        DockerJson.containerSummary(Fixtures.linked(), ContainerJsonInput.builder().addLinkName("/x/y").build(), now));
  }

  @ParameterizedTest
  @MethodSource("containerListItems")
  void container_list_items_read_into_the_typed_record_and_write_back_identically(JsonNode item) {
    String wire = DockerJson.toJson(item);
    ContainerSummary typed = DockerJson.read(wire, ContainerSummary.class);
    assertThat(DockerJson.toJson(typed)).isEqualTo(wire);
  }

  @Test
  void typed_summary_exposes_what_docker_ps_reads() {
    ContainerSummary s = DockerJson.read(
        DockerJson.toJson(DockerJson.containerSummary(Fixtures.ticktock(), Fixtures.ticktockPorts(), GoldenJsonTest.NOW)),
        ContainerSummary.class);
    assertThat(s.names()).containsExactly("/ticktock");
    assertThat(s.ports()).containsExactly(
        new ContainerSummary.Port("0.0.0.0", 80, 8080, "tcp"), new ContainerSummary.Port("::", 80, 8080, "tcp"));
    assertThat(s.networkSettings().networks().get("dev").ipAddress()).isEqualTo("172.18.0.2");
    assertThat(s.status()).isEqualTo("Up 30 minutes");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allDocuments")
  void endpoint_settings_in_every_document_read_and_write_back_identically(String name, JsonNode document) {
    document.findValues("Networks").forEach(networks -> networks.forEach(settings -> {
      String wire = DockerJson.toJson(settings);
      assertThat(DockerJson.toJson(DockerJson.read(wire, EndpointSettings.class))).isEqualTo(wire);
    }));
  }

  @Test
  void inspect_output_of_several_networks_is_one_array() throws Exception {
    String printed = DockerJson.inspectOutput(List.of(DockerJson.network(Fixtures.host()), DockerJson.network(Fixtures.none())));
    assertThat(printed).startsWith("[\n    {\n        \"Name\": \"host\",").endsWith("    }\n]\n");
    assertThat(DockerJson.parse(printed).size()).isEqualTo(2);
  }
}
