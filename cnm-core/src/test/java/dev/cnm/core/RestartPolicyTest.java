package dev.cnm.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.ContainerStatus;
import dev.cnm.api.Engine;
import dev.cnm.api.RestartPolicy;
import dev.cnm.api.error.ConflictException;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.event.Event;
import dev.cnm.api.event.EventQuery;
import dev.cnm.api.process.WaitCondition;
import dev.cnm.core.json.DockerJson;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Restart policies as dockerd's restart manager applies them. */
class RestartPolicyTest {
  private Engine engine;

  @BeforeEach
  void setUp() {
    engine = TestDrivers.builder(13).build();
  }

  private ContainerInfo run(String name, RestartPolicy policy, String script) {
    return engine.run(ContainerSpec.builder().image("alpine").name(name).restartPolicy(policy)
        .command(List.of("sh", "-c", script)).build());
  }

  private List<Event> containerEvents(String id, String action) {
    return engine.events(EventQuery.all()).stream().filter(e -> e.actorId().equals(id) && e.action().equals(action))
        .collect(Collectors.toList());
  }

  @Test
  void on_failure_restarts_up_to_its_count_with_a_doubling_back_off() {
    ContainerInfo c = run("flaky", RestartPolicy.onFailure(2), "exit 1");

    ContainerInfo restarting = engine.container("flaky");
    assertThat(restarting.status()).isEqualTo(ContainerStatus.RESTARTING);
    assertThat(restarting.isRestarting()).isTrue();
    assertThat(restarting.restartCount()).isEqualTo(1);
    assertThat(restarting.pid()).isZero();
    assertThat(restarting.endpoint("bridge")).isEmpty();
    ObjectNode state = (ObjectNode) DockerJson.container(restarting).get("State");
    assertThat(state.get("Status").textValue()).isEqualTo("restarting");
    assertThat(state.get("Running").booleanValue()).isTrue();
    assertThat(state.get("Restarting").booleanValue()).isTrue();
    assertThat(state.get("ExitCode").intValue()).isEqualTo(1);

    engine.advanceClock(Duration.ofSeconds(5));
    ContainerInfo done = engine.container("flaky");
    assertThat(done.status()).isEqualTo(ContainerStatus.EXITED);
    assertThat(done.restartCount()).isEqualTo(2);
    List<Event> starts = containerEvents(c.id(), "start");
    List<Event> dies = containerEvents(c.id(), "die");
    assertThat(starts).hasSize(3);
    assertThat(dies).hasSize(3);
    // 100 ms, then 200 ms between a die and the next start
    assertThat(Duration.between(dies.get(0).time(), starts.get(1).time())).isBetween(Duration.ofMillis(100),
        Duration.ofMillis(150));
    assertThat(Duration.between(dies.get(1).time(), starts.get(2).time())).isBetween(Duration.ofMillis(200),
        Duration.ofMillis(250));
    assertThat(engine.events(EventQuery.all()).stream().map(Event::action)).doesNotContain("restart");
  }

  @Test
  void on_failure_does_not_restart_a_success_and_always_does() {
    run("ok", RestartPolicy.onFailure(0), "exit 0");
    assertThat(engine.container("ok").status()).isEqualTo(ContainerStatus.EXITED);
    run("loop", RestartPolicy.always(), "sleep 1");
    engine.advanceClock(Duration.ofSeconds(10));
    assertThat(engine.container("loop").restartCount()).isGreaterThanOrEqualTo(5);
  }

  @Test
  void a_stop_or_a_kill_by_hand_ends_the_restarts() {
    run("svc", RestartPolicy.always(), "sleep 3");
    engine.kill("svc", "KILL");
    engine.advanceClock(Duration.ofMinutes(1));
    assertThat(engine.container("svc").status()).isEqualTo(ContainerStatus.EXITED);
    assertThat(engine.container("svc").exitCode()).isEqualTo(137);

    engine.run(ContainerSpec.builder().image("nginx").name("web").restartPolicy(RestartPolicy.unlessStopped()).build());
    engine.stop("web");
    engine.advanceClock(Duration.ofMinutes(1));
    assertThat(engine.container("web").status()).isEqualTo(ContainerStatus.EXITED);
  }

  @Test
  void unless_stopped_restarts_a_crash() {
    engine.run(ContainerSpec.builder().image("nginx").name("web").restartPolicy(RestartPolicy.unlessStopped()).build());
    engine.crash("web", 2, false);
    engine.advanceClock(Duration.ofSeconds(1));
    assertThat(engine.container("web").isRunning()).isTrue();
    assertThat(engine.container("web").restartCount()).isEqualTo(1);
    assertThat(engine.container("web").endpoint("bridge")).isPresent();
  }

  @Test
  void a_run_of_ten_seconds_resets_the_back_off() {
    ContainerInfo c = run("long", RestartPolicy.always(), "sleep 10; exit 1");
    engine.advanceClock(Duration.ofSeconds(25));
    List<Event> starts = containerEvents(c.id(), "start");
    List<Event> dies = containerEvents(c.id(), "die");
    assertThat(dies.size()).isGreaterThanOrEqualTo(2);
    for (int i = 1; i < Math.min(starts.size(), dies.size() + 1); i++) {
      assertThat(Duration.between(dies.get(i - 1).time(), starts.get(i).time())).isLessThan(Duration.ofMillis(150));
    }
  }

