package dev.cnm.cli;

import dev.cnm.api.store.GlobalStore;
import dev.cnm.api.store.StoreUnavailableException;
import dev.cnm.core.EngineBuilder;
import dev.cnm.store.etcd.EtcdGlobalStore;
import java.util.Optional;

/**
 * The cluster a state directory's engine belongs to: {@code --cluster-store
 * etcd://HOST:PORT[,HOST:PORT...]} and {@code --cluster-advertise NAME}, the flags Docker's daemon
 * took for its key/value store until 19.03 (libnetwork kept overlay networks there). Global-scope
 * networks and their addresses live in the store, shared by every host on it; everything else
 * stays in the state directory.
 *
 * <p>The one place the command line names the store implementation and gives it to the engine
 * (whose overlay driver takes it from there) (the rest of the program sees an {@link EngineBuilder} only), and the only class
 * that loads etcd's client: a command without {@code --cluster-store} never touches it.
 */
final class Cluster implements AutoCloseable {
  private final GlobalStore store;
  private final String hostName;

  private Cluster(GlobalStore store, String hostName) {
    this.store = store;
    this.hostName = hostName;
  }

  /**
   * Connects (lazily: the first store call opens the connection) to {@code url}.
   *
   * @throws dev.cnm.api.error.InvalidParameterException if the URL is malformed
   */
  static Cluster connect(String url, String hostName) {
    return new Cluster(EtcdGlobalStore.connect(url), hostName);
  }

  /** Makes the engine one host of the cluster: overlay on the store, the store, the host's name. */
  EngineBuilder configure(EngineBuilder builder) {
    // The overlay driver, found by the ServiceLoader, takes its store from the engine's.
    return builder.driversFromServiceLoader()
        .globalStore(store)
        .hostName(hostName);
  }

  /** Why the store cannot be reached now, or empty when it answers. */
  Optional<String> unavailable() {
    try {
      store.list(PROBE);
      return Optional.empty();
    } catch (StoreUnavailableException e) {
      return Optional.of(e.getMessage());
    }
  }

  private static final String PROBE = "network/";

  @Override
  public void close() {
    store.close();
  }
}
