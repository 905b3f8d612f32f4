package dev.cnm.core.host;

import dev.cnm.api.host.HostInterface;
import dev.cnm.api.host.VethName;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * The host's veths with generated names ({@link VethName}), by the name's number: open
 * addressing over an {@code int} key array and a value array, about 16 bytes per veth where a
 * {@code LinkedHashMap} entry keyed by the name costs 40 and keeps the 56-byte name alive. There
 * is one per running container on a bridge network. Not thread-safe (its owner's lock guards it).
 *
 * <pre>{@code
 * VethTable t = new VethTable();
 * t.put(0xa1b2c, veth);   // veth00a1b2c
 * t.get(0xa1b2c);         // veth
 * }</pre>
 */
final class VethTable {
  private static final int FREE = -1;
  private int[] keys = newKeys(16);
  private HostInterface[] values = new HostInterface[16];
  private int size;

  private static int[] newKeys(int n) {
    int[] k = new int[n];
    Arrays.fill(k, FREE);
    return k;
  }

  private static int home(int v, int mask) {
    return (v * 0x9E3779B9) >>> 7 & mask;
  }

  private int slot(int number) {
    int mask = keys.length - 1;
    for (int i = home(number, mask); keys[i] != FREE; i = (i + 1) & mask) {
      if (keys[i] == number) {
        return i;
      }
    }
    return -1;
  }

  /** {@return the veth whose name has this number, or null} */
  HostInterface get(int number) {
    int i = slot(number);
    return i < 0 ? null : values[i];
  }

  /** Adds or replaces the veth whose name has this number (0 or more). */
  void put(int number, HostInterface veth) {
    int i = slot(number);
    if (i >= 0) {
      values[i] = veth;
      return;
    }
    if (2 * (size + 1) > keys.length) {
      int[] oldKeys = keys;
      HostInterface[] oldValues = values;
      keys = newKeys(oldKeys.length * 2);
      values = new HostInterface[oldKeys.length * 2];
      for (int j = 0; j < oldKeys.length; j++) {
        if (oldKeys[j] != FREE) {
          insert(oldKeys[j], oldValues[j]);
        }
      }
    }
    insert(number, veth);
    size++;
  }

  private void insert(int number, HostInterface veth) {
    int mask = keys.length - 1;
    int i = home(number, mask);
    while (keys[i] != FREE) {
      i = (i + 1) & mask;
    }
    keys[i] = number;
    values[i] = veth;
  }

  /** Removes the veth whose name has this number, moving back its probe run (no tombstones). */
  void remove(int number) {
    int i = slot(number);
    if (i < 0) {
      return;
    }
    int mask = keys.length - 1;
    keys[i] = FREE;
    values[i] = null;
    size--;
    for (int j = (i + 1) & mask; keys[j] != FREE; j = (j + 1) & mask) {
      int h = home(keys[j], mask);
      // the entry at j may move to the hole at i unless its home lies cyclically in (i, j]
      boolean stays = i <= j ? (i < h && h <= j) : (i < h || h <= j);
      if (!stays) {
        keys[i] = keys[j];
        values[i] = values[j];
        keys[j] = FREE;
        values[j] = null;
        i = j;
      }
    }
  }

  /** Replaces every veth by what {@code change} makes of it. */
  void replaceAll(UnaryOperator<HostInterface> change) {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != FREE) {
        values[i] = change.apply(values[i]);
      }
    }
  }

  /** {@return the veths, in no particular order} */
  HostInterface[] values() {
    HostInterface[] out = new HostInterface[size];
    int k = 0;
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != FREE) {
        out[k++] = values[i];
      }
    }
    return out;
  }
}
