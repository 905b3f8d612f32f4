package dev.cnm.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** {@link SmallMap} behaves as a {@link LinkedHashMap}, insertion order included, through any sequence of changes. */
class SmallMapProperties {

  /** 0 put, 1 remove, 2 clear (rarely). */
  record Op(int kind, String key, int value) {}

  @Provide
  Arbitrary<List<Op>> ops() {
    Arbitrary<Integer> kind = Arbitraries.frequency(
        net.jqwik.api.Tuple.of(6, 0), net.jqwik.api.Tuple.of(4, 1), net.jqwik.api.Tuple.of(1, 2));
    return Combinators.combine(kind, Arbitraries.of("a", "b", "c", "d"), Arbitraries.integers().between(0, 9))
        .as(Op::new).list().ofMaxSize(40);
  }

  @Property(tries = 300)
  void acts_like_a_linked_hash_map(@ForAll("ops") List<Op> ops) {
    SmallMap<String, Integer> small = new SmallMap<>();
    Map<String, Integer> model = new LinkedHashMap<>();
    for (Op op : ops) {
      switch (op.kind()) {
        case 0 -> assertThat(small.put(op.key(), op.value())).as("put %s", op).isEqualTo(model.put(op.key(), op.value()));
        case 1 -> assertThat(small.remove(op.key())).as("remove %s", op).isEqualTo(model.remove(op.key()));
        default -> {
          small.clear();
          model.clear();
        }
      }
      assertThat(small.size()).isEqualTo(model.size());
      assertThat(small.isEmpty()).isEqualTo(model.isEmpty());
      assertThat(new ArrayList<>(small.entrySet())).as("entries in order after %s", op)
          .containsExactlyElementsOf(new ArrayList<>(model.entrySet()));
      assertThat(new ArrayList<>(small.keySet())).containsExactlyElementsOf(model.keySet());
      assertThat(new ArrayList<>(small.values())).containsExactlyElementsOf(model.values());
      for (String k : List.of("a", "b", "c", "d")) {
        assertThat(small.get(k)).isEqualTo(model.get(k));
        assertThat(small.containsKey(k)).isEqualTo(model.containsKey(k));
      }
      assertThat(small).isEqualTo(model);
    }
  }
}
