package dev.cnm.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.ContainerSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.error.InvalidParameterException;
import org.junit.jupiter.api.Test;

/**
 * Found by {@link EngineStateFuzzTest} as a state that never finished loading: network modes
 * name their target as given, so after a rename {@code container:X} can lead round in a cycle,
 * and resolving a legacy link through it looped forever under the engine's lock.
 */
class NetworkModeCycleTest {
  @Test
  void a_link_through_a_cycle_of_shared_namespaces_fails_instead_of_looping() {
    Engine e = TestDrivers.builder(1).build();
    e.run(ContainerSpec.builder().image("alpine").tty(true).name("bb").build());
    e.run(ContainerSpec.builder().image("alpine").tty(true).name("aa").networkMode(NetworkMode.container("bb")).build());
    e.rename("bb", "xx");
    e.run(ContainerSpec.builder().image("alpine").tty(true).name("bb").networkMode(NetworkMode.container("aa")).build());
    // aa -> container:bb (now the new bb) -> container:aa -> ...
    assertThatThrownBy(() -> e.run(ContainerSpec.builder().image("alpine").tty(true).name("cc").addLink("bb:db").build()))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("could not get container for bb: its network mode container:")
        .hasMessageEndingWith(" leads round in a cycle");
    assertThat(e.findContainer("cc")).isEmpty();
  }
}
