package dev.cnm.testkit.docker;

import static dev.cnm.testkit.assertions.CnmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import dev.cnm.api.Engine;
import dev.cnm.core.Cnm;
import dev.cnm.testkit.docker.DockerEndpoint.Kind;
import dev.cnm.testkit.docker.DockerEndpoint.Transport;
import dev.cnm.testkit.events.RecordingEngine;
import dev.cnm.testkit.junit.CnmTest;
import dev.cnm.testkit.junit.DockerEndpointKind;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * The Docker endpoint: docker-java's two transports over TCP and a Unix socket, outside the
 * extension and injected by it, one endpoint per test over the test's engine, closed after it.
 */
class DockerEndpointTest {

  static List<Arguments> kindsAndTransports() {
    List<Arguments> all = new ArrayList<>();
    for (Kind k : Kind.values()) {
      for (Transport t : Transport.values()) {
        all.add(Arguments.of(k, t));
      }
    }
    return all;
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("kindsAndTransports")
  void docker_java_drives_the_engine_over_each_kind_and_transport(Kind kind, Transport transport) {
    Engine engine = Cnm.builder().seed(3).build();
    Path socketDir;
    try (DockerEndpoint endpoint = DockerEndpoint.start(engine, kind)) {
      DockerClient docker = endpoint.newDockerClient(transport);
      assertThat(endpoint.dockerHost()).startsWith(kind == Kind.TCP ? "tcp://127.0.0.1:" : "unix:///");
      socketDir = kind == Kind.UNIX_SOCKET ? Path.of(endpoint.uri().getPath()).getParent() : null;

      docker.pingCmd().exec();
      assertThat(docker.versionCmd().exec().getApiVersion()).isEqualTo(endpoint.apiVersion());
      docker.createNetworkCmd().withName("backend").withDriver("bridge").exec();
      CreateContainerResponse web = docker.createContainerCmd("nginx").withName("web")
          .withExposedPorts(ExposedPort.tcp(80))
          .withHostConfig(HostConfig.newHostConfig().withNetworkMode("backend")
              .withPortBindings(new PortBinding(Ports.Binding.bindPort(8080), ExposedPort.tcp(80))))
          .exec();
      docker.startContainerCmd(web.getId()).exec();

      assertThat(engine).hasContainer("web").isRunning().publishes(80).on(8080)
          .isConnectedTo("backend").hasAddress("172.18.0.2");
      assertThat(docker.inspectContainerCmd("web").exec().getState().getRunning()).isTrue();

      docker.removeContainerCmd("web").withForce(true).exec();
      assertThat(engine.containers()).isEmpty();
    }
    assertThat(socketDir == null || !Files.exists(socketDir)).as("the socket's directory is deleted").isTrue();
  }

  @Test
  void outside_the_extension_one_call_gives_an_endpoint_and_its_client() {
    Engine engine = Cnm.builder().seed(7).build();
    try (DockerEndpoint docker = DockerEndpoint.start(engine)) {
      docker.dockerClient().createNetworkCmd().withName("dev").exec();

      assertThat(engine).hasNetwork("dev").hasSubnet("172.18.0.0/16");
    }
  }

  @Test
  void a_closed_endpoint_stops_listening_and_refuses_new_clients() {
    DockerEndpoint endpoint = DockerEndpoint.start(Cnm.builder().seed(1).build());
    int port = endpoint.uri().getPort();
    endpoint.dockerClient().pingCmd().exec();
    endpoint.close();
    endpoint.close(); // idempotent

    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(IOException.class);
    assertThatThrownBy(endpoint::dockerClient).isInstanceOf(IllegalStateException.class)
        .hasMessage("the endpoint " + endpoint.uri() + " is closed");
  }

  @CnmTest
  void the_injected_client_and_endpoint_serve_the_injected_engine(Engine engine, DockerClient docker,
      DockerEndpoint endpoint, RecordingEngine recording) {
    docker.createNetworkCmd().withName("dev").exec();

    assertThat(engine).hasNetwork("dev");
    assertThat(endpoint.engine()).isSameAs(engine);
    assertThat(endpoint.dockerClient()).isSameAs(docker);
    assertThat(endpoint.kind()).isEqualTo(Kind.TCP);
    assertThat(recording.events()).anyMatch(e -> e.type().equals("network") && e.action().equals("create"));
  }

  @CnmTest
  @DockerEndpointKind(Kind.UNIX_SOCKET)
  void the_injected_endpoint_listens_on_a_unix_socket_when_asked(DockerEndpoint endpoint, DockerClient docker) {
    assertThat(endpoint.dockerHost()).startsWith("unix:///").endsWith("/docker.sock");
    assertThat(Path.of(endpoint.uri().getPath())).exists();
    assertThat(docker.listNetworksCmd().exec()).hasSize(3);
  }

  /** Whether the launcher below runs {@link PerTest} (surefire skips nested classes). */
  static volatile boolean launched;

  /** Run only through the launcher below: two tests, each keeping what it was given. */
  static class PerTest {
    static final List<DockerEndpoint> ENDPOINTS = new ArrayList<>();

    @CnmTest
    void first(DockerEndpoint endpoint, DockerClient docker) {
      assumeThat(launched).isTrue();
      docker.createNetworkCmd().withName("only-in-first").exec();
      ENDPOINTS.add(endpoint);
    }

    @CnmTest
    void second(DockerEndpoint endpoint, DockerClient docker) {
      assumeThat(launched).isTrue();
      ENDPOINTS.add(endpoint);
    }
  }

  @Test
  void each_test_gets_its_own_endpoint_and_engine_closed_after_it() {
    PerTest.ENDPOINTS.clear();
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    launched = true;
    try {
      LauncherFactory.create().execute(
          LauncherDiscoveryRequestBuilder.request().selectors(selectClass(PerTest.class)).build(), summary);
    } finally {
      launched = false;
    }

    assertThat(summary.getSummary().getTestsSucceededCount()).isEqualTo(2);
    assertThat(PerTest.ENDPOINTS).hasSize(2);
    DockerEndpoint a = PerTest.ENDPOINTS.get(0);
    DockerEndpoint b = PerTest.ENDPOINTS.get(1);
    assertThat(a.engine()).isNotSameAs(b.engine());
    assertThat(a.uri()).isNotEqualTo(b.uri());
    assertThat(a.engine().networks().size() + b.engine().networks().size()).isEqualTo(7);
    for (DockerEndpoint e : PerTest.ENDPOINTS) {
      assertThatThrownBy(e::dockerClient).isInstanceOf(IllegalStateException.class).hasMessageEndingWith("is closed");
    }
  }
}
