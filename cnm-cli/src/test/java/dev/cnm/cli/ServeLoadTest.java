package dev.cnm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounded load test of {@code cnm serve} as a real process, on loopback: eight clients create
 * networks and containers, publish ports, connect and remove, while idle connections flood the
 * server beyond its limit; the server is killed with SIGKILL mid-run and started again on the
 * same directory. Afterwards every acknowledged operation is there, nothing holds an address or
 * a port it should not, and the server answers. Speed is not measured here (docs/BENCHMARKS.md).
 */
class ServeLoadTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CLIENTS = 8;
  private static final int MAX_CONNECTIONS = 32;

  @TempDir
  Path tmp;

  private final List<Process> servers = new ArrayList<>();
  private final List<Socket> flood = new ArrayList<>();

  @AfterEach
  void cleanUp() throws Exception {
    for (Socket s : flood) {
      s.close();
    }
    for (Process p : servers) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** A server process on {@code state}; returns its base URL once it listens. */
  private String startServer(Path state, Path log) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "--state", state.toString(), "serve", "--listen", "tcp://127.0.0.1:0",
        "--max-connections", Integer.toString(MAX_CONNECTIONS)));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().remove("CNM_STATE");
    pb.environment().remove("CNM_SEED");
    pb.redirectOutput(log.toFile()).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Process p = pb.start();
    servers.add(p);
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < until && p.isAlive()) {
      String out = Files.readString(log);
      int at = out.indexOf("API listening on tcp://");
      if (at >= 0 && out.indexOf(' ', at + 23) > 0) {
        return "http://" + out.substring(at + 23, out.indexOf(' ', at + 23));
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the server did not start: " + Files.readString(log));
  }

  /** What the clients know of each object: present, absent, or unknown (its last request got no answer). */
  enum Known { PRESENT, ABSENT, UNKNOWN }

  private static final class Ledger {
    final Map<String, Known> networks = new ConcurrentHashMap<>();
    final Map<String, Known> containers = new ConcurrentHashMap<>();
    final AtomicInteger acknowledged = new AtomicInteger();
    final AtomicInteger unanswered = new AtomicInteger();
  }

  private static HttpResponse<String> send(HttpClient http, String base, String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json");
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** How a request ended for the client. */
  enum Outcome { ACKNOWLEDGED, UNANSWERED, SERVER_GONE }

  /**
   * One request of a client: the ledger learns its outcome. Unanswered (the connection closed to
   * make room for the flood, or the kill): what it did is unknown, and so is whether the rest of
   * its round can work.
   */
  private static Outcome step(HttpClient http, String base, Ledger ledger, AtomicBoolean killed,
      Map<String, Known> table, String object, Known ifOk, int expected, String method, String path, String body)
      throws InterruptedException {
    table.put(object, Known.UNKNOWN);
    try {
      HttpResponse<String> r = send(http, base, method, path, body);
      assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(expected);
      table.put(object, ifOk);
      ledger.acknowledged.incrementAndGet();
      return Outcome.ACKNOWLEDGED;
    } catch (IOException e) {
      ledger.unanswered.incrementAndGet();
      return killed.get() ? Outcome.SERVER_GONE : Outcome.UNANSWERED;
    }
  }

  /** A round's requests, in order, until one is not acknowledged. */
  @FunctionalInterface
  private interface Request {
    Outcome send() throws InterruptedException;
  }

  private static Outcome round(List<Request> requests) throws InterruptedException {
    for (Request r : requests) {
      Outcome o = r.send();
      if (o != Outcome.ACKNOWLEDGED) {
        return o;
      }
    }
    return Outcome.ACKNOWLEDGED;
  }

  private static void client(int i, String base, Ledger ledger, AtomicBoolean killed) {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    try {
      for (int k = 0; !killed.get(); k++) {
        String net = "l" + i + "-" + k;
        String web = "w" + i + "-" + k;
        List<Request> requests = new ArrayList<>(List.of(
            () -> step(http, base, ledger, killed, ledger.networks, net, Known.PRESENT, 201, "POST",
                "/v1.50/networks/create", "{\"Name\":\"" + net + "\"}"),
            () -> step(http, base, ledger, killed, ledger.containers, web, Known.PRESENT, 201, "POST",
                "/v1.50/containers/create?name=" + web, "{\"Image\":\"nginx\",\"ExposedPorts\":{\"80/tcp\":{}},"
                    + "\"HostConfig\":{\"NetworkMode\":\"" + net + "\",\"PortBindings\":{\"80/tcp\":[{\"HostPort\":\"\"}]}}}"),
            () -> step(http, base, ledger, killed, ledger.containers, web, Known.PRESENT, 204, "POST",
                "/v1.50/containers/" + web + "/start", null),
            () -> step(http, base, ledger, killed, ledger.containers, web, Known.PRESENT, 200, "POST",
                "/v1.50/networks/bridge/connect", "{\"Container\":\"" + web + "\"}")));
        if (k > 0) { // the first round's objects stay: a client never holds more than one pool
          requests.add(() -> step(http, base, ledger, killed, ledger.containers, web, Known.ABSENT, 204, "DELETE",
              "/v1.50/containers/" + web + "?force=1", null));
          requests.add(() -> step(http, base, ledger, killed, ledger.networks, net, Known.ABSENT, 204, "DELETE",
              "/v1.50/networks/" + net, null));
        }
        if (round(requests) == Outcome.SERVER_GONE) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void concurrent_clients_an_idle_flood_and_a_kill_lose_nothing_acknowledged_and_leak_nothing() throws Exception {
    Path state = tmp.resolve("state");
    String base = startServer(state, tmp.resolve("first.log"));
    // the server's engine starts with no image, as dockerd does: the clients' image is pulled first
    HttpResponse<String> pull = send(HttpClient.newHttpClient(), base, "POST",
        "/v1.50/images/create?fromImage=nginx&tag=latest", null);
    assertThat(pull.statusCode()).as(pull.body()).isEqualTo(200);
    Ledger ledger = new Ledger();
    AtomicBoolean killed = new AtomicBoolean();
    List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<Thread> clients = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      int n = i;
      Thread t = new Thread(() -> {
        try {
          client(n, base, ledger, killed);
        } catch (Throwable e) {
          failures.add(e);
        }
      }, "client-" + i);
      t.start();
      clients.add(t);
    }
    Thread.sleep(1_000);
    // an idle flood beyond the limit: the server closes the longest idle to stay within it
    int port = URI.create(base).getPort();
    for (int i = 0; i < MAX_CONNECTIONS + 40; i++) {
      flood.add(new Socket(InetAddress.getLoopbackAddress(), port));
    }
    HttpClient probe = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    assertThat(send(probe, base, "GET", "/_ping", null).statusCode()).isEqualTo(200);
    int beforeFlood = ledger.acknowledged.get();
    Thread.sleep(1_000);
    // Progress, however slow the machine: a second without an acknowledgement is a loaded
    // machine's fsync, not a server the flood stopped.
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (ledger.acknowledged.get() <= beforeFlood && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    assertThat(ledger.acknowledged.get()).as("clients progress during the flood").isGreaterThan(beforeFlood);
    killed.set(true);
    servers.get(0).destroyForcibly(); // SIGKILL, mid-request
    servers.get(0).waitFor(30, TimeUnit.SECONDS);
    for (Thread t : clients) {
      t.join(30_000);
      assertThat(t.isAlive()).isFalse();
    }
    assertThat(failures).isEmpty();
    System.out.println("ServeLoadTest: " + ledger.acknowledged.get() + " requests acknowledged, "
        + ledger.unanswered.get() + " unanswered (the kill, or a connection closed for the flood)");
    assertThat(ledger.acknowledged.get()).isGreaterThan(20);

    String again = startServer(state, tmp.resolve("second.log"));
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    assertThat(send(http, again, "GET", "/_ping", null).statusCode()).isEqualTo(200);
    // every acknowledged operation is there
    for (Map.Entry<String, Known> e : ledger.networks.entrySet()) {
      int status = send(http, again, "GET", "/v1.50/networks/" + e.getKey(), null).statusCode();
      if (e.getValue() != Known.UNKNOWN) {
        assertThat(status).as("network " + e.getKey()).isEqualTo(e.getValue() == Known.PRESENT ? 200 : 404);
      }
    }
    Set<String> hostPorts = new HashSet<>();
    for (Map.Entry<String, Known> e : ledger.containers.entrySet()) {
      HttpResponse<String> r = send(http, again, "GET", "/v1.50/containers/" + e.getKey() + "/json", null);
      if (e.getValue() != Known.UNKNOWN) {
        assertThat(r.statusCode()).as("container " + e.getKey()).isEqualTo(e.getValue() == Known.PRESENT ? 200 : 404);
      }
      if (e.getValue() == Known.PRESENT) {
        JsonNode c = JSON.readTree(r.body());
        assertThat(c.at("/State/Running").asBoolean()).as(e.getKey() + " running: " + r.body()).isTrue();
        assertThat(c.at("/NetworkSettings/Networks/bridge/IPAddress").asText()).as(e.getKey() + " on bridge")
            .isNotEmpty();
        String hostPort = c.at("/NetworkSettings/Ports/80~1tcp/0/HostPort").asText();
        assertThat(hostPort).as(e.getKey() + " publishes").isNotEmpty();
        assertThat(hostPorts.add(hostPort)).as("host port " + hostPort + " given twice").isTrue();
      }
    }
    // no address or port is held by anything but a container: once all are removed, the first
    // bridge address, the first pool and every port used are free again
    for (JsonNode c : JSON.readTree(send(http, again, "GET", "/v1.50/containers/json?all=1", null).body())) {
      assertThat(send(http, again, "DELETE", "/v1.50/containers/" + c.get("Id").asText() + "?force=1", null)
          .statusCode()).isEqualTo(204);
    }
    assertThat(send(http, again, "POST", "/v1.50/networks/prune", null).statusCode()).isEqualTo(200);
    StringBuilder bindings = new StringBuilder();
    StringBuilder exposed = new StringBuilder();
    int containerPort = 1000;
    for (String hp : hostPorts) {
      String sep = bindings.length() == 0 ? "" : ",";
      bindings.append(sep).append("\"").append(containerPort).append("/tcp\":[{\"HostPort\":\"").append(hp).append("\"}]");
      exposed.append(sep).append("\"").append(containerPort).append("/tcp\":{}");
      containerPort++;
    }
    assertThat(send(http, again, "POST", "/v1.50/containers/create?name=after", "{\"Image\":\"nginx\",\"ExposedPorts\":{"
        + exposed + "},\"HostConfig\":{\"PortBindings\":{" + bindings + "}}}").statusCode()).isEqualTo(201);
    HttpResponse<String> started = send(http, again, "POST", "/v1.50/containers/after/start", null);
    assertThat(started.statusCode()).as(started.body()).isEqualTo(204);
    JsonNode after = JSON.readTree(send(http, again, "GET", "/v1.50/containers/after/json", null).body());
    assertThat(after.at("/NetworkSettings/Networks/bridge/IPAddress").asText()).isEqualTo("172.17.0.2");
    HttpResponse<String> fresh = send(http, again, "POST", "/v1.50/networks/create", "{\"Name\":\"fresh\"}");
    assertThat(fresh.statusCode()).isEqualTo(201);
    assertThat(JSON.readTree(send(http, again, "GET", "/v1.50/networks/fresh", null).body())
        .at("/IPAM/Config/0/Subnet").asText()).isEqualTo("172.18.0.0/16");
  }
}
