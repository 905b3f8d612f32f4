package dev.cnm.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.ContainerStatus;
import dev.cnm.api.Engine;
import dev.cnm.api.ExecResult;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.error.ConflictException;
import dev.cnm.api.event.Event;
import dev.cnm.api.event.EventQuery;
import dev.cnm.api.port.PortSpec;
import dev.cnm.api.process.LogEntry;
import dev.cnm.api.process.LogOptions;
import dev.cnm.api.process.LogStream;
import dev.cnm.api.process.Script;
import dev.cnm.api.process.WaitCondition;
import dev.cnm.api.process.WaitResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Containers run their programs: built-in ones, shell scripts, registered scripts, on the engine's clock. */
class ProcessTest {
  private Engine engine;

  @BeforeEach
  void setUp() {
    engine = TestDrivers.builder(7).build();
  }

  private ContainerInfo run(String name, String... command) {
    return engine.run(ContainerSpec.builder().image("alpine").name(name).command(List.of(command)).build());
  }

  private String stdout(String name) {
    return engine.logs(name, LogOptions.builder().stderr(false).build()).stream().map(LogEntry::text)
        .collect(Collectors.joining());
  }

  /** The events of container {@code name}: its own, and the network events naming it. */
  private List<String> actions(String name) {
    String id = engine.events(EventQuery.all()).stream().filter(e -> e.action().equals("create")
        && e.attribute("name").equals(name)).findFirst().orElseThrow().actorId();
    return engine.events(EventQuery.all()).stream()
        .filter(e -> e.actorId().equals(id) || e.attribute("container").equals(id))
        .map(e -> e.type() + " " + e.action()).collect(Collectors.toList());
  }

  @Test
  void echo_prints_and_exits_zero_releasing_its_address_and_port() {
    ContainerInfo started = engine.run(ContainerSpec.builder().image("alpine").name("hello")
        .command(List.of("echo", "hello", "world")).addAllPortBindings(PortSpec.parse("8080:80")).build());
    assertThat(started.status()).isEqualTo(ContainerStatus.RUNNING); // what start returned: it had started

    ContainerInfo c = engine.container("hello");
    assertThat(c.status()).isEqualTo(ContainerStatus.EXITED);
    assertThat(c.exitCode()).isZero();
    assertThat(c.pid()).isZero();
    assertThat(c.finishedAt()).isPresent();
    assertThat(c.ports()).isEmpty();
    assertThat(c.endpoint("bridge")).isEmpty();
    assertThat(stdout("hello")).isEqualTo("hello world\n");
    // The port is free again: another container can publish it.
    engine.run(ContainerSpec.builder().image("nginx").name("web").addAllPortBindings(PortSpec.parse("8080:80")).build());
    assertThat(engine.container("web").ports()).hasSize(2);
    assertThat(actions("hello")).containsExactly("container create", "network connect", "container start",
        "network disconnect", "container die");
  }

  @Test
  void false_exits_one_and_die_carries_the_exit_code() {
    run("ff", "false");
    assertThat(engine.container("ff").exitCode()).isEqualTo(1);
    Event die = engine.events(EventQuery.all()).stream().filter(e -> e.action().equals("die")).findFirst().orElseThrow();
    assertThat(die.attributes()).containsEntry("exitCode", "1").containsEntry("execDuration", "0")
        .containsEntry("image", "alpine").containsEntry("name", "ff");
  }

  @Test
  void sleep_runs_on_the_virtual_clock() {
    ContainerInfo c = run("nap", "sleep", "10");
    Instant started = c.startedAt().orElseThrow();
    engine.advanceClock(Duration.ofSeconds(9));
    assertThat(engine.container("nap").isRunning()).isTrue();
    assertThat(engine.container("nap").pid()).isBetween(1000, 65535);
    engine.advanceClock(Duration.ofSeconds(2));
    ContainerInfo done = engine.container("nap");
    assertThat(done.status()).isEqualTo(ContainerStatus.EXITED);
    assertThat(done.exitCode()).isZero();
    assertThat(Duration.between(started, done.finishedAt().orElseThrow())).isBetween(Duration.ofSeconds(10),
        Duration.ofMillis(10_100));
  }

