package dev.cnm.store.etcd.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One member of an {@link EtcdCluster}: an etcd child process on loopback, its client, peer and
 * metrics URLs all on 127.0.0.1 with free ports, its own data directory, its output in {@code
 * etcd.log} there. It is stopped by its process id ({@link #kill} sends SIGKILL, {@link #stop}
 * SIGTERM) and can be started again on the same data directory.
 *
 * <pre>{@code
 * EtcdMember leader = cluster.awaitLeader(Duration.ofSeconds(10));
 * leader.kill();
 * leader.start();
 * }</pre>
 */
public final class EtcdMember {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

  private final Path binary;
  private final String name;
  private final int clientPort;
  private final int peerPort;
  private final int metricsPort;
  private final Path dataDir;
  private final List<String> clusterArgs;
  private Process process;

  EtcdMember(Path binary, String name, int[] ports, Path dataDir, List<String> clusterArgs) {
    this.binary = binary;
    this.name = name;
    this.clientPort = ports[0];
    this.peerPort = ports[1];
    this.metricsPort = ports[2];
    this.dataDir = dataDir;
    this.clusterArgs = clusterArgs;
  }

  /** {@return the member's name ({@code m0}, {@code m1}, ...)} */
  public String name() {
    return name;
  }

  /** {@return the client port on 127.0.0.1} */
  public int clientPort() {
    return clientPort;
  }

  /** {@return the client URL, {@code http://127.0.0.1:PORT}} */
  public URI clientUri() {
    return URI.create("http://127.0.0.1:" + clientPort);
  }

  String peerUrl() {
    return "http://127.0.0.1:" + peerPort;
  }

  /** {@return the process id, or -1 before the first start} */
  public synchronized long pid() {
    return process == null ? -1 : process.pid();
  }

  /** {@return whether the process is running} */
  public synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  /**
   * Starts the member (again, on the same data directory, after a kill or stop).
   *
   * @throws IOException if the process cannot be started
   */
  public synchronized void start() throws IOException {
    if (isAlive()) {
      return;
    }
    Files.createDirectories(dataDir);
    List<String> cmd = new ArrayList<>();
    cmd.add(binary.toString());
    cmd.addAll(
        List.of(
            "--name", name,
            "--data-dir", dataDir.resolve("data").toString(),
            "--listen-client-urls", clientUri().toString(),
            "--advertise-client-urls", clientUri().toString(),
            "--listen-peer-urls", peerUrl(),
            "--initial-advertise-peer-urls", peerUrl(),
            "--listen-metrics-urls", "http://127.0.0.1:" + metricsPort,
            "--pre-vote=true",
            "--logger", "zap",
            "--log-level", "warn"));
    cmd.addAll(clusterArgs);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("etcd.log").toFile()));
    process = pb.start();
    EtcdCluster.track(this);
  }

  /**
   * Sends SIGKILL to the process by its id, then reaps it, so the kill is complete on return.
   *
   * @throws InterruptedException if interrupted while waiting for the process to exit
   */
  public void kill() throws InterruptedException {
    Process p;
    synchronized (this) {
      p = process;
    }
    if (p != null && p.isAlive()) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /**
   * Sends SIGTERM, waiting up to 5 s before SIGKILL.
   *
   * @throws InterruptedException if interrupted while waiting for the process to exit
   */
  public void stop() throws InterruptedException {
    Process p;
    synchronized (this) {
      p = process;
    }
    if (p != null && p.isAlive()) {
      p.destroy();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        kill();
      }
    }
  }

  /**
   * {@return whether the member answers {@code /health} with {@code "health":"true"} (it has a
   * leader)}
   */
  public boolean isHealthy() {
    return get(clientUri() + "/health").contains("\"health\":\"true\"");
  }

  /**
   * {@return whether the member reports itself as raft leader ({@code etcd_server_is_leader 1})}
   */
  public boolean isLeader() {
    return get("http://127.0.0.1:" + metricsPort + "/metrics").lines()
        .anyMatch(l -> l.equals("etcd_server_is_leader 1"));
  }

  /** {@return the last 20 lines of the member's log, for failure messages} */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(dataDir.resolve("etcd.log"), StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private static String get(String url) {
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(1)).build(),
              HttpResponse.BodyHandlers.ofString());
      return r.body();
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  @Override
  public String toString() {
    return name + "(pid " + pid() + ", client " + clientPort + ")";
  }
}
