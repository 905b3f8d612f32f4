package dev.cnm.testkit.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.NetworkInfo;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.Scope;
import dev.cnm.api.error.ForbiddenException;
import dev.cnm.core.Cnm;
import dev.cnm.core.store.InMemoryGlobalStore;
import dev.cnm.plugins.RemotePlugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A plugin whose driver reports the global scope, run on two hosts of one cluster, each host with
 * its own copy of the plugin in its own plugin directory: the network one host creates is kept in
 * the cluster store, and the other host takes it up through its own plugin (libnetwork loads the
 * driver of a network it reads from the store), telling that plugin about it with the same id.
 */
class RemotePluginClusterTest {
  private Path dir;
  private FakePlugin pluginA;
  private FakePlugin pluginB;
  private Engine a;
  private Engine b;

  @BeforeEach
  void start() throws IOException {
    dir = Files.createTempDirectory("cnmc");
    InMemoryGlobalStore store = InMemoryGlobalStore.create();
    pluginA = FakePlugin.start(dir.resolve("a").resolve("fake.sock"), "NetworkDriver");
    pluginB = FakePlugin.start(dir.resolve("b").resolve("fake.sock"), "NetworkDriver");
    pluginA.scope = "global";
    pluginB.scope = "global";
    a = engine("host-a", 1, store, dir.resolve("a"));
    b = engine("host-b", 2, store, dir.resolve("b"));
  }

  private static Engine engine(String host, long seed, InMemoryGlobalStore store, Path sockets) {
    return Cnm.builder().seed(seed).globalStore(store).hostName(host).plugins(RemotePlugins.builder()
            .socketsDirectory(sockets)
            .specsDirectories(List.of())
            .callTimeout(Duration.ofMillis(800))
            .retryWindow(Duration.ZERO)
            .build())
        .build();
  }

  @AfterEach
  void stop() throws IOException {
    pluginA.close();
    pluginB.close();
  }

  private static ContainerInfo run(Engine e, String name, String network) {
    return e.run(ContainerSpec.builder().image("nginx").name(name).networkMode(NetworkMode.network(network)).build());
  }

  @Test
  void a_global_plugin_network_created_on_one_host_is_used_on_the_other_through_its_plugin() {
    NetworkInfo created = a.createNetwork(NetworkSpec.builder().name("gk").driver("fake").build());
    assertThat(created.scope()).isEqualTo(Scope.GLOBAL);
    assertThat(pluginB.calls()).isEmpty();

    NetworkInfo seen = b.network("gk");
    assertThat(seen.id()).isEqualTo(created.id());
    assertThat(seen.driver()).isEqualTo("fake");
    assertThat(pluginB.calls()).containsExactly("Plugin.Activate", "NetworkDriver.GetCapabilities",
        "NetworkDriver.CreateNetwork");
    assertThat(pluginB.lastBody("NetworkDriver.CreateNetwork").get("NetworkID").asText()).isEqualTo(created.id());
    assertThat(pluginB.lastBody("NetworkDriver.CreateNetwork").get("IPv4Data"))
        .isEqualTo(pluginA.lastBody("NetworkDriver.CreateNetwork").get("IPv4Data"));

    ContainerInfo web = run(b, "web", "gk");
    assertThat(pluginB.held()).contains("endpoint " + web.endpoint("gk").orElseThrow().id() + " on " + created.id());
    assertThat(pluginA.held()).containsExactly("network " + created.id());
    assertThatThrownBy(() -> a.removeNetwork("gk")).isInstanceOf(ForbiddenException.class)
        .hasMessageStartingWith("error while removing network: network gk has active endpoints (name:\"web\"");
  }

  @Test
  void a_host_whose_plugin_is_down_takes_the_network_up_once_it_listens() throws IOException {
    pluginB.close();
    pluginB = FakePlugin.notYetListening(dir.resolve("b").resolve("fake.sock"), "NetworkDriver");
    pluginB.scope = "global";
    NetworkInfo created = a.createNetwork(NetworkSpec.builder().name("gk").driver("fake").build());

    assertThat(b.networks()).extracting(NetworkInfo::name).doesNotContain("gk");

    pluginB.listen();
    assertThat(b.networks()).extracting(NetworkInfo::name).contains("gk");
    assertThat(pluginB.held()).containsExactly("network " + created.id());
  }
}
