package dev.cnm.core.ipam;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.roaringbitmap.RoaringBitmap;

/**
 * The set of used ordinals in {@code [0, size)} with {@code size <= 2^32}, over a compressed
 * (Roaring) bitmap. While at most about half the ordinals are used the bitmap holds the used
 * ones; past that it holds the free ones instead ({@code inverted}), so an empty and a full pool
 * are both a few dozen bytes whatever their size, and a fragmented one costs at most a flat
 * bitmap. The switch has hysteresis (5/8 up, 3/8 down), so a pool churning at the threshold does
 * not flip back and forth; a flip is one pass over the containers, amortised over at least
 * {@code size/4} changes.
 *
 * <p>Docker hands out the lowest free address, so a pool mostly fills from the bottom: while the
 * bitmap holds the used ordinals, the run {@code [0, dense)} of used ones at the bottom is kept
 * as that bound alone, outside the bitmap. Filling a pool in order then only moves the bound
 * (no bitmap work at all, and a full pool filled in order is the bound and an empty bitmap);
 * freeing an ordinal under the bound moves the rest of the run into the bitmap as one range.
 *
 * <p>Not thread-safe: the owning driver locks.
 */
final class OrdinalSet {
  /** Below this size the bitmap never inverts: a few containers at most anyway. */
  private static final long MIN_INVERT_SIZE = 1 << 12;
  private static final long NONE = Long.MAX_VALUE;

  private final long size;
  /** Inversion thresholds: invert once more than {@code up} are stored, back below {@code down} used. */
  private final long up;
  private final long down;
  private RoaringBitmap bits = new RoaringBitmap();
  /**
   * One element of the stored set kept outside {@code bits} (-1: none), so that storing an
   * element and taking it out again, as a churning pool does, touches no container: Roaring drops
   * a container when it empties and allocates a new one on the next add, which on a full pool
   * (an empty inverted bitmap) happened on every release and request.
   */
  private long pending = -1;
  private boolean inverted;
  private long used;
  /**
   * Not inverted only: every ordinal in {@code [0, dense)} is used and none of them is stored
   * ({@code bits} and {@code pending} hold used ordinals at or above it). 0 when inverted.
   */
  private long dense;
  /** Not inverted only: the lowest stored ordinal ({@code bits} or {@code pending}), or NONE. */
  private long minStored = NONE;

  OrdinalSet(long size) {
    if (size <= 0 || size > (1L << 32)) {
      throw new IllegalArgumentException("size " + size + " is not in (0, 2^32]");
    }
    this.size = size;
    this.up = size >= MIN_INVERT_SIZE ? size / 8 * 5 : Long.MAX_VALUE;
    this.down = size / 8 * 3;
  }

  long size() {
    return size;
  }

  long usedCount() {
    return used;
  }

  boolean isUsed(long ordinal) {
    if (inverted) {
      return !stored(ordinal);
    }
    return ordinal < dense || (ordinal >= minStored && stored(ordinal));
  }

  /** Marks the ordinal used; false if it already was. */
  boolean add(long ordinal) {
    if (inverted) {
      if (!unstore(ordinal)) {
        return false;
      }
      used++;
      return true;
    }
    if (ordinal < dense || ordinal == minStored) {
      return false;
    }
    if (ordinal == dense) {
      dense++;
      used++;
      if (dense == minStored) {
        absorb();
      }
      return true;
    }
    if (!store(ordinal)) {
      return false;
    }
    if (++used - dense > up) {
      flip();
    }
    return true;
  }

  /** Marks the ordinal free; false if it already was. */
  boolean remove(long ordinal) {
    if (inverted) {
      if (!store(ordinal)) {
        return false;
      }
      if (--used < down) {
        flip();
      }
      return true;
    }
    if (ordinal < dense) {
      // Split the bottom run: what lies above the freed ordinal goes to the bitmap as one range.
      if (ordinal + 1 < dense) {
        bits.add(ordinal + 1, dense);
        minStored = Math.min(minStored, ordinal + 1);
      }
      dense = ordinal;
      used--;
      if (used - dense > up) {
        flip();
      }
      return true;
    }
    if (!unstore(ordinal)) {
      return false;
    }
    used--;
    return true;
  }

  /** Moves the stored run starting at {@code dense} under the bound. Not inverted only. */
  private void absorb() {
    settle();
    long end = bits.nextAbsentValue((int) dense);
    // -1: nothing is absent below 2^32, the run reaches the top.
    long to = Math.min(end < 0 ? 1L << 32 : end, size);
    bits.remove(dense, to);
    dense = to;
    minStored = lowestStored();
  }

  private long lowestStored() {
    long m = bits.isEmpty() ? NONE : Integer.toUnsignedLong(bits.first());
    return pending >= 0 && pending < m ? pending : m;
  }

  private boolean stored(long o) {
    return o == pending || bits.contains((int) o);
  }

  /** Adds {@code o} to the stored set; false if it was there. */
  private boolean store(long o) {
    if (o == pending) {
      return false;
    }
    if (pending < 0) {
      if (bits.contains((int) o)) {
        return false;
      }
      pending = o;
    } else if (!bits.checkedAdd((int) o)) {
      return false;
    }
    if (o < minStored && !inverted) {
      minStored = o;
    }
    return true;
  }

