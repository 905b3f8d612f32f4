package dev.cnm.store.etcd;

import dev.cnm.api.store.GlobalStore;
import dev.cnm.api.store.StoreUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A test etcd cluster of one or more members on loopback, each a child process with free ports and
 * a temporary data directory under {@code target/}. {@link #start} waits until every member is
 * healthy (a leader is elected); {@link #close} stops every member by process id and deletes the
 * data. Members still running when the JVM exits are killed by a shutdown hook.
 *
 * <pre>{@code
 * try (EtcdCluster etcd = EtcdCluster.start(3)) {
 *   EtcdGlobalStore store = EtcdGlobalStore.builder().endpoints(etcd.clientUris()).build();
 * }
 * }</pre>
 */
final class EtcdCluster implements AutoCloseable {
  private static final Set<EtcdProcess> LIVE = ConcurrentHashMap.newKeySet();
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  for (EtcdProcess p : LIVE) {
                    long pid = p.pid();
                    if (pid > 0) {
                      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                    }
                  }
                },
                "etcd-test-reaper"));
  }

  private final List<EtcdProcess> members;
  private final Path root;

  private EtcdCluster(List<EtcdProcess> members, Path root) {
    this.members = members;
    this.root = root;
  }

  static void track(EtcdProcess p) {
    LIVE.add(p);
  }

  /**
   * Starts {@code size} members and waits until all are healthy. Skips the calling test if etcd is
   * not installed. Heartbeat and election timeouts are short (50/500 ms; 10/100 ms for a single
   * member) so that failover tests stay fast, yet long enough for a busy 2-core machine.
   */
  static EtcdCluster start(int size) throws IOException, InterruptedException {
    Path binary = EtcdBinary.require();
    Path root = Files.createTempDirectory(Files.createDirectories(Path.of("target", "etcd")), "cluster-");
    int[][] ports = freePorts(size);
    List<String> names = new ArrayList<>();
    StringBuilder initial = new StringBuilder();
    for (int i = 0; i < size; i++) {
      names.add("m" + i);
      initial.append(i == 0 ? "" : ",").append("m").append(i).append("=http://127.0.0.1:").append(ports[i][1]);
    }
    List<String> clusterArgs =
        List.of(
            "--initial-cluster", initial.toString(),
            "--initial-cluster-token", "cnm-test-" + UUID.randomUUID(),
            "--initial-cluster-state", "new",
            // One member elects itself at once; a cluster needs margins for a busy CI machine.
            "--heartbeat-interval", size == 1 ? "10" : "50",
            "--election-timeout", size == 1 ? "100" : "500");
    List<EtcdProcess> members = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      members.add(new EtcdProcess(binary, names.get(i), ports[i], root.resolve(names.get(i)), clusterArgs));
    }
    EtcdCluster cluster = new EtcdCluster(List.copyOf(members), root);
    try {
      for (EtcdProcess m : members) {
        m.start();
      }
      cluster.awaitHealthy(START_TIMEOUT);
    } catch (IOException | InterruptedException | RuntimeException | Error e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  List<EtcdProcess> members() {
    return members;
  }

  List<URI> clientUris() {
    return members.stream().map(EtcdProcess::clientUri).collect(Collectors.toList());
  }

  /** The current leader, if exactly one live member says it leads. */
  Optional<EtcdProcess> leader() {
    List<EtcdProcess> leaders =
        members.stream().filter(EtcdProcess::isAlive).filter(EtcdProcess::isLeader).collect(Collectors.toList());
    return leaders.size() == 1 ? Optional.of(leaders.get(0)) : Optional.empty();
  }

  /** Waits until every live member is healthy. */
  void awaitHealthy(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      boolean allHealthy = true;
      for (EtcdProcess m : members) {
        if (!m.isAlive()) {
          throw new IllegalStateException("etcd member " + m + " exited:\n" + m.logTail());
        }
        allHealthy &= m.isHealthy();
      }
      if (allHealthy) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "etcd not healthy within " + timeout + ":\n"
                + members.stream().map(m -> m + ":\n" + m.logTail()).collect(Collectors.joining("\n")));
      }
      Thread.sleep(20);
    }
  }

  /**
   * Retries a read through {@code store} until it succeeds: the first call of a cold JVM loads
   * jetcd, gRPC and vert.x and connects, which on a busy machine can exceed the 2 s deadline.
   */
  static void awaitReachable(GlobalStore store, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        store.get("reachability-probe");
        return;
      } catch (StoreUnavailableException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(50);
      }
    }
  }

  @Override
  public void close() {
    boolean interrupted = false;
    for (EtcdProcess m : members) {
      try {
        m.stop();
      } catch (InterruptedException e) {
        interrupted = true;
        try {
          m.kill();
        } catch (InterruptedException again) {
          // the shutdown hook will kill it
        }
      }
      if (!m.isAlive()) {
        LIVE.remove(m);
      }
    }
    deleteRecursively(root);
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static int[][] freePorts(int members) throws IOException {
    // Hold every socket open until all are chosen, so no port is handed out twice.
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      int[][] ports = new int[members][3];
      for (int i = 0; i < members; i++) {
        for (int j = 0; j < 3; j++) {
          ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
          sockets.add(s);
          ports[i][j] = s.getLocalPort();
        }
      }
      return ports;
    } finally {
      for (ServerSocket s : sockets) {
        s.close();
      }
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
