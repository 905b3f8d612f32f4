package dev.cnm.testkit.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cnm.api.ContainerSpec;
import dev.cnm.api.EndpointInfo;
import dev.cnm.api.Engine;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.port.PortSpec;
import dev.cnm.core.Cnm;
import dev.cnm.core.EngineState;
import dev.cnm.plugins.PluginAddress;
import dev.cnm.plugins.PluginJournal;
import dev.cnm.plugins.RemotePlugins;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An engine restored from saved state, as cnm's command line restores one per command, gets the
 * plugins' answers from the journal: the plugin sees no call repeated (Docker's daemon never
 * repeats them), the restored endpoints are the same, and the next operations call the plugin
 * as usual.
 */
class RemotePluginRestoreTest {
  private FakePlugin plugin;

  @BeforeEach
  void start() throws IOException {
    plugin = FakePlugin.start(Files.createTempDirectory("cnmp").resolve("fake.sock"), "NetworkDriver", "IpamDriver");
  }

  @AfterEach
  void stop() throws IOException {
    plugin.close();
  }

  private RemotePlugins plugins(PluginJournal journal) {
    return RemotePlugins.builder().noDirectories().register("fake", PluginAddress.parse(plugin.address()))
        .callTimeout(Duration.ofSeconds(2)).retryWindow(Duration.ZERO).journal(journal).build();
  }

  @Test
  void a_restore_repeats_no_call_and_the_restored_engine_goes_on_calling_the_plugin() {
    PluginJournal journal = PluginJournal.empty();
    Engine first = Cnm.builder().seed(4).plugins(plugins(journal)).build();
    first.createNetwork(NetworkSpec.builder().name("fk").driver("fake").ipamDriver("fake").build());
    EndpointInfo before = first.run(ContainerSpec.builder().image("nginx").name("web")
        .networkMode(NetworkMode.network("fk")).portBindings(PortSpec.parse("8080:80")).build())
        .endpoint("fk").orElseThrow();
    byte[] state = EngineState.export(first);
    byte[] saved = journal.toJson();
    assertThat(new String(saved, StandardCharsets.UTF_8)).contains("NetworkDriver.Join").contains("IpamDriver.RequestPool");

    // A new process: a new journal read from disk, new plugin clients.
    plugin.clearCalls();
    PluginJournal reread = PluginJournal.parse(saved);
    RemotePlugins again = plugins(reread);
    Engine second = again.replaying(() -> EngineState.restore(state, Cnm.builder().seed(5).plugins(again)));
    assertThat(plugin.calls()).as("calls repeated by the restore").isEmpty();
    EndpointInfo after = second.container("web").endpoint("fk").orElseThrow();
    assertThat(after.id()).isEqualTo(before.id());
    assertThat(after.ipv4Address()).isEqualTo(before.ipv4Address());
    assertThat(after.macAddress()).isEqualTo(before.macAddress());
    assertThat(after.gateway()).isEqualTo(before.gateway());

    second.stop("web");
    assertThat(plugin.calls()).containsExactly("NetworkDriver.RevokeExternalConnectivity", "NetworkDriver.Leave",
        "NetworkDriver.DeleteEndpoint", "IpamDriver.ReleaseAddress");
    second.removeContainer("web", false);
    second.removeNetwork("fk");
    assertThat(plugin.held()).isEmpty();
    String left = new String(reread.toJson(), StandardCharsets.UTF_8);
    assertThat(left).doesNotContain("NetworkDriver.Join").doesNotContain("IpamDriver.RequestPool")
        .doesNotContain("IpamDriver.RequestAddress").contains("Plugin.Activate");
  }
}
