package dev.cnm.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.ContainerStatus;
import dev.cnm.api.Engine;
import dev.cnm.api.HealthStatus;
import dev.cnm.api.Healthcheck;
import dev.cnm.api.RestartPolicy;
import dev.cnm.api.event.EventQuery;
import dev.cnm.api.process.LogOptions;
import dev.cnm.api.process.Script;
import dev.cnm.api.process.Signal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Running processes saved with the state document and carried on by the restored engine. */
class ProcessStateTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void a_process_saved_mid_sleep_exits_on_time_after_a_restore() {
    Engine e = TestDrivers.builder(29).build();
    ContainerInfo nap = e.run(ContainerSpec.builder().image("alpine").name("nap")
        .command(List.of("sh", "-c", "echo start; sleep 10; echo end; exit 7")).build());
    e.advanceClock(Duration.ofSeconds(4));
    byte[] saved = EngineState.export(e);

    Engine restored = EngineState.restore(saved, TestDrivers.builder(30));
    assertThat(restored.container("nap").isRunning()).isTrue();
    assertThat(restored.clock().now()).isAfter(nap.startedAt().orElseThrow().plusSeconds(4));
    restored.advanceClock(Duration.ofSeconds(5));
    assertThat(restored.container("nap").isRunning()).isTrue();
    restored.advanceClock(Duration.ofSeconds(2));
    ContainerInfo done = restored.container("nap");
    assertThat(done.status()).isEqualTo(ContainerStatus.EXITED);
    assertThat(done.exitCode()).isEqualTo(7);
    assertThat(restored.logs("nap", LogOptions.all())).extracting(l -> l.text()).containsExactly("start\n", "end\n");
    assertThat(done.endpoint("bridge")).isEmpty();
  }

  @Test
  void a_command_line_process_later_sees_the_container_exited() {
    // As the CLI runs: each command restores the state on the system clock, runs, saves.
    ClockTest.SetClock clock = new ClockTest.SetClock(Instant.parse("2025-06-02T10:00:00Z"));
    Engine first = TestDrivers.builder(31).clock(clock).build();
    first.run(ContainerSpec.builder().image("alpine").name("nap").command(List.of("sleep", "5")).build());
    byte[] saved = EngineState.export(first);

    ClockTest.SetClock later = new ClockTest.SetClock(Instant.parse("2025-06-02T10:00:06Z"));
    Engine second = EngineState.restore(saved, TestDrivers.builder(32).clock(later));
    ContainerInfo nap = second.container("nap");
    assertThat(nap.status()).isEqualTo(ContainerStatus.EXITED);
    assertThat(nap.finishedAt()).contains(Instant.parse("2025-06-02T10:00:05Z"));
    assertThat(second.events(EventQuery.all()).stream().map(ev -> ev.action())).endsWith("start", "disconnect", "die");
  }

  @Test
  void a_running_script_carries_on_without_its_registration_and_a_restart_needs_it() {
    Script app = Script.builder().stdout("up").healthyAfter(2).onSignal(Signal.TERM, 3)
        .sleep(Duration.ofSeconds(20)).exit(9).build();
    Engine e = TestDrivers.builder(33).program("app", app).build();
    e.run(ContainerSpec.builder().image("alpine").name("app").command(List.of("app"))
        .restartPolicy(RestartPolicy.onFailure(5))
        .healthcheck(Healthcheck.builder().addTest("CMD", "app", "check").interval(Duration.ofSeconds(4)).build())
        .build());
    e.advanceClock(Duration.ofSeconds(9));
    assertThat(e.container("app").health().orElseThrow().status()).isEqualTo(HealthStatus.HEALTHY);

    byte[] saved = EngineState.export(e);

    // Without the registration, the saved script runs to its end; the restart runs what the
    // restored engine knows by that name: here, nothing, a program that keeps running.
    Engine bare = EngineState.restore(saved, TestDrivers.builder(34));
    assertThat(bare.container("app").health()).isEqualTo(e.container("app").health());
    bare.advanceClock(Duration.ofSeconds(12)); // exits 9 at 20 s, restarts after 100 ms
    ContainerInfo c = bare.container("app");
    assertThat(c.restartCount()).isEqualTo(1);
    assertThat(c.isRunning()).isTrue();
    assertThat(bare.stop("app").exitCode()).isEqualTo(143);

    // Registered again, as drivers are, the restart runs the script again.
    Engine registered = EngineState.restore(saved, TestDrivers.builder(35).program("app", app));
    registered.advanceClock(Duration.ofSeconds(12));
    assertThat(registered.container("app").restartCount()).isEqualTo(1);
    assertThat(registered.stop("app").exitCode()).isEqualTo(3); // the script's own TERM handler
  }

  @Test
  void a_restarting_container_is_saved_with_its_back_off() {
    Engine e = TestDrivers.builder(35).build();
    e.run(ContainerSpec.builder().image("alpine").name("flaky").command(List.of("false"))
        .restartPolicy(RestartPolicy.always()).build());
    assertThat(e.container("flaky").isRestarting()).isTrue();
    Engine restored = EngineState.restore(EngineState.export(e), TestDrivers.builder(36));
    assertThat(restored.container("flaky").isRestarting()).isTrue();
    restored.advanceClock(Duration.ofMillis(150));
    assertThat(restored.container("flaky").restartCount()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void a_version_1_document_still_loads_and_its_running_containers_keep_running() throws Exception {
    Engine e = TestDrivers.builder(37).build();
    e.run(ContainerSpec.builder().image("nginx").name("web").build());
    ObjectNode doc = (ObjectNode) JSON.readTree(EngineState.export(e));
    doc.put("version", 1);
    doc.remove(List.of("clock", "timerSeq", "events"));
    ObjectNode web = (ObjectNode) doc.withArray("containers").get(0);
    web.remove(List.of("process", "timers", "logs", "restartManager", "pid", "restartCount", "stopSignal"));

    Engine restored = EngineState.restore(JSON.writeValueAsBytes(doc), TestDrivers.builder(38));
    restored.advanceClock(Duration.ofHours(1));
    assertThat(restored.container("web").isRunning()).isTrue();
    assertThat(restored.kill("web", "TERM").exitCode()).isEqualTo(143); // a program it knows nothing of
    assertThat(new String(EngineState.export(restored), StandardCharsets.UTF_8)).contains("\"version\" : 2");
  }
}
