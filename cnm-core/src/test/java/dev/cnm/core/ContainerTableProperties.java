package dev.cnm.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.ContainerSpec;
import dev.cnm.api.error.InvalidParameterException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link ContainerTable}'s id-prefix lookup answers as a sorted map of the ids would (Docker's
 * {@code truncindex}: one match, none, or ambiguous), through the table's growth and removals.
 */
class ContainerTableProperties {
  private static final ContainerSpec SPEC = ContainerSpec.builder().image("alpine").build();

  private static ContainerRecord record(String id) {
    return new ContainerRecord(id, "c" + id.substring(0, 6), SPEC, null, id.substring(0, 12), List.of(), List.of(),
        List.of(), Instant.EPOCH);
  }

  /** A lower-case hex id; with {@code crowd}, ids share their first digits more often than at random. */
  private static String id(SplittableRandom random, boolean crowd) {
    StringBuilder b = new StringBuilder(64);
    for (int i = 0; i < 64; i++) {
      b.append(Character.forDigit(crowd && i < 3 ? random.nextInt(2) : random.nextInt(16), 16));
    }
    return b.toString();
  }

  @Property(tries = 200)
  void finds_by_prefix_as_a_sorted_map_of_the_ids_would(@ForAll long seed, @ForAll @IntRange(max = 300) int adds,
      @ForAll boolean crowd) {
    SplittableRandom random = new SplittableRandom(seed);
    ContainerTable table = new ContainerTable();
    NavigableMap<String, ContainerRecord> model = new TreeMap<>();
    List<ContainerRecord> live = new ArrayList<>();
    for (int i = 0; i < adds; i++) {
      ContainerRecord c = record(id(random, crowd));
      if (model.containsKey(c.id)) {
        continue;
      }
      table.add(c);
      model.put(c.id, c);
      live.add(c);
      if (random.nextInt(4) == 0) { // remove one now and then, from anywhere in its bucket
        ContainerRecord gone = live.remove(random.nextInt(live.size()));
        table.remove(gone);
        model.remove(gone.id);
      }
    }
    for (int probe = 0; probe < 60; probe++) {
      String ref = live.isEmpty() || random.nextBoolean()
          ? id(random, crowd).substring(0, 1 + random.nextInt(10))
          : live.get(random.nextInt(live.size())).id.substring(0, 1 + random.nextInt(64));
      NavigableMap<String, ContainerRecord> expected = model.subMap(ref, true, ref + Character.MAX_VALUE, false);
      if (expected.size() > 1 && !model.containsKey(ref)) {
        assertThatThrownBy(() -> table.find(ref)).isExactlyInstanceOf(InvalidParameterException.class)
            .hasMessage("multiple IDs found with provided prefix: " + ref);
      } else {
        Optional<ContainerRecord> want = model.containsKey(ref) ? Optional.of(model.get(ref))
            : expected.isEmpty() ? Optional.empty() : Optional.of(expected.firstEntry().getValue());
        assertThat(table.find(ref)).isEqualTo(want);
      }
    }
    assertThat(table.size()).isEqualTo(model.size());
    List<ContainerRecord> created = new ArrayList<>(live);
    assertThat(table.all()).containsExactlyElementsOf(created).hasSize(model.size());
    for (ContainerRecord c : created) {
      assertThat(table.find(c.id)).contains(c);
      assertThat(table.isIdFree(c.id)).isFalse();
    }
  }

  @Test
  void lists_in_creation_order_through_removals_at_either_end_and_in_between() {
    ContainerTable table = new ContainerTable();
    List<ContainerRecord> cs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      cs.add(record(Integer.toHexString(0xa0 + i).repeat(32)));
      table.add(cs.get(i));
    }
    table.remove(cs.get(0));
    table.remove(cs.get(2));
    table.remove(cs.get(4));
    table.remove(cs.get(4)); // a second removal changes nothing
    assertThat(table.all()).containsExactly(cs.get(1), cs.get(3));
    table.add(cs.get(0));
    assertThat(table.all()).containsExactly(cs.get(1), cs.get(3), cs.get(0));
    assertThat(table.size()).isEqualTo(3);
    assertThat(table.isIdFree(cs.get(2).id)).isTrue();
    assertThat(table.find(cs.get(2).id)).isEmpty();
    assertThatThrownBy(() -> table.add(cs.get(1))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void a_reference_with_a_non_hex_character_matches_nothing() {
    ContainerTable table = new ContainerTable();
    ContainerRecord c = record("ab".repeat(32));
    table.add(c);
    assertThat(table.find("ab")).contains(c);
    assertThat(table.find("AB")).isEmpty();
    assertThat(table.find("abx")).isEmpty();
    table.remove(c);
    assertThat(table.find("ab")).isEmpty();
  }
}
