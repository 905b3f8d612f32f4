package dev.cnm.testkit.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.ContainerSpec;
import dev.cnm.api.EndpointSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.RemoveOption;
import dev.cnm.api.error.SystemException;
import dev.cnm.api.net.MacAddress;
import dev.cnm.api.port.PortSpec;
import dev.cnm.core.Cnm;
import dev.cnm.plugins.PluginAddress;
import dev.cnm.plugins.PluginCall;
import dev.cnm.plugins.RemotePlugins;
import dev.cnm.testkit.EngineSnapshot;
import dev.cnm.testkit.remote.FakePlugin.Fault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A remote plugin that fails in the middle of an operation: an {@code Err} answer, no answer in
 * time, an answer that is not JSON, a plugin that dies during the join, an answer Docker refuses.
 * Each time the user gets Docker's message and the engine is exactly as it was (its exported
 * state), and the plugin holds what it held before, the engine having undone its earlier calls.
 */
class RemotePluginFaultTest {
  private Path dir;
  private FakePlugin plugin;
  private final List<PluginCall> log = new CopyOnWriteArrayList<>();
  private Engine docker;

  @BeforeEach
  void start() throws IOException {
    dir = Files.createTempDirectory("cnmp");
    plugin = FakePlugin.start(dir.resolve("fake.sock"), "NetworkDriver", "IpamDriver");
    docker = Cnm.builder().seed(9).plugins(RemotePlugins.builder().noDirectories()
            .register("fake", PluginAddress.parse(plugin.address()))
            .callTimeout(Duration.ofMillis(800))
            .retryWindow(Duration.ZERO)
            .listener(log::add)
            .build())
        .build();
    docker.createNetwork(NetworkSpec.builder().name("fk").driver("fake").ipamDriver("fake").build());
    docker.run(ContainerSpec.builder().image("nginx").name("first").networkMode(NetworkMode.network("fk")).build());
  }

  @AfterEach
  void stop() throws IOException {
    plugin.close();
  }

  private ContainerSpec web() {
    return ContainerSpec.builder().image("nginx").name("web").networkMode(NetworkMode.network("fk"))
        .portBindings(PortSpec.parse("8080:80")).build();
  }

  /** Runs {@code web} expecting {@code message}; the container is created but stopped, and removing it leaves the engine as before. */
  private void runFailsAndChangesNothing(ContainerSpec spec, String message) {
    EngineSnapshot before = EngineSnapshot.of(docker);
    List<String> held = plugin.held();
    assertThatThrownBy(() -> docker.run(spec)).isInstanceOf(SystemException.class).hasMessage(message);
    assertThat(docker.container("web").isRunning()).isFalse();
    docker.removeContainer("web", RemoveOption.FORCE);
    assertThat(EngineSnapshot.of(docker)).isEqualTo(before);
    assertThat(plugin.held()).isEqualTo(held);
  }

  @Test
  void an_err_answer_to_create_network_fails_it_and_gives_the_pool_back() {
    EngineSnapshot before = EngineSnapshot.of(docker);
    List<String> held = plugin.held();
    plugin.failNext("NetworkDriver.CreateNetwork", Fault.ERROR);
    assertThatThrownBy(() -> docker.createNetwork(NetworkSpec.builder().name("fk2").driver("fake").ipamDriver("fake")
        .build())).isExactlyInstanceOf(SystemException.class).hasMessage("remote: injected failure");
    assertThat(EngineSnapshot.of(docker)).isEqualTo(before);
    assertThat(plugin.held()).isEqualTo(held);
    assertThat(plugin.calls()).endsWith("NetworkDriver.CreateNetwork", "IpamDriver.ReleaseAddress",
        "IpamDriver.ReleasePool");
  }

  @Test
  void an_err_answer_to_join_is_undone_with_delete_endpoint() {
    plugin.failNext("NetworkDriver.Join", Fault.ERROR);
    plugin.clearCalls();
    runFailsAndChangesNothing(web(), "failed to set up container networking: remote: injected failure");
    assertThat(plugin.calls()).containsExactly("IpamDriver.RequestAddress", "NetworkDriver.CreateEndpoint",
        "NetworkDriver.Join", "NetworkDriver.DeleteEndpoint", "IpamDriver.ReleaseAddress");
  }

