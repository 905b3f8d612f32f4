package dev.cnm.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.ContainerStatus;
import dev.cnm.api.Engine;
import dev.cnm.api.HealthStatus;
import dev.cnm.api.Healthcheck;
import dev.cnm.api.StopOptions;
import dev.cnm.api.error.ConflictException;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.error.NotFoundException;
import dev.cnm.api.error.SystemException;
import dev.cnm.api.event.Event;
import dev.cnm.api.event.EventQuery;
import dev.cnm.api.image.BuildContext;
import dev.cnm.api.image.BuildRequest;
import dev.cnm.api.process.Script;
import dev.cnm.api.process.Signal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code docker kill} and {@code docker stop}: signals reach the process as its program reacts. */
class StopKillTest {
  private Engine engine;

  @BeforeEach
  void setUp() {
    engine = TestDrivers.builder(11).build();
  }

  private ContainerInfo image(String image, String name) {
    return engine.run(ContainerSpec.builder().image(image).name(name).build());
  }

  private List<String> containerEvents(String id) {
    return engine.events(EventQuery.all()).stream().filter(e -> e.actorId().equals(id))
        .map(e -> e.action() + signal(e)).collect(Collectors.toList());
  }

  private static String signal(Event e) {
    return e.attribute("signal").isEmpty() ? "" : " " + e.attribute("signal");
  }

  @Test
  void kill_sends_sigkill_by_default_and_exits_137() {
    ContainerInfo web = image("nginx", "web");
    ContainerInfo c = engine.kill("web", "");
    assertThat(c.status()).isEqualTo(ContainerStatus.EXITED);
    assertThat(c.exitCode()).isEqualTo(137);
    assertThat(containerEvents(web.id())).endsWith("kill 9", "die");
  }

  @Test
  void kill_with_a_handled_signal_follows_the_program_and_an_ignored_one_changes_nothing() {
    image("nginx", "web");
    assertThat(engine.kill("web", "SIGTERM").exitCode()).isZero(); // nginx shuts down on TERM

    ContainerInfo nap = engine.run(ContainerSpec.builder().image("alpine").name("nap").command(List.of("sleep", "100")).build());
    assertThat(engine.kill("nap", "term").isRunning()).isTrue(); // sleep as PID 1 has no handler
    assertThat(containerEvents(nap.id())).endsWith("start", "kill 15");
    assertThat(engine.kill("nap", "USR1").isRunning()).isTrue();
    assertThat(engine.kill("nap", "9").exitCode()).isEqualTo(137);
  }

  @Test
  void kill_an_unhandled_signal_of_an_ordinary_program_exits_with_128_plus_its_number() {
    Engine e = TestDrivers.builder(1).program("app", Script.builder().waitForever().build()).build();
    e.run(ContainerSpec.builder().image("alpine").name("app").command(List.of("app")).build());
    assertThat(e.kill("app", "HUP").exitCode()).isEqualTo(129);
    e.start("app");
    assertThat(e.kill("app", "WINCH").isRunning()).isTrue(); // ignored by default
  }

  @Test
  void kill_failures_carry_the_daemons_prefix() {
    ContainerInfo c = engine.createContainer(ContainerSpec.builder().image("nginx").name("web").build());
    assertThatThrownBy(() -> engine.kill("web", "FOO")).isInstanceOf(InvalidParameterException.class)
        .hasMessage("cannot kill container: web: invalid signal: FOO");
    assertThatThrownBy(() -> engine.kill("web", "0")).isInstanceOf(InvalidParameterException.class)
        .hasMessage("cannot kill container: web: invalid signal: 0");
    assertThatThrownBy(() -> engine.kill("web", "100")).isInstanceOf(InvalidParameterException.class)
        .hasMessage("cannot kill container: web: the linux daemon does not support signal 100");
    assertThatThrownBy(() -> engine.kill("web", "KILL")).isInstanceOf(ConflictException.class)
        .hasMessage("cannot kill container: web: container " + c.id() + " is not running");
    assertThatThrownBy(() -> engine.kill("ghost", "KILL")).isInstanceOf(NotFoundException.class)
        .hasMessage("cannot kill container: ghost: No such container: ghost");
    assertThat(engine.events(EventQuery.all()).stream().map(Event::action)).doesNotContain("kill");
  }

  @Test
  void stop_sends_the_images_stop_signal_and_the_server_exits_at_once() {
    ContainerInfo web = image("nginx", "web");
    Instant before = engine.clock().now();
    ContainerInfo c = engine.stop("web");
    assertThat(c.exitCode()).isZero();
    assertThat(Duration.between(before, engine.clock().now())).isLessThan(Duration.ofSeconds(1));
    assertThat(containerEvents(web.id())).endsWith("kill " + Signal.QUIT.number(), "die", "stop");
    assertThat(c.stopSignal()).contains("SIGQUIT");
  }

