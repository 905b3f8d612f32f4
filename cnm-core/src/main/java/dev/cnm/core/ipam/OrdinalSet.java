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
  private RoaringBitmap bits = new RoaringBitmap();
  private boolean inverted;
  private long used;

  OrdinalSet(long size) {
    if (size <= 0 || size > (1L << 32)) {
      throw new IllegalArgumentException("size " + size + " is not in (0, 2^32]");
    }
    this.size = size;
  }

  long size() {
    return size;
  }

  long usedCount() {
    return used;
  }

  boolean isUsed(long ordinal) {
    return bits.contains((int) ordinal) != inverted;
  }

  /** Marks the ordinal used; false if it already was. */
  boolean add(long ordinal) {
    int o = (int) ordinal;
    if (inverted ? !bits.checkedRemove(o) : !bits.checkedAdd(o)) {
      return false;
    }
    used++;
    if (!inverted && size >= MIN_INVERT_SIZE && used > size / 8 * 5) {
      flip();
    }
    return true;
  }

  /** Marks the ordinal free; false if it already was. */
  boolean remove(long ordinal) {
    int o = (int) ordinal;
    if (inverted ? !bits.checkedAdd(o) : !bits.checkedRemove(o)) {
      return false;
    }
    used--;
    if (inverted && used < size / 8 * 3) {
      flip();
    }
    return true;
  }

  /** The lowest free ordinal in {@code [from, to]}, or -1. */
  long nextFree(long from, long to) {
    if (from > to) {
      return -1;
    }
    long r = inverted ? bits.nextValue((int) from) : bits.nextAbsentValue((int) from);
    return r >= 0 && r <= to ? r : -1;
  }

  private void flip() {
    bits.flip(0L, size);
    bits.runOptimize();
    inverted = !inverted;
  }

  /** Whether both hold the same used ordinals over the same size. */
  boolean sameAs(OrdinalSet other) {
    if (size != other.size || used != other.used) {
      return false;
    }
    if (inverted == other.inverted) {
      return bits.equals(other.bits);
    }
    return RoaringBitmap.flip(bits, 0L, size).equals(other.bits);
  }

  /** The retained size of the bitmap, as Roaring estimates it. */
  long bitmapBytes() {
    return bits.getLongSizeInBytes();
  }

  /** The state as bytes: size, flag, used count and the Roaring portable format. */
  void writeTo(DataOutputStream out) throws IOException {
    out.writeLong(size);
    out.writeBoolean(inverted);
    out.writeLong(used);
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
