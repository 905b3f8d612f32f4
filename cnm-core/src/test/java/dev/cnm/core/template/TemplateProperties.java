package dev.cnm.core.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever the template text and the JSON document, parsing and executing either succeed or
 * raise a {@link TemplateException} (never another exception, never an internal error), and
 * executing is deterministic. Under any {@link TemplateLimits}, an execution writes no more
 * than its output limit and a limit error names a limit that was really reached.
 */
class TemplateProperties {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private static final List<String> PIECES = List.of(
      "{{", "}}", "{{- ", " -}}", "{{/* c */}}", "/*", "*/", " ", "  ", "\n", "text", ".", ".A",
      ".B.C", ".x", "$", "$x", "$y", "$.A", ":=", "=", "|", "(", ")", ",", "if", "else", "end",
      "range", "with", "define", "template", "block", "break", "continue", "\"s\"", "\"%d %s %v\"",
      "\"%q|%5.2f|%x\"", "\"A\"", "`r`", "'c'", "1", "-2", "3.5", "0x1F", "1e3", "nil", "true",
      "false", "and", "or", "not", "eq", "ne", "lt", "le", "gt", "ge", "len", "index", "slice",
      "print", "printf", "println", "html", "js", "urlquery", "call", "json", "join", "split",
      "title", "lower", "upper", "pad", "truncate", "{{end}}", "{{else}}", "{{range .}}",
      "{{range $i, $v := .A}}", "{{with .B}}", "{{if .A}}", "{{define \"t\"}}",
      "{{template \"t\" .}}", "{{.A}}", "{{$x := .A}}", "{{break}}", "{{continue}}", "-", "@",
      "é", "}", "{");

  @Provide
  Arbitrary<String> tokenSoup() {
    return Arbitraries.of(PIECES).list().ofMinSize(0).ofMaxSize(30)
        .map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<String> wellFormedish() {
    Arbitrary<String> expr = Arbitraries.of(".", ".A", ".B", ".B.C", "$", "(index . \"A\")",
        "(len .A)", "(slice .A 0)", "(print .A 1)", "(json .)", "(eq .A 1)", "(and .A .B)",
        "(or .x \"d\")", "(not .A)", "(printf \"%v-%d\" .A .B)", "1", "\"s\"", "nil", "true");
    Arbitrary<String> action = Arbitraries.oneOf(
        expr.map(e -> "{{" + e + "}}"),
        expr.map(e -> "{{if " + e + "}}x{{else}}y{{end}}"),
        expr.map(e -> "{{range $i, $v := " + e + "}}{{$i}}:{{$v}};{{end}}"),
        expr.map(e -> "{{with " + e + "}}{{.}}{{end}}"),
        expr.map(e -> "{{" + e + " | print}}"),
        expr.map(e -> "{{len " + e + "}}"),
        expr.map(e -> "{{index " + e + " 0}}"),
        Arbitraries.strings().ofMaxLength(5));
    return action.list().ofMaxSize(6).map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<JsonNode> json() {
    return node(3);
  }

  private Arbitrary<JsonNode> node(int depth) {
    Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(6).map(F::textNode),
        Arbitraries.integers().between(-3, 1000).map(F::numberNode),
        Arbitraries.doubles().between(-1e7, 1e7).map(F::numberNode),
        Arbitraries.of(true, false).map(F::booleanNode),
        Arbitraries.just(F.nullNode()));
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<JsonNode> child = node(depth - 1);
    Arbitrary<JsonNode> array = child.list().ofMaxSize(3).map(l -> {
      ArrayNode a = F.arrayNode();
      a.addAll(l);
      return a;
    });
    Arbitrary<JsonNode> object = Arbitraries.maps(Arbitraries.of("A", "B", "C", "x", "é"), child)
        .ofMaxSize(4).map(m -> {
          ObjectNode o = F.objectNode();
          o.setAll(m);
          return o;
        });
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(2, leaf), net.jqwik.api.Tuple.of(2, array),
        net.jqwik.api.Tuple.of(3, object));
  }

