package dev.cnm.testkit.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cnm.api.ContainerSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.NetworkInfo;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.core.Cnm;
import dev.cnm.plugins.PluginAddress;
import dev.cnm.plugins.RemotePlugins;
import dev.cnm.testkit.plugins.PluginProbe;
import dev.cnm.testkit.plugins.ProbeReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The examples of docs/TESTING.md's section on plugins, run against a plugin server the test starts. */
class PluginGuideTest {
  @Test
  void an_engine_finds_a_plugin_in_its_plugin_directory() throws IOException {
    Path dir = Files.createTempDirectory("plugins");
    FakePlugin plugin = FakePlugin.start(dir.resolve("myplugin.sock"), "NetworkDriver", "IpamDriver");
    try {
      Engine docker = Cnm.builder().plugins(RemotePlugins.builder()
          .pluginDirectories(List.of(dir))            // Docker's /run/docker/plugins... by default
          .callTimeout(Duration.ofSeconds(5))
          .build()).build();
      NetworkInfo net = docker.createNetwork(NetworkSpec.builder().name("mynet")
          .driver("myplugin").ipamDriver("myplugin").build());
      docker.run(ContainerSpec.builder().image("nginx").name("web").networkMode(NetworkMode.network("mynet")).build());
      assertThat(net.driver()).isEqualTo("myplugin");
      assertThat(plugin.calls()).contains("NetworkDriver.CreateNetwork", "NetworkDriver.Join");
    } finally {
      plugin.close();
    }
  }

  @Test
  void the_probe_runs_dockers_sequence_and_reports_every_call() throws IOException {
    Path socket = Files.createTempDirectory("plugins").resolve("myplugin.sock");
    FakePlugin plugin = FakePlugin.start(socket, "NetworkDriver");
    try {
      ProbeReport report = PluginProbe.run("myplugin", PluginAddress.parse("unix://" + socket));
      assertThat(report.succeeded()).as(report.render()).isTrue();
      assertThat(plugin.held()).isEmpty();
    } finally {
      plugin.close();
    }
  }
}
