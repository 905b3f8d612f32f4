package dev.cnm.core.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.core.template.TemplateLimitException.Limit;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The bounds on one execution, and fmt's refusal of widths and precisions over a million. */
class TemplateLimitsTest {
  private static final JsonNode EMPTY = JsonNodeFactory.instance.objectNode();

  private static String run(String text) {
    return Template.parse(text, TemplateFunctions.docker()).execute(EMPTY);
  }

  private static String run(String text, TemplateLimits limits) {
    return Template.parse(text, TemplateFunctions.docker()).withLimits(limits).execute(EMPTY);
  }

  // ---- fmt: widths and precisions

  @Test
  void a_precision_of_more_than_seven_digits_is_noverb_as_in_go() {
    // Go's parsenum gives up on a number past 10^6 and consumes the rest of the format.
    assertThat(run("{{printf \"%.999999999f\" 1.0}}")).isEqualTo("%!(NOVERB)%!(EXTRA float64=1)");
    assertThat(run("{{printf \"%9999999999d|\" 1}}")).isEqualTo("%!(NOVERB)%!(EXTRA int=1)");
    assertThat(run("{{printf \"a%.12345678fb\" 1.0}}")).isEqualTo("a%!(NOVERB)%!(EXTRA float64=1)");
  }

  @Test
  void a_precision_of_up_to_seven_digits_is_honoured_and_fast() {
    assertThat(run("{{printf \"%.100000f\" 1.0}}")).isEqualTo("1." + "0".repeat(100_000));
    assertThat(run("{{printf \"%.1000001f\" 0.5}}")).hasSize(1_000_003).startsWith("0.5000");
    assertThat(run("{{printf \"%1000001d\" 7}}")).hasSize(1_000_001).endsWith(" 7");
  }

  @Test
  void star_width_and_precision_beyond_a_million_are_bad() {
    assertThat(run("{{printf \"%*d\" 1000001 5}}")).isEqualTo("%!(BADWIDTH)5");
    assertThat(run("{{printf \"%*d\" -1000001 5}}")).isEqualTo("%!(BADWIDTH)5");
    assertThat(run("{{printf \"%-*d|\" -3 5}}")).isEqualTo("5  |");
    assertThat(run("{{printf \"%.*f\" 1000001 5.0}}")).isEqualTo("%!(BADPREC)5.000000");
    assertThat(run("{{printf \"%.*f\" -1 5.0}}")).isEqualTo("%!(BADPREC)5.000000");
    assertThat(run("{{printf \"%.*d\" \"x\" 5}}")).isEqualTo("%!(BADPREC)5");
  }

  @Test
  void a_trailing_dot_is_a_verb_as_in_go() {
    // doPrintf reads a precision only when something follows the '.'.
    assertThat(run("{{printf \"%.\" 1}}")).isEqualTo("%!.(int=1)");
  }

  @Test
  void argument_indexes_follow_parsenum() {
    assertThat(run("{{printf \"%[2]d %[1]d\" 1 2}}")).isEqualTo("2 1");
    assertThat(run("{{printf \"%[9999999]d\" 1}}")).isEqualTo("%!d(BADINDEX)");
    assertThat(run("{{printf \"%[123456789]d\" 1}}")).isEqualTo("%!d(BADINDEX)");
    assertThat(run("{{printf \"%[]d\" 1}}")).isEqualTo("%!d(BADINDEX)");
    assertThat(run("{{printf \"%[\" 1}}")).isEqualTo("%!(NOVERB)");
  }

  // ---- the bounds

  @Test
  void a_range_past_the_iteration_limit_fails_with_its_position() {
    TemplateLimits limits = TemplateLimits.defaults().withMaxRangeIterations(1000);
    assertThatThrownBy(() -> run("x{{range 1000000000}}{{.}}{{end}}", limits))
        .isInstanceOfSatisfying(TemplateLimitException.class, e -> {
          assertThat(e.limit()).isEqualTo(Limit.RANGE_ITERATIONS);
          assertThat(e.isParseError()).isFalse();
        })
        .isInstanceOf(TemplateException.class)
        .hasMessage("template: :1:9: executing \"\" at <1000000000>: "
            + "range iterations exceed the limit of 1000");
    assertThat(run("{{range 1000}}{{end}}ok", limits)).isEqualTo("ok");
  }

  @Test
  void iterations_count_over_nested_ranges() {
    TemplateLimits limits = TemplateLimits.defaults().withMaxRangeIterations(110);
    assertThat(run("{{range 10}}{{range 10}}{{end}}{{end}}ok", limits)).isEqualTo("ok");
    assertThatThrownBy(() -> run("{{range 11}}{{range 10}}{{end}}{{end}}", limits))
        .isInstanceOfSatisfying(TemplateLimitException.class,
            e -> assertThat(e.limit()).isEqualTo(Limit.RANGE_ITERATIONS));
  }

  @Test
  void the_default_iteration_limit_stops_a_billion_iterations() {
    assertThatThrownBy(() -> run("{{range 1000000000}}{{end}}"))
        .isInstanceOfSatisfying(TemplateLimitException.class,
            e -> assertThat(e.limit()).isEqualTo(Limit.RANGE_ITERATIONS))
        .hasMessageEndingWith("range iterations exceed the limit of 10000000");
  }

