package dev.cnm.cli;

import static dev.cnm.cli.Harness.assertResult;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code logs}, {@code wait}, {@code kill}, {@code events}, {@code info} and {@code version} in-process. */
class LifecycleCommandsTest {
  private final Harness h = new Harness();

  private String id(String name) {
    return h.engine.container(name).id();
  }

  // ---- logs -----------------------------------------------------------------------------------

  @Test
  void logs_prints_stdout_to_stdout_and_stderr_to_stderr() {
    // The shell's own complaint goes to its stderr.
    h.ok("run -d --name job alpine sh -c 'echo out; echo more; exit x'");
    assertResult(h.run("logs job"), 0, "out\nmore\n", "sh: exit: Illegal number: x\n");
    assertResult(h.run("container logs job"), 0, "out\nmore\n", "sh: exit: Illegal number: x\n");
  }

  @Test
  void logs_tail_keeps_the_last_lines_and_a_tail_that_is_no_number_keeps_all() {
    h.ok("run -d --name job alpine sh -c 'echo 1; echo 2; echo 3'");
    assertResult(h.run("logs -n 2 job"), 0, "2\n3\n", "");
    assertResult(h.run("logs --tail 0 job"), 0, "", "");
    assertResult(h.run("logs --tail all job"), 0, "1\n2\n3\n", "");
    assertResult(h.run("logs --tail -1 job"), 0, "1\n2\n3\n", "");
  }

