package dev.cnm.core.ipam;

import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.Subnet;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * One allocated master pool of an address space (libnetwork {@code PoolData}): the addresses in
 * use, shared by the master and its sub-pools ({@code children}), and whether the pool goes away
 * once its last child is released ({@code autoRelease}: set when the master itself was released,
 * or when a sub-pool request created it).
 *
 * <p>Addresses are kept as ordinals, their distance from the network address. The first
 * {@code 2^32} ordinals (all of an IPv4 pool) live in an {@link OrdinalSet}; the rest, which only
 * huge IPv6 pools have, in a sorted set of the few addresses actually used there, so a /64 is
 * never materialised.
 *
 * <p>Reserved when created (Docker 28 {@code newPoolData}): ordinal 0 (the IPv4 network address,
 * the IPv6 subnet-router anycast address) and the IPv4 broadcast address; an IPv4 /31 or /32
 * reserves nothing. Reserved addresses are never released.
 *
 * <p>Not thread-safe: the driver locks.
 */
final class PoolData {
  /** The first 2^32 ordinals are kept in the bitmap. */
  private static final long LOW_LIMIT = 1L << 32;

  final Subnet subnet;
  private final IpAddress base;
  private final long maskHigh;
  private final long maskLow;
  private final long lowSize;
  private OrdinalSet low;
  private NavigableSet<IpAddress> far;
  private final long reservedLow;
  private final long reservedHigh;
  /** Serial cursor: the ordinal after the last dynamic allocation (not persisted, as in Docker). */
  private long cursor;

  final Range master;
  /** The sub-pools, created on first use. */
  private Map<Subnet, Range> children;
  boolean autoRelease;

  PoolData(Subnet subnet, String poolId) {
    this.subnet = subnet;
    this.base = subnet.network();
    int hostBits = subnet.hostBits();
    IpAddress last = subnet.lastAddress();
    // The bits that differ between the network and last address are the host bits.
    this.maskHigh = ~(base.high() ^ last.high());
    this.maskLow = ~(base.low() ^ last.low());
    this.lowSize = hostBits >= 32 ? LOW_LIMIT : 1L << hostBits;
    this.low = new OrdinalSet(lowSize);
    boolean v4 = subnet.isV4();
    this.reservedLow = !v4 || hostBits > 1 ? 0 : -1;
    this.reservedHigh = v4 && hostBits > 1 ? lowSize - 1 : -1;
    if (reservedLow >= 0) {
      low.add(reservedLow);
    }
    if (reservedHigh >= 0) {
      low.add(reservedHigh);
    }
    low.settle();
    this.master = new Range(null, subnet, poolId);
  }

  /** Adds a sub-pool range; it may lie outside the pool (Docker then fails dynamic requests). */
  Range addChild(Subnet child, String poolId) {
    Range r = new Range(child, child, poolId);
    if (children == null) {
      children = new LinkedHashMap<>(4);
    }
    children.put(child, r);
    return r;
  }

  /** The sub-pool range of {@code child}, or null. */
  Range child(Subnet child) {
    return children == null ? null : children.get(child);
  }

  /** Removes a sub-pool range; returns it, or null if there was none. */
  Range removeChild(Subnet child) {
    Range r = children == null ? null : children.remove(child);
    if (children != null && children.isEmpty()) {
      children = null;
    }
    return r;
  }

  boolean hasChildren() {
    return children != null;
  }

  /** The ranges of the master and every sub-pool. */
  List<Range> ranges() {
    List<Range> all = new ArrayList<>();
    all.add(master);
    if (children != null) {
      all.addAll(children.values());
    }
    return all;
  }

  /** Whether {@code a} lies in the pool (without the allocations of {@link Subnet#contains}). */
  boolean contains(IpAddress a) {
    return a.isV6() == base.isV6() && ((a.high() ^ base.high()) & maskHigh) == 0 && ((a.low() ^ base.low()) & maskLow) == 0;
  }

  /** The ordinal of {@code a} if it lies in the bitmap part, else -1. */
  private long lowOrdinal(IpAddress a) {
    if (a.isV6() != base.isV6() || a.high() != base.high()) {
      return -1;
    }
    long off = a.low() - base.low();
    return Long.compareUnsigned(off, lowSize) < 0 ? off : -1;
  }

  boolean isUsed(IpAddress a) {
    long o = lowOrdinal(a);
    return o >= 0 ? low.isUsed(o) : far != null && far.contains(a);
  }

  /** Marks {@code a} (inside the pool) used; false if it already was. */
  boolean allocate(IpAddress a) {
    long o = lowOrdinal(a);
    if (o >= 0) {
      return low.add(o);
    }
    if (far == null) {
      far = new TreeSet<>();
    }
    return far.add(a);
  }

