package dev.cnm.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.ContainerSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.error.InvalidParameterException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A legacy link from a container to itself, found by {@link EngineStateFuzzTest} in a state
 * file: the container's name was reserved before it existed, and looking the link up by that
 * name threw a NullPointerException, in {@code docker run} as well as on restore.
 */
class LinkToSelfTest {
  @Test
  void run_with_a_link_to_itself_fails_as_docker_does() {
    Engine e = TestDrivers.builder(1).build();
    assertThatThrownBy(() -> e.run(ContainerSpec.builder().image("nginx").name("web")
            .addLink("web:x").build()))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("could not get container for web: No such container: web");
    assertThat(e.findContainer("web")).isEmpty();
    e.run(ContainerSpec.builder().image("nginx").name("web").build()); // the name was released
  }

  @Test
  void a_state_with_a_link_to_itself_loads_without_the_link() {
    Engine e = TestDrivers.builder(2).build();
    e.run(ContainerSpec.builder().image("nginx").name("web").build());
    String state = new String(EngineState.export(e), StandardCharsets.UTF_8)
        .replace("\"links\" : [ ],\n      \"extraHosts\"", "\"links\" : [ \"web:x\" ],\n      \"extraHosts\"");
    assertThat(state).contains("\"web:x\"");
    Engine restored = EngineState.restore(state.getBytes(StandardCharsets.UTF_8), TestDrivers.builder(3));
    assertThat(restored.container("web").isRunning()).isTrue();
  }
}
