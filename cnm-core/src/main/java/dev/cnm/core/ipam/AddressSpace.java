package dev.cnm.core.ipam;

import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.Subnet;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One address space and family (Docker 28 {@code addrSpace}): the predefined pools, sorted with
 * overlapping entries dropped in favour of the larger, and the allocated master pools, kept
 * sorted so a predefined pick is the lowest free subnet and fills gaps.
 *
 * <p>Not thread-safe: the driver locks.
 */
final class AddressSpace {
  final String name;
  final boolean v6;
  private final List<DefaultAddressPool> predefined;
  /** The allocated master pools, sorted; they may overlap through the sub-pool quirk. */
  private final List<Subnet> allocated = new ArrayList<>();
  private final Map<Subnet, PoolData> pools = new HashMap<>();

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
    this.predefined = List.copyOf(kept);
  }

  PoolData get(Subnet nw) {
    return pools.get(nw);
  }

  /** Whether {@code nw} shares an address with any allocated master pool. */
  boolean overlaps(Subnet nw) {
    for (Subnet s : allocated) {
      if (s.overlaps(nw)) {
        return true;
      }
    }
    return false;
  }

  PoolData allocate(Subnet nw) {
    int i = Collections.binarySearch(allocated, nw);
    allocated.add(i < 0 ? -i - 1 : i, nw);
    PoolData p = new PoolData(nw);
    pools.put(nw, p);
    return p;
  }

  void deallocate(Subnet nw) {
    int i = Collections.binarySearch(allocated, nw);
    if (i >= 0) {
      allocated.remove(i);
    }
    pools.remove(nw);
  }

  int poolCount() {
    return pools.size();
  }

  List<Subnet> allocated() {
    return List.copyOf(allocated);
  }

  /**
   * The lowest subnet of a predefined pool that overlaps neither an allocated pool nor an
   * excluded prefix, or null. {@code size} is the prefix length wanted, or -1 for each predefined
   * pool's own.
   */
  Subnet pickPredefined(List<Subnet> exclude, int size) {
    List<Subnet> blockers = new ArrayList<>(allocated);
    for (Subnet e : exclude) {
      if (e.isV6() == v6) {
        blockers.add(e.canonical());
      }
    }
    Collections.sort(blockers);
    int bitLength = v6 ? 128 : 32;
    for (DefaultAddressPool pdf : predefined) {
      int len = size < 0 ? pdf.size() : size;
      if (len < pdf.base().prefixLength()) {
        continue;
      }
      BigInteger step = BigInteger.ONE.shiftLeft(bitLength - len);
      BigInteger baseEnd = big(pdf.base().lastAddress());
      BigInteger candidate = big(pdf.base().network());
      for (Subnet b : blockers) {
        BigInteger blockEnd = big(b.lastAddress());
        if (blockEnd.compareTo(candidate) < 0) {
          continue;
        }
        if (big(b.network()).compareTo(candidate.add(step).subtract(BigInteger.ONE)) > 0) {
          break; // a gap: this and every later blocker start after the candidate
        }
        BigInteger next = blockEnd.add(BigInteger.ONE);
        BigInteger rem = next.mod(step);
        candidate = rem.signum() == 0 ? next : next.add(step).subtract(rem);
        if (candidate.compareTo(baseEnd) > 0) {
          break;
        }
      }
      if (candidate.add(step).subtract(BigInteger.ONE).compareTo(baseEnd) <= 0) {
        return Subnet.of(address(candidate), len);
      }
    }
    return null;
  }

  private static BigInteger big(IpAddress a) {
    if (a.isV4()) {
      return BigInteger.valueOf(a.low());
    }
    return new BigInteger(1, a.toBytes());
  }

  private IpAddress address(BigInteger v) {
    if (!v6) {
      return IpAddress.ofV4((int) v.longValue());
    }
    return IpAddress.ofV6(v.shiftRight(64).longValue(), v.longValue());
  }
}
