package dev.cnm.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.ContainerSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.error.InvalidParameterException;
import org.junit.jupiter.api.Test;

/**
 * Found by {@link NamesFuzzTest}: rename stripped two leading slashes where Docker strips one,
 * so {@code docker rename web //db} renamed the container to {@code db}.
 */
class RenameFuzzFindingTest {
  @Test
  void rename_strips_one_leading_slash_only() {
    Engine e = TestDrivers.builder(1).build();
    e.createContainer(ContainerSpec.builder().image("nginx").name("web").build());
    assertThatThrownBy(() -> e.rename("web", "//db"))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("Error when allocating new name: Invalid container name (/db), "
            + "only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
    assertThat(e.rename("web", "/db").name()).isEqualTo("db");
  }
}
