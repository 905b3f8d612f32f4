package dev.cnm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resident server's side of {@link Wire}, in this JVM: what it runs, and what it never runs. */
class ResidentServerTest {
  @TempDir
  Path tmp;

  private Path state;
  private Thread server;

  @BeforeEach
  void startServer() throws Exception {
    state = tmp.resolve("state");
    PrintStream log = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    server = new Thread(() -> ResidentServer.run(state, Map.of(ResidentServer.IDLE_ENV, "3"), log));
    server.start();
    for (int i = 0; i < 500 && !Files.exists(socket()); i++) {
      Thread.sleep(10);
    }
  }

  @AfterEach
  void awaitIdleStop() throws InterruptedException {
    server.join(30_000);
    assertThat(server.isAlive()).as("the server stops when idle").isFalse();
    assertThat(socket()).doesNotExist();
  }

  private Path socket() {
    return state.resolve("resident/socket");
  }

  record Reply(byte first, String out, String err, int rc) {}

  private SocketChannel connect() throws IOException {
    return SocketChannel.open(UnixDomainSocketAddress.of(socket()));
  }

  private static void request(SocketChannel ch, String version, Map<String, String> env, List<String> args)
      throws IOException {
    Wire.write(ch, Wire.VERSION, version);
    Wire.write(ch, Wire.CWD, "/");
    for (Map.Entry<String, String> e : env.entrySet()) {
      Wire.write(ch, Wire.ENV, e.getKey() + "=" + e.getValue());
    }
    for (String a : args) {
      Wire.write(ch, Wire.ARG, a);
    }
    Wire.write(ch, Wire.GO, new byte[0], 0, 0);
  }

  private Reply send(Map<String, String> env, String... args) throws IOException {
    try (SocketChannel ch = connect()) {
      request(ch, Wire.VERSION_TEXT, env, List.of(args));
      byte first = Wire.read(ch).type();
      StringBuilder out = new StringBuilder();
      StringBuilder err = new StringBuilder();
      if (first != Wire.ACCEPTED) {
        return new Reply(first, "", "", -1);
      }
      while (true) {
        Wire.Frame f = Wire.read(ch);
        switch (f.type()) {
          case Wire.STDOUT:
            out.append(f.text());
            break;
          case Wire.STDERR:
            err.append(f.text());
            break;
          case Wire.READ:
            Wire.write(ch, Wire.INPUT, "y\n");
            break;
          case Wire.EXIT:
            return new Reply(first, out.toString(), err.toString(), f.number());
          default:
            throw new AssertionError("frame " + (char) f.type());
        }
      }
    }
  }

  private Map<String, String> env() {
    return Map.of("CNM_STATE", state.toString(), "CNM_SEED", "3");
  }

  @Test
  void a_command_runs_and_its_streams_and_exit_code_come_back_apart() throws Exception {
    Reply created = send(env(), "network", "create", "dev");
    assertThat(created.first()).isEqualTo(Wire.ACCEPTED);
    assertThat(created.rc()).isZero();
    assertThat(created.out()).matches("[0-9a-f]{64}\n");
    assertThat(created.err()).isEmpty();
    Reply missing = send(env(), "network", "rm", "nope");
    assertThat(missing.rc()).isEqualTo(1);
    assertThat(missing.out()).isEmpty();
    assertThat(missing.err()).startsWith("Error response from daemon: network nope not found");
  }

  @Test
  void input_is_read_only_when_the_command_asks() throws Exception {
    assertThat(send(env(), "network", "create", "spare").rc()).isZero();
    Reply pruned = send(env(), "network", "prune");
    assertThat(pruned.out()).contains("Are you sure you want to continue? [y/N] Deleted Networks:\nspare\n");
  }

  @Test
  void a_request_cut_short_runs_nothing() throws Exception {
    try (SocketChannel ch = connect()) {
      Wire.write(ch, Wire.VERSION, Wire.VERSION_TEXT);
      Wire.write(ch, Wire.CWD, "/");
      Wire.write(ch, Wire.ENV, "CNM_STATE=" + state);
      Wire.write(ch, Wire.ARG, "network");
      Wire.write(ch, Wire.ARG, "create");
      Wire.write(ch, Wire.ARG, "half");
    } // closed before GO
    Reply ls = send(env(), "network", "ls", "--format", "{{.Name}}");
    assertThat(ls.out()).isEqualTo("bridge\nhost\nnone\n");
  }

  @Test
  void another_state_directory_is_sent_back_to_run_elsewhere() throws Exception {
    Reply r = send(Map.of("CNM_STATE", tmp.resolve("other").toString()), "network", "create", "x");
    assertThat(r.first()).isEqualTo(Wire.ELSEWHERE);
    assertThat(tmp.resolve("other")).doesNotExist();
  }

  @Test
  void another_build_of_the_client_makes_the_server_stop_without_running_it() throws Exception {
    try (SocketChannel ch = connect()) {
      request(ch, "cnm-resident 0", env(), List.of("network", "create", "old"));
      assertThat(Wire.read(ch).type()).isEqualTo(Wire.RETRY);
    }
    server.join(10_000);
    assertThat(server.isAlive()).isFalse();
    assertThat(Files.readString(state.resolve("resident/lock"))).startsWith("pid ");
    assertThat(state.resolve("state")).doesNotExist();
  }

  @Test
  void the_state_flag_is_read_where_cnm_reads_it() {
    assertThat(ResidentServer.stateFlag(List.of("--state", "a", "ps"))).isEqualTo("a");
    assertThat(ResidentServer.stateFlag(List.of("--state=b", "ps"))).isEqualTo("b");
    assertThat(ResidentServer.stateFlag(List.of("--cluster-store", "etcd://x:1", "--state", "c", "ps"))).isEqualTo("c");
    assertThat(ResidentServer.stateFlag(List.of("ps", "--state", "d"))).isNull();
  }
}
