package dev.cnm.testkit.junit;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.Engine;
import dev.cnm.api.store.GlobalStore;
import dev.cnm.core.store.InMemoryGlobalStore;
import java.util.List;

/**
 * Several engines, as several Docker hosts, and the one in-memory global store they share (what
 * etcd or Swarm's raft store is to real hosts). Engine {@code i} is seeded with {@code seed + i}.
 *
 * <p>Pending: cnm-core's {@code EngineBuilder} cannot hand the store to an engine yet, and there is
 * no global-scope (overlay) driver on main; until both land the engines share nothing but this
 * object, and tests use {@link #store()} directly (for example to check what a driver wrote).
 *
 * <pre>{@code
 * @CnmTest
 * void threeHosts(CnmCluster cluster) {
 *   assertThat(cluster.engines()).hasSize(3);
 * }
 * }</pre>
 */
public final class CnmCluster {
  private final List<Engine> engines;
  private final InMemoryGlobalStore store;
  private final long seed;

  CnmCluster(List<Engine> engines, InMemoryGlobalStore store, long seed) {
    this.engines = List.copyOf(engines);
    this.store = requireNonNull(store, "store");
    this.seed = seed;
  }

  /** The engines, in order. */
  public List<Engine> engines() {
    return engines;
  }

  /** Engine {@code index} (0-based). */
  public Engine engine(int index) {
    return engines.get(index);
  }

  /** The number of engines. */
  public int size() {
    return engines.size();
  }

  /** The store the engines share. */
  public GlobalStore store() {
    return store;
  }

  /** The store as cnm-core's in-memory implementation, to inject store faults. */
  public InMemoryGlobalStore inMemoryStore() {
    return store;
  }

  /** The seed of engine 0. */
  public long seed() {
    return seed;
  }

  @Override
  public String toString() {
    return "CnmCluster{size=" + engines.size() + ", seed=" + seed + "}";
  }
}
