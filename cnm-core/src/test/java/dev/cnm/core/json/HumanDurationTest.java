package dev.cnm.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HumanDurationTest {

  /** Boundaries of go-units {@code HumanDuration}, in milliseconds. */
  @ParameterizedTest(name = "{0} ms -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "-5000         | Less than a second",
        "0             | Less than a second",
        "999           | Less than a second",
        "1000          | 1 second",
        "1999          | 1 second",
        "2000          | 2 seconds",
        "59999         | 59 seconds",
        "60000         | About a minute",
        "119999        | About a minute",
        "120000        | 2 minutes",
        "3599999       | 59 minutes",
        "3600000       | About an hour",
        // hours are rounded: 1h29m59s is still about an hour, 1h30m is 2 hours
        "5399999       | About an hour",
        "5400000       | 2 hours",
        "170999999     | 47 hours",
        // 47.5 hours round to 48: days from here
        "171000000     | 2 days",
        "1207799999    | 13 days",
        // 335.5 hours round to 336 = two weeks
        "1207800000    | 2 weeks",
        "5182199999    | 8 weeks",
        "5182200000    | 2 months",
        "63070199999   | 24 months",
        // years count unrounded hours, so Go says "1 years" for the last half hour before two
        "63070200000   | 1 years",
        "63072000000   | 2 years",
        "315360000000  | 10 years",
      })
  void words_like_go_units(long millis, String expected) {
    assertThat(HumanDuration.format(Duration.ofMillis(millis))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "PT0.999999999S | Less than a second",
        "PT1S           | 1 second",
        "PT1H29M59.999999999S | About an hour",
        "PT1H30M        | 2 hours",
      })
  void uses_nanosecond_precision(String iso, String expected) {
    assertThat(HumanDuration.format(Duration.parse(iso))).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void saturatesLikeAGoDuration() {
    // a time.Duration tops out at about 292 years
    assertThat(HumanDuration.format(Duration.ofDays(365L * 1000))).isEqualTo("292 years");
  }
}
