package dev.cnm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
  static void stopEtcd() throws Exception {
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

  private String ok(String host, String line) {
    Result r = cnm(etcd.url() + "/" + tmp.getFileName(), host, line);
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
    Result again = cnm(etcd.url() + "/" + tmp.getFileName(), "host-b", "network create -d overlay ov");
    assertThat(again.rc()).isEqualTo(1);
    assertThat(again.err()).isEqualTo("Error response from daemon: network with name ov already exists\n");
    // Overlay networks live in the store, never in a host's state file.
    String state = Files.readString(tmp.resolve("host-a").resolve(StateFile.STATE));
    assertThat(state).contains("\"name\" : \"local\"").doesNotContain("\"overlay\"");
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
}
