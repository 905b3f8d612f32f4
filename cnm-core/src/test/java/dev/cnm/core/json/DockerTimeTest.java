package dev.cnm.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DockerTimeTest {

  /** Go's RFC3339Nano drops trailing zeros of the fraction, and the dot with them. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "2025-06-02T09:14:03.512345678Z, 2025-06-02T09:14:03.512345678Z",
    "2025-06-02T09:14:03.500000000Z, 2025-06-02T09:14:03.5Z",
    "2025-06-02T09:14:03.000000100Z, 2025-06-02T09:14:03.0000001Z",
    "2025-06-02T09:14:03Z,           2025-06-02T09:14:03Z",
    "0999-01-01T00:00:00Z,           0999-01-01T00:00:00Z",
  })
  void formats_as_go_rfc3339_nano(String instant, String expected) {
    assertThat(DockerTime.format(Instant.parse(instant))).isEqualTo(expected);
  }

  @Test
  void unset_time_is_go_zero_time() {
    assertThat(DockerTime.format(Optional.empty())).isEqualTo("0001-01-01T00:00:00Z");
  }
}
