package dev.cnm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two state directories on one etcd behave as two Docker hosts sharing overlay networks. */
class ClusterStoreTest {
  @TempDir
  static Path etcdDir;
  private static Etcd etcd;

  @TempDir
  Path tmp;

  record Result(String out, String err, int rc) {}

  @BeforeAll
  static void startEtcd() throws Exception {
    etcd = Etcd.start(etcdDir);
  }

  @AfterAll
  static void stopEtcd() {
    if (etcd != null) {
      etcd.close();
    }
  }

  private Result cnm(String store, String host, String line) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    String prefix = "--state " + tmp.resolve(host) + " --cluster-store " + store + " --cluster-advertise " + host + " ";
    int rc = new Cli(Map.of("CNM_SEED", Integer.toString(host.hashCode())),
        new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8))
        .run(Tutorial.split(prefix + line));
    return new Result(o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8), rc);
  }

  /** The store URL, under a key prefix of this test's own. */
  private String store() {
    return etcd.url() + "/" + tmp.getFileName();
  }

  private String ok(String host, String line) {
    Result r = cnm(store(), host, line);
    assertThat(r.err()).as(line).isEmpty();
    assertThat(r.rc()).as(line).isZero();
    return r.out();
  }

  private String ip(String host, String container) {
    return ok(host, "inspect -f '{{.NetworkSettings.Networks.ov.IPAddress}}' " + container).strip();
  }

  @Test
  void one_shot_hosts_resolve_each_others_names_and_shared_aliases_and_follow_rename_disconnect_and_stop() {
    ok("host-a", "network create -d overlay --attachable ov");
    ok("host-a", "pull -q nginx");
    ok("host-b", "pull -q nginx");
    ok("host-a", "run -d --name a1 --net ov --network-alias db nginx");
    ok("host-b", "run -d --name b1 --net ov --network-alias db nginx");
    String a1 = ip("host-a", "a1");
    String b1 = ip("host-b", "b1");
    assertThat(ok("host-b", "exec b1 getent hosts a1")).startsWith(a1 + " ");
    assertThat(ok("host-a", "exec a1 getent hosts b1")).startsWith(b1 + " ");
    assertThat(ok("host-b", "exec b1 nslookup db")).contains("Address: " + a1).contains("Address: " + b1);
    assertThat(ok("host-b", "exec b1 nslookup " + a1)).contains("name = a1.ov");
    assertThat(ok("host-b", "exec b1 ping -c 1 a1")).contains("1 packets received");
    assertThat(ok("host-b", "exec b1 cat /etc/hosts")).doesNotContain("a1"); // /etc/hosts stays host-local

    ok("host-a", "rename a1 a2");
    assertThat(cnm(store(), "host-b", "exec b1 getent hosts a1").rc()).isEqualTo(2);
    assertThat(ok("host-b", "exec b1 getent hosts a2")).startsWith(a1 + " ");

    ok("host-a", "network disconnect ov a2");
    assertThat(cnm(store(), "host-b", "exec b1 getent hosts a2").rc()).isEqualTo(2);
    assertThat(ok("host-b", "exec b1 nslookup db")).doesNotContain(a1).contains("Address: " + b1);
    ok("host-a", "network connect ov a2");
    String again = ip("host-a", "a2");
    assertThat(ok("host-b", "exec b1 getent hosts a2")).startsWith(again + " ");
    ok("host-a", "stop a2");
    Result gone = cnm(store(), "host-b", "exec b1 ping -c 1 a2");
    assertThat(gone.rc()).isEqualTo(1);
    assertThat(gone.err()).contains("ping: bad address 'a2'");
  }

  @Test
  void a_second_state_directory_claiming_a_host_name_is_refused_and_a_host_keeps_its_name() {
    ok("host-a", "network create -d overlay ov");
    Result r = cnmIn(tmp.resolve("elsewhere"), "host-a", "network ls");
    assertThat(r.rc()).isEqualTo(1);
    assertThat(r.err()).contains("host name host-a is already registered in the cluster store by host ")
        .contains("state directory " + tmp.resolve("host-a").toAbsolutePath())
        .contains("state directory " + tmp.resolve("elsewhere").toAbsolutePath())
        .contains("--cluster-advertise").contains("cnm cluster host rm host-a");
    // the rightful host goes on, command after command
    assertThat(ok("host-a", "network ls --filter driver=overlay --format '{{.Name}}'")).isEqualTo("ov\n");
    assertThat(ok("host-a", "cluster host ls -q")).isEqualTo("host-a\n");
  }

  @Test
  void a_dead_hosts_endpoint_is_cleared_from_another_host_and_a_gone_host_is_listed_and_removed() throws Exception {
    ok("host-a", "network create -d overlay --attachable --subnet 10.9.0.0/29 ov"); // 5 addresses after the gateway
    ok("host-c", "pull -q nginx");
    ok("host-c", "run -d --name c1 --net ov nginx");
    ok("host-c", "run -d --name c2 --net ov nginx");
    String c1 = ip("host-c", "c1");
    deleteTree(tmp.resolve("host-c")); // host-c is gone for good
    Result busy = cnm(store(), "host-a", "network rm ov");
    assertThat(busy.err()).startsWith("Error response from daemon: error while removing network: network ov has"
        + " active endpoints (name:\"c1\"");
    assertThat(ok("host-a", "network disconnect -f ov c1")).isEmpty();
    Result none = cnm(store(), "host-a", "network disconnect -f ov c1");
    assertThat(none.err()).isEqualTo("Error response from daemon: endpoint c1 not found\n");
    assertThat(ok("host-a", "cluster host ls")).contains("host-c").contains("c2 on ov").doesNotContain("c1 on ov");
    assertThat(ok("host-a", "cluster host rm host-c")).isEqualTo("host-c\n");
    assertThat(ok("host-a", "cluster host ls -q")).isEqualTo("host-a\n");
    // both addresses are free again: five containers take the five addresses, and the network can go
    ok("host-a", "pull -q nginx");
    java.util.Set<String> taken = new java.util.TreeSet<>();
    for (int i = 1; i <= 5; i++) {
      ok("host-a", "run -d --name a" + i + " --net ov nginx");
      taken.add(ip("host-a", "a" + i));
    }
    assertThat(taken).hasSize(5).contains(c1);
    ok("host-a", "rm -f a1 a2 a3 a4 a5");
    assertThat(ok("host-a", "network rm ov")).isEqualTo("ov\n");
  }

  @Test
  void network_inspect_lists_this_hosts_containers_and_verbose_adds_the_peers() {
    ok("host-a", "network create -d overlay --attachable ov");
    ok("host-a", "pull -q nginx");
    ok("host-b", "pull -q nginx");
    ok("host-a", "run -d --name a1 --net ov nginx");
    ok("host-b", "run -d --name b1 --net ov nginx");
    assertThat(ok("host-b", "network inspect -f '{{range .Containers}}{{.Name}}{{end}}' ov")).isEqualTo("b1\n");
    String verbose = ok("host-b", "network inspect --verbose ov");
    assertThat(verbose).contains("\"Peers\": [").contains("\"Name\": \"host-a\"").contains("\"Name\": \"host-b\"");
    assertThat(ok("host-b", "network inspect ov")).doesNotContain("Peers");
  }

  private Result cnmIn(Path state, String host, String line) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    String prefix = "--state " + state + " --cluster-store " + store() + " --cluster-advertise " + host + " ";
    int rc = new Cli(Map.of("CNM_SEED", "77"), new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8)).run(Tutorial.split(prefix + line));
    return new Result(o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8), rc);
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** One request to a served engine; the body of the answer, after checking its status. */
  private static String call(HttpClient http, int port, String method, String path, String body, int status)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1.50" + path))
        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json");
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(status);
    return r.body();
  }

  /** The exit code of {@code getent hosts NAME} in a served container, through the exec routes. */
  private static int getent(HttpClient http, int port, String container, String name) throws Exception {
    String created = call(http, port, "POST", "/containers/" + container + "/exec",
        "{\"Cmd\":[\"getent\",\"hosts\",\"" + name + "\"],\"AttachStdout\":true}", 201);
    String id = created.replaceAll(".*\"Id\":\"([0-9a-f]+)\".*", "$1").strip();
    call(http, port, "POST", "/exec/" + id + "/start", "{\"Detach\":true}", 200);
    String json = call(http, port, "GET", "/exec/" + id + "/json", null, 200);
    return Integer.parseInt(json.replaceAll(".*\"ExitCode\":(\\d+).*", "$1").strip());
  }

  @Test
  void a_served_host_and_one_shot_hosts_resolve_each_other_through_the_store() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AtomicInteger rc = new AtomicInteger(-1);
    Thread server = new Thread(() -> rc.set(new Cli(Map.of("CNM_SEED", "6"),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8))
        .run(List.of("--state", tmp.resolve("served").toString(), "--cluster-store", store(),
            "--cluster-advertise", "served", "serve", "--listen", "tcp://127.0.0.1:0"))));
    server.start();
    HttpClient http = HttpClient.newHttpClient();
    try {
      int port = ListeningPort.await(out);
      call(http, port, "GET", "/_ping", null, 200);
      call(http, port, "POST", "/networks/create", "{\"Name\":\"ov\",\"Driver\":\"overlay\",\"Attachable\":true}", 201);
      call(http, port, "POST", "/images/create?fromImage=nginx&tag=latest", null, 200);
      call(http, port, "POST", "/containers/create?name=s1",
          "{\"Image\":\"nginx\",\"HostConfig\":{\"NetworkMode\":\"ov\"},"
              + "\"NetworkingConfig\":{\"EndpointsConfig\":{\"ov\":{\"Aliases\":[\"web\"]}}}}", 201);
      call(http, port, "POST", "/containers/s1/start", null, 204);

      ok("host-b", "pull -q nginx");
      ok("host-b", "run -d --name b1 --net ov --network-alias web nginx");
      assertThat(getent(http, port, "s1", "b1")).isZero();
      assertThat(ok("host-b", "exec b1 getent hosts s1")).isNotEmpty();
      assertThat(ok("host-b", "exec b1 nslookup web").lines()
          .filter(l -> l.startsWith("Address: ") && !l.contains("127.0.0.11")).count())
          .isEqualTo(2); // s1's and b1's
      String peers = call(http, port, "GET", "/networks/ov?verbose=true", null, 200);
      assertThat(peers).contains("\"Peers\":[").contains("\"Name\":\"host-b\"").contains("\"Name\":\"served\"");

      ok("host-b", "rename b1 b2");
      assertThat(getent(http, port, "s1", "b1")).isEqualTo(2);
      assertThat(getent(http, port, "s1", "b2")).isZero();
      ok("host-b", "network disconnect ov b2");
      assertThat(getent(http, port, "s1", "b2")).isEqualTo(2);
      ok("host-b", "network connect ov b2");
      assertThat(getent(http, port, "s1", "b2")).isZero();
      ok("host-b", "stop b2");
      assertThat(getent(http, port, "s1", "b2")).isEqualTo(2);

      call(http, port, "POST", "/containers/s1/rename?name=s2", null, 204);
      assertThat(cnm(store(), "host-b", "start b2").rc()).isZero();
      assertThat(cnm(store(), "host-b", "exec b2 getent hosts s1").rc()).isEqualTo(2);
      assertThat(ok("host-b", "exec b2 getent hosts s2")).isNotEmpty();
    } finally {
      server.interrupt();
      server.join(10_000);
    }
    assertThat(rc.get()).isZero();
  }

  @Test
  void two_hosts_see_the_same_overlay_networks_and_never_the_same_addresses() throws Exception {
    String id = ok("host-a", "network create -d overlay ov").strip();
    assertThat(ok("host-b", "network ls --no-trunc --filter driver=overlay --format '{{.ID}} {{.Name}} {{.Scope}}'"))
        .isEqualTo(id + " ov global\n");
    ok("host-b", "network create -d overlay ov2");
    ok("host-a", "network create local");
    assertThat(ok("host-a", "network ls --format '{{.Name}}'")).isEqualTo("bridge\nhost\nlocal\nnone\nov\nov2\n");
    assertThat(ok("host-b", "network ls --format '{{.Name}}'")).isEqualTo("bridge\nhost\nnone\nov\nov2\n");
    String subnets = ok("host-a", "network inspect -f '{{range .IPAM.Config}}{{.Subnet}}{{end}}' ov ov2");
    assertThat(subnets.lines().distinct()).hasSize(2);
    assertThat(ok("host-b", "network inspect -f '{{range .IPAM.Config}}{{.Subnet}}{{end}}' ov ov2")).isEqualTo(subnets);
    Result again = cnm(store(), "host-b", "network create -d overlay ov");
    assertThat(again.rc()).isEqualTo(1);
    assertThat(again.err()).isEqualTo("Error response from daemon: network with name ov already exists\n");
    // Overlay networks live in the store: a host's state file marks its copy as the store's.
    String state = Files.readString(tmp.resolve("host-a").resolve(StateFile.STATE));
    assertThat(state).contains("\"name\" : \"local\"").contains("\"inStore\" : true");
    assertThat(ok("host-a", "network rm ov2")).isEqualTo("ov2\n");
    assertThat(ok("host-b", "network ls --filter driver=overlay --format '{{.Name}}'")).isEqualTo("ov\n");
  }

  @Test
  void an_unreachable_store_fails_global_commands_only() throws Exception {
    String down = "etcd://127.0.0.1:" + Etcd.freePort();
    Result r = cnm(down, "host-c", "network create -d overlay ov");
    assertThat(r.rc()).isEqualTo(1);
    assertThat(r.err()).startsWith("Error response from daemon: ");
    Result local = cnm(down, "host-c", "network create dev");
    assertThat(local.err()).isEmpty();
    assertThat(local.rc()).isZero();
    assertThat(cnm(down, "host-c", "network ls --format '{{.Name}}'").out()).isEqualTo("bridge\ndev\nhost\nnone\n");
  }

  @Test
  void containers_on_two_hosts_never_get_the_same_address_and_keep_theirs_across_commands() {
    ok("host-a", "network create -d overlay --attachable ov");
    // images are each host's own, as each dockerd's are: pulled first, so that run writes nothing on stderr
    ok("host-a", "pull -q nginx");
    ok("host-b", "pull -q nginx");
    ok("host-a", "run -d --name c1 --net ov nginx");
    ok("host-b", "run -d --name c2 --net ov nginx");
    ok("host-a", "run -d --name c3 --net ov nginx");
    String format = "inspect -f '{{.NetworkSettings.Networks.ov.IPAddress}}' ";
    String a = ok("host-a", format + "c1 c3");
    String b = ok("host-b", format + "c2");
    assertThat((a + b).lines().distinct()).hasSize(3);
    assertThat(ok("host-a", format + "c1 c3")).isEqualTo(a);
    Result busy = cnm(store(), "host-a", "network rm ov");
    assertThat(busy.rc()).isEqualTo(1);
    assertThat(busy.err()).startsWith("Error response from daemon: ");
    ok("host-a", "rm -f c1 c3");
    ok("host-b", "rm -f c2");
    assertThat(ok("host-a", "network rm ov")).isEqualTo("ov\n");
    assertThat(ok("host-b", "network ls --filter driver=overlay -q")).isEmpty();
  }

  @Test
  void serve_with_a_cluster_store_serves_its_overlay_networks() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AtomicInteger rc = new AtomicInteger(-1);
    Thread server = new Thread(() -> rc.set(new Cli(Map.of("CNM_SEED", "5"),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8))
        .run(List.of("--state", tmp.resolve("served").toString(), "--cluster-store", store(),
            "--cluster-advertise", "served", "serve", "--listen", "tcp://127.0.0.1:0"))));
    server.start();
    try {
      int port = ListeningPort.await(out);
      HttpResponse<String> created = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1.50/networks/create"))
              .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("{\"Name\":\"ov\",\"Driver\":\"overlay\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      assertThat(ok("host-b", "network ls --filter driver=overlay --format '{{.Name}} {{.Scope}}'"))
          .isEqualTo("ov global\n");
    } finally {
      server.interrupt();
      server.join(10_000);
    }
    assertThat(rc.get()).isZero();
  }

  @Test
  void a_host_with_endpoints_on_global_networks_says_it_needs_the_store_and_keeps_its_state() throws Exception {
    Etcd own = Etcd.start(tmp.resolve("own-etcd"));
    String url = own.url();
    Result r;
    try {
      assertThat(cnm(url, "host-d", "network create -d overlay --attachable ov").rc()).isZero();
      assertThat(cnm(url, "host-d", "run -d --name web1 --net ov nginx").rc()).isZero();
    } finally {
      own.close();
    }
    Path state = tmp.resolve("host-d").resolve(StateFile.STATE);
    byte[] before = Files.readAllBytes(state);
    r = cnm(url, "host-d", "network create dev");
    assertThat(r.rc()).isEqualTo(1);
    assertThat(r.err()).startsWith("cnm: the cluster store is unavailable (")
        .endsWith("has endpoints on its global networks: it cannot load without it; it was left untouched\n");
    assertThat(Files.readAllBytes(state)).isEqualTo(before);
  }
}
