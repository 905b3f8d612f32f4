package dev.cnm.core;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.error.InvalidParameterException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Documents of the wrong shape, found by {@link EngineStateFuzzTest}: each is refused by what
 * is wrong with it, not with the Java exception the loader ran into.
 */
class EngineStateMalformedTest {
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
}
