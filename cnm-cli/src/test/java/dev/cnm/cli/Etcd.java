package dev.cnm.cli;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * One etcd member as a child process, bound to 127.0.0.1 only (client, peer and metrics URLs on
 * free ports), with its own data directory, stopped by its process id. A trimmed copy of
 * cnm-store-etcd's test helpers (that module publishes no test jar, and a test-jar dependency
 * would bring its whole test tree). Without an etcd binary the calling test is skipped with the
 * reason (and fails when {@code CI=true}).
 */
final class Etcd implements AutoCloseable {
  private final Process process;
  private final int clientPort;

  private Etcd(Process process, int clientPort) {
    this.process = process;
    this.clientPort = clientPort;
  }

  static Etcd start(Path dir) throws Exception {
    Path bin = binary().orElse(null);
    if (bin == null) {
      String why = "etcd server binary not found ($ETCD_BIN, PATH, /usr/bin/etcd); run .ci/etcd.sh";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail(why);
      }
      System.err.println("SKIPPING cluster-store tests: " + why);
      Assumptions.abort(why);
    }
    int client = freePort();
    int peer = freePort();
    int metrics = freePort();
    Files.createDirectories(dir);
    String peerUrl = "http://127.0.0.1:" + peer;
    String clientUrl = "http://127.0.0.1:" + client;
    ProcessBuilder pb = new ProcessBuilder(List.of(bin.toString(), "--name", "cli",
        "--data-dir", dir.resolve("data").toString(),
        "--listen-client-urls", clientUrl, "--advertise-client-urls", clientUrl,
        "--listen-peer-urls", peerUrl, "--initial-advertise-peer-urls", peerUrl,
        "--initial-cluster", "cli=" + peerUrl,
        "--listen-metrics-urls", "http://127.0.0.1:" + metrics,
        "--log-level", "error")).redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("etcd.log").toFile()));
    Etcd etcd = new Etcd(pb.start(), client);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      try {
        String body = http.send(HttpRequest.newBuilder(URI.create(clientUrl + "/health"))
            .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString()).body();
        if (body.contains("\"health\":\"true\"")) {
          return etcd;
        }
      } catch (IOException notYet) {
        // starting
      }
      Thread.sleep(100);
    }
    etcd.close();
    throw new IllegalStateException("etcd did not become healthy: " + Files.readString(dir.resolve("etcd.log")));
  }

  /** The store URL for {@code --cluster-store}. */
  String url() {
    return "etcd://127.0.0.1:" + clientPort;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static Optional<Path> binary() {
    String env = System.getenv("ETCD_BIN");
    if (env != null && !env.isBlank()) {
      return Optional.of(Path.of(env)).filter(Files::isExecutable);
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "etcd"))) {
        return Optional.of(Path.of(dir, "etcd"));
      }
    }
    return Optional.of(Path.of("/usr/bin/etcd")).filter(Files::isExecutable);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
