package dev.cnm.core.internal.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.error.InvalidParameterException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShellLexTest {
  private static final Map<String, String> ENV = Map.of("A", "1", "EMPTY", "", "PATHV", "/usr/local/bin:/usr/bin",
      "FILE", "archive.tar.gz");

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      "$A|1",
      "${A}x|1x",
      "'$A'|$A",
      "\"$A\"|1",
      "\\$A|$A",
      "${NOPE:-dflt}|dflt",
      "${EMPTY:-dflt}|dflt",
      "${EMPTY-dflt}|~~",
      "${A:+alt}|alt",
      "${NOPE+alt}|~~",
      "${FILE%.*}|archive.tar",
      "${FILE%%.*}|archive",
      "${FILE#*.}|tar.gz",
      "${FILE##*.}|gz",
      "${PATHV/usr/opt}|/opt/local/bin:/usr/bin",
      "${PATHV//usr/opt}|/opt/local/bin:/opt/bin",
      "a b  c|a b  c",
      "$|$",
      "${A}$|1$",
  })
  void process_word_expands_as_buildkit_does(String word, String expected) {
    assertThat(new ShellLex('\\').processWord(word, ENV)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      "'open|failed to process \"'open\": unexpected end of statement while looking for matching single-quote",
      "\"open|failed to process \"\\\"open\": unexpected end of statement while looking for matching double-quote",
      "${A|failed to process \"${A\": unsupported modifier (\uFFFD) in substitution",
      "${}|failed to process \"${}\": syntax error: bad substitution",
      "${NOPE:?must be set}|failed to process \"${NOPE:?must be set}\": NOPE: must be set",
      "${NOPE?}|failed to process \"${NOPE?}\": NOPE: is not allowed to be unset",
      "${A:#x}|failed to process \"${A:#x}\": unsupported modifier (:#) in substitution",
  })
  void bad_words_get_buildkits_messages(String word, String message) {
    assertThatThrownBy(() -> new ShellLex('\\').processWord(word, ENV)).isInstanceOf(InvalidParameterException.class)
        .hasMessage(message);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      "80 443|[80, 443]",
      "\"8080 9090\" $A|[8080 9090, 1]",
      "  spaced   out |[spaced, out]",
  })
  void process_words_splits_at_unquoted_spaces(String word, String expected) {
    assertThat(new ShellLex('\\').processWords(word, ENV).toString()).isEqualTo(expected);
  }
}
