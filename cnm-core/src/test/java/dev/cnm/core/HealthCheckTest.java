package dev.cnm.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.HealthState;
import dev.cnm.api.HealthStatus;
import dev.cnm.api.Healthcheck;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.event.Event;
import dev.cnm.api.event.EventQuery;
import dev.cnm.api.image.ImageCatalog;
import dev.cnm.api.image.ImageInfo;
import dev.cnm.api.process.Script;
import dev.cnm.core.json.ContainerJsonInput;
import dev.cnm.core.json.DockerJson;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Health checks after moby's daemon/health.go, on the engine's clock. */
class HealthCheckTest {
  private static final Healthcheck EVERY_5S = Healthcheck.builder().addTest("CMD", "app", "check")
      .interval(Duration.ofSeconds(5)).build();

  private static Engine engine(Script app) {
    return TestDrivers.builder(17).program("app", app).build();
  }

  private static ContainerInfo run(Engine e, Healthcheck h) {
    return e.run(ContainerSpec.builder().image("alpine").name("app").command(List.of("app")).healthcheck(h).build());
  }

  private static HealthState health(Engine e) {
    return e.container("app").health().orElseThrow();
  }

  private static List<String> healthEvents(Engine e) {
    return e.events(EventQuery.all()).stream().map(Event::action).filter(a -> a.startsWith("health_status"))
        .collect(Collectors.toList());
  }

