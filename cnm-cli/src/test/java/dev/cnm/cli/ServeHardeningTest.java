package dev.cnm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cnm serve} against an unlucky world: failed saves, a held directory, a taken socket, time passing. */
class ServeHardeningTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final List<Running> servers = new java.util.ArrayList<>();

  record Result(String out, String err, int rc) {}

  /** A {@code cnm serve} on a thread of this JVM. */
  final class Running {
    final Thread thread;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final AtomicInteger rc = new AtomicInteger(-1);
    String address;

    Running(Path dir, Map<String, String> env, String listen, String... more) {
      List<String> args = new java.util.ArrayList<>(List.of("--state", dir.toString(), "serve", "--listen", listen));
      args.addAll(List.of(more));
      thread = new Thread(() -> rc.set(new Cli(env, new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8)).run(args)));
      thread.setDaemon(true);
      thread.start();
    }

    Running awaitListening() throws InterruptedException {
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < until && thread.isAlive()) {
        String o = out.toString(StandardCharsets.UTF_8);
        int at = o.indexOf("API listening on ");
        if (at >= 0 && o.indexOf(' ', at + 17) > 0) {
          address = o.substring(at + 17, o.indexOf(' ', at + 17));
          return this;
        }
        Thread.sleep(10);
      }
      throw new AssertionError("serve did not start: " + out + err);
    }

    String base() {
      return address.replace("tcp://", "http://");
    }

    int stop() throws InterruptedException {
      thread.interrupt();
      thread.join(10_000);
      return rc.get();
    }
  }

  @AfterEach
  void stopAll() throws InterruptedException {
    for (Running r : servers) {
      r.stop();
    }
  }

  private Running serve(Path dir, Map<String, String> env, String listen, String... more)
      throws InterruptedException {
    Running r = new Running(dir, env, listen, more);
    servers.add(r);
    return r.awaitListening();
  }

  /** The server's engine starts with no image, as dockerd does: a create needs a pull first. */
  private void pullNginx(Running r) throws Exception {
    HttpResponse<String> pull = send(r, "POST", "/v1.50/images/create?fromImage=nginx&tag=latest", null);
    assertThat(pull.statusCode()).as(pull.body()).isEqualTo(200);
  }

  private Result cnm(Map<String, String> env, String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int rc = new Cli(env, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8))
        .run(List.of(args));
    return new Result(o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8), rc);
  }

  private HttpResponse<String> send(Running r, String method, String path, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(r.base() + path)).timeout(Duration.ofSeconds(20));
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    b.header("Content-Type", "application/json");
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The mistake this catches: the network whose save failed stayed in memory, and the next good save wrote it. */
  @Test
  void a_failed_save_answers_500_and_the_network_is_not_kept() throws Exception {
    Path dir = tmp.resolve("s");
    Running r = serve(dir, Map.of(), "tcp://127.0.0.1:0");
    assertThat(send(r, "POST", "/v1.50/networks/create", "{\"Name\":\"one\"}").statusCode()).isEqualTo(201);
    Path state = dir.resolve(StateFile.STATE);
    Files.delete(state);
    Files.createDirectories(state.resolve("in-the-way")); // the rename over the state now fails
    HttpResponse<String> failed = send(r, "POST", "/v1.50/networks/create", "{\"Name\":\"two\"}");
    assertThat(failed.statusCode()).isEqualTo(500);
    assertThat(JSON.readTree(failed.body()).get("message").asText())
        .startsWith("the change could not be saved and was undone: cannot write the state file " + state);
    assertThat(send(r, "GET", "/v1.50/networks/two", null).statusCode()).isEqualTo(404);
    assertThat(send(r, "GET", "/v1.50/networks/one", null).statusCode()).isEqualTo(200);

    Files.delete(state.resolve("in-the-way"));
    Files.delete(state);
    assertThat(send(r, "POST", "/v1.50/networks/create", "{\"Name\":\"three\"}").statusCode()).isEqualTo(201);
    assertThat(r.stop()).isZero();
    assertThat(cnm(Map.of(), "--state", dir.toString(), "network", "ls", "--format", "{{.Name}}").out().lines())
        .contains("one", "three").doesNotContain("two");
  }

  /** The mistake this catches: the command waited for the lock for as long as the server ran, silently. */
  @Test
  void a_command_on_a_directory_a_server_holds_says_so_at_once() throws Exception {
    Path dir = tmp.resolve("held");
    Running r = serve(dir, Map.of(), "tcp://127.0.0.1:0");
    long t0 = System.nanoTime();
    Result ls = cnm(Map.of(), "--state", dir.toString(), "network", "ls");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    assertThat(ls.rc()).isEqualTo(1);
    assertThat(ls.err()).isEqualTo("cnm: the state directory " + dir + " is held by cnm serve (pid "
        + ProcessHandle.current().pid() + ", listening on " + r.address + "): send commands to it (DOCKER_HOST="
        + r.address + " docker ...), or stop it first\n");
    assertThat(ls.out()).isEmpty();
  }

  /** The mistake this catches: every time the server gave equalled its start time. */
  @Test
  void the_server_clock_follows_the_wall_clock() throws Exception {
    Path dir = tmp.resolve("clock");
    Running r = serve(dir, Map.of(), "tcp://127.0.0.1:0");
    Instant before = Instant.now();
    pullNginx(r);
    Thread.sleep(1_100);
    assertThat(send(r, "POST", "/v1.50/containers/create?name=late", "{\"Image\":\"nginx\"}").statusCode())
        .isEqualTo(201);
    assertThat(send(r, "POST", "/v1.50/containers/late/start", null).statusCode()).isEqualTo(204);
    JsonNode late = JSON.readTree(send(r, "GET", "/v1.50/containers/late/json", null).body());
    Instant created = Instant.parse(late.get("Created").asText());
    Instant started = Instant.parse(late.at("/State/StartedAt").asText());
    assertThat(created).isAfter(before.plusSeconds(1));
    assertThat(started).isAfterOrEqualTo(created);
    Thread.sleep(1_100);
    JsonNode list = JSON.readTree(send(r, "GET", "/v1.50/containers/json", null).body());
    // At least the 1.1 s slept; the upper end is how long a loaded machine took besides.
    assertThat(list.get(0).get("Status").asText()).matches("Up (1 second|[2-9] seconds|[1-5][0-9] seconds)");
  }

  @Test
  void under_a_fixed_seed_the_server_clock_is_reproducible() throws Exception {
    Path dir = tmp.resolve("seeded");
    Running r = serve(dir, Map.of("CNM_SEED", "4"), "tcp://127.0.0.1:0");
    pullNginx(r);
    HttpResponse<String> created = send(r, "POST", "/v1.50/containers/create?name=cc", "{\"Image\":\"nginx\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    HttpResponse<String> inspect = send(r, "GET", "/v1.50/containers/cc/json", null);
    assertThat(inspect.statusCode()).as(inspect.body()).isEqualTo(200);
    JsonNode c = JSON.readTree(inspect.body());
    assertThat(Instant.parse(c.get("Created").asText())).isBetween(SnapshotStore.SEEDED_EPOCH,
        SnapshotStore.SEEDED_EPOCH.plusSeconds(5));
  }

  @Test
  void health_tells_a_live_server_from_a_dead_one() throws Exception {
    Path dir = tmp.resolve("health");
    Running r = serve(dir, Map.of(), "tcp://127.0.0.1:0");
    Result healthy = cnm(Map.of(), "--state", dir.toString(), "serve", "--health");
    assertThat(healthy.rc()).as(healthy.err()).isZero();
    assertThat(healthy.out()).startsWith("healthy: " + r.address + " answers (_ping in ");
    assertThat(r.stop()).isZero();
    Result dead = cnm(Map.of(), "--state", dir.toString(), "serve", "--health", "--listen", r.address);
    assertThat(dead.rc()).isEqualTo(1);
    assertThat(dead.out()).startsWith("unhealthy: " + r.address + " does not answer _ping (");
  }

  /**
   * A server that answers but has no connection to spare is busy, not dead: its one connection
   * holds a {@code wait} stream, and the probe's _ping gets the 503 of a full server.
   */
  @Test
  void health_tells_a_busy_server_from_a_dead_one() throws Exception {
    Path dir = tmp.resolve("busy");
    Running r = serve(dir, Map.of(), "tcp://127.0.0.1:0", "--max-connections", "1");
    pullNginx(r);
    HttpResponse<String> created = send(r, "POST", "/v1.50/containers/create?name=ww", "{\"Image\":\"nginx\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(send(r, "POST", "/v1.50/containers/ww/start", null).statusCode()).isEqualTo(204);
    URI base = URI.create(r.base());
    try (java.net.Socket wait = new java.net.Socket(base.getHost(), base.getPort())) {
      wait.getOutputStream().write("POST /v1.50/containers/ww/wait HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      wait.setSoTimeout(10_000);
      byte[] head = new byte[12];
      assertThat(wait.getInputStream().readNBytes(head, 0, head.length)).isEqualTo(head.length);
      assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
      Result busy = cnm(Map.of(), "--state", dir.toString(), "serve", "--health");
      assertThat(busy.rc()).as(busy.out() + busy.err()).isZero();
      assertThat(busy.out()).startsWith("busy: " + r.address + " answers, but takes no new connection now (HTTP 503: "
          + "{\"message\":\"too many connections: the server is busy, try again later\"})");
    }
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    Result after;
    do {
      Thread.sleep(50);
      after = cnm(Map.of(), "--state", dir.toString(), "serve", "--health");
    } while (!after.out().startsWith("healthy: ") && System.nanoTime() < until);
    assertThat(after.out()).startsWith("healthy: " + r.address);
  }

  /**
   * dockerd answers other requests while a stop waits out its timeout; so does the server, whose
   * engine follows the system clock. The mistake this catches: the stop of a program
   * that ignores SIGTERM held the writer for its whole timeout, and every change waited behind it.
   */
  @Test
  void a_stop_that_waits_its_timeout_leaves_other_changes_answering() throws Exception {
    Running r = serve(tmp.resolve("slowstop"), Map.of(), "tcp://127.0.0.1:0");
    HttpResponse<String> pull = send(r, "POST", "/v1.50/images/create?fromImage=alpine&tag=latest", null);
    assertThat(pull.statusCode()).as(pull.body()).isEqualTo(200);
    HttpResponse<String> created = send(r, "POST", "/v1.50/containers/create?name=stubborn",
        "{\"Image\":\"alpine\",\"Cmd\":[\"sleep\",\"infinity\"]}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(send(r, "POST", "/v1.50/containers/stubborn/start", null).statusCode()).isEqualTo(204);
    java.util.concurrent.CompletableFuture<HttpResponse<String>> stop = java.util.concurrent.CompletableFuture
        .supplyAsync(() -> {
          try {
            return send(r, "POST", "/v1.50/containers/stubborn/stop?t=4", null);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
    Thread.sleep(500);
    long t0 = System.nanoTime();
    assertThat(send(r, "POST", "/v1.50/networks/create", "{\"Name\":\"meanwhile\"}").statusCode()).isEqualTo(201);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(2_500));
    assertThat(stop.isDone()).as("the stop still waits out its timeout").isFalse();
    assertThat(stop.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(204);
    JsonNode c = JSON.readTree(send(r, "GET", "/v1.50/containers/stubborn/json", null).body());
    assertThat(c.at("/State/Running").asBoolean()).isFalse();
    assertThat(c.at("/State/ExitCode").asInt()).isEqualTo(137);
  }

  /**
   * A program that ends by itself ends on time, and its waiter hears of it, though no other
   * request comes. The mistake this catches: the engine ran due actions only within a
   * request, and waiters were woken only after a change, so the wait went unanswered.
   */
  @Test
  void a_container_that_exits_by_itself_answers_its_waiter_without_another_request() throws Exception {
    Running r = serve(tmp.resolve("selfexit"), Map.of(), "tcp://127.0.0.1:0");
    HttpResponse<String> pull = send(r, "POST", "/v1.50/images/create?fromImage=alpine&tag=latest", null);
    assertThat(pull.statusCode()).as(pull.body()).isEqualTo(200);
    assertThat(send(r, "POST", "/v1.50/containers/create?name=brief",
        "{\"Image\":\"alpine\",\"Cmd\":[\"sh\",\"-c\",\"sleep 1; exit 3\"]}").statusCode()).isEqualTo(201);
    assertThat(send(r, "POST", "/v1.50/containers/brief/start", null).statusCode()).isEqualTo(204);
    // the wait's headers come at once and its body at the exit: bounded here, not by the client's timeout
    HttpResponse<String> waited = http.sendAsync(HttpRequest.newBuilder(URI.create(r.base()
        + "/v1.50/containers/brief/wait")).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString()).get(10, TimeUnit.SECONDS);
    assertThat(waited.body()).contains("\"StatusCode\":3");
  }

  /** The mistake this catches: the second server deleted the first one's socket and took its place. */
  @Test
  void a_second_server_on_a_live_unix_socket_refuses_to_start() throws Exception {
    Path socket = Files.createDirectories(tmp.resolve("run")).resolve("cnm.sock");
    Running first = serve(tmp.resolve("a"), Map.of(), "unix://" + socket);
    Map<String, String> env = new HashMap<>();
    Result second = cnm(env, "--state", tmp.resolve("b").toString(), "serve", "--listen", "unix://" + socket);
    assertThat(second.rc()).isEqualTo(1);
    assertThat(second.err()).isEqualTo("cnm: failed to load listeners: can't create unix socket " + socket
        + ": listen unix " + socket + ": bind: address already in use (another server answers on it)\n");
    Result health = cnm(Map.of(), "--state", tmp.resolve("a").toString(), "serve", "--health");
    assertThat(health.out()).startsWith("healthy: unix://" + socket);
    assertThat(first.stop()).isZero();
    assertThat(Files.exists(socket)).isFalse();
  }

  /** The mistake this catches: both printed a Java stack trace. */
  @Test
  void bad_listen_addresses_are_one_line_errors() {
    Result empty = cnm(Map.of(), "--state", tmp.resolve("l").toString(), "serve", "--listen", "unix://");
    assertThat(empty.rc()).isEqualTo(125);
    assertThat(empty.err()).isEqualTo("invalid --listen address: unix:// (expected tcp://HOST:PORT or unix:///PATH)\n");
    Result missing = cnm(Map.of(), "--state", tmp.resolve("l").toString(), "serve", "--listen",
        "unix:///nonexistent/x");
    assertThat(missing.rc()).isEqualTo(1);
    assertThat(missing.err()).isEqualTo("cnm: failed to load listeners: can't create unix socket /nonexistent/x: "
        + "listen unix /nonexistent/x: bind: no such file or directory\n");
  }
}
