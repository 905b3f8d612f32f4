package dev.cnm.drivers.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoStrconvTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
      abc            | "abc"
      ''             | ""
      a b            | "a b"
      caf\u00e9      | "caf\u00e9"
      '\u00a0'       | "\\u00a0"
      '\u0001'       | "\\x01"
      \u007f         | "\\x7f"
      \u200b         | "\\u200b"
      \u65e5\u672c   | "\u65e5\u672c"
      """)
  void quote_escapes_what_go_escapes(String in, String expected) {
    assertThat(GoStrconv.quote(in)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      0                    | 0
      -1                   | -1
      +42                  | 42
      9223372036854775807  | 9223372036854775807
      -9223372036854775808 | -9223372036854775808
      """)
  void atoi_parses_what_go_parses(String in, long expected) {
    GoStrconv.IntResult r = GoStrconv.atoi(in);
    assertThat(r.error).isNull();
    assertThat(r.value).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      9223372036854775808  | strconv.Atoi: parsing "9223372036854775808": value out of range
      12x99999999999999999999 | strconv.Atoi: parsing "12x99999999999999999999": invalid syntax
      99999999999999999999x | strconv.Atoi: parsing "99999999999999999999x": invalid syntax
      +                    | strconv.Atoi: parsing "+": invalid syntax
      """)
  void atoi_fails_with_gos_errors(String in, String error) {
    assertThat(GoStrconv.atoi(in).error).isEqualTo(error);
  }
}
