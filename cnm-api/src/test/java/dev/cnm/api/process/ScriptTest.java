package dev.cnm.api.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.ExecResult;
import dev.cnm.api.Healthcheck;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptTest {
  @Test
  void signals_follow_the_handlers_then_the_defaults() {
    Script plain = Script.builder().waitForever().build();
    assertThat(plain.reactionTo(Signal.TERM)).isEqualTo(SignalReaction.exit(143));
    assertThat(plain.reactionTo(Signal.WINCH).ignores()).isTrue();
    Script pid1 = Script.builder().ignoresUnhandledSignals(true).waitForever().build();
    assertThat(pid1.reactionTo(Signal.TERM).ignores()).isTrue();
    assertThat(pid1.reactionTo(Signal.KILL)).isEqualTo(SignalReaction.exit(137));
    Script handled = Script.builder().onSignal(Signal.QUIT, 0, Duration.ofSeconds(2)).ignore(Signal.TERM).build();
    assertThat(handled.reactionTo(Signal.QUIT)).isEqualTo(SignalReaction.exit(0, Duration.ofSeconds(2)));
    assertThat(handled.reactionTo(Signal.TERM).ignores()).isTrue();
    assertThatThrownBy(() -> Script.builder().ignore(Signal.KILL).build()).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("SIGKILL cannot be caught or ignored");
  }

  @Test
  void health_codes_and_exec_answers() {
    Script s = Script.builder().healthyAfter(3)
        .answerExec(List.of("app", "status"), ExecResult.ok("ok\n")).build();
    assertThat(List.of(0, 1, 2, 3, 4).stream().map(i -> s.healthCheckCode(i).orElseThrow())).containsExactly(1, 1, 0, 0, 0);
    assertThat(Script.builder().unhealthyAfter(2).build().healthCheckCode(5)).contains(1);
    assertThat(Script.forever().healthCheckCode(0)).isEmpty();
    assertThat(s.answerTo(List.of("app", "status", "--json"))).contains(ExecResult.ok("ok\n"));
    assertThat(s.answerTo(List.of("app"))).isEmpty();
  }

  @Test
  void steps_check_their_values() {
    assertThatThrownBy(() -> Step.exit(256)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Step.sleep(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Script.of(Step.jump(3))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("jump to step 3 of a script of 1 steps");
    assertThatThrownBy(() -> Step.exit(1).taking(Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    assertThat(Step.stdout("x").text()).isEqualTo("x\n");
    assertThat(Step.stderr("x").stream()).isEqualTo(LogStream.STDERR);
  }

  @Test
  void wait_conditions_and_log_entries() {
    assertThat(WaitCondition.parse("")).isEqualTo(WaitCondition.NOT_RUNNING);
    assertThat(WaitCondition.parse("next-exit")).isEqualTo(WaitCondition.NEXT_EXIT);
    assertThatThrownBy(() -> WaitCondition.parse("gone")).hasMessage("invalid condition: \"gone\"");
    LogEntry e = LogEntry.of(LogStream.STDOUT, java.time.Instant.parse("2025-06-02T09:00:01.500Z"), "hi\n");
    assertThat(e.render(true)).isEqualTo("2025-06-02T09:00:01.500000000Z hi\n");
    assertThat(LogOptions.builder().since(e.time().plusNanos(1)).build().includes(e)).isFalse();
  }

  @Test
  void a_containers_healthcheck_merges_into_the_images() {
    Healthcheck image = Healthcheck.builder().addTest("CMD-SHELL", "curl -f localhost").interval(Duration.ofSeconds(10))
        .retries(5).build();
    Healthcheck merged = image.mergedWith(Healthcheck.builder().timeout(Duration.ofSeconds(2)).build());
    assertThat(merged.test()).containsExactly("CMD-SHELL", "curl -f localhost");
    assertThat(merged.effectiveInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(merged.effectiveTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(merged.effectiveRetries()).isEqualTo(5);
    assertThat(merged.command()).containsExactly("/bin/sh", "-c", "curl -f localhost");
    assertThat(image.mergedWith(Healthcheck.none()).isDisabled()).isTrue();
    assertThat(Healthcheck.none().command()).isEmpty();
    assertThat(Healthcheck.builder().build().effectiveStartInterval()).isEqualTo(Duration.ofSeconds(5));
  }
}
