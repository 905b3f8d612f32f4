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
 * moby's bytes for the same shapes are measured beside these by {@code bin/bench --side-by-side}
 * (the Go anchor's {@code TestRetainedHeap}), which runs this class with {@code --lines}: one
 * line per shape in the anchor's format, {@code RetainedHeap <key> <rounds>x<copies> <bytes> B
 * rounds=<each>}, read back by {@link SideBySide}.
 *
 * <pre>{@code
 * java -XX:+UseSerialGC -XX:SoftRefLRUPolicyMSPerMB=0 -Xmx14g -cp benchmarks.jar dev.cnm.benchmarks.Footprint 1000000
 * java -XX:+UseSerialGC -XX:SoftRefLRUPolicyMSPerMB=0 -Xmx2g -cp benchmarks.jar dev.cnm.benchmarks.Footprint --lines
 * }</pre>
 */
public final class Footprint {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  /** Each shape is measured this many times; the median is shown. */
  private static final int ROUNDS = 3;

  /**
   * One state of perf-anchor.md §4.3: its key (the Go anchor's, so {@link SideBySide} pairs the
   * two), its label, the copies built per round and how to build one.
   */
  record Shape(String key, String label, int copies, Supplier<Object> build) {}

  /** The anchor's shapes, in the Go anchor's order. */
  static final List<Shape> SHAPES = List.of(
      new Shape("allocator", "allocator only (Docker's default predefined pools)", 1000, DefaultIpamDriver::create),
      new Shape("empty16", "allocator + empty /16 pool", 1000, () -> Pools.fresh(16)),
      new Shape("full16", "allocator + full /16 pool (65 534 allocated)", 1000, () -> {
        Pools.Pool p = Pools.fresh(16);
        p.fill();
        return p;
      }),
      new Shape("frag90_16", "allocator + 90% random /16 pool", 500, () -> {
        Pools.Pool p = Pools.fresh(16);
        p.fragment();
        return p;
      }),
      new Shape("full8", "allocator + full /8 pool", 3, () -> {
        Pools.Pool p = Pools.fresh(8);
        p.fill();
        return p;
      }),
      new Shape("portsFull", "port allocator, full range 32768-60999 on 0.0.0.0/tcp", 100, () -> {
        HostPortAllocator ports = PortBenchmarks.fresh();
        for (int i = 0; i < PortBenchmarks.RANGE; i++) {
          ports.requestPort(IpAddress.ANY_V4, PortProtocol.TCP, 0);
        }
        return ports;
      }));

  private Footprint() {}

  /**
   * Prints a Markdown table of retained heap, or with {@code --lines} the anchor's shapes as
   * {@link SideBySide} reads them.
   *
   * @param args the engine population to measure (default 1 000 000; {@code 0} skips the engine),
   *     or {@code --lines}
   */
  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("--lines")) {
      for (Shape s : SHAPES) {
        long[] each = rounds(s);
        System.out.printf(Locale.ROOT, "RetainedHeap %s %dx%d %d B rounds=%d,%d,%d%n", s.key(), ROUNDS, s.copies(),
            median(each), each[0], each[1], each[2]);
      }
      return;
    }
    int containers = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
    System.out.println("| Shape | rounds x copies | cnm retained heap |");
    System.out.println("|---|---|---|");
    for (Shape s : SHAPES) {
      System.out.printf(Locale.ROOT, "| %s | %d x %d | %s |%n", s.label(), ROUNDS, s.copies(), bytes(median(rounds(s))));
    }
    if (containers > 0) {
      engine(containers);
    }
  }

  /** Measures a shape {@link #ROUNDS} times, fresh copies each time: bytes per copy of each round. */
  private static long[] rounds(Shape s) {
    s.build().get(); // load and initialise every class first, twice: the JDK caches settle
    s.build().get();
    long[] each = new long[ROUNDS];
    for (int r = 0; r < ROUNDS; r++) {
      each[r] = measure(s.copies(), s.build());
    }
    return each;
  }

  private static long median(long[] each) {
    long[] sorted = each.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
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
        "| engine: per running container at %,d containers, %,d per network (built in %,d ms) | 1 x 1 | %s |%n",
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
