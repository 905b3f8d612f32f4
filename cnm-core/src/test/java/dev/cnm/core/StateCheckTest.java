package dev.cnm.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.port.PortSpec;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * A state document whose checksum holds but which no engine could have written is refused,
 * naming the check and the object (issue 17). Each case failed before: the document loaded
 * (two containers with one id, a missing predefined network, a null name read as the name
 * "null", a short id), loaded in part, or failed with a Java exception's text.
 */
class StateCheckTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A state with a user network, two running containers (one publishing, one in the other's namespace) and a stopped one. */
  private static ObjectNode state() throws Exception {
    Engine e = Cnm.builder().seed(8).build();
    e.createNetwork(NetworkSpec.builder().name("dev").build());
    e.run(ContainerSpec.builder().image("nginx").name("web").networkMode(NetworkMode.parse("dev"))
        .addAllPortBindings(PortSpec.parse("8080:80")).build());
    e.run(ContainerSpec.builder().image("nginx").name("side").networkMode(NetworkMode.parse("container:web")).build());
    e.createContainer(ContainerSpec.builder().image("redis").name("idle").build());
    return (ObjectNode) JSON.readTree(EngineState.export(e));
  }

  private static ObjectNode network(ObjectNode root, String name) {
    for (JsonNode n : root.withArray("networks")) {
      if (n.at("/spec/name").asText().equals(name)) {
        return (ObjectNode) n;
      }
    }
    throw new AssertionError(name);
  }

  private static ObjectNode container(ObjectNode root, String name) {
    for (JsonNode c : root.withArray("containers")) {
      if (c.get("name").asText().equals(name)) {
        return (ObjectNode) c;
      }
    }
    throw new AssertionError(name);
  }

  private static String id(ObjectNode root, String container) {
    return container(root, container).get("id").asText();
  }

  @Test
  void the_untouched_state_loads() throws Exception {
    Engine again = EngineState.restore(JSON.writeValueAsBytes(state()), Cnm.builder().seed(9));
    assertThat(again.container("side").isRunning()).isTrue();
  }

  static Stream<Arguments> broken() throws Exception {
    String web = id(state(), "web");
    String idle = id(state(), "idle");
    String bridge = network(state(), "bridge").get("id").asText();
    return Stream.of(
        Arguments.of("two containers with one id", (Consumer<ObjectNode>) r -> container(r, "idle").put("id", web),
            "containers \"web\" and \"idle\" have the same id " + web),
        Arguments.of("two containers with one name", (Consumer<ObjectNode>) r -> container(r, "idle").put("name", "web"),
            "two containers are named \"web\" (ids " + web + " and " + idle + ")"),
        Arguments.of("a container without a name", (Consumer<ObjectNode>) r -> container(r, "idle").putNull("name"),
            "container #2 (id " + idle + ")'s \"name\" is null"),
        Arguments.of("a short container id", (Consumer<ObjectNode>) r -> container(r, "idle").put("id", "abc123"),
            "container #2's id \"abc123\" is not 64 hexadecimal digits"),
        Arguments.of("a container name Docker refuses", (Consumer<ObjectNode>) r -> container(r, "idle").put("name", "/x y"),
            "container " + idle + " has the name \"/x y\", which is not a container name"),
        Arguments.of("an unknown status", (Consumer<ObjectNode>) r -> container(r, "idle").put("status", "PAUSED"),
            "container \"idle\"'s status \"PAUSED\" is none of [CREATED, RUNNING, RESTARTING, EXITED]"),
        Arguments.of("a missing predefined network", (Consumer<ObjectNode>) r -> r.withArray("networks")
            .remove(indexOf(r.withArray("networks"), "host")),
            "the predefined network \"host\" is missing"),
        Arguments.of("two networks with one id", (Consumer<ObjectNode>) r -> network(r, "dev").put("id", bridge),
            "networks \"bridge\" and \"dev\" have the same id " + bridge),
        Arguments.of("two networks with one name", (Consumer<ObjectNode>) r -> ((ObjectNode) network(r, "dev")
            .get("spec")).put("name", "none"), "two networks are named \"none\""),
        Arguments.of("a network with a null name", (Consumer<ObjectNode>) r -> ((ObjectNode) network(r, "dev")
            .get("spec")).putNull("name"), "'s \"name\" is null"),
        Arguments.of("a running container on a network that is not there", (Consumer<ObjectNode>) r -> r
            .withArray("networks").remove(indexOf(r.withArray("networks"), "dev")),
            "container \"web\" is running on network \"dev\", whose id "),
        Arguments.of("a namespace shared with a container that is not there", (Consumer<ObjectNode>) r -> r
            .withArray("containers").remove(indexOfContainer(r, "web")),
            "container \"side\" runs in the network namespace of container \"web\", which is not a running "
                + "container of the state"),
        Arguments.of("an endpoint without its attachment", (Consumer<ObjectNode>) r -> ((ObjectNode) container(r, "web")
            .withArray("endpoints").get(0)).put("network", "elsewhere"),
            "container \"web\" has an endpoint on network \"elsewhere\" without an attachment to it"),
        Arguments.of("a gateway network with no endpoint", (Consumer<ObjectNode>) r -> container(r, "web")
            .put("gatewayNetwork", "bridge"),
            "container \"web\"'s gateway network \"bridge\" is none of its endpoints' networks"),
        Arguments.of("two containers holding one address", (Consumer<ObjectNode>) r -> {
          ObjectNode copy = container(r, "web").deepCopy();
          copy.put("id", "f".repeat(64)).put("name", "twin").putArray("endpoints").add(
              container(r, "web").withArray("endpoints").get(0).deepCopy());
          ((ObjectNode) copy.withArray("endpoints").get(0)).putArray("published");
          r.withArray("containers").add(copy);
        }, "containers \"web\" and \"twin\" both hold "),
        Arguments.of("two containers publishing one port", (Consumer<ObjectNode>) r -> {
          ObjectNode copy = container(r, "web").deepCopy();
          copy.put("id", "e".repeat(64)).put("name", "twin");
          ObjectNode ep = (ObjectNode) copy.withArray("endpoints").get(0);
          ep.remove("ipv4");
          ep.remove("ipv6");
          r.withArray("containers").add(copy);
        }, "containers \"web\" and \"twin\" both publish 0.0.0.0:8080/tcp"));
  }

  private static int indexOf(ArrayNode networks, String name) {
    for (int i = 0; i < networks.size(); i++) {
      if (networks.get(i).at("/spec/name").asText().equals(name)) {
        return i;
      }
    }
    throw new AssertionError(name);
  }

  private static int indexOfContainer(ObjectNode root, String name) {
    ArrayNode a = root.withArray("containers");
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i).get("name").asText().equals(name)) {
        return i;
      }
    }
    throw new AssertionError(name);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("broken")
  void an_inconsistent_state_is_refused_by_name(String why, Consumer<ObjectNode> breakIt, String message)
      throws Exception {
    ObjectNode root = state();
    breakIt.accept(root);
    assertThatThrownBy(() -> EngineState.restore(JSON.writeValueAsBytes(root), Cnm.builder().seed(9)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("invalid engine state: ")
        .hasMessageContaining(message);
  }
}
