package dev.cnm.store.etcd;

import static org.junit.jupiter.api.Assertions.fail;

import dev.cnm.store.etcd.testing.EtcdCluster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The etcd server binary for tests ({@link EtcdCluster#findBinary}). Without one, etcd tests are
 * skipped with the reason, or fail when {@code CI=true}, because CI is expected to have run {@code
 * .ci/etcd.sh}.
 */
final class EtcdBinary {
  private static volatile boolean warned;

  private EtcdBinary() {}

  static Optional<Path> find() {
    return EtcdCluster.findBinary();
  }

  /** Starts a cluster of {@code size} members with data under {@code target/etcd}, or skips. */
  static EtcdCluster cluster(int size) throws IOException, InterruptedException {
    return EtcdCluster.start(require(), size, Path.of("target", "etcd"));
  }

  /** Returns the binary, or skips (fails on CI) the calling test with the reason. */
  static Path require() {
    Optional<Path> bin = find();
    if (bin.isEmpty()) {
      String why =
          "etcd server binary not found ($ETCD_BIN, PATH, /usr/bin/etcd); run .ci/etcd.sh"
              + " (installs Debian's etcd-server) to run the etcd store tests";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(why);
      }
      if (!warned) {
        warned = true;
        System.err.println("SKIPPING etcd tests: " + why); // Surefire shows skips only as a count
      }
      Assumptions.abort(why);
    }
    return bin.get();
  }
}