  @Test
  void output_past_the_limit_fails_and_keeps_what_came_before() {
    TemplateLimits limits = TemplateLimits.defaults().withMaxOutputChars(10);
    Template t = Template.parse("{{range 100}}abc{{end}}").withLimits(limits);
    StringBuilder out = new StringBuilder("header\n");
    assertThatThrownBy(() -> t.execute(EMPTY, out))
        .isInstanceOfSatisfying(TemplateLimitException.class,
            e -> assertThat(e.limit()).isEqualTo(Limit.OUTPUT))
        .hasMessage("template: :1:13: executing \"\" at <abc>: "
            + "output exceeds the limit of 10 characters");
    // the limit counts what this execution writes, not what the builder held before
    assertThat(out.toString()).isEqualTo("header\nabcabcabc");
  }

  @Test
  void a_printf_wider_than_the_output_limit_fails() {
    TemplateLimits limits = TemplateLimits.defaults().withMaxOutputChars(1_000_000);
    assertThatThrownBy(() -> run("{{printf \"%1000001d\" 1}}", limits))
        .isInstanceOfSatisfying(TemplateLimitException.class,
            e -> assertThat(e.limit()).isEqualTo(Limit.OUTPUT))
        .hasMessage("template: :1:2: executing \"\" at <printf \"%1000001d\" 1>: "
            + "output exceeds the limit of 1000000 characters");
    // many wide verbs in one format stop at the first that passes the limit
    assertThatThrownBy(() -> run("{{printf \"%999999d%999999d%999999d\" 1 2 3}}", limits))
        .isInstanceOf(TemplateLimitException.class);
  }

  @Test
  void values_that_grow_in_a_loop_fail_before_exhausting_the_heap() {
    // doubling: 2^60 characters if nothing stopped it
    assertThatThrownBy(() -> run("{{$x := \"ab\"}}{{range 60}}{{$x = print $x $x}}{{end}}"))
        .isInstanceOfSatisfying(TemplateLimitException.class,
            e -> assertThat(e.limit()).isEqualTo(Limit.OUTPUT))
        .hasMessageContaining("at <print $x $x>: output exceeds the limit of 33554432 characters");
    TemplateLimits small = TemplateLimits.defaults().withMaxOutputChars(100_000);
    // split of a long string into one-character strings: each element weighs 16
    assertThatThrownBy(() -> run("{{$x := printf \"%10000d\" 1}}{{len (split $x \"\")}}", small))
        .isInstanceOf(TemplateLimitException.class).hasMessageContaining("at <split $x \"\">");
    assertThat(run("{{$x := printf \"%1000d\" 1}}{{len (split $x \"\")}}", small)).isEqualTo("1000");
    // join of n parts with a long separator: quadratic
    assertThatThrownBy(() -> run("{{$x := printf \"%1000d\" 1}}"
        + "{{len (join (split $x \"\") $x)}}", small))
        .isInstanceOf(TemplateLimitException.class).hasMessageContaining("at <join");
    assertThatThrownBy(() -> run("{{$x := printf \"%50000d\" 1}}{{len (html $x $x $x)}}", small))
        .isInstanceOf(TemplateLimitException.class);
    assertThatThrownBy(() -> run("{{$x := \"<<<<<<<<<<\"}}{{range 12}}{{$x = print $x $x}}{{end}}"
        + "{{len (html $x)}}", small))
        .isInstanceOf(TemplateLimitException.class).hasMessageContaining("at <html $x>");
  }

  @Test
  void an_execution_past_the_time_limit_fails() {
    TemplateLimits limits = TemplateLimits.defaults().withTimeout(Duration.ofMillis(1));
    assertThatThrownBy(() -> run("{{range 5000000}}{{end}}", limits))
        .isInstanceOfSatisfying(TemplateLimitException.class,
            e -> assertThat(e.limit()).isEqualTo(Limit.TIME))
        .hasMessageEndingWith("execution exceeds the time limit of 1ms");
  }

  @Test
  void each_execution_gets_its_own_budget() {
    Template t = Template.parse("{{range 6}}{{end}}ok")
        .withLimits(TemplateLimits.defaults().withMaxRangeIterations(6));
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    for (int i = 0; i < 3; i++) {
      assertThat(t.execute(data)).isEqualTo("ok");
    }
  }

  @Test
  void limits_are_values_and_refuse_negatives() {
    TemplateLimits d = TemplateLimits.defaults();
    assertThat(d.maxOutputChars()).isEqualTo(32L << 20);
    assertThat(d.maxRangeIterations()).isEqualTo(10_000_000L);
    assertThat(d.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(d.withMaxOutputChars(5).withMaxOutputChars(32L << 20)).isEqualTo(d);
    assertThat(Template.parse("x").limits()).isEqualTo(d);
    assertThatThrownBy(() -> d.withMaxOutputChars(-1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxOutputChars (-1) must not be negative");
    assertThatThrownBy(() -> d.withMaxRangeIterations(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void durations_print_as_go_prints_them() {
    assertThat(Budget.goDuration(10_000_000_000L)).isEqualTo("10s");
    assertThat(Budget.goDuration(90_000_000_000L)).isEqualTo("1m30s");
    assertThat(Budget.goDuration(3_600_000_000_000L)).isEqualTo("1h0m0s");
    assertThat(Budget.goDuration(1_500_000_000L)).isEqualTo("1.5s");
    assertThat(Budget.goDuration(250_000_000L)).isEqualTo("250ms");
    assertThat(Budget.goDuration(1_500L)).isEqualTo("1.5\u00b5s");
    assertThat(Budget.goDuration(0)).isEqualTo("0s");
  }
}
