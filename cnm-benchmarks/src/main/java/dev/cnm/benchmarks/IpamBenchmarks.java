package dev.cnm.benchmarks;

import dev.cnm.api.ipam.AddressRequest;
import dev.cnm.api.ipam.NoAvailableAddressException;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.Subnet;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The anchor's IPAM benchmarks (perf-anchor.md §5, "IPAMFill..", "IPAMChurn..", "IPAMSpecific.."),
 * doing the same work through {@link dev.cnm.core.ipam.DefaultIpamDriver}. Times are per
 * address, per op or per cycle as in the anchor. Each runs twice: {@code poolIdArg=same} passes
 * the very pool-id string the driver handed out (its identity fast path, the best case), {@code
 * equal} passes equal copies, alternating, so the driver compares the id every call (what a
 * caller that read the id back from JSON does).
 *
 * <pre>{@code
 * bin/bench IpamBenchmarks.fill16
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class IpamBenchmarks {
  static final int SLASH24 = 254;
  static final int SLASH16 = 65_534;
  static final int SLASH8 = 16_777_214;
  static final int BATCH = 1_000;

  // ---- fills: a fresh allocator and pool for every op ---------------------------------------

  /** A fresh allocator and pool before every invocation; checks the pool is full after it. */
  @State(Scope.Thread)
  public static class FreshPool {
    /** How the timed calls pass the pool id: {@link Pools#SAME} or {@link Pools#EQUAL}. */
    @Param({Pools.SAME, Pools.EQUAL})
    public String poolIdArg;

    Pools.Pool pool;
    IpAddress last;

    void create(int prefix) {
      pool = Pools.fresh(prefix, poolIdArg);
    }

    void checkFull(String expectedLast) {
      if (!last.toString().equals(expectedLast)) {
        throw new AssertionError("last address " + last + ", expected " + expectedLast);
      }
      try {
        pool.ipam.requestAddress(pool.any);
        throw new AssertionError("pool not full");
      } catch (NoAvailableAddressException expected) {
        // full, as in the anchor
      }
    }
  }

  /** A fresh /24. */
  @State(Scope.Thread)
  public static class Fresh24 extends FreshPool {
    @Setup(Level.Invocation)
    public void setUp() {
      create(24);
    }

    @TearDown(Level.Invocation)
    public void check() {
      checkFull("10.0.0.254");
    }
  }

  /** A fresh /16. */
  @State(Scope.Thread)
  public static class Fresh16 extends FreshPool {
    @Setup(Level.Invocation)
    public void setUp() {
      create(16);
    }

    @TearDown(Level.Invocation)
    public void check() {
      checkFull("10.0.255.254");
    }
  }

  /** A fresh /8. */
  @State(Scope.Thread)
  public static class Fresh8 extends FreshPool {
    @Setup(Level.Invocation)
    public void setUp() {
      create(8);
    }

    @TearDown(Level.Invocation)
    public void check() {
      checkFull("10.255.255.254");
    }
  }

  private static IpAddress fill(FreshPool s, int n, AddressRequest[] requests) {
    IpAddress a = null;
    for (int i = 0; i < n; i++) {
      a = s.pool.ipam.requestAddress(requests[i & 1]).address();
    }
    s.last = a;
    return a;
  }

  /** IPAMFill24: 254 requests of any address; time per address. */
  @Benchmark
  @OperationsPerInvocation(SLASH24)
  public IpAddress fill24(Fresh24 s) {
    return fill(s, SLASH24, s.pool.anys);
  }

  /** IPAMFill16: 65 534 requests of any address (lowest free); time per address. */
  @Benchmark
  @OperationsPerInvocation(SLASH16)
  public IpAddress fill16(Fresh16 s) {
    return fill(s, SLASH16, s.pool.anys);
  }

  /** IPAMFill16Serial: as fill16 with the serial option; time per address. */
  @Benchmark
  @OperationsPerInvocation(SLASH16)
  public IpAddress fill16Serial(Fresh16 s) {
    return fill(s, SLASH16, s.pool.anySerials);
  }

  /** IPAMFill8: 16 777 214 requests, one op per sample as in the anchor; time per address. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OperationsPerInvocation(SLASH8)
  @Warmup(iterations = 2, batchSize = 1)
  @Measurement(iterations = 5, batchSize = 1)
  @Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
  public IpAddress fill8(Fresh8 s) {
    return fill(s, SLASH8, s.pool.anys);
  }

  // ---- churn on a full /16 -------------------------------------------------------------------

  /** A full /16 with its addresses in allocation order; the random stream is seed 1. */
  @State(Scope.Thread)
  public static class Full16 {
    @Param({Pools.SAME, Pools.EQUAL})
    public String poolIdArg;

    Pools.Pool pool;
    IpAddress[] list;
    SplittableRandom random;

    @Setup(Level.Trial)
    public void setUp() {
      pool = Pools.fresh(16, poolIdArg);
      list = pool.fill();
      random = new SplittableRandom(1);
    }
  }

  /** IPAMChurnFull16: release a random address, request any (gets the same one back). */
  @Benchmark
  public IpAddress churnFull16(Full16 s) {
    int k = s.random.nextInt(SLASH16);
    s.pool.ipam.releaseAddress(s.pool.ids[0], s.list[k]);
    IpAddress a = s.pool.ipam.requestAddress(s.pool.anys[1]).address();
    s.list[k] = a;
    return a;
  }

  /**
   * Not in the anchor: churnFull16 without the allocator, what the benchmark itself costs. It
   * picks the same random entry, reads the address there (the first touch of a random one of
   * 65 534 objects), builds the result the SPI would return ({@code IpAddress} + {@code Subnet})
   * and stores it back, as churnFull16 does around its two driver calls.
   */
  @Benchmark
  public IpAddress churnFull16Floor(Full16 s) {
    int k = s.random.nextInt(SLASH16);
    IpAddress released = s.list[k];
    IpAddress a = Subnet.of(IpAddress.ofV4((int) released.low()), 16).address();
    s.list[k] = a;
    return a;
  }

  // ---- churn on a 90%-full random /16, in batches of 1000 --------------------------------------

  /**
   * For every op the same 90%-full random /16 (seed 1); the cycle picks use seed 2. The pool is
   * built once through the driver and put back before every op from its snapshot, with the list
   * of its used addresses: rebuilding it through {@code requestAddress} and {@code releaseAddress}
   * (65 534 + 6 553 calls against the op's 2 000) made C2 compile those methods from a profile of
   * the fill rather than of the churn, and how much of the churn's path that profile had seen, so
   * which calls were inlined and devirtualized, varied from fork to fork (docs/BENCHMARKS.md,
   * "modes22").
   */
  @State(Scope.Thread)
  public static class Frag16 {
    @Param({Pools.SAME, Pools.EQUAL})
    public String poolIdArg;

    Pools.Pool pool;
    IpAddress[] allocated;
    SplittableRandom random;
    private IpAddress[] fragmented;
    private byte[] snapshot;

    @Setup(Level.Trial)
    public void build() {
      pool = Pools.fresh(16, poolIdArg);
      fragmented = pool.fragment()[0];
      snapshot = pool.snapshot();
      allocated = new IpAddress[fragmented.length];
    }

    @Setup(Level.Invocation)
    public void setUp() {
      pool.restore(snapshot);
      System.arraycopy(fragmented, 0, allocated, 0, fragmented.length);
      random = new SplittableRandom(2);
    }
  }

  private static IpAddress churnBatch(Frag16 s, AddressRequest request) {
    IpAddress a = null;
    IpAddress[] alloc = s.allocated;
    String releaseId = s.pool.ids[0];
    for (int i = 0; i < BATCH; i++) {
      int k = s.random.nextInt(alloc.length);
      s.pool.ipam.releaseAddress(releaseId, alloc[k]);
      a = s.pool.ipam.requestAddress(request).address();
      alloc[k] = a;
    }
    return a;
  }

  /** IPAMChurnFrag90_16Batch: 1 000 cycles of release random + request any; time per cycle. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public IpAddress churnFrag90Batch(Frag16 s) {
    return churnBatch(s, s.pool.anys[1]);
  }

  /** IPAMChurnFrag90_16BatchSerial: the same with the serial option; time per cycle. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public IpAddress churnFrag90BatchSerial(Frag16 s) {
    return churnBatch(s, s.pool.anySerials[1]);
  }

  // ---- specific addresses ----------------------------------------------------------------------

  /** An empty /16 and 4 096 random host offsets in [1, 65 534] (seed 1), requests built once. */
  @State(Scope.Thread)
  public static class Empty16 {
    @Param({Pools.SAME, Pools.EQUAL})
    public String poolIdArg;

    Pools.Pool pool;
    AddressRequest[] requests;
    int next;

    @Setup(Level.Trial)
    public void setUp() {
      pool = Pools.fresh(16, poolIdArg);
      SplittableRandom random = new SplittableRandom(1);
      IpAddress base = IpAddress.parse("10.0.0.0");
      requests = new AddressRequest[4096];
      for (int i = 0; i < requests.length; i++) {
        requests[i] = AddressRequest.of(pool.ids[0], base.plus(1 + random.nextInt(SLASH16)));
      }
    }
  }

  /** IPAMSpecificEmpty16: request a specific address, then release it. */
  @Benchmark
  public IpAddress specificEmpty16(Empty16 s) {
    AddressRequest r = s.requests[s.next++ & 4095];
    IpAddress a = s.pool.ipam.requestAddress(r).address();
    s.pool.ipam.releaseAddress(s.pool.ids[1], a);
    return a;
  }

  /** The 90%-full random /16 (seed 1), its 6 553 free addresses as requests; picks use seed 3. */
  @State(Scope.Thread)
  public static class FragSpecific16 {
    @Param({Pools.SAME, Pools.EQUAL})
    public String poolIdArg;

    Pools.Pool pool;
    AddressRequest[] free;
    SplittableRandom random;

    @Setup(Level.Trial)
    public void setUp() {
      pool = Pools.fresh(16, poolIdArg);
      IpAddress[] holes = pool.fragmentByRestore()[1];
      free = new AddressRequest[holes.length];
      for (int i = 0; i < holes.length; i++) {
        free[i] = AddressRequest.of(pool.ids[0], holes[i]);
      }
      random = new SplittableRandom(3);
    }
  }

  /** IPAMSpecificFrag90_16: request one of the free addresses, then release it. */
  @Benchmark
  public IpAddress specificFrag90(FragSpecific16 s) {
    AddressRequest r = s.free[s.random.nextInt(s.free.length)];
    IpAddress a = s.pool.ipam.requestAddress(r).address();
    s.pool.ipam.releaseAddress(s.pool.ids[1], a);
    return a;
  }

  /**
   * Not in the anchor: what building the request object of a specific address costs (the
   * benchmarks above build theirs once, as Go's arguments are built once).
   */
  @Benchmark
  public AddressRequest buildSpecificRequest(FragSpecific16 s) {
    return AddressRequest.of(s.pool.poolId, s.free[s.random.nextInt(s.free.length)].preferred().get());
  }
}
