package dev.cnm.api.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MacAddressTest {

  @Test
  void parse_prints_lower_case_colons() {
    assertThat(MacAddress.parse("02-42-AC-11-00-02")).hasToString("02:42:ac:11:00:02");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "02:42:ac:11:00", "02:42:ac:11:00:0g", "02:42-ac:11:00:02", "0242ac110002xxxxx"})
  void parse_rejects_malformed(String text) {
    assertThat(MacAddress.isValid(text)).isFalse();
  }

  @Test
  void random_is_unicast_and_local() {
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 1000; i++) {
      MacAddress m = MacAddress.randomLocallyAdministered(r);
      assertThat(m.isLocallyAdministered()).isTrue();
      assertThat(m.isMulticast()).isFalse();
    }
  }
}
