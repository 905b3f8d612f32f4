package dev.cnm.core.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Coverage-guided fuzzing of the template parser and executor. An input is the template text,
 * a NUL byte, and the JSON document it runs over (an empty object when that part is missing or
 * not JSON). Parsing either succeeds or throws a parse {@link TemplateException}; executing
 * either succeeds within its limits or throws an execution {@link TemplateException}; no
 * message is an internal error (the interpreter's catch-all for a Java exception), and what an
 * execution writes stays within its output limit.
 *
 * <p>The seeds ({@code src/test/resources/.../TemplateFuzzTestInputs/parse_and_execute}) are
 * the docker CLI's documented formats and this project's test templates; {@code mvn verify}
 * replays them, {@code -Pfuzz} fuzzes (docs/TESTING.md).
 */
class TemplateFuzzTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Small enough that no input keeps the fuzzer busy for long. */
  private static final TemplateLimits LIMITS = TemplateLimits.defaults()
      .withMaxOutputChars(1 << 16).withMaxRangeIterations(10_000)
      .withTimeout(Duration.ofSeconds(2));

  @FuzzTest(maxDuration = "10m")
  @DictionaryEntries({"{{", "}}", "{{-", "-}}", "{{/*", "*/}}", "range", "end", "else", "if",
      "with", "define", "template", "block", "break", "continue", ":=", "$", ".", "|", "(", ")",
      "printf", "print", "println", "json", "join", "split", "index", "slice", "len", "eq", "lt",
      "and", "or", "not", "html", "js", "urlquery", "call", "pad", "truncate", "title", "upper",
      "%v", "%d", "%s", "%q", "%x", "%f", "%e", "%g", "%#v", "%[1]", "%*d", "%.*f", "nil",
      "true", "0x", "1e9", "'a'", "`", "\"", "\u0000"})
  void parse_and_execute(byte[] input) {
    String all = new String(input, StandardCharsets.UTF_8);
    int nul = all.indexOf('\u0000');
    String text = nul < 0 ? all : all.substring(0, nul);
    JsonNode data = json(nul < 0 ? "" : all.substring(nul + 1));

    for (TemplateFunctions functions
        : new TemplateFunctions[] {TemplateFunctions.docker(), TemplateFunctions.dockerHeaders()}) {
      Template template;
      try {
        template = Template.parse(text, functions).withLimits(LIMITS);
      } catch (TemplateException e) {
        assertThat(e.isParseError()).isTrue();
        assertThat(e.getMessage()).startsWith("template: ").doesNotContain("internal error");
        return;
      }
      for (MissingKey missingKey : new MissingKey[] {MissingKey.DEFAULT, MissingKey.ERROR}) {
        StringBuilder out = new StringBuilder();
        try {
          template.withMissingKey(missingKey)
              .withFieldAliases(Template.DOCKER_GO_FIELD_NAMES).execute(data, out);
        } catch (TemplateException e) {
          assertThat(e.isParseError()).isFalse();
          assertThat(e.getMessage()).startsWith("template: ").doesNotContain("internal error");
        }
        assertThat((long) out.length()).isLessThanOrEqualTo(LIMITS.maxOutputChars());
      }
    }
  }

  private static JsonNode json(String text) {
    try {
      JsonNode node = MAPPER.readTree(text);
      return node == null ? JsonNodeFactory.instance.objectNode() : node;
    } catch (IOException e) {
      return JsonNodeFactory.instance.objectNode();
    }
  }
}
