package dev.cnm.core.internal.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cnm.api.error.InvalidParameterException;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Robustness: whatever the text, the parser, the instructions and the word processing either
 * answer or fail with their typed error; never another exception.
 */
class DockerfileProperties {

  @Provide
  Arbitrary<String> dockerfiles() {
    Arbitrary<String> keyword = Arbitraries.of("FROM", "from", "RUN", "CMD", "ENV", "LABEL", "COPY", "ADD", "ARG",
        "EXPOSE", "WORKDIR", "USER", "HEALTHCHECK", "STOPSIGNAL", "VOLUME", "SHELL", "ONBUILD", "ENTRYPOINT",
        "MAINTAINER", "NOPE", "# escape=`", "#", "");
    Arbitrary<String> word = Arbitraries.oneOf(
        Arbitraries.strings().withChars("abc=$:{}[]\"'\\`-_ #<>/.*?%+").ofMaxLength(12),
        Arbitraries.of("[\"a\", \"b\"]", "--from=x", "--interval=5s", "CMD", "NONE", "AS", "<<EOF", "EOF", "a=b",
            "${A:-x}", "\\", "`"));
    Arbitrary<String> line = keyword.flatMap(k -> word.list().ofMaxSize(4).map(ws -> k + " " + String.join(" ", ws)));
    return line.list().ofMaxSize(8).map(ls -> String.join("\n", ls));
  }

  @Property(tries = 400)
  void any_text_parses_or_fails_with_the_parse_error(@ForAll("dockerfiles") String text) {
    DockerfileParser.Result r;
    try {
      r = DockerfileParser.parse(text);
    } catch (DockerfileParser.ParseException e) {
      assertThat(e.getMessage()).isNotBlank();
      return;
    }
    try {
      Instructions.parse(r);
    } catch (InvalidParameterException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @Property(tries = 300)
  void arbitrary_unicode_text_parses_or_fails_with_the_parse_error(@ForAll String text) {
    try {
      Instructions.parse(DockerfileParser.parse(text));
    } catch (DockerfileParser.ParseException | InvalidParameterException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @Property(tries = 500)
  void any_word_expands_or_fails_with_the_typed_error(@ForAll("words") String word) {
    ShellLex lex = new ShellLex('\\');
    try {
      lex.processWord(word, Map.of("A", "1", "B", ""));
      lex.processWords(word, Map.of("A", "1"));
    } catch (InvalidParameterException e) {
      assertThat(e.getMessage()).startsWith("failed to process ");
    }
  }

  @Provide
  Arbitrary<String> words() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("AB${}:-+?#%/\"'\\ x*").ofMaxLength(16),
        Arbitraries.strings().ofMaxLength(16));
  }
}
