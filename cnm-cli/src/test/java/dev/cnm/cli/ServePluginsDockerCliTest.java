package dev.cnm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
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
  private ServedDockerCli cli;
  private TcpPluginFake plugin;

  @BeforeEach
  void start() throws Exception {
    Optional<Path> docker = ServedDockerCli.dockerOnPath();
    assumeTrue(docker.isPresent(), "the docker CLI is not on the PATH");
    plugin = TcpPluginFake.withIpam();
    Path dir = Files.createDirectories(tmp.resolve("plugins"));
    Files.writeString(dir.resolve("tapper.spec"), plugin.address() + "\n");
    cli = ServedDockerCli.start(docker.get(), tmp, Map.of("CNM_SEED", "5", PluginState.DIRS_ENV, dir.toString()));
  }

  @AfterEach
  void stop() {
    if (cli != null) {
      cli.close();
    }
    if (plugin != null) {
      plugin.close();
    }
  }

  private ServedDockerCli.Run docker(String... args) throws IOException, InterruptedException {
    return cli.docker(args);
  }

  private String ok(String... args) throws IOException, InterruptedException {
    return cli.ok(args);
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

    ServedDockerCli.Run unknown = docker("network", "create", "-d", "nosuchdriver", "n");
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err()).isEqualTo("Error response from daemon: plugin \"nosuchdriver\" not found\n");
  }
}
