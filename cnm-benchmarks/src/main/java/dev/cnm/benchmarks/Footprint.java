package dev.cnm.benchmarks;

import dev.cnm.api.Engine;
import dev.cnm.api.host.HostPortAllocator;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.port.PortProtocol;
import dev.cnm.core.ipam.DefaultIpamDriver;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Retained heap of the anchor's shapes (perf-anchor.md §4.3) and of a populated engine, by heap
 * delta: force five full collections, note the used heap, build {@code k}
 * copies of the structure while keeping strong references to them, collect again, and divide
 * the difference by {@code k}; three such rounds, the median shown. Building many copies drowns the few bytes of noise a collection
 * leaves; run it with {@code -XX:+UseSerialGC}, whose full collection compacts the whole heap so
 * the used figure is exact, and with {@code -XX:SoftRefLRUPolicyMSPerMB=0}, so the JDK's soft caches
 * (method handles, string concatenation) do not empty in the middle of a measurement ({@code
 * bin/bench} passes both).
 *
 * <p>Like the anchor's Go figures, an IPAM figure includes the allocator (Docker's default
 * predefined pools) and its address spaces, not only the pool; a port figure the whole table.
 *
 * <pre>{@code
 * java -XX:+UseSerialGC -XX:SoftRefLRUPolicyMSPerMB=0 -Xmx14g -cp benchmarks.jar dev.cnm.benchmarks.Footprint 1000000
 * }</pre>
 */
public final class Footprint {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  /** Each shape is measured this many times; the median is shown. */
  private static final int ROUNDS = 3;

  private Footprint() {}

  /**
   * Prints a Markdown table of retained heap.
   *
   * @param args the engine population to measure (default 1 000 000); {@code 0} skips the engine
   */
  public static void main(String[] args) {
    int containers = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
    System.out.println("| Shape | rounds x copies | cnm retained heap | moby v28.4.0 | ratio (cnm / moby) |");
    System.out.println("|---|---|---|---|---|");
    row("allocator only (Docker's default predefined pools)", 1000, DefaultIpamDriver::create, -1);
    row("allocator + empty /16 pool", 1000, () -> Pools.fresh(16), 1_592);
    row("allocator + full /16 pool (65 534 allocated)", 1000, () -> {
      Pools.Pool p = Pools.fresh(16);
      p.fill();
      return p;
    }, 1_544);
    row("allocator + 90% random /16 pool", 500, () -> {
      Pools.Pool p = Pools.fresh(16);
      p.fragment();
      return p;
    }, 50_680);
    row("allocator + full /8 pool", 3, () -> {
      Pools.Pool p = Pools.fresh(8);
      p.fill();
      return p;
    }, 8_408);
    row("port allocator, full range 32768-60999 on 0.0.0.0/tcp", 100, () -> {
      HostPortAllocator ports = PortBenchmarks.fresh();
      for (int i = 0; i < PortBenchmarks.RANGE; i++) {
        ports.requestPort(IpAddress.ANY_V4, PortProtocol.TCP, 0);
      }
      return ports;
    }, 1_102_952);
    if (containers > 0) {
      engine(containers);
    }
  }

  /** Measures a shape three times (fresh copies each time) and prints the median per copy. */
  private static void row(String shape, int copies, Supplier<Object> build, long moby) {
    build.get(); // load and initialise every class first, twice: the JDK caches settle
    build.get();
    long[] each = new long[ROUNDS];
    for (int r = 0; r < ROUNDS; r++) {
      each[r] = measure(copies, build);
    }
    Arrays.sort(each);
    long median = each[ROUNDS / 2];
    System.out.printf(Locale.ROOT, "| %s | %d x %d | %s | %s | %s |%n", shape, ROUNDS, copies, bytes(median),
        moby < 0 ? "-" : bytes(moby), moby < 0 ? "-" : String.format(Locale.ROOT, "%.2f", median / (double) moby));
  }

  /**
   * One round, in its own frame: once it returns nothing holds its copies (a loop in the caller
   * kept the previous round's list alive through the next round's first collection).
   */
  private static long measure(int copies, Supplier<Object> build) {
    List<Object> keep = new ArrayList<>(copies);
    long before = usedAfterGc();
    for (int i = 0; i < copies; i++) {
      keep.add(build.get());
    }
    long after = usedAfterGc();
    // Without the fence the JIT may treat the copies as dead before the collection.
    Reference.reachabilityFence(keep);
    return Math.round((after - before) / (double) copies);
  }

  /**
   * Heap per running container: an engine populated with n containers (1 000 per user network,
   * the networks included) against nothing, divided by n.
   */
  private static void engine(int n) {
    Engine warm = Engines.populated(1000);
    long before = usedAfterGc();
    long start = System.nanoTime();
    Engine engine = Engines.populated(n);
    long millis = (System.nanoTime() - start) / 1_000_000L;
    long after = usedAfterGc();
    Reference.reachabilityFence(engine);
    double each = (after - before) / (double) n;
    System.out.printf(Locale.ROOT,
        "| engine: per running container at %,d containers, %,d per network (built in %,d ms) | 1 x 1 | %s | - | - |%n",
        n, Engines.PER_NETWORK, millis, bytes(Math.round(each)));
    if (warm.containers().size() != 1000 || engine.containers().size() != n) {
      throw new AssertionError("engine lost containers");
    }
  }

  private static String bytes(long b) {
    return String.format(Locale.ROOT, "%,d B", b);
  }

  /**
   * Used heap after five full collections (the reading after a single one is sometimes stale:
   * stopping as soon as it stopped shrinking gave wrong deltas).
   */
  static long usedAfterGc() {
    long used = 0;
    for (int i = 0; i < 5; i++) {
      System.gc();
      used = MEMORY.getHeapMemoryUsage().getUsed();
    }
    return used;
  }
}
