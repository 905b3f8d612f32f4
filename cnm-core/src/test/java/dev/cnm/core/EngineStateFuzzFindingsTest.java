package dev.cnm.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cnm.api.Engine;
import dev.cnm.api.error.InvalidParameterException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What {@link EngineStateFuzzTest} found: documents of the wrong shape, refused by what is
 * wrong with them rather than with the Java exception the loader ran into, and a state whose
 * export changed from one restore to the next.
 */
class EngineStateFuzzFindingsTest {
  /** Refused while restoring: the message, and a parse or validation error as the cause. */
  private static void refused(String json, String message) {
    assertThatThrownBy(() -> EngineState.restore(json.getBytes(StandardCharsets.UTF_8),
            TestDrivers.builder(1)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage(message)
        .hasRootCauseInstanceOf(IllegalArgumentException.class);
  }

  /** Refused by {@link StateCheck} before anything is restored. */
  private static void inconsistent(String json, String message) {
    assertThatThrownBy(() -> EngineState.restore(json.getBytes(StandardCharsets.UTF_8),
            TestDrivers.builder(1)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage(message);
  }

  /** A state with one stopped container, {@code web}, as JSON to edit. */
  private static com.fasterxml.jackson.databind.node.ObjectNode oneContainer() throws Exception {
    Engine e = TestDrivers.builder(5).build();
    e.createContainer(dev.cnm.api.ContainerSpec.builder().image("nginx").name("web").build());
    return (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper().readTree(EngineState.export(e));
  }

  @Test
  void a_network_without_its_spec_is_refused_by_name() {
    // a fuzzer input: the missing spec must be named, not surface as a NullPointerException
    inconsistent("{\"version\":1,\"networks\":[{}]}", "invalid engine state: network #0 has no \"id\"");
    inconsistent("{\"version\":1,\"networks\":[{\"id\":\"" + "a".repeat(64) + "\"}]}",
        "invalid engine state: network #0 (id " + "a".repeat(64) + ") spec is not an object");
  }

  @Test
  void a_list_of_the_wrong_type_is_refused_by_name() throws Exception {
    // a fuzzer input: the wrong type must be named, not surface as Jackson's UnsupportedOperationException
    inconsistent("{\"version\":1,\"networks\":{},\"containers\":\"x\"}",
        "invalid engine state: the document's \"networks\" is not an array");
    com.fasterxml.jackson.databind.node.ObjectNode state = oneContainer();
    ((com.fasterxml.jackson.databind.node.ObjectNode) state.get("containers").get(0)).put("exposedPorts", 7);
    refused(new ObjectMapper().writeValueAsString(state), "invalid engine state: field \"exposedPorts\" is not an array");
  }

  @Test
  void a_container_without_its_spec_is_refused_by_name() throws Exception {
    com.fasterxml.jackson.databind.node.ObjectNode state = oneContainer();
    ((com.fasterxml.jackson.databind.node.ObjectNode) state.get("containers").get(0)).put("spec", 3);
    refused(new ObjectMapper().writeValueAsString(state), "invalid engine state: container spec is not an object");
  }

  @Test
  void a_state_exports_the_same_bytes_after_every_restore() throws Exception {
    // found with an extra option on the predefined bridge network: the network's options were
    // written in the order of an immutable map, which differs with insertion order and between JVMs
    String fresh = new String(EngineState.export(TestDrivers.builder(3).build()), StandardCharsets.UTF_8);
    String edited = fresh.replace("\"com.docker.network.bridge.default_bridge\"",
        "\"com.example.extra\" : \"1\", \"com.docker.network.bridge.default_bridge\"");
    assertThat(edited).isNotEqualTo(fresh);
    Engine once = EngineState.restore(edited.getBytes(StandardCharsets.UTF_8), TestDrivers.builder(1));
    byte[] first = EngineState.export(once);
    Engine twice = EngineState.restore(first, TestDrivers.builder(2));
    assertThat(new String(EngineState.export(twice), StandardCharsets.UTF_8))
        .isEqualTo(new String(first, StandardCharsets.UTF_8));
    // the network's options are written in key order, as Go writes a map
    JsonNode bridge = null;
    for (JsonNode n : new ObjectMapper().readTree(first).get("networks")) {
      if (n.get("spec").get("name").asText().equals("bridge")) {
        bridge = n;
      }
    }
    List<String> keys = new ArrayList<>();
    bridge.get("options").fieldNames().forEachRemaining(keys::add);
    assertThat(keys).isSorted().contains("com.example.extra");
  }

  @Test
  void an_endpoint_on_a_network_the_container_is_not_attached_to_is_refused_by_name() throws Exception {
    // a fuzzer input: the stray endpoint must be named, not surface as a NullPointerException
    Engine e = TestDrivers.builder(4).build();
    e.run(dev.cnm.api.ContainerSpec.builder().image("nginx").name("web").build());
    ObjectMapper mapper = new ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode state =
        (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(EngineState.export(e));
    ((com.fasterxml.jackson.databind.node.ObjectNode) state.get("containers").get(0)
        .get("endpoints").get(0)).put("network", "elsewhere");
    inconsistent(mapper.writeValueAsString(state),
        "invalid engine state: container \"web\" has an endpoint on network \"elsewhere\" without an attachment to it");
  }

  @Test
  void the_gateway_endpoint_and_its_ports_survive_a_second_restore() throws Exception {
    // found with an attachment keyed by another name than its network's: the gateway was
    // written as the network's name, the endpoint under the attachment's key, and the next
    // restore matched neither, dropping the container's published ports
    Engine e = TestDrivers.builder(6).build();
    e.createNetwork(dev.cnm.api.NetworkSpec.of("dev"));
    e.run(dev.cnm.api.ContainerSpec.builder().image("nginx").name("web")
        .networkMode(dev.cnm.api.NetworkMode.network("dev"))
        .portBindings(dev.cnm.api.port.PortSpec.parse("8080:80")).build());
    ObjectMapper mapper = new ObjectMapper();
    String edited = mapper.writeValueAsString(mapper.readTree(EngineState.export(e)))
        .replace("\"networkName\":\"dev\"", "\"networkName\":\"key\"")
        .replace("\"network\":\"dev\"", "\"network\":\"key\"")
        .replace("\"gatewayNetwork\":\"dev\"", "\"gatewayNetwork\":\"key\"");
    assertThat(edited).contains("\"gatewayNetwork\":\"key\"");
    byte[] first = EngineState.export(EngineState.restore(edited.getBytes(StandardCharsets.UTF_8),
        TestDrivers.builder(1)));
    byte[] second = EngineState.export(EngineState.restore(first, TestDrivers.builder(2)));
    assertThat(new String(second, StandardCharsets.UTF_8))
        .isEqualTo(new String(first, StandardCharsets.UTF_8))
        .contains("\"hostPort\" : 8080");
  }

  @Test
  void ids_that_are_not_docker_ids_are_refused_by_name() throws Exception {
    // found with a network id of 65 characters: the attachment's id resolved to the network as
    // a prefix on restore but matched nothing on export, which wrote an inconsistent state
    Engine e = TestDrivers.builder(7).build();
    e.run(dev.cnm.api.ContainerSpec.builder().image("nginx").name("web").build());
    String state = new String(EngineState.export(e), StandardCharsets.UTF_8);
    String networkId = e.network("bridge").id();
    inconsistent(state.replace("\"id\" : \"" + networkId + "\"", "\"id\" : \"" + networkId + "a\""),
        "invalid engine state: network #2's id \"" + networkId + "a\" is not 64 hexadecimal digits");
    inconsistent(state.replace("\"networkId\" : \"" + networkId + "\"", "\"networkId\" : \"" + networkId.substring(0, 12)
        + "\""), "invalid engine state: container \"web\" is running on network \"bridge\", whose id "
        + networkId.substring(0, 12) + " names no network of the state");
    String containerId = e.container("web").id();
    inconsistent(state.replace(containerId, containerId.substring(0, 12)),
        "invalid engine state: container #0's id \"" + containerId.substring(0, 12) + "\" is not 64 hexadecimal digits");
  }

  @Test
  void a_network_with_the_null_ipam_driver_survives_a_restore() {
    // found by EngineStateFuzzTest: its pool 0.0.0.0/0 was asked for again on restore and the
    // null driver refuses specific pools, so after network create --ipam-driver null the
    // state could not be loaded any more
    Engine e = TestDrivers.builder(8).build();
    e.createNetwork(dev.cnm.api.NetworkSpec.builder().name("nothing").ipamDriver("null").build());
    byte[] saved = EngineState.export(e);
    Engine restored = EngineState.restore(saved, TestDrivers.builder(9));
    assertThat(new String(EngineState.export(restored), StandardCharsets.UTF_8))
        .isEqualTo(new String(saved, StandardCharsets.UTF_8));
    assertThat(restored.network("nothing").ipamConfigs()).isEqualTo(e.network("nothing").ipamConfigs());
  }

  /**
   * Found by cnm-cli's SnapshotStoreFuzzTest: an image document whose time does not parse was
   * read before its hash was checked, and the refusal read "invalid engine state:
   * java.time.format.DateTimeParseException: ...". A document is checked against its id first.
   */
  @Test
  void an_image_document_changed_by_hand_is_refused_by_its_hash() throws Exception {
    Engine e = TestDrivers.builder(5).build();
    String id = e.images().pull("nginx").image().id();
    com.fasterxml.jackson.databind.node.ObjectNode state =
        (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper().readTree(EngineState.export(e));
    com.fasterxml.jackson.databind.node.ObjectNode image =
        (com.fasterxml.jackson.databind.node.ObjectNode) state.get("images").get(0);
    String document = image.get("document").asText();
    String changed = document.replaceFirst("\"created\":\"([0-9-]+T[0-9:]+)0Z\"", "\"created\":\"$1(Z\"");
    assertThat(changed).isNotEqualTo(document);
    image.put("document", changed);
    assertThatThrownBy(() -> EngineState.restore(new ObjectMapper().writeValueAsBytes(state), TestDrivers.builder(1)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("invalid engine state: image " + id + ": its document hashes to sha256:")
        .hasRootCauseInstanceOf(IllegalArgumentException.class);
  }

  /**
   * The parts of a state life16 added (logs, events, a program's steps, timers) are held to the
   * same rule: a value that does not read is refused by its field. The mistake this catches: "invalid engine
   * state: java.time.format.DateTimeParseException: ...", "... No enum constant
   * dev.cnm.api.process.LogStream.BOGUS".
   */
  @Test
  void the_process_model_s_values_are_refused_by_name() throws Exception {
    Engine e = TestDrivers.builder(5).build();
    e.images().pull("alpine");
    e.run(dev.cnm.api.ContainerSpec.builder().image("alpine").name("talker")
        .command(java.util.List.of("sh", "-c", "echo hi; sleep 100")).build());
    ObjectMapper m = new ObjectMapper();
    String saved = new String(EngineState.export(e), StandardCharsets.UTF_8);
    com.fasterxml.jackson.databind.node.ObjectNode state =
        (com.fasterxml.jackson.databind.node.ObjectNode) m.readTree(saved);
    com.fasterxml.jackson.databind.node.ObjectNode container =
        (com.fasterxml.jackson.databind.node.ObjectNode) state.get("containers").get(0);
    ((com.fasterxml.jackson.databind.node.ObjectNode) container.get("logs").get(0)).put("time", "soon");
    refused(m.writeValueAsString(state), "invalid engine state: field \"time\" is not a time: \"soon\"");

    state = (com.fasterxml.jackson.databind.node.ObjectNode) m.readTree(saved);
    container = (com.fasterxml.jackson.databind.node.ObjectNode) state.get("containers").get(0);
    ((com.fasterxml.jackson.databind.node.ObjectNode) container.get("logs").get(0)).put("stream", "BOGUS");
    refused(m.writeValueAsString(state), "invalid engine state: field \"stream\" is not one of [STDOUT, STDERR]: "
        + "\"BOGUS\"");

    state = (com.fasterxml.jackson.databind.node.ObjectNode) m.readTree(saved);
    ((com.fasterxml.jackson.databind.node.ObjectNode) state.get("events").get(0)).put("time", "2026-13-01T00:00:00Z");
    refused(m.writeValueAsString(state),
        "invalid engine state: field \"time\" is not a time: \"2026-13-01T00:00:00Z\"");

    state = (com.fasterxml.jackson.databind.node.ObjectNode) m.readTree(saved);
    container = (com.fasterxml.jackson.databind.node.ObjectNode) state.get("containers").get(0);
    JsonNode steps = container.at("/process/script/steps");
    for (JsonNode step : steps) {
      if (step.path("kind").asText().equals("SLEEP")) {
        ((com.fasterxml.jackson.databind.node.ObjectNode) step).put("duration", "a while");
      }
    }
    refused(m.writeValueAsString(state), "invalid engine state: field \"duration\" is not a duration: \"a while\"");
  }

  @Test
  void a_time_that_does_not_parse_is_refused_by_name() throws Exception {
    // found by cnm-cli's SnapshotStoreFuzzTest: the refusal read "invalid engine state:
    // java.time.format.DateTimeParseException: Text '...' could not be parsed at index 20"
    com.fasterxml.jackson.databind.node.ObjectNode state = oneContainer();
    ((com.fasterxml.jackson.databind.node.ObjectNode) state.get("containers").get(0))
        .put("created", "2026-12-07T17:26:48.b76543701Z");
    refused(new ObjectMapper().writeValueAsString(state),
        "invalid engine state: field \"created\" is not a time: \"2026-12-07T17:26:48.b76543701Z\"");
  }
}
