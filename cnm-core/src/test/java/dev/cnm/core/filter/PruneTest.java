package dev.cnm.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.ContainerStatus;
import dev.cnm.api.NetworkInfo;
import dev.cnm.api.error.InvalidParameterException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Prunes over one engine at 12:00: networks {@code a} (temp, env=x; 09:00), {@code b} (temp;
 * 10:00), {@code c} (no labels; 11:00), {@code used} (temp, in use; 09:00); containers {@code
 * gone} (exited, temp) and {@code up} (running, temp).
 */
class PruneTest {
  private static final Instant T0 = Instant.parse("2025-06-02T09:00:00Z");
  private static final Clock NOON = Clock.fixed(T0.plusSeconds(3 * 3600), ZoneOffset.UTC);
  private FakeEngine engine;

  @BeforeEach
  void setUp() {
    engine = new FakeEngine(T0);
    engine.addNetwork("a", T0, Map.of("temp", "", "env", "x"), false);
    engine.addNetwork("b", T0.plusSeconds(3600), Map.of("temp", ""), false);
    engine.addNetwork("c", T0.plusSeconds(7200), Map.of(), false);
    engine.addNetwork("used", T0, Map.of("temp", ""), true);
    engine.addContainer("up", "nginx", ContainerStatus.RUNNING, T0, Map.of("temp", ""), List.of("used"),
        List.of(), List.of());
    engine.addContainer("gone", "nginx", ContainerStatus.EXITED, T0, Map.of("temp", ""), List.of(), List.of(),
        List.of());
  }

  private List<String> prune(String... flags) {
    return Prune.networks(engine, FilterArgs.builder().addFlags(List.of(flags)).build(), NOON);
  }

  private List<String> left() {
    return engine.networks().stream().map(NetworkInfo::name).toList();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''|a,b,c",
      "label=temp|a,b",
      "label=env=x|a",
      "label=env=y|''",
      "label!=temp|c",
      "label!=env|b,c",
      "label!=env=x|b,c",
      "until=1h30m|a,b",
      "until=2025-06-02T10:00:00Z|a,b",
      "until=2025-06-02T09:59:59Z|a",
      "until=1748854800|a",
      "until=0|''"})
  void only_matching_unused_custom_networks_go(String flag, String expected) {
    List<String> want = expected.isEmpty() ? List.of() : List.of(expected.split(","));
    List<String> before = left();
    assertThat(flag.isEmpty() ? prune() : prune(flag)).containsExactlyElementsOf(want);
    assertThat(left()).containsExactlyElementsOf(before.stream().filter(n -> !want.contains(n)).toList());
  }

  @Test
  void a_network_is_kept_only_when_it_carries_every_label_bang() {
    assertThat(prune("label!=temp", "label!=env")).containsExactly("b", "c");
  }

  @Test
  void filters_combine() {
    assertThat(prune("label=temp", "until=2h30m")).containsExactly("a");
  }

  @Test
  void a_network_that_cannot_be_removed_meanwhile_is_skipped() {
    engine.busy.add("b");
    assertThat(prune()).containsExactly("a", "c");
    assertThat(left()).contains("b");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "until=notatime|failed to parse value as time or duration: \"notatime\"",
      "until=2025-13-01|parsing time \"2025-13-01\": month out of range",
      "name=a|invalid filter 'name'",
      "dangling=true|invalid filter 'dangling'"})
  void bad_filters_fail_before_anything_is_removed(String flag, String message) {
    List<String> before = left();
    assertThatThrownBy(() -> prune(flag)).isInstanceOf(InvalidParameterException.class).hasMessage(message);
    assertThat(left()).isEqualTo(before);
  }

  @Test
  void more_than_one_until_is_refused() {
    assertThatThrownBy(() -> prune("until=1h", "until=2h"))
        .isInstanceOf(InvalidParameterException.class).hasMessage("more than one until filter specified");
  }

  @Test
  void containers_prune_takes_the_same_filters() {
    assertThat(Prune.containers(engine, FilterArgs.builder().addFlag("label=other").build(), NOON)).isEmpty();
    assertThat(Prune.containers(engine, FilterArgs.builder().addFlag("until=4h").build(), NOON)).isEmpty();
    assertThat(Prune.containers(engine, FilterArgs.builder().addFlag("label=temp").build(), NOON))
        .containsExactly(FakeEngine.id("c:gone"));
    assertThat(engine.findContainer("up")).isPresent();
    assertThat(engine.findContainer("gone")).isEmpty();
  }
}
