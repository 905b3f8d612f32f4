package dev.cnm.cli;

import dev.cnm.api.store.GlobalStore;
import dev.cnm.api.store.StoreUnavailableException;
import dev.cnm.core.EngineBuilder;
import dev.cnm.store.etcd.EtcdGlobalStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
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
  /** The file in the state directory holding the host's id in the cluster, created once. */
  static final String HOST_ID_FILE = "cluster-host-id";

  private final GlobalStore store;
  private final String hostName;
  private String hostId;
  private String location;

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

  /**
   * Reads (or, the first time, creates) the state directory's host id: a random id kept in {@value
   * #HOST_ID_FILE}, so that the host keeps its name across commands and restarts, and another
   * state directory claiming the same name is refused. Called with the state directory's lock
   * held. The file is read and written as the state is ({@link StateFile#readFile}, {@link
   * StateFile#writeFile}): {@code 0600}, never through a link, on disk before the id is used.
   *
   * @throws StateException when the file cannot be read or written, is a link, or is empty
   */
  void stateDirectory(Path dir) {
    Optional<byte[]> saved = StateFile.readFile(dir, HOST_ID_FILE);
    String id;
    if (saved.isPresent()) {
      id = new String(saved.get(), StandardCharsets.UTF_8).trim();
      if (id.isEmpty()) {
        throw new StateException(dir.resolve(HOST_ID_FILE) + " is empty; delete it to give this state directory a new host id");
      }
    } else {
      byte[] b = new byte[16];
      new SecureRandom().nextBytes(b);
      id = HexFormat.of().formatHex(b);
      StateFile.writeFile(dir, HOST_ID_FILE, (id + "\n").getBytes(StandardCharsets.UTF_8));
    }
    this.hostId = id;
    this.location = "state directory " + dir.toAbsolutePath();
  }

  /** The host's id in the cluster, once {@link #stateDirectory} has read it; else null. */
  String hostId() {
    return hostId;
  }

  /** Makes the engine one host of the cluster: overlay on the store, the store, the host's name and id. */
  EngineBuilder configure(EngineBuilder builder) {
    // The overlay driver, found by the ServiceLoader, takes its store from the engine's.
    EngineBuilder b = builder.driversFromServiceLoader()
        .globalStore(store)
        .hostName(hostName);
    if (hostId != null) {
      b.hostId(hostId).hostLocation(location);
    }
    return b;
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