  @Test
  void logs_timestamps_have_nine_digits_and_details_add_a_space_after_them() {
    h.ok("run -d --name job alpine echo hi");
    assertThat(h.ok("logs -t job")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z hi\n");
    assertThat(h.ok("logs -t --details job")).matches("\\S+Z  hi\n");
    assertThat(h.ok("logs --details job")).isEqualTo(" hi\n");
  }

  @Test
  void logs_since_and_until_select_by_time() {
    h.ok("run -d --name job alpine sh -c 'echo early; sleep 10; echo late'");
    h.engine.clock().advance(java.time.Duration.ofSeconds(11));
    Instant mid = h.engine.logs("job", dev.cnm.api.process.LogOptions.builder().build()).get(0).time().plusSeconds(5);
    String at = mid.getEpochSecond() + "";
    assertResult(h.run("logs --since " + at + " job"), 0, "late\n", "");
    assertResult(h.run("logs --until " + at + " job"), 0, "early\n", "");
  }

  @Test
  void logs_follow_prints_what_comes_until_the_container_stops() {
    h.ok("run -d --name job alpine sh -c 'echo a; sleep 2; echo b; sleep 1; echo c'");
    assertResult(h.run("logs -f job"), 0, "a\nb\nc\n", "");
    assertThat(h.engine.container("job").isRunning()).isFalse();
  }

  @Test
  void logs_of_a_missing_container_is_the_daemons_error() {
    assertResult(h.run("logs nope"), 1, "", "Error response from daemon: No such container: nope\n");
  }

  @Test
  void logs_takes_exactly_one_container() {
    assertResult(h.run("logs"), 1, "", "cnm: 'cnm logs' requires 1 argument\n\n"
        + "Usage:  cnm logs [OPTIONS] CONTAINER\n\nRun 'cnm logs --help' for more information\n");
  }

  // ---- wait -----------------------------------------------------------------------------------

  @Test
  void wait_prints_each_exit_code_once_the_container_stops() {
    h.ok("run -d --name slow alpine sh -c 'sleep 2; exit 3'");
    h.ok("run -d --name quick alpine true");
    assertResult(h.run("wait slow quick"), 0, "3\n0\n", "");
    assertThat(h.engine.container("slow").isRunning()).isFalse();
  }

  @Test
  void wait_reports_a_missing_container_and_still_waits_for_the_others() {
    h.ok("run -d --name job alpine sh -c 'exit 5'");
    assertResult(h.run("wait job nope job"), 1, "5\n5\n", "Error response from daemon: No such container: nope\n");
  }

  @Test
  void wait_needs_a_container() {
    assertResult(h.run("wait"), 1, "", "cnm: 'cnm wait' requires at least 1 argument\n\n"
        + "Usage:  cnm wait CONTAINER [CONTAINER...]\n\nSee 'cnm wait --help' for more information\n");
  }

  // ---- kill -----------------------------------------------------------------------------------

  @Test
  void kill_ends_the_process_with_128_plus_the_signal() {
    h.ok("run -d --name web nginx");
    h.ok("run -d --name api nginx");
    assertResult(h.run("kill web"), 0, "web\n", "");
    assertResult(h.run("kill -s TERM api"), 0, "api\n", "");
    assertThat(h.ok("ps -a --format '{{.Names}} {{.Status}}'"))
        .contains("web Exited (137) ").contains("api Exited (0) ");
    assertThat(h.ok("wait web")).isEqualTo("137\n");
  }

  @Test
  void kill_reports_each_failure_and_exits_1() {
    h.ok("run -d --name web nginx");
    h.ok("create --name idle nginx");
    assertResult(h.run("kill nope idle web"), 1, "web\n",
        "Error response from daemon: cannot kill container: nope: No such container: nope\n"
            + "Error response from daemon: cannot kill container: idle: container " + id("idle") + " is not running\n");
    h.ok("start idle");
    assertResult(h.run("kill -s FOO idle"), 1, "",
        "Error response from daemon: cannot kill container: idle: invalid signal: FOO\n");
  }

  @Test
  void stop_and_restart_take_the_signal_and_the_timeout() {
    h.ok("run -d --name web nginx");
    h.ok("run -d --name api nginx");
    assertResult(h.run("stop -s KILL -t 5 web"), 0, "web\n", "");
    assertResult(h.run("stop --timeout 0 api"), 0, "api\n", "");
    assertThat(h.ok("ps -a --format '{{.Names}} {{.Status}}'")).contains("web Exited (137) ");
    assertResult(h.run("restart --time 1 api"), 0, "api\n", "Flag --time has been deprecated, use --timeout instead\n");
    assertResult(h.run("stop -t soon api"), 125, "", "invalid argument \"soon\" for \"-t, --timeout\" flag: "
        + "strconv.ParseInt: parsing \"soon\": invalid syntax\nSee 'cnm stop --help'.\n");
    assertResult(h.run("stop -t 1 --time 1 api"), 125, "",
        "conflicting options: cannot specify both --timeout and --time\nSee 'cnm stop --help'.\n");
  }

  // ---- events ---------------------------------------------------------------------------------

  @Test
  void events_prints_the_window_as_docker_does() {
    h.ok("run -d --name job alpine sh -c 'exit 2'");
    String id = id("job");
    String out = h.ok("events --since 1h --until 0s --filter type=container");
    assertThat(out.lines().map(l -> l.replaceFirst("^\\S+ ", "")).toList()).containsExactly(
        "container create " + id + " (image=alpine, name=job)",
        "container start " + id + " (image=alpine, name=job)",
        "container die " + id + " (execDuration=0, exitCode=2, image=alpine, name=job)");
    assertThat(out).matches("(?s)\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}(Z|[+-]\\d\\d:\\d\\d) container create .*");
  }

  @Test
  void events_format_json_keeps_the_fields_in_the_daemons_order() {
    h.ok("run -d --name job alpine true");
    String out = h.ok("events --since 1h --until 0s --filter event=die --format json");
    assertThat(out).startsWith("{\"status\":\"die\",\"id\":\"" + id("job") + "\",\"from\":\"alpine\",\"Type\":\"container\","
        + "\"Action\":\"die\",\"Actor\":{\"ID\":\"" + id("job") + "\",\"Attributes\":{").endsWith("}\n");
    assertThat(h.ok("events --since 1h --until 0s --filter event=die --format '{{json .}}'")).isEqualTo(out);
    assertThat(h.ok("events --since 1h --until 0s --filter container=job --format '{{.Action}} {{.Actor.Attributes.name}}'"))
        .isEqualTo("create job\nstart job\ndie job\n");
  }

  @Test
  void events_follows_until_a_time_still_to_come() {
    h.ok("run -d --name job alpine sh -c 'sleep 2; exit 4'");
    long until = h.engine.clock().now().plusSeconds(5).getEpochSecond();
    assertThat(h.ok("events --until " + until + " --format '{{.Type}} {{.Action}}'"))
        .isEqualTo("network disconnect\ncontainer die\n");
  }

  @Test
  void events_errors_are_dockers() {
    assertResult(h.run("events --format '{{.Action'"), 64, "", "Error parsing format: template: :1: unclosed action\n");
    assertResult(h.run("events x"), 1, "", "cnm: 'cnm events' accepts no arguments\n\n"
        + "Usage:  cnm events [OPTIONS]\n\nRun 'cnm events --help' for more information\n");
  }

  // ---- info and version -----------------------------------------------------------------------

  @Test
  void version_prints_the_client_and_the_server_as_docker_28_does() {
    assertResult(h.run("version"), 0, String.join("\n",
        "Client:",
        " Version:           28.2.2",
        " API version:       1.50",
        " Go version:        go1.24.3",
        " Git commit:        e6534b4",
        " Built:             Fri May 30 12:07:14 2025",
        " OS/Arch:           linux/amd64",
        " Context:           default",
        "",
        "Server: Docker Engine - Community",
        " Engine:",
        "  Version:          28.2.2",
        "  API version:      1.50 (minimum version 1.24)",
        "  Go version:       go1.24.3",
        "  Git commit:       e77ff99",
        "  Built:            Fri May 30 12:07:26 2025",
        "  OS/Arch:          linux/amd64",
        "  Experimental:     false",
        ""), "");
    assertThat(h.ok("version --format '{{.Server.Version}} {{.Client.ApiVersion}}'")).isEqualTo("28.2.2 1.50\n");
  }

  @Test
  void info_counts_the_engines_containers_and_images() {
    h.ok("run -d --name web nginx");
    h.ok("run -d --name job alpine true");
    h.ok("network create -d macvlan mv");
    String out = h.ok("info");
    assertThat(out).startsWith("Client:\n Version:    28.2.2\n Context:    default\n Debug Mode: false\n\nServer:\n"
        + " Containers: 2\n  Running: 1\n  Paused: 0\n  Stopped: 1\n Images: 2\n Server Version: 28.2.2\n")
        .contains("\n  Network: bridge host ipvlan macvlan null overlay\n")
        .endsWith(" Live Restore Enabled: false\n\n");
    assertThat(h.ok("info --format '{{.ContainersRunning}} {{.Images}}'")).isEqualTo("1 2\n");
    // Docker's Name is the daemon host's name: the engine's, which a host-mode container takes
    assertThat(out).contains("\n Name: localhost\n");
    h.ok("run -d --name hn --network host nginx");
    assertThat(h.ok("info --format '{{.Name}}'")).isEqualTo(h.ok("inspect -f '{{.Config.Hostname}}' hn"));
  }

  @ParameterizedTest
  @CsvSource({"0, 0B", "1023, 1023B", "1024, 1KiB", "1536, 1.5KiB", "6110000000, 5.69GiB", "6110100000, 5.69GiB",
      "6115000000, 5.695GiB"})
  void memory_is_printed_as_go_units_bytes_size(long bytes, String printed) {
    assertThat(SystemCommands.bytesSize(bytes)).isEqualTo(printed);
  }
}