  /**
   * Allocates the lowest free address of {@code r}, or with {@code serial} the next free one at
   * or after the cursor, wrapping to the range start. Returns null when the range is full.
   */
  IpAddress allocateAny(Range r, boolean serial) {
    if (r.loStart >= 0) {
      long o;
      if (serial) {
        long from = cursor >= r.loStart && cursor <= r.loEnd ? cursor : r.loStart;
        o = low.nextFree(from, r.loEnd);
        if (o < 0 && from > r.loStart) {
          o = low.nextFree(r.loStart, from - 1);
        }
        if (o >= 0) {
          low.add(o);
        }
      } else {
        o = low.takeFree(Math.max(r.hint, r.loStart), r.loEnd);
        // Everything in [loStart, o] is used now: the next lowest-free search starts after it.
        r.hint = o >= 0 ? o + 1 : r.loEnd + 1;
      }
      if (o >= 0) {
        cursor = o + 1;
        return base.plus(o);
      }
    }
    if (r.farFirst != null) {
      IpAddress a = lowestFreeFar(r.farFirst, r.last);
      if (a != null) {
        allocate(a);
        return a;
      }
    }
    return null;
  }

  private IpAddress lowestFreeFar(IpAddress from, IpAddress to) {
    IpAddress candidate = from;
    if (far != null) {
      for (IpAddress used : far.tailSet(from, true)) {
        if (!used.equals(candidate)) {
          break;
        }
        if (candidate.equals(to)) {
          return null;
        }
        candidate = candidate.plus(1);
      }
    }
    return candidate.compareTo(to) <= 0 ? candidate : null;
  }

  /** Frees {@code a} (inside the pool); reserved and free addresses are left alone. */
  void release(IpAddress a) {
    long o = lowOrdinal(a);
    if (o >= 0) {
      if (o == reservedLow || o == reservedHigh || !low.remove(o)) {
        return;
      }
      lowerHint(master, o);
      if (children != null) {
        for (Range r : children.values()) {
          lowerHint(r, o);
        }
      }
    } else if (far != null) {
      far.remove(a);
      if (far.isEmpty()) {
        far = null;
      }
    }
  }

  private static void lowerHint(Range r, long o) {
    if (o >= r.loStart && o <= r.loEnd && o < r.hint) {
      r.hint = o;
    }
  }

  /** The number of used addresses, reserved ones included. */
  long usedCount() {
    return low.usedCount() + (far == null ? 0 : far.size());
  }

  /** Whether the two pools hold the same used addresses. */
  boolean sameAddressesAs(PoolData other) {
    return subnet.equals(other.subnet) && low.sameAs(other.low)
        && (far == null ? other.far == null : far.equals(other.far));
  }

  /** A rough retained size of the address state, for benchmarks. */
  long estimatedBytes() {
    return 96 + low.bitmapBytes() + (far == null ? 0 : 64L * far.size());
  }

  /** The used addresses as bytes (the bitmap in Roaring's portable format, plus far addresses). */
  byte[] snapshot() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(b)) {
      out.writeUTF(subnet.toString());
      low.writeTo(out);
      out.writeInt(far == null ? 0 : far.size());
      if (far != null) {
        for (IpAddress a : far) {
          out.writeLong(a.high());
          out.writeLong(a.low());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return b.toByteArray();
  }

  /**
   * Replaces the used addresses by a {@link #snapshot()} of the same pool. The serial cursor
   * restarts at the range start and search hints are reset, as after a Docker reload.
   *
   * @throws IllegalArgumentException if the bytes are not a snapshot of this pool
   */
  void restore(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      String s = in.readUTF();
      if (!s.equals(subnet.toString())) {
        throw new IllegalArgumentException("the snapshot is of " + s + ", not " + subnet);
      }
      OrdinalSet l = OrdinalSet.readFrom(in);
      if (l.size() != lowSize) {
        throw new IllegalArgumentException("the snapshot's size does not match " + subnet);
      }
      int n = in.readInt();
      NavigableSet<IpAddress> f = n == 0 ? null : new TreeSet<>();
      for (int i = 0; i < n; i++) {
        f.add(IpAddress.ofV6(in.readLong(), in.readLong()));
      }
      low = l;
      far = f;
    } catch (IOException e) {
      throw new IllegalArgumentException("not a pool snapshot", e);
    }
    cursor = 0;
    for (Range r : ranges()) {
      r.hint = r.loStart;
    }
  }

  /**
   * A range dynamic addresses come from: the whole master pool, or a sub-pool. Its bitmap part
   * is {@code [loStart, loEnd]} (loStart -1 when there is none); its part beyond the bitmap starts
   * at {@code farFirst} (null when there is none).
   */
  final class Range {
    final Subnet child;
    /** The pool id naming this range, as the driver handed it out. */
    final String id;
    final IpAddress last;
    final long loStart;
    final long loEnd;
    final IpAddress farFirst;
    /** Every ordinal in [loStart, hint) is used. */
    long hint;
    /** Whether the range lies inside the pool (a sub-pool may not: Docker does not check). */
    final boolean inside;

    Range(Subnet child, Subnet prefix, String id) {
      this.child = child;
      this.id = id;
      this.inside = subnet.contains(prefix);
      IpAddress first = prefix.network();
      this.last = prefix.lastAddress();
      if (!inside) {
        loStart = -1;
        loEnd = -1;
        farFirst = null;
      } else {
        loStart = lowOrdinal(first);
        long lastOrdinal = lowOrdinal(last);
        loEnd = loStart < 0 ? -1 : lastOrdinal >= 0 ? lastOrdinal : lowSize - 1;
        farFirst = lastOrdinal >= 0 ? null : loStart >= 0 ? base.plus(lowSize) : first;
      }
      this.hint = loStart;
    }

    PoolData pool() {
      return PoolData.this;
    }
  }
}
