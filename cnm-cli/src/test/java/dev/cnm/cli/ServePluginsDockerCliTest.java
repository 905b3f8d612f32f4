package dev.cnm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A legacy plugin found in {@code $CNM_PLUGIN_DIRS} by {@code cnm serve}, driven with the real
 * {@code docker} CLI: {@code network create -d NAME --ipam-driver NAME}, a container on the
 * network, the plugin named in {@code docker info}'s network plugins, and {@code docker plugin ls}
 * empty, since Docker lists managed plugins only.
 */
class ServePluginsDockerCliTest {
  @TempDir Path tmp;
  private Path docker;
  private TcpPluginFake plugin;
  private Thread server;
  private final AtomicInteger rc = new AtomicInteger(-1);
  private int port;

  @BeforeEach
  void start() throws Exception {
    String path = System.getenv("PATH");
    docker = path == null ? null : Arrays.stream(path.split(File.pathSeparator)).map(d -> Path.of(d, "docker"))
        .filter(Files::isExecutable).findFirst().orElse(null);
    assumeTrue(docker != null, "the docker CLI is not on the PATH");
    plugin = TcpPluginFake.withIpam();
    Path dir = Files.createDirectories(tmp.resolve("plugins"));
    Files.writeString(dir.resolve("tapper.spec"), plugin.address() + "\n");
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    server = new Thread(() -> rc.set(new Cli(Map.of("CNM_SEED", "5", PluginState.DIRS_ENV, dir.toString()), print, print)
        .run(List.of("--state", tmp.resolve("state").toString(), "serve", "--listen", "tcp://127.0.0.1:" + port))));
    server.start();
    for (int i = 0; i < 200; i++) {
      try {
        new Socket("127.0.0.1", port).close();
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new AssertionError("cnm serve did not listen: " + out.toString(StandardCharsets.UTF_8));
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (server != null) {
      server.interrupt();
      server.join(10_000);
    }
    if (plugin != null) {
      plugin.close();
    }
  }

  private record Run(int exit, String out, String err) {}

  private Run docker(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(docker.toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("DOCKER_HOST", "tcp://127.0.0.1:" + port);
    pb.environment().put("DOCKER_CONFIG", tmp.toString());
    pb.environment().remove("DOCKER_CONTEXT");
    pb.environment().remove("DOCKER_API_VERSION");
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Path out = Files.createTempFile(tmp, "out", ".txt");
    Path err = Files.createTempFile(tmp, "err", ".txt");
    pb.redirectOutput(out.toFile());
    pb.redirectError(err.toFile());
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("docker " + String.join(" ", args) + " hung");
    }
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private String ok(String... args) throws IOException, InterruptedException {
    Run r = docker(args);
    assertThat(r.exit()).as("docker %s: %s", String.join(" ", args), r.err()).isZero();
    return r.out();
  }

  @Test
  void the_docker_cli_uses_a_plugins_network_and_ipam_driver_through_cnm_serve() throws Exception {
    ok("network", "create", "-d", "tapper", "--ipam-driver", "tapper", "tapnet");
    assertThat(ok("network", "inspect", "-f",
        "{{.Driver}} {{.IPAM.Driver}} {{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}}", "tapnet"))
        .isEqualTo("tapper tapper 10.99.0.0/24 10.99.0.1\n");
    assertThat(plugin.calls).startsWith("Plugin.Activate", "NetworkDriver.GetCapabilities");
    assertThat(plugin.calls).contains("IpamDriver.RequestPool", "NetworkDriver.CreateNetwork");

    ok("pull", "-q", "nginx");
    ok("run", "-d", "--name", "web", "--network", "tapnet", "nginx");
    assertThat(ok("inspect", "-f", "{{.NetworkSettings.Networks.tapnet.IPAddress}}", "web")).isEqualTo("10.99.0.2\n");
    assertThat(plugin.calls).contains("NetworkDriver.CreateEndpoint", "NetworkDriver.Join");

    assertThat(ok("info", "--format", "{{json .Plugins.Network}}"))
        .isEqualTo("[\"bridge\",\"host\",\"ipvlan\",\"macvlan\",\"null\",\"overlay\",\"tapper\"]\n");
    assertThat(ok("plugin", "ls")).isEqualTo("ID        NAME      DESCRIPTION   ENABLED\n");

    ok("rm", "-f", "web");
    ok("network", "rm", "tapnet");
    assertThat(plugin.held()).isEmpty();

    Run unknown = docker("network", "create", "-d", "nosuchdriver", "n");
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err()).isEqualTo("Error response from daemon: plugin \"nosuchdriver\" not found\n");
  }
}
