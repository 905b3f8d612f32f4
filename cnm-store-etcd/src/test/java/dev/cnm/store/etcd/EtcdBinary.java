package dev.cnm.store.etcd;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the etcd server binary: {@code $ETCD_BIN}, then {@code etcd} on the PATH, then Debian's
 * {@code /usr/bin/etcd}. Without one, etcd tests are skipped with the reason, or fail when {@code
 * CI=true}, because CI is expected to have run {@code .ci/etcd.sh}.
 */
final class EtcdBinary {
  private static volatile boolean warned;

  private EtcdBinary() {}

  static Optional<Path> find() {
    String env = System.getenv("ETCD_BIN");
    if (env != null && !env.isBlank()) {
      Path p = Path.of(env);
      return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty()) {
        Path p = Path.of(dir, "etcd");
        if (Files.isExecutable(p)) {
          return Optional.of(p);
        }
      }
    }
    Path debian = Path.of("/usr/bin/etcd");
    return Files.isExecutable(debian) ? Optional.of(debian) : Optional.empty();
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