  @Test
  void a_built_images_stop_signal_and_health_check_apply_unless_the_container_gives_its_own() {
    engine.images().build(BuildRequest.builder().addTag("napper").context(BuildContext.of(Map.of("Dockerfile",
        ("FROM alpine\nSTOPSIGNAL SIGINT\nHEALTHCHECK --interval=5s CMD true\nCMD [\"sleep\", \"1000\"]\n")
            .getBytes(StandardCharsets.UTF_8)))).build());
    ContainerInfo nap = image("napper", "nap");
    ContainerInfo own = engine.run(ContainerSpec.builder().image("napper").name("own").stopSignal("SIGTERM")
        .healthcheck(Healthcheck.none()).build());
    engine.advanceClock(Duration.ofSeconds(6));

    assertThat(engine.container("nap").stopSignal()).contains("SIGINT");
    assertThat(engine.container("nap").health().orElseThrow().status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(engine.container("own").stopSignal()).contains("SIGTERM");
    assertThat(engine.container("own").health()).isEmpty();
    Instant before = engine.clock().now();
    assertThat(engine.stop("nap").exitCode()).isEqualTo(137); // sleep as PID 1 ignores SIGINT too
    assertThat(Duration.between(before, engine.clock().now())).isGreaterThanOrEqualTo(Duration.ofSeconds(10));
    // the health checks go on during the stop's timeout, as dockerd's do
    assertThat(containerEvents(nap.id())).containsSubsequence("health_status: healthy", "kill " + Signal.INT.number(),
        "exec_die", "kill 9").endsWith("kill 9", "die", "stop");
    engine.stop("own");
    assertThat(containerEvents(own.id())).contains("kill " + Signal.TERM.number());
  }

  @Test
  void stop_of_a_program_that_ignores_sigterm_kills_it_after_the_timeout() {
    ContainerInfo nap = engine.run(ContainerSpec.builder().image("alpine").name("nap").command(List.of("sleep", "1000"))
        .build());
    Instant before = engine.clock().now();
    ContainerInfo c = engine.stop("nap");
    assertThat(c.exitCode()).isEqualTo(137);
    assertThat(Duration.between(before, c.finishedAt().orElseThrow())).isBetween(Duration.ofSeconds(10),
        Duration.ofMillis(10_100));
    assertThat(containerEvents(nap.id())).endsWith("kill 15", "kill 9", "die", "stop");
  }

  @Test
  void stop_takes_its_options_then_the_containers_own_then_dockers_defaults() {
    engine.run(ContainerSpec.builder().image("alpine").name("t2").tty(true).build());
    Instant before = engine.clock().now();
    assertThat(engine.stop("t2", StopOptions.builder().timeout(2).build()).exitCode()).isEqualTo(137);
    assertThat(Duration.between(before, engine.clock().now())).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(3));

    engine.run(ContainerSpec.builder().image("alpine").name("own").tty(true).stopTimeout(4).stopSignal("SIGUSR1").build());
    before = engine.clock().now();
    assertThat(engine.stop("own").exitCode()).isEqualTo(137);
    assertThat(Duration.between(before, engine.clock().now())).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(5));
    assertThat(engine.container("own").stopSignal()).contains("SIGUSR1");

    image("elasticsearch", "search");
    assertThat(engine.stop("search").exitCode()).isEqualTo(143); // the JVM behind tini
    image("postgres", "db");
    assertThat(engine.stop("db").exitCode()).isZero(); // SIGINT, a fast shutdown
    image("httpd", "apache");
    assertThat(engine.stop("apache").exitCode()).isZero(); // SIGWINCH, a graceful stop
    image("redis", "cache");
    assertThat(engine.stop("cache", StopOptions.builder().signal("KILL").build()).exitCode()).isEqualTo(137);
  }

  @Test
  void stop_of_a_stopped_container_does_nothing_and_a_bad_signal_is_the_daemons_500() {
    ContainerInfo c = engine.createContainer(ContainerSpec.builder().image("nginx").name("web").build());
    assertThat(engine.stop("web").status()).isEqualTo(ContainerStatus.CREATED);
    assertThat(containerEvents(c.id())).containsExactly("create");
    engine.start("web");
    assertThatThrownBy(() -> engine.stop("web", StopOptions.builder().signal("NOPE").build()))
        .isInstanceOf(SystemException.class).hasMessage("cannot stop container: web: invalid signal: NOPE");
    assertThat(engine.container("web").isRunning()).isTrue();
  }

  @Test
  void a_graceful_shutdown_takes_its_time_and_stop_waits_for_it() {
    Engine e = TestDrivers.builder(5).program("graceful", Script.builder()
        .onSignal(Signal.TERM, 0, Duration.ofSeconds(3)).waitForever().build()).build();
    e.run(ContainerSpec.builder().image("alpine").name("svc").command(List.of("graceful")).build());
    Instant before = e.clock().now();
    ContainerInfo c = e.stop("svc");
    assertThat(c.exitCode()).isZero();
    assertThat(Duration.between(before, c.finishedAt().orElseThrow())).isBetween(Duration.ofSeconds(3),
        Duration.ofSeconds(4));
  }

  @Test
  void a_stop_signal_that_is_invalid_is_refused_at_create() {
    assertThatThrownBy(() -> engine.createContainer(ContainerSpec.builder().image("nginx").stopSignal("SIGNOPE").build()))
        .isInstanceOf(InvalidParameterException.class).hasMessage("invalid signal: SIGNOPE");
  }

  @Test
  void rm_force_kills_then_destroys() {
    ContainerInfo web = image("nginx", "web");
    assertThatThrownBy(() -> engine.removeContainer("web", false)).isInstanceOf(ConflictException.class)
        .hasMessage("cannot remove container \"/web\": container is running: stop the container before removing or"
            + " force remove");
    engine.removeContainer("web", true);
    assertThat(containerEvents(web.id())).endsWith("kill 9", "die", "destroy");
    Event die = engine.events(EventQuery.all()).stream().filter(e -> e.action().equals("die")).findFirst().orElseThrow();
    assertThat(die.attribute("exitCode")).isEqualTo("137");
  }

  @Test
  void restart_stops_with_the_stop_signal_then_starts() {
    ContainerInfo web = image("nginx", "web");
    ContainerInfo c = engine.restart("web");
    assertThat(c.isRunning()).isTrue();
    assertThat(c.startedAt()).isNotEqualTo(web.startedAt());
    assertThat(containerEvents(web.id())).endsWith("kill 3", "die", "stop", "start", "restart");
  }
}