  @Test
  void an_err_answer_to_program_external_connectivity_is_wrapped_as_docker_does() {
    plugin.failNext("NetworkDriver.ProgramExternalConnectivity", Fault.ERROR);
    EngineSnapshot before = EngineSnapshot.of(docker);
    List<String> held = plugin.held();
    assertThatThrownBy(() -> docker.run(web())).isInstanceOf(SystemException.class)
        .hasMessageStartingWith("failed to set up container networking: driver failed programming external "
            + "connectivity on endpoint web (")
        .hasMessageEndingWith("): remote: injected failure");
    docker.removeContainer("web", RemoveOption.FORCE);
    assertThat(EngineSnapshot.of(docker)).isEqualTo(before);
    assertThat(plugin.held()).isEqualTo(held);
  }

  @Test
  void no_answer_in_time_fails_with_gos_timeout_message() {
    plugin.failNext("NetworkDriver.CreateEndpoint", Fault.HANG);
    runFailsAndChangesNothing(web(), "failed to set up container networking: failed to create endpoint web on network fk: "
        + "Post \"http://plugin.moby.localhost/NetworkDriver.CreateEndpoint\": context deadline exceeded "
        + "(Client.Timeout exceeded while awaiting headers)");
  }

  @Test
  void an_answer_that_is_not_json_fails_with_gos_decoding_error() {
    plugin.failNext("NetworkDriver.Join", Fault.MALFORMED);
    runFailsAndChangesNothing(web(), "failed to set up container networking: invalid character 'n' looking for "
        + "beginning of value");
  }

  @Test
  void a_plugin_that_dies_during_the_join_leaves_the_engine_unchanged() {
    EngineSnapshot before = EngineSnapshot.of(docker);
    plugin.failNext("NetworkDriver.Join", Fault.DIE);
    assertThatThrownBy(() -> docker.run(web())).isInstanceOf(SystemException.class)
        .hasMessage("failed to set up container networking: Post \"http://plugin.moby.localhost/NetworkDriver.Join\": EOF");
    docker.removeContainer("web", RemoveOption.FORCE);
    assertThat(EngineSnapshot.of(docker)).isEqualTo(before);
    // The engine tried to undo in the plugin; the dead plugin could not answer.
    assertThat(log).extracting(PluginCall::method).endsWith("NetworkDriver.Join", "NetworkDriver.DeleteEndpoint",
        "IpamDriver.ReleaseAddress");
    assertThat(log.get(log.size() - 1).transportError()).contains("dial unix " + plugin.socket()
        + ": connect: no such file or directory");
  }

  @Test
  void a_changed_mac_is_refused_as_docker_refuses_it_and_rolled_back() {
    plugin.echoMac = true;
    ContainerSpec withMac = ContainerSpec.builder().image("nginx").name("web").networkMode(NetworkMode.network("fk"))
        .putEndpoint("fk", EndpointSpec.builder().macAddress(MacAddress.parse("02:00:00:00:00:aa")).build()).build();
    plugin.clearCalls();
    runFailsAndChangesNothing(withMac, "failed to set up container networking: failed to create endpoint web on network "
        + "fk: driver modified interface MAC address: endpoint interface MAC address present (02:00:00:00:00:aa). "
        + "Cannot be modified with 02:fa:00:00:00:02.; rolled back");
    assertThat(plugin.calls()).containsExactly("IpamDriver.RequestAddress", "NetworkDriver.CreateEndpoint",
        "NetworkDriver.DeleteEndpoint", "IpamDriver.ReleaseAddress");
  }

