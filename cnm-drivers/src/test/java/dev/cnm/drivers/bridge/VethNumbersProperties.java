package dev.cnm.drivers.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** {@link VethNumbers} answers as a {@code HashSet<Integer>} would, through growth and removals. */
class VethNumbersProperties {

  /**
   * A random sequence of adds and removes (a negative step removes its complement) over a small
   * range, so probe runs collide and removals move entries back, against a {@code HashSet}.
   */
  @Property
  void behaves_as_a_hash_set_under_adds_and_removes(
      @ForAll @Size(max = 400) List<@IntRange(min = -64, max = 63) Integer> steps) {
    VethNumbers numbers = new VethNumbers();
    Set<Integer> model = new HashSet<>();
    for (int step : steps) {
      int v = step < 0 ? ~step : step;
      int spread = v * 0x0100_0001 & 0x0FFF_FFFF; // values across the 28-bit range
      if (step < 0) {
        assertThat(numbers.remove(spread)).isEqualTo(model.remove(spread));
      } else {
        assertThat(numbers.add(spread)).isEqualTo(model.add(spread));
      }
      assertThat(numbers.size()).isEqualTo(model.size());
    }
    for (int v = 0; v < 64; v++) {
      int spread = v * 0x0100_0001 & 0x0FFF_FFFF;
      assertThat(numbers.contains(spread)).isEqualTo(model.contains(spread));
    }
    int[] all = numbers.toArray();
    Arrays.sort(all);
    assertThat(all).containsExactly(model.stream().mapToInt(Integer::intValue).sorted().toArray());
  }

  @Test
  void keeps_zero_and_the_largest_number_apart_from_free_slots() {
    VethNumbers numbers = new VethNumbers();
    numbers.add(0);
    numbers.add(0x0FFF_FFFF);
    assertThat(numbers.contains(0)).isTrue();
    assertThat(numbers.contains(0x0FFF_FFFF)).isTrue();
    assertThat(numbers.remove(0)).isTrue();
    assertThat(numbers.contains(0)).isFalse();
    assertThat(numbers.contains(0x0FFF_FFFF)).isTrue();
  }
}