  @Test
  void starting_then_healthy_after_the_first_passing_check() {
    Engine e = engine(Script.builder().healthyAfter(3).waitForever().build());
    run(e, EVERY_5S);
    assertThat(health(e).status()).isEqualTo(HealthStatus.STARTING);
    e.advanceClock(Duration.ofSeconds(11)); // checks at 5 s and 10 s fail
    assertThat(health(e).status()).isEqualTo(HealthStatus.STARTING);
    assertThat(health(e).failingStreak()).isEqualTo(2);
    e.advanceClock(Duration.ofSeconds(5));
    HealthState h = health(e);
    assertThat(h.status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(h.failingStreak()).isZero();
    assertThat(h.log()).extracting(r -> r.exitCode()).containsExactly(1, 1, 0);
    assertThat(healthEvents(e)).containsExactly("health_status: healthy");
    assertThat(DockerJson.containerSummary(e.container("app"), ContainerJsonInput.none(), e.clock().now())
        .get("Status").textValue()).isEqualTo("Up 16 seconds (healthy)");
  }

  @Test
  void unhealthy_after_as_many_failures_in_a_row_as_the_retries() {
    Engine e = engine(Script.builder().unhealthyAfter(2).waitForever().build());
    run(e, Healthcheck.builder().from(EVERY_5S).retries(2).build());
    e.advanceClock(Duration.ofSeconds(12));
    assertThat(health(e).status()).isEqualTo(HealthStatus.HEALTHY); // the first passed, the second failed
    assertThat(health(e).failingStreak()).isEqualTo(1);
    e.advanceClock(Duration.ofSeconds(20));
    assertThat(health(e).status()).isEqualTo(HealthStatus.UNHEALTHY);
    assertThat(health(e).failingStreak()).isGreaterThanOrEqualTo(2);
    assertThat(health(e).log()).hasSize(5); // moby keeps the last five
    assertThat(healthEvents(e)).containsExactly("health_status: healthy", "health_status: unhealthy");
  }

  @Test
  void failures_in_the_start_period_do_not_count_and_checks_run_every_start_interval() {
    Engine e = engine(Script.builder().healthChecks(1).waitForever().build());
    run(e, Healthcheck.builder().addTest("CMD", "app", "check").interval(Duration.ofSeconds(30))
        .startPeriod(Duration.ofSeconds(20)).startInterval(Duration.ofSeconds(2)).retries(1).build());
    e.advanceClock(Duration.ofSeconds(19));
    assertThat(health(e).status()).isEqualTo(HealthStatus.STARTING);
    assertThat(health(e).failingStreak()).isZero();
    assertThat(health(e).log()).hasSize(5);
    e.advanceClock(Duration.ofSeconds(40));
    assertThat(health(e).status()).isEqualTo(HealthStatus.UNHEALTHY);
  }

  @Test
  void the_defaults_check_every_30_seconds_and_the_command_is_simulated_without_a_script() {
    Engine e = TestDrivers.builder(3).build();
    e.run(ContainerSpec.builder().image("redis").name("cache")
        .healthcheck(Healthcheck.shell("redis-cli ping || exit 1")).build());
    e.run(ContainerSpec.builder().image("alpine").name("shell").tty(true)
        .healthcheck(Healthcheck.shell("redis-cli ping || exit 1")).build());
    e.advanceClock(Duration.ofSeconds(29));
    assertThat(e.container("cache").health().orElseThrow().log()).isEmpty();
    e.advanceClock(Duration.ofSeconds(2));
    HealthState cache = e.container("cache").health().orElseThrow();
    assertThat(cache.status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(cache.log().get(0).output()).isEqualTo("PONG\n");
    HealthState shell = e.container("shell").health().orElseThrow();
    assertThat(shell.log().get(0).exitCode()).isEqualTo(1); // redis-cli is not found, then exit 1
    assertThat(shell.status()).isEqualTo(HealthStatus.STARTING);
    List<String> execs = e.events(EventQuery.all()).stream().map(Event::action).filter(a -> a.startsWith("exec_"))
        .distinct().collect(Collectors.toList());
    assertThat(execs).contains("exec_create: /bin/sh -c redis-cli ping || exit 1",
        "exec_start: /bin/sh -c redis-cli ping || exit 1", "exec_die");
  }

  @Test
  void an_images_healthcheck_applies_and_no_healthcheck_turns_it_off() {
    ImageInfo image = ImageInfo.of("myorg/api", List.of(), List.of()).withCommand(List.of(), List.of("app"))
        .withHealthcheck(Healthcheck.builder().addTest("CMD-SHELL", "app check").interval(Duration.ofSeconds(10)).build());
    Engine e = TestDrivers.builder(4).images(ImageCatalog.dockerDefaults().with(image))
        .program("app", Script.builder().healthChecks(0).waitForever().build()).build();
    e.run(ContainerSpec.builder().image("myorg/api").name("api").build());
    e.run(ContainerSpec.builder().image("myorg/api").name("off").healthcheck(Healthcheck.none()).build());
    e.run(ContainerSpec.builder().image("myorg/api").name("fast")
        .healthcheck(Healthcheck.builder().interval(Duration.ofSeconds(1)).build()).build());
    e.advanceClock(Duration.ofSeconds(2));

    assertThat(e.container("api").health().orElseThrow().status()).isEqualTo(HealthStatus.STARTING);
    assertThat(e.container("fast").health().orElseThrow().status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(e.container("fast").healthcheck().orElseThrow().test()).containsExactly("CMD-SHELL", "app check");
    assertThat(e.container("off").health()).isEmpty();
    JsonNode config = DockerJson.container(e.container("off")).get("Config");
    assertThat(config.get("Healthcheck").toString()).isEqualTo("{\"Test\":[\"NONE\"],\"Interval\":10000000000}");
  }

  @Test
  void a_stopped_container_is_unhealthy_and_inspect_shows_the_log() {
    Engine e = engine(Script.builder().healthChecks(0).waitForever().build());
    run(e, EVERY_5S);
    e.advanceClock(Duration.ofSeconds(6));
    JsonNode running = DockerJson.container(e.container("app")).at("/State/Health");
    assertThat(running.get("Status").textValue()).isEqualTo("healthy");
    assertThat(running.get("FailingStreak").intValue()).isZero();
    assertThat(running.get("Log").get(0).get("ExitCode").intValue()).isZero();
    assertThat(running.get("Log").get(0).get("Start").textValue()).endsWith("Z");
    e.kill("app", "KILL");
    assertThat(e.container("app").health().orElseThrow().status()).isEqualTo(HealthStatus.UNHEALTHY);
    e.advanceClock(Duration.ofMinutes(5));
    assertThat(e.container("app").health().orElseThrow().log()).hasSize(1); // no check while stopped
    e.start("app");
    assertThat(e.container("app").health().orElseThrow().status()).isEqualTo(HealthStatus.STARTING);
  }

  @Test
  void the_daemons_checks_of_a_healthcheck() {
    Engine e = TestDrivers.builder(1).build();
    assertThatThrownBy(() -> e.createContainer(ContainerSpec.builder().image("nginx")
        .healthcheck(Healthcheck.builder().addTest("CMD", "true").interval(Duration.ofNanos(10)).build()).build()))
        .isInstanceOf(InvalidParameterException.class).hasMessage("Interval in Healthcheck cannot be less than 1ms");
    assertThatThrownBy(() -> e.createContainer(ContainerSpec.builder().image("nginx")
        .healthcheck(Healthcheck.builder().addTest("CMD", "true").retries(-1).build()).build()))
        .isInstanceOf(InvalidParameterException.class).hasMessage("Retries in Healthcheck cannot be negative");
    assertThat(e.containers()).isEmpty();
  }
}
