package dev.cnm.dockerapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Link;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.cnm.core.Cnm;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** docker-java, a client library nobody here wrote, against the server. */
class DockerJavaTest {
  private DockerApiServer server;
  private DockerClient docker;

  @BeforeEach
  void start() {
    server = DockerApiServer.builder()
        .engine(Cnm.builder().seed(5).build())
        .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .build()
        .start();
    String host = "tcp://127.0.0.1:" + server.address().getPort();
    DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
        .withDockerHost(host)
        .withDockerTlsVerify(false)
        .withApiVersion("1.44")
        .build();
    docker = DockerClientImpl.getInstance(config,
        new ZerodepDockerHttpClient.Builder().dockerHost(URI.create(host)).build());
  }

  @AfterEach
  void stop() throws Exception {
    docker.close();
    server.close();
  }

  @Test
  void networks_and_containers_with_aliases_ports_and_links() {
    docker.pingCmd().exec();
    String dev = docker.createNetworkCmd().withName("dev").withDriver("bridge").exec().getId();
    assertThat(docker.listNetworksCmd().exec()).extracting(Network::getName)
        .containsExactlyInAnyOrder("bridge", "host", "none", "dev");
    assertThat(docker.inspectNetworkCmd().withNetworkId("dev").exec().getId()).isEqualTo(dev);

    CreateContainerResponse search = docker.createContainerCmd("elasticsearch")
        .withName("search")
        .withExposedPorts(ExposedPort.tcp(9200))
        .withHostConfig(HostConfig.newHostConfig()
            .withNetworkMode("dev")
            .withPortBindings(new PortBinding(Ports.Binding.bindPort(9200), ExposedPort.tcp(9200))))
        .withAliases("es")
        .exec();
    docker.startContainerCmd(search.getId()).exec();
    InspectContainerResponse inspect = docker.inspectContainerCmd("search").exec();
    assertThat(inspect.getState().getRunning()).isTrue();
    ContainerNetwork net = inspect.getNetworkSettings().getNetworks().get("dev");
    assertThat(net.getAliases()).contains("es");
    assertThat(net.getIpAddress()).isNotEmpty();
    Ports.Binding[] bound = inspect.getNetworkSettings().getPorts().getBindings().get(ExposedPort.tcp(9200));
    assertThat(bound).extracting(Ports.Binding::getHostPortSpec).contains("9200");

    // a legacy link on the default bridge
    CreateContainerResponse db = docker.createContainerCmd("redis").withName("db").exec();
    docker.startContainerCmd(db.getId()).exec();
    CreateContainerResponse app = docker.createContainerCmd("alpine").withName("app")
        .withCmd("sleep", "1000")
        .withHostConfig(HostConfig.newHostConfig().withLinks(new Link("db", "redis")))
        .exec();
    docker.startContainerCmd(app.getId()).exec();
    assertThat(docker.inspectContainerCmd("app").exec().getHostConfig().getLinks())
        .extracting(Link::getName, Link::getAlias)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("db", "redis"));

    docker.connectToNetworkCmd().withNetworkId("dev").withContainerId("app").exec();
    assertThat(docker.inspectContainerCmd("app").exec().getNetworkSettings().getNetworks()).containsKeys("bridge", "dev");
    assertThat(docker.listContainersCmd().withNetworkFilter(List.of("dev")).exec())
        .extracting(c -> c.getNames()[0]).containsExactlyInAnyOrder("/search", "/app");

    docker.renameContainerCmd("search").withName("found").exec();
    assertThat(docker.inspectContainerCmd("found").exec().getId()).isEqualTo(search.getId());
    assertThatThrownBy(() -> docker.removeContainerCmd("found").exec()).isInstanceOf(ConflictException.class)
        .hasMessageContaining("container is running: stop the container before removing or force remove");
    docker.removeContainerCmd("found").withForce(true).exec();
    assertThatThrownBy(() -> docker.inspectContainerCmd("found").exec()).isInstanceOf(NotFoundException.class)
        .hasMessageContaining("No such container: found");
    docker.disconnectFromNetworkCmd().withNetworkId("dev").withContainerId("app").exec();
    docker.removeNetworkCmd("dev").exec();
    assertThatThrownBy(() -> docker.inspectNetworkCmd().withNetworkId("dev").exec())
        .isInstanceOf(NotFoundException.class).hasMessageContaining("network dev not found");
  }

  @Test
  void exec_runs_a_command_and_reports_its_exit_code() throws Exception {
    CreateContainerResponse c = docker.createContainerCmd("alpine").withName("c1").withCmd("sleep", "1000").exec();
    docker.startContainerCmd(c.getId()).exec();
    String exec = docker.execCreateCmd("c1").withCmd("echo", "hello").withAttachStdout(true).withAttachStderr(true)
        .exec().getId();
    StringBuilder out = new StringBuilder();
    docker.execStartCmd(exec).exec(new ResultCallback.Adapter<Frame>() {
      @Override
      public void onNext(Frame frame) {
        out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
      }
    }).awaitCompletion(20, TimeUnit.SECONDS);
    assertThat(out.toString()).isEqualTo("hello\n");
    assertThat(docker.inspectExecCmd(exec).exec().getExitCodeLong()).isZero();
  }
}
