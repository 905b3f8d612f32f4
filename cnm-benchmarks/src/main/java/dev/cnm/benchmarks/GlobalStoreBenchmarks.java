package dev.cnm.benchmarks;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.RemoveOption;
import dev.cnm.api.store.GlobalStore;
import dev.cnm.core.Cnm;
import dev.cnm.core.store.InMemoryGlobalStore;
import dev.cnm.store.etcd.EtcdGlobalStore;
import dev.cnm.store.etcd.testing.EtcdCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Allocations per second of a cluster of three engines on ONE overlay network, each engine in
 * its own JMH thread with its own store client, all allocating at once: one op is {@code docker
 * run --network ov} then {@code docker rm -f} on that engine, i.e. one address taken from and
 * given back to the shared pool, lowest free first (the run reads nothing first: it takes the
 * address and the endpoint's record in one transaction, which offers every address from the
 * pool's first up to the third free in the engine's view as alternatives, the first free at the
 * commit taken; the remove gives both back in one transaction and reads nothing). The
 * store is the in-memory one
 * ({@code memory}), one real etcd member for all three engines ({@code etcd1}), or a 3-member etcd
 * cluster with each engine on its own member ({@code etcd3}).
 *
 * <p>The etcd members are started in the trial's set-up from the installed {@code etcd} binary
 * (Debian's {@code etcd-server}; {@code $ETCD_BIN} overrides) on free loopback ports with
 * temporary data directories, and stopped by process id in the tear-down. Without etcd the etcd
 * parameters fail their set-up with a message saying so, and the other benchmarks run.
 *
 * <pre>{@code
 * bin/bench GlobalStoreBenchmarks -p store=etcd3
 * }</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// 10 warm-up iterations: with 3, each measured iteration was still faster than the one before
// (the gRPC client's path compiling), so the figure measured the JIT as much as the store.
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class GlobalStoreBenchmarks {
  static final int ENGINES = 3;
  static final String NETWORK = "ov";

  /** The cluster: its store, its etcd processes if any, and the three engines. */
  @State(Scope.Benchmark)
  public static class Cluster {
    @Param({"memory", "etcd1", "etcd3"})
    String store;

    EtcdCluster etcd;
    Path dataDir;
    final List<GlobalStore> clients = new ArrayList<>();
    final List<Engine> engines = new ArrayList<>();
    final AtomicInteger nextEngine = new AtomicInteger();

    @Setup(Level.Trial)
    public void setUp() throws IOException, InterruptedException {
      String prefix = "bench/" + UUID.randomUUID() + "/";
      if (store.equals("memory")) {
        GlobalStore shared = InMemoryGlobalStore.create();
        clients.add(shared);
        for (int i = 0; i < ENGINES; i++) {
          engines.add(engine(shared, i));
        }
      } else {
        int members = store.equals("etcd3") ? 3 : 1;
        Path binary = EtcdCluster.findBinary().orElseThrow(() -> new IllegalStateException(
            "SKIPPED store=" + store + ": no etcd server binary ($ETCD_BIN, PATH, /usr/bin/etcd);"
                + " install Debian's etcd-server (.ci/etcd.sh) to measure the etcd store"));
        dataDir = Files.createTempDirectory("cnm-bench-etcd");
        etcd = EtcdCluster.start(binary, members, dataDir);
        for (int i = 0; i < ENGINES; i++) {
          GlobalStore client = EtcdGlobalStore.builder()
              .endpoints(List.of(etcd.clientUris().get(i % members)))
              .keyPrefix(prefix)
              .build();
          clients.add(client);
          EtcdCluster.awaitReachable(client, Duration.ofSeconds(20));
          engines.add(engine(client, i));
        }
      }
      engines.get(0).createNetwork(NetworkSpec.builder().name(NETWORK).driver("overlay").build());
      for (Engine e : engines) {
        e.network(NETWORK); // every engine adopts it before the clock starts
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
      for (GlobalStore c : clients) {
        c.close();
      }
      if (etcd != null) {
        etcd.close();
      }
      if (dataDir != null) {
        Files.deleteIfExists(dataDir);
      }
    }
  }

  /** An engine of the cluster on {@code store}: the one place the benchmark wires the overlay driver. */
  static Engine engine(GlobalStore store, int index) {
    // The overlay driver comes from ServiceLoader and takes the engine's global store.
    return Cnm.builder().seed(100 + index).driversFromServiceLoader().globalStore(store)
        .hostName("host-" + index).build();
  }

  /** One JMH thread: one engine of the cluster, and its own container names. */
  @State(Scope.Thread)
  public static class Host {
    Engine engine;
    String name;
    long counter;

    @Setup(Level.Trial)
    public void setUp(Cluster cluster) {
      int index = cluster.nextEngine.getAndIncrement() % ENGINES;
      engine = cluster.engines.get(index);
      name = "probe-" + index + "-";
    }
  }

  /**
   * {@code docker run --network ov} + {@code docker rm -f} on this thread's engine: one address
   * allocated from the shared overlay pool and released, while the two other engines do the same.
   */
  @Benchmark
  @Threads(ENGINES)
  public ContainerInfo allocateRelease(Host host) {
    ContainerInfo c = host.engine.run(ContainerSpec.builder().image("alpine").tty(true).name(host.name + host.counter++)
        .networkMode(NetworkMode.network(NETWORK)).build());
    host.engine.removeContainer(c.id(), RemoveOption.FORCE);
    return c;
  }
}