  @Test
  void ps_shows_restarting_and_a_user_start_resets_the_count() {
    run("flaky", RestartPolicy.always(), "exit 3");
    ObjectNode summary = DockerJson.containerSummary(engine.container("flaky"),
        dev.cnm.core.json.ContainerJsonInput.none(), engine.clock().now().plusSeconds(2));
    assertThat(summary.get("State").textValue()).isEqualTo("restarting");
    assertThat(summary.get("Status").textValue()).isEqualTo("Restarting (3) 2 seconds ago");

    engine.stop("flaky"); // while restarting: only kept from restarting
    ContainerInfo stopped = engine.container("flaky");
    assertThat(stopped.status()).isEqualTo(ContainerStatus.EXITED);
    assertThat(stopped.exitCode()).isEqualTo(3);
    assertThat(engine.events(EventQuery.all()).stream().filter(e -> e.action().equals("kill"))).isEmpty();
    assertThat(engine.events(EventQuery.all()).get(engine.events(EventQuery.all()).size() - 1).action())
        .isEqualTo("stop");

    assertThat(engine.start("flaky").restartCount()).isZero(); // then it exits 3 and restarts again
    assertThat(engine.container("flaky").restartCount()).isEqualTo(1);
  }

  @Test
  void a_restarting_container_refuses_exec_and_rm_without_force() {
    ContainerInfo c = run("flaky", RestartPolicy.always(), "exit 1");
    assertThatThrownBy(() -> engine.exec("flaky", List.of("true"))).isInstanceOf(ConflictException.class)
        .hasMessage("Container " + c.id() + " is restarting, wait until the container is running");
    assertThatThrownBy(() -> engine.removeContainer("flaky", false)).isInstanceOf(ConflictException.class)
        .hasMessage("cannot remove container \"/flaky\": container is restarting: stop the container before removing"
            + " or force remove");
    engine.removeContainer("flaky", true);
    assertThat(engine.findContainer("flaky")).isEmpty();
    engine.advanceClock(Duration.ofSeconds(1)); // its restart was cancelled with it
  }

  @Test
  void next_exit_waiters_learn_every_restart_and_not_running_waits_through_the_back_off() {
    run("flaky", RestartPolicy.onFailure(1), "sleep 1; exit 5");
    var nextExit = engine.waitFor("flaky", WaitCondition.NEXT_EXIT);
    var notRunning = engine.waitFor("flaky", WaitCondition.NOT_RUNNING);
    engine.advanceClock(Duration.ofMillis(1050));
    assertThat(nextExit).isCompleted();
    assertThat(nextExit.join().statusCode()).isEqualTo(5);
    assertThat(notRunning).isCompleted(); // a restart's exit notifies the stop waiters too (SetRestarting)
    var removed = engine.waitFor("flaky", WaitCondition.REMOVED);
    assertThat(engine.await("flaky", WaitCondition.NEXT_EXIT).statusCode()).isEqualTo(5);
    assertThat(engine.container("flaky").status()).isEqualTo(ContainerStatus.EXITED);
    assertThat(removed).isNotDone();
    engine.removeContainer("flaky", false);
    assertThat(removed.join().statusCode()).isEqualTo(5);
  }

  @Test
  void the_daemons_checks_of_a_policy() {
    assertThatThrownBy(() -> engine.createContainer(ContainerSpec.builder().image("alpine").autoRemove(true)
        .restartPolicy(RestartPolicy.always()).build())).isInstanceOf(InvalidParameterException.class)
        .hasMessage("can't create 'AutoRemove' container with restart policy");
    assertThatThrownBy(() -> RestartPolicy.of("always", 3)).hasMessage(
        "invalid restart policy: maximum retry count can only be used with 'on-failure'");
    assertThatThrownBy(() -> RestartPolicy.of("no", -1)).hasMessage(
        "invalid restart policy: maximum retry count can only be used with 'on-failure' and cannot be negative");
    assertThatThrownBy(() -> RestartPolicy.of("on-failure", -1)).hasMessage(
        "invalid restart policy: maximum retry count cannot be negative");
    assertThatThrownBy(() -> RestartPolicy.of("sometimes", 0)).hasMessage(
        "invalid restart policy: unknown policy 'sometimes'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'");
    assertThatThrownBy(() -> RestartPolicy.parse(":3")).hasMessage(
        "invalid restart policy format: no policy provided before colon");
    assertThatThrownBy(() -> RestartPolicy.parse("on-failure:x")).hasMessage(
        "invalid restart policy format: maximum retry count must be an integer");
    assertThat(RestartPolicy.parse("on-failure:3")).isEqualTo(RestartPolicy.onFailure(3));
    assertThat(RestartPolicy.parse("")).isEqualTo(RestartPolicy.no());
    assertThat(RestartPolicy.parse("on-failure:3").toString()).isEqualTo("on-failure:3");
  }

  @Test
  void inspect_shows_the_policy() {
    engine.createContainer(ContainerSpec.builder().image("nginx").name("web").restartPolicy(RestartPolicy.onFailure(4))
        .build());
    assertThat(DockerJson.container(engine.container("web")).at("/HostConfig/RestartPolicy").toString())
        .isEqualTo("{\"Name\":\"on-failure\",\"MaximumRetryCount\":4}");
  }
}
