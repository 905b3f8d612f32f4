package dev.cnm.api.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.error.InvalidParameterException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SignalTest {
  @ParameterizedTest
  @CsvSource({"TERM,15", "sigterm,15", "SIGKILL,9", "9,9", "kill,9", "iot,6", "CLD,17", "RTMIN,34", "RTMIN+3,37",
      "rtmax-1,63", "64,64", "WINCH,28"})
  void parses_as_the_daemon_does(String raw, int number) {
    assertThat(Signal.parse(raw).number()).isEqualTo(number);
  }

  @ParameterizedTest
  @ValueSource(strings = {"FOO", "SIG", "", "0", "TERM9", "-"})
  void refuses_what_the_daemon_refuses(String raw) {
    assertThatThrownBy(() -> Signal.parse(raw)).isInstanceOf(InvalidParameterException.class)
        .hasMessage("invalid signal: " + raw);
  }

  @ParameterizedTest
  @ValueSource(strings = {"32", "33", "65", "-5"})
  void numbers_linux_does_not_have(String raw) {
    assertThatThrownBy(() -> Signal.parse(raw)).isInstanceOf(InvalidParameterException.class)
        .hasMessage("the linux daemon does not support signal " + raw);
  }

  @Test
  void names_exit_codes_and_defaults() {
    assertThat(Signal.TERM).hasToString("SIGTERM");
    assertThat(Signal.TERM.exitCode()).isEqualTo(143);
    assertThat(Signal.KILL.exitCode()).isEqualTo(137);
    assertThat(Signal.WINCH.ignoredByDefault()).isTrue();
    assertThat(Signal.TERM.ignoredByDefault()).isFalse();
    assertThat(Signal.all()).hasSize(31 + 31);
  }
}
