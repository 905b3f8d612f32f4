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

  @Test
  void twoHostsSeeTheSameOverlayNetworksAndNeverTheSameAddresses() throws Exception {
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
  void anUnreachableStoreFailsGlobalCommandsOnly() throws Exception {
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
  void containersOnTwoHostsNeverGetTheSameAddressAndKeepTheirsAcrossCommands() {
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
  void serveWithAClusterStoreServesItsOverlayNetworks() throws Exception {
    int port = Etcd.freePort();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AtomicInteger rc = new AtomicInteger(-1);
    Thread server = new Thread(() -> rc.set(new Cli(Map.of("CNM_SEED", "5"),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8))
        .run(List.of("--state", tmp.resolve("served").toString(), "--cluster-store", store(),
            "--cluster-advertise", "served", "serve", "--listen", "tcp://127.0.0.1:" + port))));
    server.start();
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> created = null;
    for (int i = 0; i < 100 && created == null; i++) {
      try {
        created = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1.50/networks/create"))
            .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"Name\":\"ov\",\"Driver\":\"overlay\"}")).build(),
            HttpResponse.BodyHandlers.ofString());
      } catch (java.io.IOException notYet) {
        Thread.sleep(100);
      }
    }
    try {
      assertThat(created).isNotNull();
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
  void aHostWithEndpointsOnGlobalNetworksSaysItNeedsTheStoreAndKeepsItsState() throws Exception {
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
