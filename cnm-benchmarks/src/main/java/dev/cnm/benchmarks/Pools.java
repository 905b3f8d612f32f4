package dev.cnm.benchmarks;

import dev.cnm.api.ipam.AddressRequest;
import dev.cnm.api.ipam.AllocatedPool;
import dev.cnm.api.ipam.IpamDriver;
import dev.cnm.api.ipam.PoolRequest;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.core.ipam.DefaultIpamDriver;
import java.util.SplittableRandom;

/**
 * The anchor's IPAM set-ups (perf-anchor.md §5): an allocator with Docker's default predefined
 * pools, a static pool {@code 10.0.0.0/<n>} in {@code LocalDefault}, filled or fragmented with
 * seeded random sequences.
 *
 * <pre>{@code
 * Pools.Pool p = Pools.fresh(16);
 * IpAddress[] all = p.fill();          // 10.0.0.1 .. 10.0.255.254
 * }</pre>
 */
final class Pools {
  /** The anchor's fragmentation: 10% of a full /16 released at random. */
  static final int FRAG_PERCENT = 10;

  private Pools() {}

  /** A fresh allocator (Docker's defaults) with the static pool 10.0.0.0/{@code prefix}. */
  static Pool fresh(int prefix) {
    DefaultIpamDriver ipam = DefaultIpamDriver.create();
    AllocatedPool pool = ipam.requestPool(PoolRequest.of(DefaultIpamDriver.LOCAL_ADDRESS_SPACE,
        Subnet.parse("10.0.0.0/" + prefix)));
    return new Pool(ipam, pool.poolId(), prefix);
  }

  /** The number of addresses a pool of that prefix hands out (2^h - 2). */
  static int capacity(int prefix) {
    return (int) ((1L << (32 - prefix)) - 2);
  }

  /** Fisher-Yates shuffle of {@code a} with {@code random}. */
  static <T> void shuffle(T[] a, SplittableRandom random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      T t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** Fisher-Yates shuffle of {@code a} with {@code random}. */
  static void shuffle(int[] a, SplittableRandom random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** An allocator and one pool of it. */
  static final class Pool {
    final IpamDriver ipam;
    final String poolId;
    final int prefix;
    /** "Any address", built once: Go passes {@code nil, nil}. */
    final AddressRequest any;
    /** "Any address" with the serial option, built once. */
    final AddressRequest anySerial;

    Pool(IpamDriver ipam, String poolId, int prefix) {
      this.ipam = ipam;
      this.poolId = poolId;
      this.prefix = prefix;
      this.any = AddressRequest.of(poolId);
      this.anySerial = AddressRequest.builder().poolId(poolId).serial(true).build();
    }

    /** Requests every address, lowest first; returns them in allocation order. */
    IpAddress[] fill() {
      IpAddress[] out = new IpAddress[capacity(prefix)];
      for (int i = 0; i < out.length; i++) {
        out[i] = ipam.requestAddress(any).address();
      }
      return out;
    }

    /**
     * Fills the pool, shuffles the addresses (seed 1) and releases the first 10%: the anchor's
     * 90%-full random pool. Returns {@code [allocated, free]}.
     */
    IpAddress[][] fragment() {
      IpAddress[] all = fill();
      shuffle(all, new SplittableRandom(1));
      int holes = (int) ((long) all.length * FRAG_PERCENT / 100);   // 6 553 for a /16
      IpAddress[] free = new IpAddress[holes];
      IpAddress[] allocated = new IpAddress[all.length - holes];
      System.arraycopy(all, 0, free, 0, holes);
      System.arraycopy(all, holes, allocated, 0, allocated.length);
      for (IpAddress a : free) {
        ipam.releaseAddress(poolId, a);
      }
      return new IpAddress[][] {allocated, free};
    }
  }
}
