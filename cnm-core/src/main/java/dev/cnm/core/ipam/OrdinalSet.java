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
 * <p>Not thread-safe: the owning driver locks.
 */
final class OrdinalSet {
  /** Below this size the bitmap never inverts: a few containers at most anyway. */
  private static final long MIN_INVERT_SIZE = 1 << 12;

  private final long size;
  /** Inversion thresholds: invert once more than {@code up} are used, back below {@code down}. */
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
    return stored(ordinal) != inverted;
  }

  /** Marks the ordinal used; false if it already was. */
  boolean add(long ordinal) {
    if (inverted ? !unstore(ordinal) : !store(ordinal)) {
      return false;
    }
    if (++used > up && !inverted) {
      flip();
    }
    return true;
  }

  /** Marks the ordinal free; false if it already was. */
  boolean remove(long ordinal) {
    if (inverted ? !store(ordinal) : !unstore(ordinal)) {
      return false;
    }
    if (--used < down && inverted) {
      flip();
    }
    return true;
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
      return true;
    }
    return bits.checkedAdd((int) o);
  }

  /** Removes {@code o} from the stored set; false if it was not there. */
  private boolean unstore(long o) {
    if (o == pending) {
      pending = -1;
      return true;
    }
    return bits.checkedRemove((int) o);
  }

  /** Moves the pending element into the bitmap (for elements meant to stay, like reserved ones). */
  void settle() {
    if (pending >= 0) {
      bits.add((int) pending);
      pending = -1;
    }
  }

  /** The lowest free ordinal in {@code [from, to]}, or -1. */
  long nextFree(long from, long to) {
    if (from > to) {
      return -1;
    }
    long r;
    if (inverted) {
      r = bits.nextValue((int) from);
      if (pending >= from && (r < 0 || pending < r)) {
        r = pending;
      }
    } else {
      r = absentFrom(from);
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
    bits.flip(0L, size);
    bits.runOptimize();
    inverted = !inverted;
  }

  /** Whether both hold the same used ordinals over the same size. */
  boolean sameAs(OrdinalSet other) {
    if (size != other.size || used != other.used) {
      return false;
    }
    settle();
    other.settle();
    if (inverted == other.inverted) {
      return bits.equals(other.bits);
    }
    return RoaringBitmap.flip(bits, 0L, size).equals(other.bits);
  }

  /** The retained size of the bitmap, as Roaring estimates it. */
  long bitmapBytes() {
    return bits.getLongSizeInBytes() + 8;
  }

  /** The state as bytes: size, flag, used count and the Roaring portable format. */
  void writeTo(DataOutputStream out) throws IOException {
    out.writeLong(size);
    out.writeBoolean(inverted);
    out.writeLong(used);
    settle();
    bits.runOptimize();
    bits.serialize(out);
  }

  static OrdinalSet readFrom(DataInputStream in) throws IOException {
    OrdinalSet s = new OrdinalSet(in.readLong());
    s.inverted = in.readBoolean();
    s.used = in.readLong();
    s.bits.deserialize(in);
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
