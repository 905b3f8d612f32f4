package dev.cnm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cnm plugin ls}, {@code cnm plugin test}, and plugins used by the per-command CLI (each
 * command restores the engine: the plugin must not see calls repeated).
 */
class PluginCommandsTest {
  @TempDir
  Path tmp;

  record Result(String out, String err, int rc) {}

  private Result cnm(Map<String, String> env, String line) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int rc = new Cli(env, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8))
        .run(Tutorial.split(line));
    return new Result(o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8), rc);
  }

  private Map<String, String> env(Path pluginDir) {
    Map<String, String> env = new HashMap<>();
    env.put("CNM_SEED", "11");
    env.put("CNM_STATE", tmp.resolve("state").toString());
    env.put(PluginState.DIRS_ENV, pluginDir.toString());
    return env;
  }

  @Test
  void plugin_ls_lists_the_sockets_and_spec_files_of_the_plugin_directories() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("plugins"));
    Files.writeString(dir.resolve("viaspec.spec"), "tcp://127.0.0.1:9234\n");
    Files.writeString(dir.resolve("broken.spec"), "nowhere\n");
    Path sock = dir.resolve("weave.sock");
    try (ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      s.bind(UnixDomainSocketAddress.of(sock));
      Result r = cnm(env(dir), "plugin ls");
      assertThat(r.rc()).isZero();
      String unix = "unix://" + sock;
      String row = "%-10s%-" + (unix.length() + 3) + "s%s%n";
      assertThat(r.out()).isEqualTo(String.format(row, "NAME", "ADDRESS", "SOURCE")
          + String.format(row, "broken", "(Unknown protocol)", dir.resolve("broken.spec"))
          + String.format(row, "viaspec", "tcp://127.0.0.1:9234", dir.resolve("viaspec.spec"))
          + String.format(row, "weave", unix, sock));
    }
  }

  @Test
  void plugin_test_reports_each_call_runs_the_contracts_and_passes_a_good_plugin() throws IOException {
    try (TcpPluginFake plugin = new TcpPluginFake()) {
      Result r = cnm(env(tmp), "plugin test --name tapper " + plugin.address());
      assertThat(r.rc()).as(r.out() + r.err()).isZero();
      assertThat(r.out()).startsWith("Plugin tapper at " + plugin.address() + "\n")
          .contains("$ docker network create -d tapper probe-net\n")
          .contains("  POST /NetworkDriver.Join -> 200 (")
          .contains("    Docker:   Docker moves tap")
          .contains("$ docker run -d --name probe-1 --network probe-net -p 8080:80 nginx\n")
          .contains("Contract NetworkDriverContract (cnm-testkit) against tapper:\n")
          .contains("  ok    lifecycle_in_the_engines_order_succeeds\n")
          .contains("  skip  local_data_scope_drivers_of_one_provider_share_nothing: ")
          .contains("NetworkDriverContract: 11 passed, 0 failed, 2 skipped\n")
          .endsWith("PASS: the plugin answers as Docker needs it to\n");
      assertThat(plugin.held()).isEmpty();
    }
  }

  @Test
  void plugin_test_fails_a_plugin_whose_join_fails_and_says_what_docker_would_print() throws IOException {
    try (TcpPluginFake plugin = new TcpPluginFake()) {
      plugin.failJoin = true;
      Result r = cnm(env(tmp), "plugin test " + plugin.address());
      assertThat(r.rc()).isEqualTo(1);
      assertThat(r.out()).contains("  => FAILED: Error response from daemon: failed to set up container networking: "
          + "remote: the tap device is busy\n")
          .contains("  FAIL  lifecycle_in_the_engines_order_succeeds: remote: the tap device is busy\n")
          .endsWith("FAIL: see the steps and tests above\n");
    }
  }

  @Test
  void plugin_test_of_an_unknown_name_or_a_bad_address_is_refused() {
    assertThat(cnm(env(tmp), "plugin test nosuch").err())
        .isEqualTo("cnm: plugin \"nosuch\" not found in the plugin directories\n");
    assertThat(cnm(env(tmp), "plugin test https://x:1").rc()).isEqualTo(1);
    assertThat(cnm(env(tmp), "plugin").out()).contains("cnm plugin test [--name NAME]");
  }

  @Test
  void commands_use_a_plugin_and_the_restores_between_them_repeat_no_call() throws IOException {
    try (TcpPluginFake plugin = new TcpPluginFake()) {
      Map<String, String> env = tapperNetwork(plugin);
      assertThat(plugin.calls).containsExactly("Plugin.Activate", "NetworkDriver.GetCapabilities",
          "NetworkDriver.CreateNetwork");
      assertThat(Files.exists(tmp.resolve("state").resolve(PluginState.JOURNAL))).isTrue();
      plugin.calls.clear();
      assertThat(cnm(env, "run -d --name web --net tapnet nginx").rc()).isZero();
      assertThat(plugin.calls).containsExactly("NetworkDriver.CreateEndpoint", "NetworkDriver.Join",
          "NetworkDriver.ProgramExternalConnectivity");
      plugin.calls.clear();
      assertThat(cnm(env, "inspect -f '{{.NetworkSettings.Networks.tapnet.Gateway}}' web").out())
          .isEqualTo("172.18.0.1\n");
      assertThat(cnm(env, "network ls --format '{{.Name}} {{.Driver}}'").out()).contains("tapnet tapper\n");
      assertThat(plugin.calls).as("calls made by restores").isEmpty();
      assertThat(cnm(env, "rm -f web").rc()).isZero();
      assertThat(cnm(env, "network rm tapnet").rc()).isZero();
      assertThat(plugin.calls).containsExactly("NetworkDriver.RevokeExternalConnectivity", "NetworkDriver.Leave",
          "NetworkDriver.DeleteEndpoint", "NetworkDriver.DeleteNetwork");
      assertThat(plugin.held()).isEmpty();
    }
  }

  /**
   * The plugin journal is written as the state is (issue 17): never through a planted link, the
   * owner's alone. The mistake this catches: plugins.json.tmp was written through the link into its target,
   * and plugins.json was created readable by all.
   */
  @Test
  void the_plugin_journal_is_written_safely() throws IOException {
    try (TcpPluginFake plugin = new TcpPluginFake()) {
      Map<String, String> env = tapperNetwork(plugin);
      Path state = tmp.resolve("state");
      Path victim = Files.writeString(tmp.resolve("victim"), "precious\n");
      Files.createSymbolicLink(state.resolve(PluginState.JOURNAL + ".tmp"), victim);
      assertThat(cnm(env, "run -d --name web --net tapnet nginx").rc()).isZero();
      assertThat(Files.readString(victim)).isEqualTo("precious\n");
      Path journal = state.resolve(PluginState.JOURNAL);
      assertThat(Files.isSymbolicLink(journal)).isFalse();
      assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(journal)))
          .isEqualTo("rw-------");
      assertThat(Files.readString(journal)).contains("NetworkDriver.Join");
      assertThat(cnm(env, "rm -f web").rc()).isZero();
    }
  }

  /**
   * The plugin journal is read as the state is: a link in its place is refused, never read
   * through. The mistake this catches: a journal planted elsewhere was read through the link.
   */
  @Test
  void a_link_in_place_of_the_plugin_journal_is_refused() throws IOException {
    try (TcpPluginFake plugin = new TcpPluginFake()) {
      Map<String, String> env = tapperNetwork(plugin);
      Path journal = tmp.resolve("state").resolve(PluginState.JOURNAL);
      Path elsewhere = Files.move(journal, tmp.resolve("elsewhere.json"));
      Files.createSymbolicLink(journal, elsewhere);
      Result r = cnm(env, "network ls");
      assertThat(r.rc()).isEqualTo(1);
      assertThat(r.err()).startsWith("cnm: cannot read the file " + journal + ": read " + journal + ": ");
      assertThat(Files.isSymbolicLink(journal)).isTrue();
    }
  }

  /** The fake plugin as driver {@code tapper} in a plugin directory, and network {@code tapnet} on it; the environment. */
  private Map<String, String> tapperNetwork(TcpPluginFake plugin) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("plugins"));
    Files.writeString(dir.resolve("tapper.spec"), plugin.address() + "\n");
    Map<String, String> env = env(dir);
    assertThat(cnm(env, "network create -d tapper tapnet").rc()).isZero();
    return env;
  }

  @Test
  void an_unknown_driver_is_not_found_through_the_cli() {
    Result r = cnm(env(tmp), "network create -d nosuchdriver n");
    assertThat(r.rc()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("Error response from daemon: plugin \"nosuchdriver\" not found\n");
  }

  @Test
  void network_create_finds_a_plugins_ipam_driver_by_name() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("plugins"));
    try (TcpPluginFake plugin = TcpPluginFake.withIpam()) {
      Files.writeString(dir.resolve("tapper.spec"), plugin.address() + "\n");
      Map<String, String> env = env(dir);
      assertThat(cnm(env, "network create -d tapper --ipam-driver tapper tapnet").rc()).isZero();
      assertThat(cnm(env, "network inspect -f '{{.IPAM.Driver}} {{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}}' tapnet")
          .out()).isEqualTo("tapper 10.99.0.0/24 10.99.0.1\n");
      assertThat(cnm(env, "run -d --name web --net tapnet nginx").rc()).isZero();
      assertThat(cnm(env, "inspect -f '{{.NetworkSettings.Networks.tapnet.IPAddress}}' web").out())
          .isEqualTo("10.99.0.2\n");
      assertThat(plugin.held()).contains("pool tapperlocal/10.99.0.0/24", "address 10.99.0.1", "address 10.99.0.2");
      assertThat(cnm(env, "rm -f web").rc()).isZero();
      assertThat(cnm(env, "network rm tapnet").rc()).isZero();
      assertThat(plugin.held()).isEmpty();

      Result unknown = cnm(env, "network create --ipam-driver nosuchipam n");
      assertThat(unknown.rc()).isEqualTo(1);
      assertThat(unknown.err()).isEqualTo("Error response from daemon: plugin \"nosuchipam\" not found\n");
    }
  }
}
