package dev.cnm.core.ipam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The ordinal set against a plain {@link BitSet}: random adds, removes, lowest-free searches and
 * takes, and the "release then take the lowest free" churn of a full pool (searched then added,
 * or taken in one step as the driver does), across the inversion thresholds,
 * so the element kept outside the bitmap (and Roaring's emptied containers) never shows.
 */
class OrdinalSetProperties {

  @Property(tries = 30)
  void follows_a_bit_set(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3) int sizeKind) {
    int size = sizeKind == 1 ? 300 : sizeKind == 2 ? 1 << 13 : 2 * (1 << 16) + 17;
    SplittableRandom random = new SplittableRandom(seed);
    OrdinalSet set = new OrdinalSet(size);
    BitSet model = new BitSet(size);
    // Fill to a random level first, so both representations (plain and inverted) are exercised.
    int fill = random.nextInt(size + 1);
    for (int i = 0; i < fill; i++) {
      boolean take = random.nextBoolean();
      long o = take ? set.takeFree(0, size - 1) : set.nextFree(0, size - 1);
      if (o != model.nextClearBit(0) || (!take && !set.add(o))) {
        throw new AssertionError("fill step " + i + ": got " + o + ", expected " + model.nextClearBit(0));
      }
      model.set((int) o);
    }
    for (int step = 0; step < 3_000; step++) {
      int o = random.nextInt(size);
      switch (random.nextInt(7)) {
        case 0 -> {
          assertThat(set.add(o)).isEqualTo(!model.get(o));
          model.set(o);
        }
        case 1 -> {
          assertThat(set.remove(o)).isEqualTo(model.get(o));
          model.clear(o);
        }
        case 2 -> {
          int to = o + random.nextInt(size - o);
          int expected = model.nextClearBit(o);
          assertThat(set.nextFree(o, to)).isEqualTo(expected <= to ? expected : -1);
        }
        case 3 -> {
          // churn: free a used ordinal, then take the lowest free from its position
          int used = model.nextSetBit(o);
          if (used >= 0) {
            assertThat(set.remove(used)).isTrue();
            model.clear(used);
            long got = set.nextFree(o, size - 1);
            assertThat(got).isEqualTo(model.nextClearBit(o));
            assertThat(set.add(got)).isTrue();
            model.set((int) got);
          }
        }
        case 4 -> {
          // the same churn taking in one step, as the driver does
          int used = model.nextSetBit(o);
          if (used >= 0) {
            assertThat(set.remove(used)).isTrue();
            model.clear(used);
            int expected = model.nextClearBit(o);
            assertThat(set.takeFree(o, size - 1)).isEqualTo(expected < size ? expected : -1);
            if (expected < size) {
              model.set(expected);
            }
          }
        }
        case 5 -> {
          int to = o + random.nextInt(size - o);
          int expected = model.nextClearBit(o);
          assertThat(set.takeFree(o, to)).isEqualTo(expected <= to ? expected : -1);
          if (expected <= to) {
            model.set(expected);
          }
        }
        default -> assertThat(set.isUsed(o)).isEqualTo(model.get(o));
      }
      assertThat(set.usedCount()).isEqualTo(model.cardinality());
    }
    OrdinalSet copy = OrdinalSet.fromBytes(set.toBytes());
    assertThat(copy.sameAs(set)).isTrue();
    for (int o = 0; o < size; o += 1 + random.nextInt(97)) {
      assertThat(copy.isUsed(o)).isEqualTo(model.get(o));
    }
  }

  @Property(tries = 10)
  void huge_sets_find_the_lowest_free_next_to_high_containers(@ForAll @IntRange(min = 0, max = 1000) int low) {
    OrdinalSet set = new OrdinalSet(1L << 32);
    set.add(0);
    set.add((1L << 32) - 1);
    set.settle();
    for (int i = 1; i <= low; i++) {
      assertThat(set.add(i)).isTrue();
    }
    assertThat(set.nextFree(1, (1L << 32) - 2)).isEqualTo(low + 1);
    assertThat(set.remove(low / 2 + 1)).isEqualTo(low > 0);
    assertThat(set.nextFree(1, (1L << 32) - 2)).isEqualTo(low > 0 ? low / 2 + 1 : 1);
  }

  @Property(tries = 20)
  void a_set_filled_in_order_keeps_its_bitmap_empty_and_splits_the_run_when_freed_below_it(
      @ForAll @IntRange(min = 1, max = 20) int sizeKind, @ForAll long seed) {
    long size = sizeKind * 4099L;
    OrdinalSet set = new OrdinalSet(size);
    long before = set.bitmapBytes();
    for (long o = 0; o < size; o++) {
      assertThat(set.nextFree(0, size - 1)).isEqualTo(o);
      assertThat(set.add(o)).isTrue();
      if (o == size / 2) {
        // Filled lowest-first: the used run is the bound alone, whatever the size.
        assertThat(set.bitmapBytes()).as("half full").isEqualTo(before);
      }
    }
    assertThat(set.bitmapBytes()).isEqualTo(before);
    assertThat(set.nextFree(0, size - 1)).isEqualTo(-1);
    SplittableRandom random = new SplittableRandom(seed);
    // Below the top ordinal, so that a used run is left above it to split (the top one is
    // asserted used next).
    long freed = random.nextLong(size - 1);
    assertThat(set.remove(freed)).isTrue();
    assertThat(set.isUsed(freed)).isFalse();
    assertThat(set.isUsed(size - 1)).isTrue();
    assertThat(set.usedCount()).isEqualTo(size - 1);
    OrdinalSet copy = OrdinalSet.fromBytes(set.toBytes());
    assertThat(copy.sameAs(set)).isTrue();
    assertThat(copy.nextFree(0, size - 1)).isEqualTo(freed);
    assertThat(set.nextFree(0, size - 1)).isEqualTo(freed);
    assertThat(set.add(freed)).isTrue();
    assertThat(set.nextFree(0, size - 1)).isEqualTo(-1);
    assertThat(set.usedCount()).isEqualTo(size);
  }

  /**
   * The ends the random pick above reaches once in thousands of tries, or not at all: the lowest
   * ordinal, the one below the top, and the top one itself (no used run left above it), on sizes
   * from a single ordinal to past the inversion threshold.
   */
  @Test
  void a_set_filled_in_order_gives_back_its_lowest_and_its_top_ordinals() {
    for (long size : new long[] {1, 2, 3, 4099, 2 * 4099L, 20 * 4099L}) {
      for (long freed : new long[] {0, size - 2, size - 1}) {
        if (freed < 0) {
          continue;
        }
        OrdinalSet set = new OrdinalSet(size);
        for (long o = 0; o < size; o++) {
          assertThat(set.add(o)).isTrue();
        }
        String at = "ordinal " + freed + " of " + size;
        assertThat(set.remove(freed)).as(at).isTrue();
        assertThat(set.isUsed(freed)).as(at).isFalse();
        if (freed > 0) {
          assertThat(set.isUsed(freed - 1)).as(at).isTrue();
        }
        if (freed < size - 1) {
          assertThat(set.isUsed(freed + 1)).as(at).isTrue();
        }
        assertThat(set.usedCount()).as(at).isEqualTo(size - 1);
        OrdinalSet copy = OrdinalSet.fromBytes(set.toBytes());
        assertThat(copy.sameAs(set)).as(at).isTrue();
        assertThat(copy.nextFree(0, size - 1)).as(at).isEqualTo(freed);
        assertThat(set.nextFree(0, size - 1)).as(at).isEqualTo(freed);
        assertThat(set.nextFree(freed, freed)).as(at).isEqualTo(freed);
        assertThat(set.add(freed)).as(at).isTrue();
        assertThat(set.nextFree(0, size - 1)).as(at).isEqualTo(-1);
        assertThat(set.usedCount()).as(at).isEqualTo(size);
      }
    }
  }
}