  private static void check(String text, JsonNode data) {
    Template t;
    try {
      t = Template.parse(text, TemplateFunctions.docker());
    } catch (TemplateException e) {
      assertThat(e.isParseError()).isTrue();
      assertThat(e.getMessage()).startsWith("template: ").doesNotContain("internal error");
      return;
    }
    String first = run(t, data);
    String second = run(t, data);
    assertThat(second).isEqualTo(first);
  }

  private static String run(Template t, JsonNode data) {
    try {
      return "ok:" + t.execute(data);
    } catch (TemplateException e) {
      assertThat(e.isParseError()).isFalse();
      assertThat(e.getMessage()).startsWith("template: ").doesNotContain("internal error");
      return "err:" + e.getMessage();
    }
  }

  @Property(tries = 400)
  void random_strings_only_ever_fail_with_template_exception(
      @ForAll("randomText") String text, @ForAll("json") JsonNode data) {
    check(text, data);
  }

  @Provide
  Arbitrary<String> randomText() {
    return Arbitraries.strings().withChars("{}.$()|-\"'`/* \n\tabcAB01=:,")
        .ofMaxLength(40);
  }

  @Property(tries = 600)
  void token_soups_only_ever_fail_with_template_exception(
      @ForAll("tokenSoup") String text, @ForAll("json") JsonNode data) {
    check(text, data);
  }

  @Property(tries = 600)
  void well_formed_templates_are_deterministic(
      @ForAll("wellFormedish") String text, @ForAll("json") JsonNode data) {
    check(text, data);
  }

  @Provide
  Arbitrary<String> greedy() {
    Arbitrary<String> action = Arbitraries.of(
        "{{range 1000}}x{{end}}", "{{range 100000000}}{{end}}", "{{range $i := 50}}{{$i}}{{end}}",
        "{{range .A}}{{range .}}{{.}}{{end}}{{end}}", "{{printf \"%999999d\" 1}}",
        "{{printf \"%.999999f\" 1.5}}", "{{printf \"%.9999999999f\" 1.5}}",
        "{{printf \"%*d\" 1000001 1}}", "{{$x = print $x $x}}", "{{$x = printf \"%s%s\" $x $x}}",
        "{{len (split $x \"\")}}", "{{join (split $x \"\") $x}}", "{{html $x $x}}",
        "{{js $x}}", "{{urlquery $x}}", "{{upper $x}}", "{{title $x}}", "{{pad $x 1000 1000}}",
        "{{json .}}", "{{.}}", "{{$x}}", "{{len $x}}", "{{define \"r\"}}{{range 10}}y{{end}}{{end}}",
        "{{template \"r\"}}");
    return action.list().ofMaxSize(6)
        .map(l -> "{{$x := \"<a b>\"}}" + String.join("", l));
  }

  @Provide
  Arbitrary<TemplateLimits> limits() {
    return net.jqwik.api.Combinators.combine(
        Arbitraries.longs().between(0, 5000),
        Arbitraries.longs().between(0, 200))
        .as((chars, iterations) -> TemplateLimits.defaults().withMaxOutputChars(chars)
            .withMaxRangeIterations(iterations));
  }

  @Property(tries = 300)
  void limits_bound_every_execution(@ForAll("greedy") String text, @ForAll("json") JsonNode data,
      @ForAll("limits") TemplateLimits limits) {
    Template t;
    try {
      t = Template.parse(text, TemplateFunctions.docker()).withLimits(limits);
    } catch (TemplateException e) {
      assertThat(e.getMessage()).doesNotContain("internal error");
      return;
    }
    StringBuilder out = new StringBuilder("prefix");
    try {
      t.execute(data, out);
    } catch (TemplateLimitException e) {
      assertThat(e.isParseError()).isFalse();
      assertThat(e.getMessage()).startsWith("template: ").doesNotContain("internal error");
      if (e.limit() == TemplateLimitException.Limit.RANGE_ITERATIONS) {
        assertThat(text).contains("range");
      }
    } catch (TemplateException e) {
      assertThat(e.getMessage()).startsWith("template: ").doesNotContain("internal error");
    }
    assertThat((long) out.length() - "prefix".length()).isLessThanOrEqualTo(limits.maxOutputChars());
  }

  @Property(tries = 100)
  void arbitrary_unicode_never_breaks_the_lexer(@ForAll String text) {
    check(text, F.objectNode());
    check("{{" + text + "}}", F.objectNode());
  }
}
