package dev.cnm.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.NetworkInfo;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.error.CnmException;
import dev.cnm.api.error.InvalidParameterException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Coverage-guided fuzzing of container and network names, through the engine as a user reaches
 * it: a container name (create and rename) is accepted exactly when it matches Docker's
 * {@code ^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$} and is refused otherwise with Docker's {@code Invalid
 * container name (...)}; any network name is created or refused with a typed error; whatever
 * was created is found again. Nothing else may be thrown.
 *
 * <p>Seeds: {@code src/test/resources/dev/cnm/core/NamesFuzzTestInputs/names}; {@code mvn
 * verify} replays them, {@code -Pfuzz} fuzzes (docs/TESTING.md).
 */
class NamesFuzzTest {
  /** moby's daemon/names: {@code ^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$}. */
  private static final Pattern DOCKER_NAME = Pattern.compile("/?[a-zA-Z0-9][a-zA-Z0-9_.-]+");

  @FuzzTest(maxDuration = "10m")
  void names(byte[] input) {
    String name = new String(input, StandardCharsets.UTF_8);
    Engine engine = TestDrivers.builder(1).build();
    boolean valid = DOCKER_NAME.matcher(name).matches();
    String stored = name.startsWith("/") ? name.substring(1) : name;

    try {
      ContainerInfo c = engine.createContainer(ContainerSpec.builder().image("alpine").name(name).build());
      assertThat(valid).as("accepted %s", name).isTrue();
      assertThat(c.name()).isEqualTo(stored);
      assertThat(engine.container(stored).id()).isEqualTo(c.id());
    } catch (InvalidParameterException e) {
      assertThat(valid).as("refused %s: %s", name, e.getMessage()).isFalse();
      assertThat(e.getMessage()).isEqualTo("Invalid container name (" + stored
          + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
    }

    // a generated name, which no fuzzed name takes first
    ContainerInfo other = engine.createContainer(ContainerSpec.builder().image("alpine").build());
    try {
      ContainerInfo renamed = engine.rename(other.id(), name);
      assertThat(valid).as("renamed to %s", name).isTrue();
      assertThat(renamed.id()).isEqualTo(other.id());
    } catch (CnmException e) {
      // a valid name may be taken (by the first container) or the same as the current one
      assertThat(e.getMessage()).isNotBlank();
    }

    try {
      NetworkInfo n = engine.createNetwork(NetworkSpec.of(name));
      assertThat(n.name()).isEqualTo(name);
      // found again by id, and by name unless the name is another network's full id (Docker
      // looks a reference up as a full id first)
      assertThat(engine.network(n.id()).name()).isEqualTo(name);
      assertThat(engine.networks()).filteredOn(x -> x.name().equals(name)).hasSize(1);
      engine.removeNetwork(n.id());
    } catch (CnmException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
