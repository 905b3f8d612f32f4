package dev.cnm.drivers.bridge;

import java.util.Arrays;

/**
 * The random numbers of the veth names the driver has handed out ({@code veth} + 7 hex digits,
 * so 0 to 2^28 - 1), as an open-addressing set of {@code int}s: about 16 bytes per name where a
 * {@code HashSet<String>} node costs 32 and its two names belong to every running container. Not
 * thread-safe (the driver's lock guards it).
 *
 * <pre>{@code
 * VethNumbers s = new VethNumbers();
 * s.add(0x1a2b3c4);   // veth1a2b3c4
 * s.contains(0x1a2b3c4); // true
 * }</pre>
 */
final class VethNumbers {
  private static final int FREE = -1;
  private int[] slots = newSlots(16);
  private int size;

  private static int[] newSlots(int n) {
    int[] s = new int[n];
    Arrays.fill(s, FREE);
    return s;
  }

  private int home(int v, int mask) {
    return (v * 0x9E3779B9) >>> 7 & mask;
  }

  boolean contains(int v) {
    int mask = slots.length - 1;
    for (int i = home(v, mask); slots[i] != FREE; i = (i + 1) & mask) {
      if (slots[i] == v) {
        return true;
      }
    }
    return false;
  }

  /** Adds {@code v} (0 or more); {@return whether it was absent} */
  boolean add(int v) {
    if (contains(v)) {
      return false;
    }
    if (2 * (size + 1) > slots.length) {
      int[] old = slots;
      slots = newSlots(old.length * 2);
      for (int x : old) {
        if (x != FREE) {
          insert(x);
        }
      }
    }
    insert(v);
    size++;
    return true;
  }

  private void insert(int v) {
    int mask = slots.length - 1;
    int i = home(v, mask);
    while (slots[i] != FREE) {
      i = (i + 1) & mask;
    }
    slots[i] = v;
  }

  /** Removes {@code v}, moving back the entries of its probe run (no tombstones). */
  boolean remove(int v) {
    int mask = slots.length - 1;
    int i = home(v, mask);
    while (slots[i] != v) {
      if (slots[i] == FREE) {
        return false;
      }
      i = (i + 1) & mask;
    }
    slots[i] = FREE;
    size--;
    for (int j = (i + 1) & mask; slots[j] != FREE; j = (j + 1) & mask) {
      int h = home(slots[j], mask);
      // slots[j] may move to the hole at i unless its home lies cyclically in (i, j]
      boolean stays = i <= j ? (i < h && h <= j) : (i < h || h <= j);
      if (!stays) {
        slots[i] = slots[j];
        slots[j] = FREE;
        i = j;
      }
    }
    return true;
  }

  int size() {
    return size;
  }

  /** {@return the numbers, in no particular order} */
  int[] toArray() {
    int[] out = new int[size];
    int k = 0;
    for (int x : slots) {
      if (x != FREE) {
        out[k++] = x;
      }
    }
    return out;
  }
}