  /** Removes {@code o} from the stored set; false if it was not there. */
  private boolean unstore(long o) {
    if (o == pending) {
      pending = -1;
    } else if (!bits.checkedRemove((int) o)) {
      return false;
    }
    if (o == minStored && !inverted) {
      minStored = lowestStored();
    }
    return true;
  }

  /** Moves the pending element into the bitmap (for elements meant to stay, like reserved ones). */
  void settle() {
    if (pending >= 0) {
      bits.add((int) pending);
      pending = -1;
    }
  }

  /**
   * Marks the lowest free ordinal in {@code [from, to]} used and returns it, or -1 when there is
   * none ({@link #nextFree} then {@link #add}). The two cases a pool meets most are answered
   * first, in a few instructions: the bottom run growing (a pool filling in order) and, in a full
   * pool, the one ordinal freed since (held in {@code pending}); everything else searches the
   * bitmap.
   */
  long takeFree(long from, long to) {
    if (inverted) {
      long p = pending;
      if (p >= from && p <= to && bits.isEmpty()) {
        pending = -1;
        used++;
        return p;
      }
    } else {
      long d = dense;
      if (from <= d && d <= to && d < minStored) {
        dense = d + 1;
        used++;
        if (d + 1 == minStored) {
          absorb();
        }
        return d;
      }
    }
    return searchAndTake(from, to);
  }

  private long searchAndTake(long from, long to) {
    long o = nextFree(from, to);
    if (o >= 0) {
      add(o);
    }
    return o;
  }

  /** The lowest free ordinal in {@code [from, to]}, or -1. */
  long nextFree(long from, long to) {
    long r;
    if (inverted) {
      if (from > to) {
        return -1;
      }
      r = bits.nextValue((int) from);
      if (pending >= from && (r < 0 || pending < r)) {
        r = pending;
      }
    } else {
      long start = Math.max(from, dense);
      if (start > to) {
        return -1;
      }
      if (start < minStored) {
        return start;
      }
      r = absentFrom(start);
      if (r == pending) {
        r = pending + 1 < size ? absentFrom(pending + 1) : -1;
      }
    }
    return r >= 0 && r <= to ? r : -1;
  }

  /**
   * The lowest ordinal at or after {@code from} not in {@code bits}. Roaring 1.3's {@code
   * nextAbsentValue} answers wrongly when the container of {@code from} is missing and a
   * container with a key of 0x8000 or more exists (a signed comparison), so it is asked only
   * when {@code from} is present.
   */
  private long absentFrom(long from) {
    return bits.contains((int) from) ? bits.nextAbsentValue((int) from) : from;
  }

  private void flip() {
    settle();
    if (dense > 0) {
      bits.add(0L, dense);
      dense = 0;
    }
    bits.flip(0L, size);
    bits.runOptimize();
    inverted = !inverted;
    minStored = NONE;
    if (!inverted) {
      minStored = lowestStored();
      if (minStored == 0) {
        absorb();
      }
    }
  }

  /** The stored set as one bitmap (a copy): the used ordinals, or the free ones when inverted. */
  private RoaringBitmap storedCopy() {
    RoaringBitmap c = bits.clone();
    if (pending >= 0) {
      c.add((int) pending);
    }
    if (dense > 0) {
      c.add(0L, dense);
    }
    return c;
  }

  /** Whether both hold the same used ordinals over the same size. */
  boolean sameAs(OrdinalSet other) {
    if (size != other.size || used != other.used) {
      return false;
    }
    RoaringBitmap mine = storedCopy();
    RoaringBitmap theirs = other.storedCopy();
    if (inverted == other.inverted) {
      return mine.equals(theirs);
    }
    return RoaringBitmap.flip(mine, 0L, size).equals(theirs);
  }

  /** The retained size of the bitmap, as Roaring estimates it. */
  long bitmapBytes() {
    return bits.getLongSizeInBytes() + 8;
  }

  /**
   * The state as bytes: size, flag, used count and the Roaring portable format of the stored set
   * (the bottom run included, so the format does not depend on it).
   */
  void writeTo(DataOutputStream out) throws IOException {
    out.writeLong(size);
    out.writeBoolean(inverted);
    out.writeLong(used);
    RoaringBitmap c = storedCopy();
    c.runOptimize();
    c.serialize(out);
  }

  static OrdinalSet readFrom(DataInputStream in) throws IOException {
    OrdinalSet s = new OrdinalSet(in.readLong());
    s.inverted = in.readBoolean();
    s.used = in.readLong();
    s.bits.deserialize(in);
    if (!s.inverted) {
      s.minStored = s.lowestStored();
      if (s.minStored == 0) {
        s.absorb();
      }
    }
    return s;
  }

  byte[] toBytes() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(b)) {
      writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return b.toByteArray();
  }

  static OrdinalSet fromBytes(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      return readFrom(in);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a serialized ordinal set", e);
    }
  }
}
