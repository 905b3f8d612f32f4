package dev.cnm.it.testkituser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestEngine;

/**
 * The kit brings both test engines its docs use. Without jqwik's, the JUnit Platform would skip every
 * {@code @Property} of this build without a word, and this is the test that would say so.
 */
class TestEnginesTest {

  @Test
  void the_kit_brings_the_jupiter_and_jqwik_engines() {
    assertThat(ServiceLoader.load(TestEngine.class).stream().map(p -> p.get().getId())
            .collect(Collectors.toList()))
        .contains("junit-jupiter", "jqwik");
  }
}
