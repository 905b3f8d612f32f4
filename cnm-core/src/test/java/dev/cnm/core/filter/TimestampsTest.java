package dev.cnm.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.error.InvalidParameterException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimestampsTest {
  /** A zone two hours east of UTC: timestamps without an offset are read there. */
  private static final Clock NOW = Clock.fixed(Instant.parse("2025-06-02T09:30:15.500Z"), ZoneId.of("+02:00"));

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "1h|2025-06-02T08:30:15Z",
      "90m|2025-06-02T08:00:15Z",
      "1.5h|2025-06-02T08:00:15Z",
      "2h45m30.5s|2025-06-02T06:44:45Z",
      "-1h|2025-06-02T10:30:15Z",
      "+0|2025-06-02T09:30:15Z",
      "300ms|2025-06-02T09:30:15Z",
      "1\u00b5s|2025-06-02T09:30:15Z",
      "2025-06-01|2025-05-31T22:00:00Z",
      "2025-06-01Z|2025-06-01T00:00:00Z",
      "2025-06-01+01:00|2025-05-31T23:00:00Z",
      "2025-06-01T10|2025-06-01T08:00:00Z",
      "2025-06-01T10:20|2025-06-01T08:20:00Z",
      "2025-06-01T10:20:30|2025-06-01T08:20:30Z",
      "2025-06-01T10:20:30.25|2025-06-01T08:20:30.250Z",
      "2025-06-01T10:20:30,5|2025-06-01T08:20:30.500Z",
      "2025-06-01T10Z|2025-06-01T10:00:00Z",
      "2025-06-01T10:20Z|2025-06-01T10:20:00Z",
      "2025-06-01T10:20:30Z|2025-06-01T10:20:30Z",
      "2025-06-01T10:20:30.123456789Z|2025-06-01T10:20:30.123456789Z",
      "2025-06-01T10:20:30-03:00|2025-06-01T13:20:30Z",
      "2025-06-01T10:20:30.5+01:00|2025-06-01T09:20:30.500Z",
      "1748855638|2025-06-02T09:13:58Z",
      "1748855638.5|2025-06-02T09:13:58.500Z",
      "0|1970-01-01T00:00:00Z"})
  void durations_timestamps_and_unix_seconds(String value, String expected) {
    assertThat(Timestamps.parse(value, NOW)).isEqualTo(Instant.parse(expected));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "notatime|failed to parse value as time or duration: \"notatime\"",
      "1d|failed to parse value as time or duration: \"1d\"",
      "''|failed to parse value as time or duration: \"\"",
      "'x\ty'|failed to parse value as time or duration: \"x\\ty\"",
      "2025-13-01|parsing time \"2025-13-01\": month out of range",
      "2025-02-30|parsing time \"2025-02-30\": day out of range",
      "2025/06/01-x|parsing time \"2025/06/01-x\" as \"2006-01-02\": cannot parse \"/06/01-x\" as \"-\"",
      "2025-06-01T25:00|parsing time \"2025-06-01T25:00\": hour out of range",
      "2025-06-01T10:2|parsing time \"2025-06-01T10:2\" as \"2006-01-02T15:04\": cannot parse \"2\" as \"04\"",
      "2025-06-01T10:20:30Q|parsing time \"2025-06-01T10:20:30Q\": extra text: \"Q\"",
      "-5|parsing time \"-5\" as \"2006-01-02\": cannot parse \"-5\" as \"2006\"",
      "2025-06-01T10:20:30+1:00|parsing time \"2025-06-01T10:20:30+1:00\" as \"2006-01-02T15:04:05Z07:00\": "
          + "cannot parse \"+1:00\" as \"Z07:00\""})
  void bad_values_fail_with_gos_and_mobys_messages(String value, String message) {
    assertThatThrownBy(() -> Timestamps.parse(value, NOW))
        .isInstanceOf(InvalidParameterException.class).hasMessage(message);
  }

  @Test
  void until_takes_one_value_at_most() {
    assertThat(Timestamps.until(FilterArgs.empty(), NOW)).isNull();
    FilterArgs two = FilterArgs.builder().add("until", "1h").add("until", "2h").build();
    assertThatThrownBy(() -> Timestamps.until(two, NOW))
        .isInstanceOf(InvalidParameterException.class).hasMessage("more than one until filter specified");
  }
}
