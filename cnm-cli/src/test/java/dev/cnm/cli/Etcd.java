package dev.cnm.cli;

import dev.cnm.store.etcd.testing.EtcdCluster;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * One etcd member for the CLI's cluster-store tests, started through cnm-store-etcd's {@link
 * EtcdCluster} (loopback only, free ports, its own data directory, stopped by process id).
 * Without an etcd binary the calling test is skipped with the reason (and fails when {@code
 * CI=true}).
 */
final class Etcd implements AutoCloseable {
  private final EtcdCluster cluster;

  private Etcd(EtcdCluster cluster) {
    this.cluster = cluster;
  }

  static Etcd start(Path dir) throws Exception {
    Path bin = EtcdCluster.findBinary().orElse(null);
    if (bin == null) {
      String why = "etcd server binary not found ($ETCD_BIN, PATH, /usr/bin/etcd); run .ci/etcd.sh";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail(why);
      }
      System.err.println("SKIPPING cluster-store tests: " + why);
      Assumptions.abort(why);
    }
    return new Etcd(EtcdCluster.start(bin, 1, dir));
  }

  /** The store URL for {@code --cluster-store}. */
  String url() {
    return cluster.url();
  }

  /** A loopback port nothing listens on (for a store that is down). */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    cluster.close();
  }
}
