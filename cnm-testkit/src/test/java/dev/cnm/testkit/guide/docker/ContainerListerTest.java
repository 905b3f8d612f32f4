package dev.cnm.testkit.guide.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cnm.api.ContainerSpec;
import dev.cnm.api.Engine;
import dev.cnm.testkit.docker.DockerEndpoint;
import dev.cnm.testkit.junit.CnmTest;
import dev.cnm.testkit.junit.DockerEndpointKind;
import java.util.Map;

/** docs/TESTING.md, section 11: code that reads DOCKER_HOST, over a port and over a socket. */
class ContainerListerTest {
  @CnmTest
  void code_that_reads_docker_host_sees_the_engines_containers(Engine engine, DockerEndpoint endpoint) throws Exception {
    engine.run(ContainerSpec.builder().image("nginx").name("web").build());
    engine.createContainer(ContainerSpec.builder().image("redis").name("cache").build());

    ContainerLister lister = new ContainerLister(Map.of("DOCKER_HOST", endpoint.dockerHost()));

    assertThat(lister.runningContainers()).containsExactly("web");
  }

  @CnmTest
  @DockerEndpointKind(DockerEndpoint.Kind.UNIX_SOCKET)
  void over_a_unix_socket_too(Engine engine, DockerEndpoint endpoint) throws Exception {
    engine.run(ContainerSpec.builder().image("nginx").name("web").build());

    assertThat(endpoint.dockerHost()).startsWith("unix:///");
    assertThat(new ContainerLister(Map.of("DOCKER_HOST", endpoint.dockerHost())).runningContainers())
        .containsExactly("web");
  }
}