  @Test
  void await_moves_virtual_time_to_the_exit_in_no_real_time() {
    run("job", "sh", "-c", "sleep 10 && exit 3");
    Instant before = engine.clock().now();
    long realStart = System.nanoTime();

    WaitResult r = engine.await("job", WaitCondition.NOT_RUNNING);

    assertThat(r.statusCode()).isEqualTo(3);
    assertThat(r.error()).isEmpty();
    assertThat(Duration.between(before, engine.clock().now())).isGreaterThanOrEqualTo(Duration.ofSeconds(10));
    assertThat(Duration.ofNanos(System.nanoTime() - realStart)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void a_shell_script_runs_its_and_or_list() {
    run("script", "sh", "-c", "echo a; false && echo b || echo c; true && echo d; exit 4");
    assertThat(stdout("script")).isEqualTo("a\nc\nd\n");
    assertThat(engine.container("script").exitCode()).isEqualTo(4);
  }

  @Test
  void a_shell_expands_the_environment_and_ends_with_the_last_status() {
    engine.run(ContainerSpec.builder().image("alpine").name("env").hostname("box").addEnv("GREETING=hi")
        .command(List.of("sh", "-c", "echo $GREETING ${HOSTNAME} ${MISSING:-none}; getent hosts nowhere")).build());
    assertThat(stdout("env")).isEqualTo("hi box none\n");
    assertThat(engine.container("env").exitCode()).isEqualTo(2); // getent's "not found"
  }

  @Test
  void a_one_shot_command_sees_the_model_when_it_runs() {
    engine.createNetwork(NetworkSpec.of("dev"));
    engine.run(ContainerSpec.builder().image("alpine").name("probe").networkMode(NetworkMode.network("dev"))
        .command(List.of("sh", "-c", "sleep 5; getent hosts db")).build());
    engine.advanceClock(Duration.ofSeconds(2));
    ContainerInfo db = engine.run(ContainerSpec.builder().image("redis").name("db")
        .networkMode(NetworkMode.network("dev")).build());
    engine.advanceClock(Duration.ofSeconds(4));

    String ip = db.endpoint("dev").orElseThrow().ipv4Address().orElseThrow().address().toString();
    assertThat(stdout("probe")).startsWith(ip).contains("db");
    assertThat(engine.container("probe").exitCode()).isZero();
  }

  @Test
  void a_bare_shell_exits_at_once_without_a_terminal_or_input_and_waits_with_one() {
    engine.run(ContainerSpec.builder().image("alpine").name("plain").build());
    engine.run(ContainerSpec.builder().image("alpine").name("tty").tty(true).build());
    engine.run(ContainerSpec.builder().image("busybox").name("stdin").openStdin(true).build());
    engine.run(ContainerSpec.builder().image("ubuntu").name("bash").command(List.of("bash")).build());

    assertThat(engine.container("plain").status()).isEqualTo(ContainerStatus.EXITED);
    assertThat(engine.container("plain").exitCode()).isZero();
    assertThat(engine.container("tty").isRunning()).isTrue();
    assertThat(engine.container("stdin").isRunning()).isTrue();
    assertThat(engine.container("bash").status()).isEqualTo(ContainerStatus.EXITED);
  }

  @Test
  void servers_and_unknown_programs_keep_running() {
    engine.run(ContainerSpec.builder().image("nginx").name("web").build());
    engine.run(ContainerSpec.builder().image("elasticsearch").name("search").build());
    engine.run(ContainerSpec.builder().image("myorg/app").name("app").build());
    engine.run(ContainerSpec.builder().image("alpine").name("loop").command(List.of("sh", "-c", "echo x | grep x")).build());
    engine.advanceClock(Duration.ofHours(1));

    assertThat(engine.containers()).allMatch(ContainerInfo::isRunning);
    assertThat(stdout("web")).isEqualTo("/docker-entrypoint.sh: Configuration complete; ready for start up\n");
    assertThat(engine.clock().nextDue("web")).isEmpty();
  }

  @Test
  void a_loop_prints_on_the_clock() {
    run("clock", "sh", "-c", "while true; do date; sleep 1; done");
    engine.advanceClock(Duration.ofMillis(2500));
    List<LogEntry> lines = engine.logs("clock", LogOptions.all());
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0).text()).matches("[A-Z][a-z]{2} [A-Z][a-z]{2} [ 0-9]\\d \\d\\d:\\d\\d:\\d\\d UTC \\d{4}\n");
    assertThat(engine.container("clock").isRunning()).isTrue();
  }

  @Test
  void rm_flag_removes_the_container_when_its_program_exits() {
    engine.run(ContainerSpec.builder().image("alpine").name("tmp").command(List.of("sh", "-c", "sleep 3")).autoRemove(true)
        .build());
    assertThat(engine.findContainer("tmp")).isPresent();
    engine.advanceClock(Duration.ofSeconds(3));
    assertThat(engine.findContainer("tmp")).isEmpty();
    assertThat(actions("tmp")).endsWith("network disconnect", "container die", "container destroy");
  }

