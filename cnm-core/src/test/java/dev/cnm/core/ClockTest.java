package dev.cnm.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.ContainerSpec;
import dev.cnm.api.ContainerStatus;
import dev.cnm.api.Engine;
import dev.cnm.api.process.ClockMode;
import dev.cnm.api.process.WaitCondition;
import dev.cnm.api.spi.NetworkDriverProvider;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine's time line: virtual time for seeded engines, the clock's time for the others. */
class ClockTest {
  /** A clock the test sets; it does not follow real time. */
  static final class SetClock implements InstantSource {
    volatile Instant now;

    SetClock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void the_mode_follows_the_builder() {
    assertThat(TestDrivers.builder(1).build().clock().mode()).isEqualTo(ClockMode.VIRTUAL);
    assertThat(TestDrivers.builder(1).clock(new SetClock(Instant.EPOCH)).build().clock().mode())
        .isEqualTo(ClockMode.SYSTEM);
    assertThat(Cnm.builder()
        .driver(NetworkDriverProvider.of("bridge", TestDrivers.Bridge::new))
        .driver(NetworkDriverProvider.of("host", ctx -> new TestDrivers.Special("host")))
        .driver(NetworkDriverProvider.of("null", ctx -> new TestDrivers.Special("null")))
        .build().clock().mode()).isEqualTo(ClockMode.SYSTEM);
    assertThat(TestDrivers.builder(1).clockMode(ClockMode.SYSTEM).build().clock().mode()).isEqualTo(ClockMode.SYSTEM);
  }

  @Test
  void virtual_time_moves_only_when_asked_and_runs_actions_in_order() {
    Engine e = TestDrivers.builder(2).build();
    e.run(ContainerSpec.builder().image("alpine").name("late").command(List.of("sleep", "7")).build());
    e.run(ContainerSpec.builder().image("alpine").name("early").command(List.of("sleep", "3")).build());
    Instant due = e.clock().nextDue().orElseThrow();
    assertThat(e.clock().nextDue("early")).contains(due);
    assertThat(e.clock().nextDue("late").orElseThrow()).isAfter(due);
    assertThat(e.clock().runDue()).isZero();
    e.advanceClock(Duration.ofSeconds(5));
    assertThat(e.container("early").status()).isEqualTo(ContainerStatus.EXITED);
    assertThat(e.container("late").isRunning()).isTrue();
    assertThat(e.container("early").finishedAt().orElseThrow()).isBefore(e.clock().now());
    assertThatThrownBy(() -> e.advanceClock(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void on_the_system_clock_an_operation_runs_what_fell_due() {
    SetClock clock = new SetClock(Instant.parse("2025-06-02T10:00:00Z"));
    Engine e = TestDrivers.builder(3).clock(clock).build();
    e.run(ContainerSpec.builder().image("alpine").name("nap").command(List.of("sleep", "5")).build());
    clock.now = clock.now.plusSeconds(4);
    assertThat(e.container("nap").isRunning()).isTrue();
    clock.now = clock.now.plusSeconds(2);
    assertThat(e.container("nap").status()).isEqualTo(ContainerStatus.EXITED);
    assertThat(e.container("nap").finishedAt()).contains(Instant.parse("2025-06-02T10:00:05Z"));
  }

  @Test
  void a_server_catches_up_with_next_due_and_run_due() {
    SetClock clock = new SetClock(Instant.parse("2025-06-02T10:00:00Z"));
    Engine e = TestDrivers.builder(4).clock(clock).build();
    e.run(ContainerSpec.builder().image("alpine").name("nap").command(List.of("sleep", "5")).build());
    assertThat(e.clock().nextDue()).contains(Instant.parse("2025-06-02T10:00:05Z"));
    clock.now = Instant.parse("2025-06-02T10:00:05Z");
    assertThat(e.clock().runDue()).isEqualTo(1);
    assertThat(e.clock().nextDue()).isEmpty();
  }

  @Test
  void a_blocking_wait_on_a_clock_that_does_not_move_lets_real_time_count() {
    SetClock clock = new SetClock(Instant.parse("2025-06-02T10:00:00Z"));
    Engine e = TestDrivers.builder(5).clock(clock).build();
    e.run(ContainerSpec.builder().image("alpine").name("nap").command(List.of("sleep", "0.3")).build());
    long start = System.nanoTime();
    assertThat(e.await("nap", WaitCondition.NOT_RUNNING).statusCode()).isZero();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
  }

  @Test
  void another_thread_can_end_a_wait_that_nothing_scheduled_would() throws Exception {
    Engine e = TestDrivers.builder(6).build();
    e.run(ContainerSpec.builder().image("nginx").name("web").build());
    var waiting = e.waitFor("web", WaitCondition.NOT_RUNNING);
    Thread t = new Thread(() -> e.kill("web", "KILL"));
    t.start();
    assertThat(e.clock().await(waiting).statusCode()).isEqualTo(137);
    t.join();
  }
}
