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
  private static void refused(String json, String message) {
    assertThatThrownBy(() -> EngineState.restore(json.getBytes(StandardCharsets.UTF_8),
            TestDrivers.builder(1)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage(message)
        .hasRootCauseInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_network_without_its_spec_is_refused_by_name() {
    // was: invalid engine state: java.lang.NullPointerException: Cannot invoke "...JsonNode.get(String)"
    refused("{\"version\":1,\"networks\":[{}]}", "invalid engine state: network spec is not an object");
  }

  @Test
  void a_list_of_the_wrong_type_is_refused_by_name() {
    // was: java.lang.UnsupportedOperationException: Property 'networks' has value that is not of type `ArrayNode`
    refused("{\"version\":1,\"networks\":{},\"containers\":\"x\"}",
        "invalid engine state: field \"networks\" is not an array");
    refused("{\"version\":1,\"containers\":[{\"spec\":{\"image\":\"x\",\"networkMode\":\"bridge\"},"
            + "\"exposedPorts\":7}]}",
        "invalid engine state: field \"exposedPorts\" is not an array");
  }

  @Test
  void a_container_without_its_spec_is_refused_by_name() {
    refused("{\"version\":1,\"containers\":[{\"spec\":3}]}",
        "invalid engine state: container spec is not an object");
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
    // was: java.lang.NullPointerException: Cannot read field "networkId" because "a" is null
    Engine e = TestDrivers.builder(4).build();
    e.run(dev.cnm.api.ContainerSpec.builder().image("nginx").name("web").build());
    ObjectMapper mapper = new ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode state =
        (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(EngineState.export(e));
    ((com.fasterxml.jackson.databind.node.ObjectNode) state.get("containers").get(0)
        .get("endpoints").get(0)).put("network", "elsewhere");
    refused(mapper.writeValueAsString(state),
        "invalid engine state: endpoint on network \"elsewhere\" without an attachment to it");
  }
}