  @Test
  void optional_methods_answering_404_are_no_error() {
    plugin.failNext("NetworkDriver.ProgramExternalConnectivity", Fault.NOT_FOUND);
    assertThat(docker.run(web()).isRunning()).isTrue();
    PluginCall program = log.stream().filter(c -> c.method().equals("NetworkDriver.ProgramExternalConnectivity"))
        .reduce((a, b) -> b).orElseThrow();
    assertThat(program.status()).isEqualTo(404);
    assertThat(program.verdict()).isEqualTo("not implemented (404): the method is optional, Docker carries on");
  }

  @Test
  void activation_is_retried_while_the_plugin_is_not_listening_yet() throws Exception {
    Path late = dir.resolve("late.sock");
    FakePlugin slow = FakePlugin.notYetListening(late, "NetworkDriver");
    Engine engine = Cnm.builder().seed(3).plugins(RemotePlugins.builder().noDirectories()
        .register("late", PluginAddress.unix(late)).retryWindow(Duration.ofSeconds(6)).listener(log::add).build())
        .build();
    Thread caller = Thread.currentThread();
    Thread starter = new Thread(() -> {
      try {
        // Once the first attempt has failed and the caller sleeps out its back-off (1 s): after a
        // fixed delay instead, a caller slow to make its first attempt (a loaded machine) would
        // find the plugin listening and retry nothing.
        long until = System.nanoTime() + 10_000_000_000L;
        while (caller.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < until) {
          Thread.sleep(5);
        }
        Thread.sleep(100);
        slow.listen();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    starter.start();
    try (slow) {
      assertThat(engine.createNetwork(NetworkSpec.builder().name("l").driver("late").build()).driver()).isEqualTo("late");
      starter.join();
      PluginCall activate = log.stream().filter(c -> c.plugin().equals("late")).findFirst().orElseThrow();
      assertThat(activate.method()).isEqualTo("Plugin.Activate");
      assertThat(activate.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }
  }

  @Test
  void an_ipam_error_answer_to_request_pool_fails_the_create_and_changes_nothing() {
    EngineSnapshot before = EngineSnapshot.of(docker);
    List<String> held = plugin.held();
    plugin.failNext("IpamDriver.RequestPool", Fault.ERROR);
    assertThatThrownBy(() -> docker.createNetwork(NetworkSpec.builder().name("fk2").driver("fake").ipamDriver("fake")
        .build())).isExactlyInstanceOf(SystemException.class).hasMessage("remote: injected failure");
    assertThat(EngineSnapshot.of(docker)).isEqualTo(before);
    assertThat(plugin.held()).isEqualTo(held);
  }

  @Test
  void an_ipam_error_answer_for_the_gateway_gives_the_pool_back() {
    EngineSnapshot before = EngineSnapshot.of(docker);
    List<String> held = plugin.held();
    plugin.failNext("IpamDriver.RequestAddress", Fault.ERROR);
    assertThatThrownBy(() -> docker.createNetwork(NetworkSpec.builder().name("fk2").driver("fake").ipamDriver("fake")
        .build())).isExactlyInstanceOf(SystemException.class)
        .hasMessage("failed to allocate gateway (): remote: injected failure");
    assertThat(EngineSnapshot.of(docker)).isEqualTo(before);
    assertThat(plugin.held()).isEqualTo(held);
    assertThat(plugin.calls()).endsWith("IpamDriver.RequestAddress", "IpamDriver.ReleasePool");
  }

  @Test
  void an_ipam_error_answer_to_an_endpoints_address_fails_the_start_and_changes_nothing() {
    plugin.failNext("IpamDriver.RequestAddress", Fault.ERROR);
    plugin.clearCalls();
    runFailsAndChangesNothing(web(), "failed to set up container networking: remote: injected failure");
    assertThat(plugin.calls()).containsExactly("IpamDriver.RequestAddress");
  }

  @Test
  void a_malformed_ipam_answer_fails_with_gos_decoding_error_and_changes_nothing() {
    plugin.failNext("IpamDriver.RequestAddress", Fault.MALFORMED);
    runFailsAndChangesNothing(web(), "failed to set up container networking: invalid character 'n' looking for "
        + "beginning of value");
  }
}
