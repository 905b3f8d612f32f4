package dev.cnm.dockerapi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cnm.api.ContainerSpec;
import dev.cnm.api.Engine;
import dev.cnm.core.Cnm;
import dev.cnm.dockerapi.DockerApiServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a hostile or unlucky client does to the server: more connections than it allows, idle
 * and half-sent requests, an {@link Error} while answering, a long change while others read, a
 * save that fails.
 */
class ServerHardeningTest {
  private final List<Socket> sockets = new ArrayList<>();
  private HttpTransport transport;
  private Engine engine;
  private int port;

  @AfterEach
  void stop() throws IOException {
    for (Socket s : sockets) {
      s.close();
    }
    if (transport != null) {
      transport.close();
    }
  }

  private void start(int maxConnections, Duration idle, Duration request, FaultHook faults,
      DockerApiServer.Persistence persistence) {
    engine = Cnm.builder().seed(3).build();
    transport = new HttpTransport(engine,
        new HttpTransport.Options(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null, 64 * 1024,
            1 << 20, maxConnections, idle, request, 4, 64, false),
        persistence == null ? keepNothing(engine) : persistence, Clock.systemUTC());
    transport.faults(faults);
    transport.start();
    port = transport.address().getPort();
  }

  private void start(int maxConnections, Duration idle, Duration request) {
    start(maxConnections, idle, request, FaultHook.NONE, null);
  }

  private static DockerApiServer.Persistence keepNothing(Engine engine) {
    return new DockerApiServer.Persistence() {
      @Override
      public void save(Engine e) {}

      @Override
      public Engine reload() {
        return engine;
      }
    };
  }

