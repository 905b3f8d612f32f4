package dev.cnm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ArgsTest {
  private static Args run(String line) {
    return Args.leading("run").flag("-d", "--detach").flag("-P", "--publish-all").flag("-t", "--tty")
        .flag("-i", "--interactive").value("--name").values("-p", "--publish").values("-e", "--env")
        .parse(Tutorial.split(line));
  }

  @Test
  void pflag_syntax() {
    Args a = run("-dP --name=web -p80:80 -p 8080:80 --publish=9000:9000 -ti -e A=1 nginx sh -c -d");
    assertThat(a.has("-d")).isTrue();
    assertThat(a.has("--publish-all")).isTrue();
    assertThat(a.has("-t")).isTrue();
    assertThat(a.has("-i")).isTrue();
    assertThat(a.get("--name")).isEqualTo("web");
    assertThat(a.all("--publish")).containsExactly("80:80", "8080:80", "9000:9000");
    assertThat(a.all("-e")).containsExactly("A=1");
    assertThat(a.positionals()).containsExactly("nginx", "sh", "-c", "-d");
  }

  @Test
  void boolean_values_and_the_end_of_flags() {
    Args a = run("--detach=false --name x --name y -- -notaflag");
    assertThat(a.has("-d")).isFalse();
    assertThat(a.given("-d")).isTrue();
    assertThat(a.get("--name")).isEqualTo("y");
    assertThat(a.positionals()).containsExactly("-notaflag");
    Args b = Args.interspersed("network create").value("-d", "--driver").parse(List.of("dev", "-d", "overlay"));
    assertThat(b.positionals()).containsExactly("dev");
    assertThat(b.get("--driver")).isEqualTo("overlay");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--bogus nginx|unknown flag: --bogus",
      "--bogus=1 nginx|unknown flag: --bogus",
      "-dZ nginx|unknown shorthand flag: 'Z' in -dZ",
      "--name|flag needs an argument: --name",
      "-d -p|flag needs an argument: 'p' in -p",
      "--detach=maybe x|invalid argument \"maybe\" for \"-d, --detach\" flag: strconv.ParseBool: parsing \"maybe\": invalid syntax"})
  void pflag_errors(String line, String message) {
    assertThatThrownBy(() -> run(line)).isInstanceOf(UsageException.class).hasMessage(message);
  }

  @Test
  void undeclared_lookups_are_programming_errors() {
    assertThatThrownBy(() -> run("nginx").get("--nope")).isInstanceOf(IllegalArgumentException.class);
  }
}
