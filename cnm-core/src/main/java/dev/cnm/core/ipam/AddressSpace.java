package dev.cnm.core.ipam;

import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.Subnet;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One address space and family (Docker 28 {@code addrSpace}): the predefined pools, sorted with
 * overlapping entries dropped in favour of the larger, and the allocated master pools, kept
 * sorted so a predefined pick is the lowest free subnet and fills gaps.
 *
 * <p>Kept small on purpose (retained heap is compared with Docker's): IPv4 predefined pools are
 * packed into longs, and the pools are one sorted list.
 *
 * <p>Not thread-safe: the driver locks.
 */
final class AddressSpace {
  final String name;
  final boolean v6;
  /** IPv4 predefined pools: network bits, prefix length and size packed per entry. */
  private final long[] predefined4;
  /** IPv6 predefined pools. */
  private final DefaultAddressPool[] predefined6;
  /** The allocated master pools, sorted by subnet; they may overlap through the sub-pool quirk. */
  private final ArrayList<PoolData> pools = new ArrayList<>(4);

  AddressSpace(String name, boolean v6, List<DefaultAddressPool> configured) {
    this.name = name;
    this.v6 = v6;
    List<DefaultAddressPool> sorted = new ArrayList<>();
    for (DefaultAddressPool p : configured) {
      if (p.base().isV6() == v6) {
        sorted.add(p);
      }
    }
    sorted.sort((a, b) -> a.base().compareTo(b.base()));
    List<DefaultAddressPool> kept = new ArrayList<>();
    for (DefaultAddressPool p : sorted) {
      // Sorted by address, then shorter prefix first: a later overlapping entry is the smaller.
      if (kept.isEmpty() || !kept.get(kept.size() - 1).base().overlaps(p.base())) {
        kept.add(p);
      }
    }
    if (v6) {
      predefined4 = new long[0];
      predefined6 = kept.toArray(new DefaultAddressPool[0]);
    } else {
      predefined6 = new DefaultAddressPool[0];
      predefined4 = new long[kept.size()];
      for (int i = 0; i < kept.size(); i++) {
        DefaultAddressPool p = kept.get(i);
        predefined4[i] = (p.base().network().low() << 16) | ((long) p.base().prefixLength() << 8) | p.size();
      }
    }
  }

  private int predefinedCount() {
    return v6 ? predefined6.length : predefined4.length;
  }

  private Subnet predefinedBase(int i) {
    if (v6) {
      return predefined6[i].base();
    }
    long p = predefined4[i];
    return Subnet.of(IpAddress.ofV4((int) (p >>> 16)), (int) ((p >>> 8) & 0xFF));
  }

  private int predefinedSize(int i) {
    return v6 ? predefined6[i].size() : (int) (predefined4[i] & 0xFF);
  }

  private int indexOf(Subnet nw) {
    int lo = 0;
    int hi = pools.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = pools.get(mid).subnet.compareTo(nw);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -(lo + 1);
  }

  PoolData get(Subnet nw) {
    int i = indexOf(nw);
    return i >= 0 ? pools.get(i) : null;
  }

  /** Whether {@code nw} shares an address with any allocated master pool. */
  boolean overlaps(Subnet nw) {
    for (PoolData p : pools) {
      if (p.subnet.overlaps(nw)) {
        return true;
      }
    }
    return false;
  }

  PoolData allocate(Subnet nw, String poolId) {
    int i = indexOf(nw);
    PoolData p = new PoolData(nw, poolId);
    pools.add(i < 0 ? -i - 1 : i, p);
    return p;
  }

  void deallocate(Subnet nw) {
    int i = indexOf(nw);
    if (i >= 0) {
      pools.remove(i);
    }
  }

  List<Subnet> allocated() {
    List<Subnet> out = new ArrayList<>(pools.size());
    for (PoolData p : pools) {
      out.add(p.subnet);
    }
    return out;
  }

  /**
   * The lowest subnet of a predefined pool that overlaps neither an allocated pool nor an
   * excluded prefix, or null. {@code size} is the prefix length wanted, or -1 for each predefined
   * pool's own.
   */
  Subnet pickPredefined(List<Subnet> exclude, int size) {
    List<Subnet> blockers = allocated();
    for (Subnet e : exclude) {
      if (e.isV6() == v6) {
        blockers.add(e.canonical());
      }
    }
    Collections.sort(blockers);
    for (int i = 0; i < predefinedCount(); i++) {
      Subnet base = predefinedBase(i);
      int len = size < 0 ? predefinedSize(i) : size;
      if (len < base.prefixLength()) {
        continue;
      }
      Subnet picked = v6 ? lowestFree6(base, len, blockers) : lowestFree4(base, len, blockers);
      if (picked != null) {
        return picked;
      }
    }
    return null;
  }

  /**
   * The lowest /{@code len} of {@code base} overlapping no blocker (sorted by network address).
   * Blockers are walked once: each one that overlaps the candidate moves it to the first aligned
   * subnet after the blocker; the first blocker that starts after the candidate proves it free.
   */
  private static Subnet lowestFree4(Subnet base, int len, List<Subnet> blockers) {
    long step = 1L << (32 - len);
    long baseEnd = base.lastAddress().low();
    long candidate = base.network().low();
    for (Subnet b : blockers) {
      long blockEnd = b.lastAddress().low();
      if (blockEnd < candidate) {
        continue;
      }
      if (b.network().low() > candidate + step - 1) {
        break;
      }
      candidate = (blockEnd + 1 + step - 1) / step * step;
      if (candidate > baseEnd) {
        return null;
      }
    }
    return candidate + step - 1 <= baseEnd ? Subnet.of(IpAddress.ofV4((int) candidate), len) : null;
  }

  /** {@link #lowestFree4} in 128 bits. */
  private static Subnet lowestFree6(Subnet base, int len, List<Subnet> blockers) {
    BigInteger step = BigInteger.ONE.shiftLeft(128 - len);
    BigInteger baseEnd = big(base.lastAddress());
    BigInteger candidate = big(base.network());
    for (Subnet b : blockers) {
      BigInteger blockEnd = big(b.lastAddress());
      if (blockEnd.compareTo(candidate) < 0) {
        continue;
      }
      if (big(b.network()).compareTo(candidate.add(step).subtract(BigInteger.ONE)) > 0) {
        break;
      }
      BigInteger next = blockEnd.add(BigInteger.ONE);
      BigInteger rem = next.mod(step);
      candidate = rem.signum() == 0 ? next : next.add(step).subtract(rem);
      if (candidate.compareTo(baseEnd) > 0) {
        return null;
      }
    }
    if (candidate.add(step).subtract(BigInteger.ONE).compareTo(baseEnd) > 0) {
      return null;
    }
    return Subnet.of(IpAddress.ofV6(candidate.shiftRight(64).longValue(), candidate.longValue()), len);
  }

  private static BigInteger big(IpAddress a) {
    return new BigInteger(1, a.toBytes());
  }

}
