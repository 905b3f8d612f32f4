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
    return fresh(prefix, SAME);
  }

  /** The pool-id argument: the very string the driver handed out (its identity fast path). */
  static final String SAME = "same";
  /**
   * The pool-id argument: equal strings that are not the driver's, two of them used in turn, so
   * no call finds the id of the call before it (a caller that read the id back from JSON).
   */
  static final String EQUAL = "equal";

  /** As {@link #fresh(int)}, the timed calls passing the pool id as {@code poolIdArg} says. */
  static Pool fresh(int prefix, String poolIdArg) {
    DefaultIpamDriver ipam = DefaultIpamDriver.create();
    AllocatedPool pool = ipam.requestPool(PoolRequest.of(DefaultIpamDriver.LOCAL_ADDRESS_SPACE,
        Subnet.parse("10.0.0.0/" + prefix)));
    return new Pool(ipam, pool.poolId(), prefix, poolIdArg);
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

  /**
   * An allocator and one pool of it. The timed calls take their pool id from {@link #ids} and
   * their requests from {@link #anys} / {@link #anySerials}, alternating between index 0 and 1:
   * the same instance twice for {@link #SAME}, two distinct copies for {@link #EQUAL}.
   */
  static final class Pool {
    final IpamDriver ipam;
    final String poolId;
    final int prefix;
    /** "Any address", built once: Go passes {@code nil, nil}. */
    final AddressRequest any;
    /** "Any address" with the serial option, built once. */
    final AddressRequest anySerial;
    /** The pool id the timed calls pass, by parity. */
    final String[] ids;
    /** "Any address" requests on {@link #ids}, by parity. */
    final AddressRequest[] anys;
    /** The same with the serial option. */
    final AddressRequest[] anySerials;

    Pool(IpamDriver ipam, String poolId, int prefix) {
      this(ipam, poolId, prefix, SAME);
    }

    Pool(IpamDriver ipam, String poolId, int prefix, String poolIdArg) {
      this.ipam = ipam;
      this.poolId = poolId;
      this.prefix = prefix;
      this.any = AddressRequest.of(poolId);
      this.anySerial = AddressRequest.builder().poolId(poolId).serial(true).build();
      if (poolIdArg.equals(SAME)) {
        ids = new String[] {poolId, poolId};
        anys = new AddressRequest[] {any, any};
        anySerials = new AddressRequest[] {anySerial, anySerial};
      } else if (poolIdArg.equals(EQUAL)) {
        ids = new String[] {new String(poolId), new String(poolId)};
        anys = new AddressRequest[] {AddressRequest.of(ids[0]), AddressRequest.of(ids[1])};
        anySerials = new AddressRequest[] {AddressRequest.builder().poolId(ids[0]).serial(true).build(),
            AddressRequest.builder().poolId(ids[1]).serial(true).build()};
      } else {
        throw new IllegalArgumentException("poolIdArg " + poolIdArg);
      }
    }

    /** The pool's used addresses, for {@link #restore}; not through the timed calls. */
    byte[] snapshot() {
      return ((DefaultIpamDriver) ipam).snapshotAddresses(poolId);
    }

    /**
     * Puts back the used addresses of a {@link #snapshot}. The next lowest-free or serial request
     * gets what it would have got from the pool the snapshot was taken of: both search from the
     * pool's start again, and no address below the lowest free one is free.
     */
    void restore(byte[] snapshot) {
      ((DefaultIpamDriver) ipam).restoreAddresses(poolId, snapshot);
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
     * The same 90%-full random pool as {@link #fragment} (the same holes), put in place by {@link
     * #restore} of a snapshot written here, with no address call at all. For the benchmark of
     * specific requests: built through 65 534 requests of any address and 6 553 releases, the pool
     * left C2 to compile {@code requestAddress} and Roaring's container calls from a profile of a
     * fill the benchmark never repeats (other container kinds, the other request branch), and its
     * forks settled at speeds up to 1.7x apart, as the churn rows' did from their fill. The bytes
     * are the driver's snapshot format (an {@code OrdinalSet} holding the free ordinals, inverted);
     * {@code BenchmarkSuiteTest} checks the pool holds what {@code fragment} leaves.
     * Returns {@code [allocated, free]}.
     */
    IpAddress[][] fragmentByRestore() {
      int n = capacity(prefix);
      IpAddress base = Subnet.parse("10.0.0.0/" + prefix).address();
      IpAddress[] all = new IpAddress[n];
      for (int i = 0; i < n; i++) {
        all[i] = base.plus(1 + i); // fill()'s order: lowest first
      }
      shuffle(all, new SplittableRandom(1));
      int holes = (int) ((long) n * FRAG_PERCENT / 100);
      IpAddress[] free = java.util.Arrays.copyOfRange(all, 0, holes);
      IpAddress[] allocated = java.util.Arrays.copyOfRange(all, holes, n);
      try {
        java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(snapshot()));
        // The empty pool's snapshot gives the header: subnet, set size, flag, used (reserved) count.
        String subnet = in.readUTF();
        long size = in.readLong();
        in.readBoolean();
        long used0 = in.readLong();
        org.roaringbitmap.RoaringBitmap freeBits = new org.roaringbitmap.RoaringBitmap();
        for (IpAddress a : free) {
          freeBits.add((int) (a.low() - base.low()));
        }
        freeBits.runOptimize();
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream out = new java.io.DataOutputStream(b);
        out.writeUTF(subnet);
        out.writeLong(size);
        out.writeBoolean(true);
        out.writeLong(used0 + allocated.length);
        freeBits.serialize(out);
        out.writeInt(0); // no addresses beyond the first 2^32 ordinals
        out.flush();
        restore(b.toByteArray());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return new IpAddress[][] {allocated, free};
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
