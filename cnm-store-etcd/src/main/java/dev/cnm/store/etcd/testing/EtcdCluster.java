package dev.cnm.store.etcd.testing;

import dev.cnm.api.store.GlobalStore;
import dev.cnm.api.store.StoreUnavailableException;
import java.io.File;
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
 * A throw-away etcd cluster for tests and benchmarks: one or more {@linkplain EtcdMember members}
 * on loopback, each a child process of the real {@code etcd} server with free ports (client, peer
 * and metrics URLs bound to 127.0.0.1 only) and a temporary data directory. {@link #start} waits
 * until every member is healthy (a leader is elected); {@link #close} stops every member by
 * process id and deletes the data. Members still running when the JVM exits are killed by a
 * shutdown hook. {@link #findBinary} says whether etcd is installed at all, so that callers can
 * skip with a message instead of failing.
 *
 * <pre>{@code
 * Path etcd = EtcdCluster.findBinary().orElseThrow();
 * try (EtcdCluster cluster = EtcdCluster.start(etcd, 3, Path.of("target"))) {
 *   EtcdGlobalStore store = EtcdGlobalStore.builder().endpoints(cluster.clientUris()).build();
 * }
 * }</pre>
 */
public final class EtcdCluster implements AutoCloseable {
  private static final Set<EtcdMember> LIVE = ConcurrentHashMap.newKeySet();
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  for (EtcdMember p : LIVE) {
                    long pid = p.pid();
                    if (pid > 0) {
                      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                    }
                  }
                },
                "etcd-test-reaper"));
  }

  private final List<EtcdMember> members;
  private final Path root;

  private EtcdCluster(List<EtcdMember> members, Path root) {
    this.members = members;
    this.root = root;
  }

  /**
   * {@return the etcd server binary: {@code $ETCD_BIN}, then {@code etcd} on the {@code PATH},
   * then Debian's {@code /usr/bin/etcd} (package {@code etcd-server}); empty if none is
   * executable}
   */
  public static Optional<Path> findBinary() {
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

  static void track(EtcdMember p) {
    LIVE.add(p);
  }

  /**
   * Starts {@code size} members of {@code binary} with their data under a new temporary directory
   * in {@code parentDir}, and waits until all are healthy. Heartbeat and election timeouts are
   * short (50/500 ms; 10/100 ms for a single member) so that failover tests stay fast, yet long
   * enough for a busy 2-core machine.
   *
   * @param binary the {@code etcd} executable
   * @param size the number of members, at least 1
   * @param parentDir where the cluster's temporary directory is created
   * @return the running, healthy cluster
   * @throws IOException if a member cannot be started
   * @throws IllegalStateException if a member exits or the cluster is not healthy within 20 s
   * @throws InterruptedException if interrupted while waiting
   */
  public static EtcdCluster start(Path binary, int size, Path parentDir) throws IOException, InterruptedException {
    if (size < 1) {
      throw new IllegalArgumentException("size must be at least 1: " + size);
    }
    Path root = Files.createTempDirectory(Files.createDirectories(parentDir), "etcd-cluster-");
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
    List<EtcdMember> members = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      members.add(new EtcdMember(binary, names.get(i), ports[i], root.resolve(names.get(i)), clusterArgs));
    }
    EtcdCluster cluster = new EtcdCluster(List.copyOf(members), root);
    try {
      for (EtcdMember m : members) {
        m.start();
      }
      cluster.awaitHealthy(START_TIMEOUT);
    } catch (IOException | InterruptedException | RuntimeException | Error e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  /** {@return the members, in start order ({@code m0}, {@code m1}, ...)} */
  public List<EtcdMember> members() {
    return members;
  }

  /**
   * {@return every member's client URL, as
   * {@link dev.cnm.store.etcd.EtcdGlobalStore.Builder#endpoints} takes them}
   */
  public List<URI> clientUris() {
    return members.stream().map(EtcdMember::clientUri).collect(Collectors.toList());
  }

  /** {@return the store URL of every member, {@code etcd://127.0.0.1:P1,127.0.0.1:P2,...}} */
  public String url() {
    return "etcd://" + members.stream().map(m -> "127.0.0.1:" + m.clientPort()).collect(Collectors.joining(","));
  }

  /** {@return the current leader, if exactly one live member says it leads} */
  public Optional<EtcdMember> leader() {
    List<EtcdMember> leaders =
        members.stream().filter(EtcdMember::isAlive).filter(EtcdMember::isLeader).collect(Collectors.toList());
    return leaders.size() == 1 ? Optional.of(leaders.get(0)) : Optional.empty();
  }

  /**
   * Waits until the cluster has exactly one leader.
   *
   * @param timeout how long to wait
   * @return the leader
   * @throws IllegalStateException if there is none within {@code timeout}
   * @throws InterruptedException if interrupted while waiting
   */
  public EtcdMember awaitLeader(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<EtcdMember> leader = leader();
      if (leader.isPresent()) {
        return leader.get();
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no etcd leader within " + timeout);
      }
      Thread.sleep(10);
    }
  }

  /**
   * Waits until every member is running and healthy.
   *
   * @param timeout how long to wait
   * @throws IllegalStateException if a member exited, or not all are healthy within {@code timeout}
   * @throws InterruptedException if interrupted while waiting
   */
  public void awaitHealthy(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      boolean allHealthy = true;
      for (EtcdMember m : members) {
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
   *
   * @param store the store to read through
   * @param timeout how long to keep retrying
   * @throws StoreUnavailableException the last failure, if none succeeds within {@code timeout}
   * @throws InterruptedException if interrupted while waiting
   */
  public static void awaitReachable(GlobalStore store, Duration timeout) throws InterruptedException {
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

  /** Stops every member by process id and deletes the data directories. */
  @Override
  public void close() {
    boolean interrupted = false;
    for (EtcdMember m : members) {
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
