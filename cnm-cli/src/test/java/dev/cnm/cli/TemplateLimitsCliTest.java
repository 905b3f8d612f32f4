package dev.cnm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A template that would burn CPU while the state is locked stops at its limit and is reported
 * like any template execution error: the message on stderr, exit 1.
 */
class TemplateLimitsCliTest {
  private final Harness h = new Harness();

  @Test
  void a_runaway_range_stops_at_the_iteration_limit_with_exit_1() {
    h.ok("run -d --name web nginx");
    Harness.Result r = h.run("inspect -f '{{range 1000000000}}{{end}}' web");
    assertThat(r.rc()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("template: :1:8: executing \"\" at <1000000000>: "
        + "range iterations exceed the limit of 10000000\n");
  }

  @Test
  void a_precision_past_a_million_is_noverb_not_ten_minutes_of_digits() {
    h.ok("run -d --name web nginx");
    Harness.Result r = h.run("inspect -f '{{printf \"%.999999999f\" 1.0}}' web");
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).isEqualTo("%!(NOVERB)%!(EXTRA float64=1)\n");
    assertThat(r.rc()).isZero();
  }

  @Test
  void output_past_the_limit_is_an_execution_error() {
    Harness.Result r = h.run("ps --format '{{range 100}}{{printf \"%999999d\" 1}}{{end}}'");
    // no container: no row is executed, so nothing fails
    assertThat(r.rc()).isZero();
    h.ok("run -d --name web nginx");
    r = h.run("ps --format '{{range 100}}{{printf \"%999999d\" 1}}{{end}}'");
    assertThat(r.rc()).isEqualTo(1);
    assertThat(r.err()).endsWith("output exceeds the limit of 33554432 characters\n")
        .startsWith("template: :1:");
  }
}
