package dev.cnm.core.internal.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cnm.api.process.Invocation;
import dev.cnm.api.process.Script;
import dev.cnm.api.process.Signal;
import dev.cnm.api.process.SignalReaction;
import dev.cnm.api.process.Step;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ShellParserTest {
  private static List<Step> steps(String script) {
    return ShellParser.parse(script, Map.of("NAME", "web", "EMPTY", "")).orElseThrow().steps();
  }

  @Test
  void lists_become_conditional_steps() {
    assertThat(steps("getent hosts db && echo found || exit 3; sleep 2")).containsExactly(
        Step.run("getent", "hosts", "db"),
        Step.run("echo", "found").ifSuccess(),
        Step.exit(3).ifFailure(),
        Step.sleep(Duration.ofSeconds(2)));
  }

  @Test
  void quotes_escapes_variables_comments_and_redirections() {
    assertThat(steps("echo 'a  b' \"c $NAME ${EMPTY:-d}\" e\\ f # ignored")).containsExactly(
        Step.run("echo", "a  b", "c web d", "e f"));
    assertThat(steps("curl -f localhost >/dev/null 2>&1 || exit 1")).containsExactly(
        Step.run("curl", "-f", "localhost"), Step.exit(1).ifFailure());
    assertThat(steps("FOO=1 echo hi > out.txt")).containsExactly(Step.run("echo", "hi"));
  }

  @Test
  void builtins_sleeps_and_programs() {
    assertThat(steps("sleep 1.5m; sleep infinity")).containsExactly(Step.sleep(Duration.ofSeconds(90)),
        Step.waitForever());
    assertThat(steps("cd /app; exec nginx -g 'daemon off;'")).containsExactly(Step.run("true"),
        Step.exec(List.of("nginx", "-g", "daemon off;")));
    assertThat(steps("ping -c 3 db")).containsExactly(Step.run("ping", "-c", "3", "db").taking(Duration.ofSeconds(2)));
    assertThat(steps("exit")).containsExactly(Step.exitWithLastStatus());
    assertThat(steps("exit 300")).containsExactly(Step.exit(44));
    assertThat(steps("tail -f /dev/null")).containsExactly(Step.waitForever());
  }

  @Test
  void a_loop_jumps_back_to_its_body() {
    assertThat(steps("echo start\nwhile true; do date; sleep 1; done")).containsExactly(
        Step.run("echo", "start"), Step.run("date"), Step.sleep(Duration.ofSeconds(1)), Step.jump(1));
  }

  @Test
  void traps_set_signal_reactions() {
    ShellParser.Parsed p = ShellParser.parse("trap 'echo bye; exit 5' TERM INT; trap '' HUP; sleep 9", Map.of())
        .orElseThrow();
    assertThat(p.traps()).containsEntry(Signal.TERM, SignalReaction.exit(5)).containsEntry(Signal.INT,
        SignalReaction.exit(5)).containsEntry(Signal.HUP, SignalReaction.ignore());
  }

  @Test
  void a_single_command_is_run_in_the_shells_place() {
    assertThat(ShellParser.parse("redis-server --appendonly yes", Map.of()).orElseThrow().single())
        .contains(List.of("redis-server", "--appendonly", "yes"));
    assertThat(ShellParser.parse("echo a; echo b", Map.of()).orElseThrow().single()).isEmpty();
    assertThat(ShellParser.parse("exit 2", Map.of()).orElseThrow().single()).isEmpty();
  }

  @Test
  void syntax_beyond_the_model_is_refused() {
    for (String s : List.of("echo a | grep a", "if true; then echo; fi", "echo $(date)", "echo `date`", "(echo a)",
        "for i in 1 2; do echo; done", "echo 'unterminated", "while read x; do echo; done", "echo $?")) {
      assertThat(ShellParser.parse(s, Map.of())).as(s).isEmpty();
    }
  }

  @Test
  void shells_as_programs() {
    Script interactive = BuiltinPrograms.script(Invocation.builder().addArgv("/bin/sh").tty(true).build()).orElseThrow();
    assertThat(interactive.steps()).containsExactly(Step.waitForever());
    assertThat(interactive.reactionTo(Signal.TERM).ignores()).isTrue();
    assertThat(BuiltinPrograms.script(Invocation.of(List.of("sh"))).orElseThrow().steps()).containsExactly(Step.exit(0));
    assertThat(BuiltinPrograms.script(Invocation.of(List.of("bash", "-ec", "echo hi"))).orElseThrow().steps())
        .containsExactly(Step.exec(List.of("echo", "hi")));
    assertThat(BuiltinPrograms.script(Invocation.of(List.of("sh", "-c"))).orElseThrow().steps())
        .containsExactly(Step.stderr("sh: -c requires an argument"), Step.exit(2));
    assertThat(BuiltinPrograms.script(Invocation.of(List.of("sh", "/entrypoint.sh")))).contains(Script.forever());
    assertThat(BuiltinPrograms.script(Invocation.of(List.of("unknownd")))).isEmpty();
  }

  @Test
  void sleep_reads_busyboxs_arguments() {
    assertThat(SleepArgs.parse(List.of("1", "2m", "0.5h", "1d")).duration())
        .contains(Duration.ofSeconds(1 + 120 + 1800 + 86400));
    assertThat(SleepArgs.parse(List.of("inf")).forever()).isTrue();
    assertThat(SleepArgs.parse(List.of("x")).invalid()).contains("x");
    assertThat(SleepArgs.parse(List.of()).invalid()).contains("");
    assertThat(SleepArgs.parse(List.of("99999999999999999999")).duration().orElseThrow())
        .isGreaterThan(Duration.ofDays(365));
    assertThat(BuiltinPrograms.script(Invocation.of(List.of("sleep", "0.25"))).map(Script::steps))
        .isEqualTo(Optional.of(List.of(Step.sleep(Duration.ofMillis(250)), Step.exit(0))));
  }
}