  @Test
  void a_registered_script_runs_for_its_program_and_its_image() {
    Script migrate = Script.builder().stdout("migrating").sleep(Duration.ofSeconds(5)).stderr("done").exit(0).build();
    Engine e = TestDrivers.builder(1)
        .program("migrate", migrate)
        .imageProgram("myorg/api", inv -> Script.builder().stdout("api " + String.join(",", inv.argv())).waitForever()
            .build())
        .build();
    e.run(ContainerSpec.builder().image("alpine").name("mig").command(List.of("/usr/local/bin/migrate", "--all")).build());
    e.run(ContainerSpec.builder().image("myorg/api:2").name("api").build());

    assertThat(e.await("mig", WaitCondition.NOT_RUNNING).statusCode()).isZero();
    assertThat(e.logs("mig", LogOptions.all())).extracting(LogEntry::stream, LogEntry::text).containsExactly(
        org.assertj.core.groups.Tuple.tuple(LogStream.STDOUT, "migrating\n"),
        org.assertj.core.groups.Tuple.tuple(LogStream.STDERR, "done\n"));
    assertThat(e.logs("api", LogOptions.all())).extracting(LogEntry::text).containsExactly("api sh\n"); // the generic image's CMD
    assertThat(e.container("api").isRunning()).isTrue();
  }

  @Test
  void wrappers_that_exec_their_arguments_run_the_program_they_name() {
    Engine e = TestDrivers.builder(3).program("myapp", Script.builder().stdout("app up").waitForever().build()).build();
    e.run(ContainerSpec.builder().image("x").name("wrapped").entrypoint(List.of("/bin/tini", "--", "docker-entrypoint.sh"))
        .command(List.of("myapp")).build());
    assertThat(e.logs("wrapped", LogOptions.all())).extracting(LogEntry::text).containsExactly("app up\n");
  }

  @Test
  void crash_and_oom_end_the_process_now() {
    engine.run(ContainerSpec.builder().image("nginx").name("web").build());
    ContainerInfo c = engine.crash("web", 137, true);
    assertThat(c.status()).isEqualTo(ContainerStatus.EXITED);
    assertThat(c.exitCode()).isEqualTo(137);
    assertThat(c.oomKilled()).isTrue();
    assertThat(actions("web")).endsWith("container oom", "network disconnect", "container die");
    assertThatThrownBy(() -> engine.crash("web", 1, false)).isInstanceOf(ConflictException.class)
        .hasMessage("container " + c.id() + " is not running");
    engine.start("web");
    assertThat(engine.container("web").oomKilled()).isFalse(); // a new run clears it
  }

  @Test
  void a_script_can_crash_or_die_of_oom_by_itself() {
    Engine e = TestDrivers.builder(2).program("leaky", Script.builder().sleep(Duration.ofSeconds(30)).oomKilled().build())
        .build();
    e.run(ContainerSpec.builder().image("alpine").name("leak").command(List.of("leaky")).build());
    WaitResult r = e.await("leak", WaitCondition.NEXT_EXIT);
    assertThat(r.statusCode()).isEqualTo(137);
    assertThat(e.container("leak").oomKilled()).isTrue();
  }

  @Test
  void exec_runs_scripted_answers_builtins_and_shell_commands_with_docker_events() {
    Engine e = TestDrivers.builder(4).program("app", Script.builder()
        .answerExec(List.of("app", "status"), ExecResult.ok("green\n")).waitForever().build()).build();
    ContainerInfo c = e.run(ContainerSpec.builder().image("alpine").name("ap").hostname("box").command(List.of("app"))
        .build());

    assertThat(e.exec("ap", List.of("app", "status", "-v"))).isEqualTo(ExecResult.ok("green\n"));
    assertThat(e.exec("ap", List.of("sh", "-c", "echo one && hostname"))).isEqualTo(ExecResult.ok("one\nbox\n"));
    assertThat(e.exec("ap", List.of("false")).exitCode()).isEqualTo(1);
    assertThat(e.exec("ap", List.of("nosuch")).exitCode()).isEqualTo(127);
    assertThat(e.exec("ap", List.of("/bin/sh"))).isEqualTo(ExecResult.ok("")); // no input: exits at once

    List<Event> execs = e.events(EventQuery.all()).stream().filter(ev -> ev.action().startsWith("exec_")).toList();
    assertThat(execs.subList(0, 3)).extracting(Event::action)
        .containsExactly("exec_create: app status -v", "exec_start: app status -v", "exec_die");
    assertThat(execs.get(0).attribute("execID")).hasSize(64).isEqualTo(execs.get(2).attribute("execID"));
    assertThat(execs.get(2).attributes()).containsEntry("exitCode", "0").containsEntry("name", "ap");
    assertThat(e.events(EventQuery.all()).stream().map(Event::action))
        .contains("exec_create: false ").doesNotContain("die");

    e.kill("ap", "KILL");
    assertThatThrownBy(() -> e.exec("ap", List.of("true"))).isInstanceOf(ConflictException.class)
        .hasMessage("container " + c.id() + " is not running");
  }
}
