package dev.cnm.core.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cnm.api.NetworkInfo;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Network prune over random networks: labels {@code a}, {@code b} (each absent, empty or
 * {@code x}), created 0 to 9 hours after 00:00, some in use.
 */
class PruneProperties {
  private static final Instant T0 = Instant.parse("2025-06-02T00:00:00Z");
  private static final Clock NOW = Clock.fixed(T0.plusSeconds(10 * 3600), ZoneOffset.UTC);

  record Net(Map<String, String> labels, int hour, boolean inUse) {}

  @Provide
  Arbitrary<List<Net>> networks() {
    Arbitrary<String> value = Arbitraries.of("", "x");
    Arbitrary<Map<String, String>> labels = Combinators.combine(value.injectNull(0.4), value.injectNull(0.4))
        .as((a, b) -> {
          Map<String, String> m = new LinkedHashMap<>();
          if (a != null) {
            m.put("a", a);
          }
          if (b != null) {
            m.put("b", b);
          }
          return m;
        });
    return Combinators.combine(labels, Arbitraries.integers().between(0, 9), Arbitraries.of(true, false))
        .as(Net::new).list().ofMaxSize(8);
  }

  private static FakeEngine engine(List<Net> nets) {
    FakeEngine e = new FakeEngine(T0);
    for (int i = 0; i < nets.size(); i++) {
      Net n = nets.get(i);
      e.addNetwork("n" + i, T0.plusSeconds(n.hour() * 3600L), n.labels(), n.inUse());
    }
    return e;
  }

  private static Set<String> names(FakeEngine e) {
    return e.networks().stream().map(NetworkInfo::name).collect(Collectors.toSet());
  }

  private static List<String> prune(FakeEngine e, String... flags) {
    return Prune.networks(e, FilterArgs.builder().addFlags(List.of(flags)).build(), NOW);
  }

  @Property(tries = 200)
  void what_label_and_label_bang_remove_together_is_what_no_filter_removes(@ForAll("networks") List<Net> nets,
      @ForAll("labelFilter") String label) {
    FakeEngine split = engine(nets);
    List<String> both = new ArrayList<>(prune(split, "label=" + label));
    both.addAll(prune(split, "label!=" + label));
    FakeEngine all = engine(nets);
    assertThat(both).containsExactlyInAnyOrderElementsOf(prune(all));
    assertThat(names(split)).isEqualTo(names(all));
  }

  @Provide
  Arbitrary<String> labelFilter() {
    return Arbitraries.of("a", "b", "a=", "a=x", "b=x");
  }

  @Property(tries = 200)
  void until_removes_exactly_the_unused_custom_networks_created_by_then(@ForAll("networks") List<Net> nets,
      @ForAll @IntRange(min = 0, max = 10) int hour) {
    FakeEngine e = engine(nets);
    Set<String> before = names(e);
    List<String> removed = prune(e, "until=" + (10 - hour) + "h");
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < nets.size(); i++) {
      if (!nets.get(i).inUse() && nets.get(i).hour() <= hour) {
        expected.add("n" + i);
      }
    }
    assertThat(removed).containsExactlyElementsOf(expected);
    assertThat(names(e)).containsAll(Set.of("bridge", "host", "none"))
        .isEqualTo(before.stream().filter(n -> !expected.contains(n)).collect(Collectors.toSet()));
  }
}