  private Socket open() throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
    s.setSoTimeout(5_000);
    sockets.add(s);
    return s;
  }

  /** One request on a new connection; the whole response (the server closes after it). */
  private String request(String method, String path, String body) throws IOException {
    return request(port, method, path, body);
  }

  /** One request on a new connection to {@code port}; the whole response. */
  static String request(int port, String method, String path, String body) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(5_000);
      String b = body == null ? "" : body;
      s.getOutputStream().write((method + " " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
          + "Content-Type: application/json\r\nContent-Length: " + b.getBytes(StandardCharsets.UTF_8).length
          + "\r\n\r\n" + b).getBytes(StandardCharsets.UTF_8));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static String status(String response) {
    return response.isEmpty() ? "(closed)" : response.substring(0, response.indexOf("\r\n"));
  }

  /** Whether the server closed {@code s} (end of stream, or a reset) within its timeout. */
  static boolean closedByServer(Socket s) {
    try {
      InputStream in = s.getInputStream();
      while (true) {
        if (in.read() < 0) {
          return true;
        }
      }
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }

  @Test
  void idle_connections_beyond_the_limit_leave_ping_answering_and_the_server_recovers() throws Exception {
    start(8, Duration.ofMinutes(5), Duration.ofMinutes(5));
    List<Socket> flood = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      flood.add(open());
    }
    assertThat(status(request("GET", "/_ping", null))).isEqualTo("HTTP/1.1 200 OK");
    assertThat(transport.openConnections()).isLessThanOrEqualTo(8);
    // the longest idle made room: the first of the flood are closed by the server
    assertThat(closedByServer(flood.get(0))).isTrue();
    for (Socket s : flood) {
      s.close();
    }
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (transport.openConnections() > 0 && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    assertThat(transport.openConnections()).isZero();
    assertThat(status(request("GET", "/v1.50/networks", null))).isEqualTo("HTTP/1.1 200 OK");
    assertThat(status(request("POST", "/v1.50/networks/create", "{\"Name\":\"after\"}"))).isEqualTo("HTTP/1.1 201 Created");
  }

  /**
   * A body declared larger than its request's limit is refused from its head, before a byte of it
   * is held: only a build context may be as large as the build limit. The mistake this catches:
   * the server waited for (and would have held) the whole body up to the build limit.
   */
  @Test
  void a_body_declared_too_large_is_refused_from_its_head() throws Exception {
    start(8, Duration.ofMinutes(5), Duration.ofMinutes(5));
    Socket s = open();
    s.getOutputStream().write(("POST /v1.50/networks/create HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + "Content-Length: 500000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    assertRefusedAsTooLarge(s);
  }

  /**
   * An accept that fails (file handles taken by something besides the connections) frees one: the
   * longest-idle connection closes, the others stay, and the server answers on.
   */
  @Test
  void a_failed_accept_closes_the_longest_idle_connection() throws Exception {
    start(8, Duration.ofMinutes(5), Duration.ofMinutes(5));
    Socket first = open();
    Socket second = open();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (transport.openConnections() < 2 && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    transport.acceptFailed(new IOException("Too many open files"));
    assertThat(closedByServer(first)).isTrue();
    second.setSoTimeout(300);
    assertThat(closedByServer(second)).isFalse();
    assertThat(status(request("GET", "/_ping", null))).isEqualTo("HTTP/1.1 200 OK");
    assertThat(transport.failure()).isEmpty();
  }

  /** The limit never exceeds what the process's file handles allow, less a reserve. */
  @Test
  void the_connection_limit_fits_the_file_handles() {
    var os = (com.sun.management.UnixOperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean();
    long free = os.getMaxFileDescriptorCount() - os.getOpenFileDescriptorCount();
    assertThat(HttpTransport.connectionBudget(Integer.MAX_VALUE))
        .isLessThanOrEqualTo((int) Math.min(Integer.MAX_VALUE, free - HttpTransport.RESERVED_FILE_HANDLES + 8))
        .isPositive();
    assertThat(HttpTransport.connectionBudget(8)).isEqualTo(8);
  }

  @Test
  void when_every_connection_is_busy_a_new_one_gets_a_503_until_one_is_free() throws Exception {
    start(2, Duration.ofMinutes(5), Duration.ofMinutes(5));
    engine.createContainer(ContainerSpec.builder().image("nginx").name("web").build());
    engine.start("web");
    List<Socket> waits = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Socket s = open();
      s.getOutputStream().write("POST /v1.50/containers/web/wait HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      assertThat(readHead(s)).startsWith("HTTP/1.1 200 OK");
      waits.add(s);
    }
    String refused = request("GET", "/_ping", null);
    assertThat(status(refused)).isEqualTo("HTTP/1.1 503 Service Unavailable");
    assertThat(refused).endsWith("{\"message\":\"too many connections: the server is busy, try again later\"}\n");
    waits.get(0).close();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (transport.openConnections() > 1 && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    assertThat(status(request("GET", "/_ping", null))).isEqualTo("HTTP/1.1 200 OK");
  }

  private static byte[] chunk(int size) {
    byte[] head = (Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] c = new byte[head.length + size + 2];
    System.arraycopy(head, 0, c, 0, head.length);
    java.util.Arrays.fill(c, head.length, head.length + size, (byte) 'x');
    c[c.length - 2] = '\r';
    c[c.length - 1] = '\n';
    return c;
  }

  /**
   * A chunked body (no declared length) is refused once it passes its request's limit, while the
   * client is still sending it; the rest is read and dropped, the connection serves its next
   * request, and others are answered meanwhile. The mistake this catches: such a body was held
   * up to the build limit (64 MiB by default) before the 413.
   */
  @Test
  void a_chunked_body_is_refused_as_soon_as_it_passes_its_limit() throws Exception {
    start(8, Duration.ofMinutes(5), Duration.ofMinutes(5));
    Socket s = open();
    s.setSoTimeout(3_000);
    OutputStream out = s.getOutputStream();
    out.write(("POST /v1.50/networks/create HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(chunk(40_000));
    out.write(chunk(40_000));
    out.flush();
    assertRefusedAsTooLarge(s);
    assertThat(status(request("GET", "/_ping", null))).isEqualTo("HTTP/1.1 200 OK");
    for (int i = 0; i < 30; i++) {
      out.write(chunk(40_000));
    }
    out.write("0\r\n\r\nGET /_ping HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
    assertThat(readHead(s)).startsWith("HTTP/1.1 200 OK");
  }

  /** A build context, the one body allowed past the request limit, may come chunked too. */
  @Test
  void a_chunked_build_context_may_pass_the_request_limit() throws Exception {
    start(8, Duration.ofMinutes(5), Duration.ofMinutes(5));
    Socket s = open();
    OutputStream out = s.getOutputStream();
    out.write(("POST /v1.50/build HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-tar\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    for (int i = 0; i < 3; i++) {
      out.write(chunk(40_000));
    }
    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
    assertThat(readHead(s)).doesNotStartWith("HTTP/1.1 413 ").startsWith("HTTP/1.1 ");
  }

  /** Reads the 413 the server answers on {@code s}: the request limit of {@link #start}, 64 KiB. */
  private static void assertRefusedAsTooLarge(Socket s) throws IOException {
    assertThat(readHead(s)).startsWith("HTTP/1.1 413 ");
    byte[] body = new byte[200];
    int n = s.getInputStream().read(body);
    assertThat(new String(body, 0, Math.max(n, 0), StandardCharsets.UTF_8))
        .isEqualTo("{\"message\":\"request body too large: the limit is 65536 bytes\"}\n");
  }

  static String readHead(Socket s) throws IOException {
    StringBuilder sb = new StringBuilder();
    InputStream in = s.getInputStream();
    while (!sb.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        break;
      }
      sb.append((char) c);
    }
    return sb.toString();
  }

  @Test
  void an_idle_connection_is_closed_after_the_idle_timeout() throws Exception {
    start(8, Duration.ofMillis(300), Duration.ofMinutes(5));
    Socket idle = open();
    long t0 = System.nanoTime();
    assertThat(closedByServer(idle)).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
    // a kept-alive connection after its reply too
    Socket kept = open();
    kept.getOutputStream().write("GET /_ping HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    assertThat(readHead(kept)).startsWith("HTTP/1.1 200 OK");
    assertThat(closedByServer(kept)).isTrue();
  }

  @Test
  void a_request_sent_a_byte_at_a_time_is_dropped_at_the_request_timeout() throws Exception {
    start(8, Duration.ofMinutes(5), Duration.ofMillis(500));
    Socket slow = open();
    OutputStream out = slow.getOutputStream();
    byte[] head = "GET /_ping HTTP/1.1\r\nHost: x\r\nX-Padding: ".getBytes(StandardCharsets.US_ASCII);
    long t0 = System.nanoTime();
    boolean closed = false;
    try {
      for (int i = 0; i < 100 && !closed; i++) {
        out.write(head[Math.min(i, head.length - 1)]);
        out.flush();
        Thread.sleep(50);
        closed = slow.getInputStream().available() < 0;
      }
      closed = closedByServer(slow);
    } catch (IOException reset) {
      closed = true;
    }
    assertThat(closed).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void a_wait_stream_outlives_the_idle_timeout() throws Exception {
    start(8, Duration.ofMillis(200), Duration.ofMillis(200));
    engine.createContainer(ContainerSpec.builder().image("nginx").name("web").build());
    engine.start("web");
    Socket wait = open();
    wait.getOutputStream().write("POST /v1.50/containers/web/wait HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"
        .getBytes(StandardCharsets.US_ASCII));
    assertThat(readHead(wait)).startsWith("HTTP/1.1 200 OK");
    Thread.sleep(1_000);
    assertThat(status(request("POST", "/v1.50/containers/web/stop", null))).isEqualTo("HTTP/1.1 204 No Content");
    byte[] buf = new byte[256];
    int n = wait.getInputStream().read(buf);
    assertThat(new String(buf, 0, Math.max(n, 0), StandardCharsets.US_ASCII)).contains("{\"StatusCode\":0}");
  }

  @Test
  void an_error_on_the_network_thread_answers_500_and_the_thread_serves_on() throws Exception {
    start(8, Duration.ofMinutes(5), Duration.ofMinutes(5), (where, method, path) -> {
      if (where == FaultHook.Where.NETWORK_THREAD && path.endsWith("/info")) {
        throw new NoClassDefFoundError("java/time/zone/ZoneRulesProvider (injected)");
      }
    }, null);
    for (int i = 0; i < 3; i++) {
      String failed = request("GET", "/v1.50/info", null);
      assertThat(status(failed)).isEqualTo("HTTP/1.1 500 Internal Server Error");
      assertThat(failed).endsWith("{\"message\":\"internal server error\"}\n");
      assertThat(status(request("GET", "/_ping", null))).isEqualTo("HTTP/1.1 200 OK");
    }
    assertThat(status(request("GET", "/v1.50/networks", null))).isEqualTo("HTTP/1.1 200 OK");
    assertThat(transport.failure()).isEmpty();
  }

  /** An Error while a new connection is set up closes that connection; the network thread accepts on. */
  @Test
  void an_error_while_accepting_closes_that_connection_and_the_thread_accepts_on() throws Exception {
    AtomicInteger failures = new AtomicInteger(3);
    start(8, Duration.ofMinutes(5), Duration.ofMinutes(5), (where, method, path) -> {
      if (where == FaultHook.Where.ACCEPT && failures.getAndDecrement() > 0) {
        throw new NoClassDefFoundError("io/netty/handler/codec/http/HttpServerCodec (injected)");
      }
    }, null);
    for (int i = 0; i < 3; i++) {
      assertThat(status(request("GET", "/_ping", null))).isEqualTo("(closed)");
    }
    assertThat(status(request("GET", "/_ping", null))).isEqualTo("HTTP/1.1 200 OK");
    assertThat(status(request("GET", "/v1.50/networks", null))).isEqualTo("HTTP/1.1 200 OK");
    assertThat(transport.openConnections()).isLessThanOrEqualTo(1);
    assertThat(transport.failure()).isEmpty();
  }

  @Test
  void an_error_on_a_worker_answers_500_and_the_server_serves_on() throws Exception {
    start(8, Duration.ofMinutes(5), Duration.ofMinutes(5), (where, method, path) -> {
      if (where == FaultHook.Where.WORKER && path.endsWith("/networks/create")) {
        throw new OutOfMemoryError("injected");
      }
    }, null);
    for (int i = 0; i < 6; i++) { // more than the readers, so that a dead worker would show
      assertThat(status(request("POST", "/v1.50/networks/create", "{\"Name\":\"n" + i + "\"}")))
          .isEqualTo("HTTP/1.1 500 Internal Server Error");
      assertThat(status(request("GET", "/v1.50/networks/bridge", null))).isEqualTo("HTTP/1.1 200 OK");
    }
    assertThat(status(request("POST", "/v1.50/containers/create", "{\"Image\":\"nginx\"}")))
        .isEqualTo("HTTP/1.1 201 Created");
    assertThat(transport.failure()).isEmpty();
  }

  @Test
  void ping_and_reads_answer_while_a_long_change_runs() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    start(8, Duration.ofMinutes(5), Duration.ofMinutes(5), (where, method, path) -> {
      if (where == FaultHook.Where.WORKER && path.endsWith("/networks/create")) {
        inside.countDown();
        try {
          release.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }, null);
    AtomicInteger createdStatus = new AtomicInteger();
    Thread long1 = new Thread(() -> {
      try {
        createdStatus.set(Integer.parseInt(status(request("POST", "/v1.50/networks/create", "{\"Name\":\"slow\"}"))
            .split(" ")[1]));
      } catch (IOException e) {
        createdStatus.set(-1);
      }
    });
    long1.start();
    assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
    long t0 = System.nanoTime();
    assertThat(status(request("GET", "/_ping", null))).isEqualTo("HTTP/1.1 200 OK");
    assertThat(status(request("HEAD", "/v1.50/_ping", null))).isEqualTo("HTTP/1.1 200 OK");
    String networks = request("GET", "/v1.50/networks", null);
    assertThat(status(networks)).isEqualTo("HTTP/1.1 200 OK");
    assertThat(networks).doesNotContain("\"slow\"");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    release.countDown();
    long1.join(10_000);
    assertThat(createdStatus.get()).isEqualTo(201);
  }

  @Test
  void a_failed_save_answers_500_and_leaves_the_engine_as_last_saved() throws Exception {
    AtomicInteger saves = new AtomicInteger();
    byte[][] saved = new byte[1][];
    DockerApiServer.Persistence failing = new DockerApiServer.Persistence() {
      @Override
      public void save(Engine e) {
        if (saves.incrementAndGet() == 2) {
          throw new IllegalStateException("cannot write the state file /x/state: disk full (injected)");
        }
        saved[0] = dev.cnm.core.EngineState.export(e);
      }

      @Override
      public Engine reload() {
        return dev.cnm.core.EngineState.restore(saved[0], Cnm.builder().seed(4));
      }
    };
    start(8, Duration.ofMinutes(5), Duration.ofMinutes(5), FaultHook.NONE, failing);
    assertThat(status(request("POST", "/v1.50/networks/create", "{\"Name\":\"one\"}"))).isEqualTo("HTTP/1.1 201 Created");
    String failed = request("POST", "/v1.50/networks/create", "{\"Name\":\"two\"}");
    assertThat(status(failed)).isEqualTo("HTTP/1.1 500 Internal Server Error");
    assertThat(failed).endsWith("{\"message\":\"the change could not be saved and was undone: "
        + "cannot write the state file /x/state: disk full (injected)\"}\n");
    String list = request("GET", "/v1.50/networks", null);
    assertThat(list).contains("\"one\"").doesNotContain("\"two\"");
    assertThat(transport.engine().findNetwork("two")).isEmpty();
    assertThat(transport.engine().findNetwork("one")).isPresent();
    // the name is free again, and the next change is saved
    assertThat(status(request("POST", "/v1.50/networks/create", "{\"Name\":\"two\"}"))).isEqualTo("HTTP/1.1 201 Created");
    assertThat(new String(saved[0], StandardCharsets.UTF_8)).contains("\"two\"");
  }

  /**
   * Changes that queue up while the writer is busy share one save (a group commit), and each is
   * answered only after it; when that save fails, every change of the batch answers 500 and none
   * is kept.
   */
  @Test
  void changes_that_queue_up_share_a_save_and_a_failed_one_undoes_the_whole_batch() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger saves = new AtomicInteger();
    byte[][] saved = new byte[1][];
    DockerApiServer.Persistence counting = new DockerApiServer.Persistence() {
      @Override
      public void save(Engine e) {
        if (saves.incrementAndGet() == 2) {
          throw new IllegalStateException("disk full (injected)");
        }
        saved[0] = dev.cnm.core.EngineState.export(e);
      }

      @Override
      public Engine reload() {
        return dev.cnm.core.EngineState.restore(saved[0], Cnm.builder().seed(4));
      }
    };
    start(16, Duration.ofMinutes(5), Duration.ofMinutes(5), (where, method, path) -> {
      if (where == FaultHook.Where.WORKER && path.endsWith("/networks/create") && inside.getCount() > 0) {
        inside.countDown();
        try {
          release.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }, counting);
    List<Thread> clients = new ArrayList<>();
    java.util.Map<String, String> statuses = new java.util.concurrent.ConcurrentHashMap<>();
    for (int i = 0; i < 6; i++) {
      String name = "n" + i;
      Thread t = new Thread(() -> {
        try {
          statuses.put(name, status(request("POST", "/v1.50/networks/create", "{\"Name\":\"" + name + "\"}")));
        } catch (IOException e) {
          statuses.put(name, e.toString());
        }
      });
      t.start();
      clients.add(t);
      if (i == 0) {
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue(); // n0 holds the writer
      }
    }
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (transport.queuedRequests() < 5 && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    assertThat(transport.queuedRequests()).isEqualTo(5);
    release.countDown();
    for (Thread t : clients) {
      t.join(10_000);
    }
    assertThat(saves.get()).isEqualTo(2); // n0 alone, then n1..n5 together
    assertThat(statuses.get("n0")).isEqualTo("HTTP/1.1 201 Created");
    for (int i = 1; i < 6; i++) {
      assertThat(statuses.get("n" + i)).isEqualTo("HTTP/1.1 500 Internal Server Error");
    }
    String list = request("GET", "/v1.50/networks", null);
    assertThat(list).contains("\"n0\"").doesNotContain("\"n1\"", "\"n5\"");
  }
}
