package dev.cnm.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.ContainerSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.error.NotFoundException;
import dev.cnm.api.process.LogEntry;
import dev.cnm.api.process.LogListener;
import dev.cnm.api.process.LogOptions;
import dev.cnm.api.process.LogStream;
import dev.cnm.api.process.Script;
import dev.cnm.api.process.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code docker logs}, {@code logs -f} and {@code attach}. */
class LogsTest {
  private Engine engine;

  @BeforeEach
  void setUp() {
    engine = TestDrivers.builder(23).program("talker", Script.builder()
        .stdout("one").stderr("two").sleep(Duration.ofSeconds(1)).stdout("three").sleep(Duration.ofSeconds(1))
        .stdout("four").exit(0).build()).build();
  }

  private static List<String> texts(List<LogEntry> entries) {
    return entries.stream().map(LogEntry::text).toList();
  }

  /** Collects what a follower gets, and whether its stream ended. */
  private static final class Collector implements LogListener {
    final List<String> texts = new ArrayList<>();
    boolean ended;

    @Override
    public void onEntry(LogEntry entry) {
      texts.add(entry.text());
    }

    @Override
    public void onEnd() {
      ended = true;
    }
  }

  @Test
  void logs_select_streams_window_and_tail() {
    engine.run(ContainerSpec.builder().image("alpine").name("talk").command(List.of("talker")).build());
    engine.advanceClock(Duration.ofSeconds(3));
    List<LogEntry> all = engine.logs("talk", LogOptions.all());
    assertThat(texts(all)).containsExactly("one\n", "two\n", "three\n", "four\n");
    assertThat(all.get(1).stream()).isEqualTo(LogStream.STDERR);
    assertThat(texts(engine.logs("talk", LogOptions.builder().stderr(false).build())))
        .containsExactly("one\n", "three\n", "four\n");
    assertThat(texts(engine.logs("talk", LogOptions.builder().tail(2).build()))).containsExactly("three\n", "four\n");
    assertThat(texts(engine.logs("talk", LogOptions.builder().tail(0).build()))).isEmpty();
    Instant third = all.get(2).time();
    assertThat(texts(engine.logs("talk", LogOptions.builder().since(third).build()))).containsExactly("three\n", "four\n");
    assertThat(texts(engine.logs("talk", LogOptions.builder().until(third).build())))
        .containsExactly("one\n", "two\n", "three\n");
    assertThat(all.get(0).render(true)).matches("2025-06-02T09:00:00\\.\\d+Z one\n");
    assertThat(all.get(0).render(false)).isEqualTo("one\n");
  }

  @Test
  void logs_need_a_stream_and_a_container() {
    engine.createContainer(ContainerSpec.builder().image("alpine").name("quiet").build());
    assertThat(engine.logs("quiet", LogOptions.all())).isEmpty();
    assertThatThrownBy(() -> engine.logs("quiet", LogOptions.builder().stdout(false).stderr(false).build()))
        .isInstanceOf(InvalidParameterException.class).hasMessage("You must choose at least one stream");
    assertThatThrownBy(() -> engine.logs("ghost", LogOptions.all())).isInstanceOf(NotFoundException.class)
        .hasMessage("No such container: ghost");
  }

  @Test
  void follow_gives_what_was_written_then_new_entries_until_the_exit() {
    engine.run(ContainerSpec.builder().image("alpine").name("talk").command(List.of("talker")).build());
    Collector c = new Collector();
    Subscription s = engine.followLogs("talk", LogOptions.builder().stderr(false).build(), c);
    assertThat(c.texts).containsExactly("one\n");
    engine.advanceClock(Duration.ofSeconds(1));
    assertThat(c.texts).containsExactly("one\n", "three\n");
    assertThat(c.ended).isFalse();
    engine.advanceClock(Duration.ofSeconds(1));
    assertThat(c.texts).containsExactly("one\n", "three\n", "four\n");
    assertThat(c.ended).isTrue();
    assertThat(s.isActive()).isFalse();

    Collector stopped = new Collector();
    engine.followLogs("talk", LogOptions.all(), stopped); // not running: what it wrote, then the end
    assertThat(stopped.texts).hasSize(4);
    assertThat(stopped.ended).isTrue();
  }

  @Test
  void attach_before_the_start_streams_the_run() {
    engine.createContainer(ContainerSpec.builder().image("alpine").name("talk").command(List.of("talker")).build());
    Collector c = new Collector();
    engine.attach("talk", c);
    engine.start("talk");
    assertThat(c.texts).containsExactly("one\n", "two\n");
    engine.advanceClock(Duration.ofSeconds(5));
    assertThat(c.texts).containsExactly("one\n", "two\n", "three\n", "four\n");
    assertThat(c.ended).isTrue();

    Collector closed = new Collector();
    Subscription s = engine.attach("talk", closed);
    s.close();
    engine.start("talk");
    assertThat(closed.texts).isEmpty();
  }

  @Test
  void the_log_is_bounded() {
    engine = TestDrivers.builder(1).program("spam", Script.builder().stdout("x").addStep(dev.cnm.api.process.Step.jump(0))
        .build()).build();
    engine.run(ContainerSpec.builder().image("alpine").name("spam").command(List.of("spam")).build());
    engine.advanceClock(Duration.ofSeconds(12)); // a seeded clock steps a millisecond per line: 12,000 lines
    assertThat(engine.logs("spam", LogOptions.all())).hasSize(LogBuffer.MAX_ENTRIES);
  }
}
