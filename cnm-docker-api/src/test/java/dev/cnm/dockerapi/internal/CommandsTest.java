package dev.cnm.dockerapi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.Engine;
import dev.cnm.core.Cnm;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandsTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "getent hosts redis|[getent, hosts, redis]",
      "  echo   'a b'  \"c\"  |[echo, a b, c]",
      "echo ''|[echo, ]",
      "''|[]"})
  void wordsSplitLikeAShell(String line, String expected) {
    assertThat(Commands.words(line).toString()).isEqualTo(expected.equals("[]") ? "[]" : expected);
  }

  @Test
  void builtinsRunHereAndTheRestInTheEngine() {
    Engine engine = Cnm.builder().seed(9).build();
    ContainerInfo c = engine.run(ContainerSpec.builder().image("alpine").tty(true).name("c1").build());
    assertThat(Commands.run(engine, c, List.of("echo", "a", "b"))).isEqualTo(new Commands.Result("a b\n", "", 0));
    assertThat(Commands.run(engine, c, List.of("sh", "-c", "false")).exitCode()).isEqualTo(1);
    assertThat(Commands.run(engine, c, List.of("/bin/true")).exitCode()).isZero();
    assertThat(Commands.run(engine, c, List.of("hostname")).stdout()).isEqualTo(c.hostname() + "\n");
    assertThat(Commands.run(engine, c, List.of("nosuchcommand")).exitCode()).isEqualTo(127);
  }
}
