package dev.cnm.benchmarks;

import dev.cnm.api.host.HostPortAllocator;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.port.PortProtocol;
import dev.cnm.core.host.DefaultHostPortAllocator;
import java.util.Arrays;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The anchor's port allocator benchmarks (perf-anchor.md §5, "Port.."), on {@code 0.0.0.0/tcp}
 * with the ephemeral range 32768-60999 (28 232 ports), through {@link DefaultHostPortAllocator}.
 *
 * <pre>{@code
 * bin/bench PortBenchmarks
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class PortBenchmarks {
  static final int BEGIN = 32768;
  static final int END = 60999;
  static final int RANGE = END - BEGIN + 1;
  static final IpAddress ANY = IpAddress.ANY_V4;
  static final PortProtocol TCP = PortProtocol.TCP;

  static HostPortAllocator fresh() {
    return DefaultHostPortAllocator.withRange(BEGIN, END);
  }

  /** The allocator the fill benchmark fills; replaced by a fresh one as its last timed step. */
  @State(Scope.Thread)
  public static class Table {
    HostPortAllocator ports = fresh();
  }

  /**
   * PortFillEphemeral: every port of the range (checked to come in order), then the equivalent of
   * Docker's {@code ReleaseAll()} (a fresh table), all timed; time per port.
   */
  @Benchmark
  @OperationsPerInvocation(RANGE)
  public HostPortAllocator fillEphemeral(Table s) {
    HostPortAllocator ports = s.ports;
    for (int expected = BEGIN; expected <= END; expected++) {
      int p = ports.requestPort(ANY, TCP, 0);
      if (p != expected) {
        throw new AssertionError("got port " + p + ", expected " + expected);
      }
    }
    s.ports = fresh();
    return ports;
  }

  /** The whole range booked; picks use seed 1. */
  @State(Scope.Thread)
  public static class Full {
    HostPortAllocator ports;
    SplittableRandom random;

    @Setup(Level.Trial)
    public void setUp() {
      ports = fresh();
      for (int i = 0; i < RANGE; i++) {
        ports.requestPort(ANY, TCP, 0);
      }
      random = new SplittableRandom(1);
    }
  }

  /** PortChurnFull: release a random port, request any; next-fit wraps round to it. */
  @Benchmark
  public int churnFull(Full s) {
    int port = BEGIN + s.random.nextInt(RANGE);
    s.ports.releasePort(ANY, TCP, port);
    int p = s.ports.requestPort(ANY, TCP, 0);
    if (p != port) {
      throw new AssertionError("got port " + p + ", expected " + port);
    }
    return p;
  }

  /** The range filled, shuffled (seed 1) and its first 2 823 ports released; same stream after. */
  @State(Scope.Thread)
  public static class Frag90 {
    HostPortAllocator ports;
    int[] allocated;
    SplittableRandom random;

    @Setup(Level.Trial)
    public void setUp() {
      ports = fresh();
      int[] all = new int[RANGE];
      for (int i = 0; i < RANGE; i++) {
        all[i] = ports.requestPort(ANY, TCP, 0);
      }
      random = new SplittableRandom(1);
      Pools.shuffle(all, random);
      int holes = RANGE / 10;
      for (int i = 0; i < holes; i++) {
        ports.releasePort(ANY, TCP, all[i]);
      }
      allocated = Arrays.copyOfRange(all, holes, RANGE);
    }
  }

  /** PortChurn90: release a random booked port, request any (about 10 probes at 90%). */
  @Benchmark
  public int churn90(Frag90 s) {
    int k = s.random.nextInt(s.allocated.length);
    s.ports.releasePort(ANY, TCP, s.allocated[k]);
    int p = s.ports.requestPort(ANY, TCP, 0);
    s.allocated[k] = p;
    return p;
  }

  /** An empty table. */
  @State(Scope.Thread)
  public static class Empty {
    HostPortAllocator ports;

    @Setup(Level.Trial)
    public void setUp() {
      ports = fresh();
    }
  }

  /** PortRequestReleaseAny: request any port, release it (the cursor cycles through the range). */
  @Benchmark
  public int requestReleaseAny(Empty s) {
    int p = s.ports.requestPort(ANY, TCP, 0);
    s.ports.releasePort(ANY, TCP, p);
    return p;
  }

  /** PortSpecific: request 8080, release it. */
  @Benchmark
  public int specific(Empty s) {
    int p = s.ports.requestPort(ANY, TCP, 8080);
    s.ports.releasePort(ANY, TCP, 8080);
    return p;
  }
}
