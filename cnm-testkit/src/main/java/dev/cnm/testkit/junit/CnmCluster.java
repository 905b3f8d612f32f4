package dev.cnm.testkit.junit;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.Engine;
import dev.cnm.api.store.GlobalStore;
import dev.cnm.core.Cnm;
import dev.cnm.core.EngineBuilder;
import dev.cnm.core.ipam.IpamConfiguration;
import dev.cnm.core.ipam.StoreBackedIpam;
import dev.cnm.core.store.InMemoryGlobalStore;
import dev.cnm.drivers.bridge.BridgeDriverProvider;
import dev.cnm.drivers.host.HostDriverProvider;
import dev.cnm.drivers.none.NullDriverProvider;
import dev.cnm.drivers.overlay.OverlayDriverProvider;
import dev.cnm.testkit.faults.FaultInjector;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Several engines, as several Docker hosts ({@code host-0}, {@code host-1}, ...), sharing one
 * in-memory global store (what etcd or Swarm's raft store is to real hosts): an {@code overlay}
 * network created on one engine is seen by all, with one pool, one VXLAN id and addresses that
 * never collide; local networks ({@code bridge}) stay on their engine. Engine {@code i} is seeded
 * with {@code seed + i}, and its drivers ({@code bridge}, {@code host}, {@code null}, {@code
 * overlay}) and its {@code default} IPAM driver (whose global address space lives in the store)
 * are wrapped by its own {@link FaultInjector}, {@link #faults(int)}.
 *
 * <p>{@link CnmExtension} injects one per test; {@link #create} builds one anywhere else (a jqwik
 * property, a main method).
 *
 * <pre>{@code
 * @CnmTest
 * void three_hosts(CnmCluster cluster) {
 *   cluster.engine(0).createNetwork(NetworkSpec.builder().name("ov").driver("overlay").build());
 *   assertThat(cluster.engine(2).network("ov").scope()).isEqualTo(Scope.GLOBAL);
 * }
 * }</pre>
 */
public final class CnmCluster {
  private final List<Engine> engines;
  private final List<FaultInjector> faults;
  private final InMemoryGlobalStore store;
  private final long seed;

  private CnmCluster(List<Engine> engines, List<FaultInjector> faults, InMemoryGlobalStore store, long seed) {
    this.engines = List.copyOf(engines);
    this.faults = List.copyOf(faults);
    this.store = requireNonNull(store, "store");
    this.seed = seed;
  }

  /**
   * {@return a cluster of {@code size} engines on a fresh in-memory store, engine {@code i} seeded
   * {@code seed + i} and named {@code host-i}}
   *
   * @param size the number of engines, at least 1
   * @param seed the seed of engine 0
   * @throws IllegalArgumentException if {@code size} is less than 1
   */
  public static CnmCluster create(int size, long seed) {
    return create(size, seed, ExtraDrivers.none());
  }

  /**
   * {@return a cluster of {@code size} engines on a fresh in-memory store, engine {@code i} seeded
   * {@code seed + i} and named {@code host-i}, each with {@code drivers} besides the built-in ones}
   * Each engine gets its own drivers from the providers, wrapped by its own injector.
   *
   * @param size the number of engines, at least 1
   * @param seed the seed of engine 0
   * @param drivers third-party network and IPAM drivers
   * @throws IllegalArgumentException if {@code size} is less than 1
   */
  public static CnmCluster create(int size, long seed, ExtraDrivers drivers) {
    return create(size, seed, drivers, List.of());
  }

  /** A cluster whose engines' builders also get {@code setup} (the extension's programs). */
  static CnmCluster create(int size, long seed, ExtraDrivers drivers, List<Consumer<EngineBuilder>> setup) {
    requireNonNull(drivers, "drivers");
    if (size < 1) {
      throw new IllegalArgumentException("a cluster has at least one engine: " + size);
    }
    InMemoryGlobalStore store = InMemoryGlobalStore.create();
    List<Engine> engines = new ArrayList<>();
    List<FaultInjector> injectors = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      FaultInjector f = FaultInjector.create();
      engines.add(engine(store, f, "host-" + i, seed + i, drivers, setup));
      f.clearCalls(); // the predefined networks' calls are not the test's
      injectors.add(f);
    }
    return new CnmCluster(engines, injectors, store, seed);
  }

  /** How one host of a cluster is wired to the store: the only place that knows. */
  private static Engine engine(GlobalStore store, FaultInjector faults, String host, long seed, ExtraDrivers drivers,
      List<Consumer<EngineBuilder>> setup) {
    EngineBuilder b = Cnm.builder().seed(seed).hostName(host).globalStore(store);
    setup.forEach(s -> s.accept(b));
    drivers.register(b, List.of(new BridgeDriverProvider(), new HostDriverProvider(), new NullDriverProvider(),
            new OverlayDriverProvider()), // over the engine's store (DriverContext.globalStore)
        StoreBackedIpam.create(IpamConfiguration.dockerDefaults(), store), faults);
    return b.build();
  }

  /** {@return the engines, in order} */
  public List<Engine> engines() {
    return engines;
  }

  /**
   * Engine {@code index} (0-based).
   *
   * @param index the engine's index, from 0
   * @return engine {@code index}
   */
  public Engine engine(int index) {
    return engines.get(index);
  }

  /**
   * {@return the injector wrapping the drivers and IPAM driver of engine {@code index}}
   *
   * @param index the engine's index, from 0
   */
  public FaultInjector faults(int index) {
    return faults.get(index);
  }

  /** {@return the number of engines} */
  public int size() {
    return engines.size();
  }

  /** {@return the store the engines share} */
  public GlobalStore store() {
    return store;
  }

  /** {@return the store as cnm-core's in-memory implementation, to inject store faults} */
  public InMemoryGlobalStore inMemoryStore() {
    return store;
  }

  /** {@return the seed of engine 0} */
  public long seed() {
    return seed;
  }

  @Override
  public String toString() {
    return "CnmCluster{size=" + engines.size() + ", seed=" + seed + "}";
  }
}
