package dev.cnm.testkit.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cnm.plugins.PluginAddress;
import dev.cnm.plugins.PluginCall;
import dev.cnm.testkit.plugins.PluginProbe;
import dev.cnm.testkit.plugins.ProbeReport;
import dev.cnm.testkit.plugins.ProbeStep;
import dev.cnm.testkit.remote.FakePlugin.Fault;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Docker's call sequence run against a plugin server, and the report of every call it made. */
class PluginProbeTest {
  private FakePlugin plugin;

  @BeforeEach
  void start() throws IOException {
    plugin = FakePlugin.start(Files.createTempDirectory("cnmp").resolve("fake.sock"), "NetworkDriver", "IpamDriver");
  }

  @AfterEach
  void stop() throws IOException {
    plugin.close();
  }

  private ProbeReport probe() {
    return PluginProbe.run("fake", PluginAddress.parse(plugin.address()), Duration.ofMillis(800), Duration.ZERO);
  }

  @Test
  void a_good_plugin_goes_through_dockers_whole_sequence() {
    ProbeReport report = probe();
    assertThat(report.succeeded()).isTrue();
    assertThat(report.steps()).extracting(ProbeStep::command).containsExactly(
        "activate plugin fake (Docker does this when a network first names it)",
        "docker network create -d fake --ipam-driver fake probe-net",
        "docker run -d --name probe-1 --network probe-net -p 8080:80 nginx",
        "docker inspect probe-1 (EndpointOperInfo)",
        "a node joins the cluster (DiscoverNew)",
        "the node leaves the cluster (DiscoverDelete)",
        "a swarm manager allocates and frees a network (AllocateNetwork, FreeNetwork)",
        "docker stop probe-1", "docker rm probe-1", "docker network rm probe-net");
    assertThat(report.steps().get(2).calls()).extracting(PluginCall::method).containsExactly(
        "IpamDriver.RequestAddress", "NetworkDriver.CreateEndpoint", "NetworkDriver.Join",
        "NetworkDriver.ProgramExternalConnectivity");
    assertThat(report.steps().get(2).outcome()).isEqualTo("probe-1 running: eth0 10.77.0.2/24, MAC 02:fa:00:00:00:01, "
        + "gateway 10.77.0.1");
    assertThat(report.steps().get(3).calls()).as("inspect uses the engine's own driver: no second registration")
        .extracting(PluginCall::method).containsExactly("NetworkDriver.EndpointOperInfo");
    assertThat(report.steps().get(3).outcome()).isEqualTo("the plugin reports {fake=true}");
    assertThat(report.steps().get(7).calls()).extracting(PluginCall::method).containsExactly(
        "NetworkDriver.RevokeExternalConnectivity", "NetworkDriver.Leave", "NetworkDriver.DeleteEndpoint",
        "IpamDriver.ReleaseAddress");
    String text = report.render();
    assertThat(text).contains("$ docker network create -d fake --ipam-driver fake probe-net\n")
        .contains("  POST /NetworkDriver.Join -> 200 (")
        .contains("    sent:     {\"NetworkID\":\"")
        .contains("    received: {\"InterfaceName\":{\"SrcName\":\"fk")
        .contains("    Docker:   Docker moves fk")
        .endsWith("All steps went as Docker needs them to.\n");
    assertThat(plugin.held()).isEmpty();
  }

  @Test
  void a_failing_join_is_reported_with_dockers_error_and_the_undo_calls() {
    plugin.failNext("NetworkDriver.Join", Fault.ERROR);
    ProbeReport report = probe();
    assertThat(report.succeeded()).isFalse();
    ProbeStep run = report.steps().get(2);
    assertThat(run.succeeded()).isFalse();
    assertThat(run.outcome()).isEqualTo("Error response from daemon: failed to set up container networking: "
        + "remote: injected failure");
    assertThat(run.calls()).extracting(PluginCall::method).containsExactly("IpamDriver.RequestAddress",
        "NetworkDriver.CreateEndpoint", "NetworkDriver.Join", "NetworkDriver.DeleteEndpoint",
        "IpamDriver.ReleaseAddress");
    assertThat(run.calls().get(2).verdict()).isEqualTo("Docker fails the container's start with \"remote: injected "
        + "failure\" and deletes the endpoint");
    assertThat(report.steps().stream().map(ProbeStep::command).collect(Collectors.toList()))
        .endsWith("docker rm probe-1", "docker network rm probe-net");
    assertThat(report.render()).contains("  => FAILED: Error response from daemon: failed to set up container "
        + "networking: remote: injected failure\n").endsWith("Some steps failed.\n");
    assertThat(plugin.held()).isEmpty();
  }

  @Test
  void a_dead_plugin_fails_at_activation() throws IOException {
    plugin.close();
    ProbeReport report = probe();
    assertThat(report.steps()).hasSize(1);
    assertThat(report.steps().get(0).outcome()).isEqualTo("Error response from daemon: legacy plugin: "
        + "Post \"http://plugin.moby.localhost/Plugin.Activate\": dial unix " + plugin.socket()
        + ": connect: no such file or directory");
    assertThat(report.render()).contains("  POST /Plugin.Activate -> no answer: dial unix ");
  }

  @Test
  void a_join_answered_too_late_or_not_in_json_is_reported_with_dockers_error() {
    plugin.failNext("NetworkDriver.Join", Fault.HANG);
    ProbeStep late = probe().steps().get(2);
    assertThat(late.succeeded()).isFalse();
    assertThat(late.outcome()).isEqualTo("Error response from daemon: failed to set up container networking: "
        + "Post \"http://plugin.moby.localhost/NetworkDriver.Join\": context deadline exceeded "
        + "(Client.Timeout exceeded while awaiting headers)");
    assertThat(late.calls()).extracting(PluginCall::method).contains("NetworkDriver.DeleteEndpoint");

    plugin.failNext("NetworkDriver.Join", Fault.MALFORMED);
    ProbeReport report = probe();
    assertThat(report.steps().get(2).outcome()).isEqualTo("Error response from daemon: failed to set up container "
        + "networking: invalid character 'n' looking for beginning of value");
    assertThat(report.render()).endsWith("Some steps failed.\n");
    assertThat(plugin.held()).as("each probe undid what it did").isEmpty();
  }

  @Test
  void a_plugin_that_dies_during_the_join_fails_the_probe() {
    plugin.failNext("NetworkDriver.Join", Fault.DIE);
    ProbeReport report = probe();
    assertThat(report.succeeded()).isFalse();
    assertThat(report.steps().get(2).outcome()).isEqualTo("Error response from daemon: failed to set up container "
        + "networking: Post \"http://plugin.moby.localhost/NetworkDriver.Join\": EOF");
    assertThat(report.render()).contains("dial unix " + plugin.socket() + ": connect: no such file or directory")
        .endsWith("Some steps failed.\n");
  }
}
