package dev.cnm.dockerapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.cnm.api.Engine;
import dev.cnm.core.Cnm;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docker-java's two-step exec (create, start, inspect) with its events, and the gaps of issue 16
 * that real clients hit: hostnames of shared and host namespaces, host mode's ports, link-local
 * addresses, escaped network names, and the upgrade reply before a hijacked stream's output.
 */
class DockerJavaExecAndGapsTest {
  private Engine engine;
  private DockerApiServer server;
  private DockerClient docker;

  @BeforeEach
  void start() {
    engine = Cnm.builder().seed(16).hostName("dockerhost").build();
    server = DockerApiServer.builder()
        .engine(engine)
        .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .build()
        .start();
    String tcp = "tcp://127.0.0.1:" + server.address().getPort();
    DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
        .withDockerHost(tcp).withDockerTlsVerify(false).withApiVersion("1.47").build();
    docker = DockerClientImpl.getInstance(config,
        new ZerodepDockerHttpClient.Builder().dockerHost(URI.create(tcp)).build());
  }

  @AfterEach
  void stop() throws Exception {
    docker.close();
    server.close();
  }

  private String exec(String container, String execId) throws InterruptedException {
    List<Frame> frames = new CopyOnWriteArrayList<>();
    docker.execStartCmd(execId).exec(new ResultCallback.Adapter<Frame>() {
      @Override
      public void onNext(Frame f) {
        frames.add(f);
      }
    }).awaitCompletion(10, TimeUnit.SECONDS);
    return frames.stream().map(f -> new String(f.getPayload(), StandardCharsets.UTF_8)).collect(Collectors.joining());
  }

  @Test
  void exec_runs_in_two_steps_with_its_env_working_dir_and_user_and_events_name_the_clients_exec_id()
      throws Exception {
    String id = docker.createContainerCmd("alpine").withName("box").withTty(true).withEnv("A=1", "B=2").exec().getId();
    docker.startContainerCmd(id).exec();
    String execId = docker.execCreateCmd(id).withCmd("sh", "-c", "echo $A $B $C; pwd; whoami")
        .withEnv(List.of("B=two", "C=3")).withWorkingDir("/srv").withUser("nobody")
        .withAttachStdout(true).withAttachStderr(true).exec().getId();
    List<String> created = engine.events(dev.cnm.api.event.EventQuery.all()).stream()
        .filter(e -> e.action().startsWith("exec_")).map(e -> e.action() + " " + e.attribute("execID")).toList();
    assertThat(created).containsExactly("exec_create: sh -c echo $A $B $C; pwd; whoami " + execId);
    InspectExecResponse before = docker.inspectExecCmd(execId).exec();
    assertThat(before.isRunning()).isFalse();
    assertThat(before.getExitCodeLong()).isNull();

    assertThat(exec(id, execId)).isEqualTo("1 two 3\n/srv\nnobody\n");
    List<String> all = engine.events(dev.cnm.api.event.EventQuery.all()).stream()
        .filter(e -> e.action().startsWith("exec_")).map(e -> e.baseAction() + " " + e.attribute("execID")).toList();
    assertThat(all).containsExactly("exec_create " + execId, "exec_start " + execId, "exec_die " + execId);
    InspectExecResponse after = docker.inspectExecCmd(execId).exec();
    assertThat(after.getExitCodeLong()).isZero();
    assertThat(after.isRunning()).isFalse();
    assertThat(after.getProcessConfig().getUser()).isEqualTo("nobody");

    // without -e -w -u: the container's own
    String plain = docker.execCreateCmd(id).withCmd("sh", "-c", "echo $B; pwd; whoami").withAttachStdout(true)
        .exec().getId();
    assertThat(exec(id, plain)).isEqualTo("2\n/\nroot\n");
  }

  @Test
  void a_container_sharing_anothers_namespace_takes_its_hostname_and_host_mode_the_hosts() {
    String target = docker.createContainerCmd("alpine").withName("target").withTty(true).exec().getId();
    docker.startContainerCmd(target).exec();
    String targetHost = docker.inspectContainerCmd(target).exec().getConfig().getHostName();
    String side = docker.createContainerCmd("alpine").withName("side").withTty(true)
        .withHostConfig(HostConfig.newHostConfig().withNetworkMode("container:target")).exec().getId();
    docker.startContainerCmd(side).exec();
    assertThat(docker.inspectContainerCmd(side).exec().getConfig().getHostName()).isEqualTo(targetHost);

    // nginx exposes 80/tcp, which a bridge container lists in Ports and a host-mode one does not
    String host = docker.createContainerCmd("nginx").withName("onhost")
        .withHostConfig(HostConfig.newHostConfig().withNetworkMode("host")).exec().getId();
    docker.startContainerCmd(host).exec();
    InspectContainerResponse h = docker.inspectContainerCmd(host).exec();
    assertThat(h.getConfig().getHostName()).isEqualTo("dockerhost");
    assertThat(engine.exec(host, List.of("hostname")).stdout()).isEqualTo("dockerhost\n");
    assertThat(dev.cnm.core.json.DockerJson.container(engine.container(host)).path("NetworkSettings").path("Ports")
        .toString()).isEqualTo("{}");
  }

  @Test
  void link_local_ips_are_kept_and_escaped_network_names_are_found() throws Exception {
    docker.createNetworkCmd().withName("my net").exec();
    assertThat(docker.inspectNetworkCmd().withNetworkId("my net").exec().getName()).isEqualTo("my net");
    String id = docker.createContainerCmd("alpine").withName("ll").withTty(true).exec().getId();
    // docker-java's Ipam has no LinkLocalIPs: the connect goes by hand, to the escaped name
    java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
        .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
    String body = "{\"Container\":\"ll\",\"EndpointConfig\":{\"IPAMConfig\":{\"LinkLocalIPs\":[\"169.254.1.7\"]}}}";
    java.net.http.HttpResponse<String> r = http.send(java.net.http.HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.address().getPort() + "/v1.47/networks/my%20net/connect"))
        .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    docker.startContainerCmd(id).exec();
    r = http.send(java.net.http.HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.address().getPort() + "/v1.47/containers/ll/json")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    com.fasterxml.jackson.databind.JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body())
        .path("NetworkSettings").path("Networks").path("my net");
    assertThat(n.path("IPAMConfig").path("LinkLocalIPs").toString()).isEqualTo("[\"169.254.1.7\"]");
  }

  @Test
  void the_upgrade_reply_is_flushed_before_the_exec_output() throws Exception {
    String id = docker.createContainerCmd("alpine").withName("box").withTty(true).exec().getId();
    docker.startContainerCmd(id).exec();
    String execId = docker.execCreateCmd(id).withCmd("echo", "hi").withAttachStdout(true).exec().getId();
    try (Socket s = new Socket("127.0.0.1", server.address().getPort())) {
      byte[] body = "{\"Detach\":false,\"Tty\":false}".getBytes(StandardCharsets.UTF_8);
      OutputStream out = s.getOutputStream();
      out.write(("POST /v1.47/exec/" + execId + "/start HTTP/1.1\r\nHost: docker\r\nConnection: Upgrade\r\n"
          + "Upgrade: tcp\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
          .getBytes(StandardCharsets.UTF_8));
      out.write(body);
      out.flush();
      InputStream in = s.getInputStream();
      // a client a little slow to read: the headers are there for a while before it looks
      while (in.available() == 0) {
        Thread.sleep(1);
      }
      Thread.sleep(20);
      // as docker-py does: the headers through a buffered reader, then the stream from the socket
      java.io.BufferedReader headers = new java.io.BufferedReader(
          new java.io.InputStreamReader(in, StandardCharsets.ISO_8859_1), 8192);
      List<String> head = new java.util.ArrayList<>();
      for (String line = headers.readLine(); line != null && !line.isEmpty(); line = headers.readLine()) {
        head.add(line);
      }
      assertThat(head.get(0)).isEqualTo("HTTP/1.1 101 UPGRADED");
      assertThat(head).contains("Upgrade: tcp");
      String rest = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      assertThat(rest).isEqualTo("\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0003hi\n");
    }
  }

  @Test
  void container_events_carry_image_name_and_labels_and_network_connects_the_container() throws Exception {
    String id = docker.createContainerCmd("alpine").withName("labelled").withTty(true)
        .withLabels(java.util.Map.of("tier", "web")).exec().getId();
    docker.startContainerCmd(id).exec();
    List<dev.cnm.api.event.Event> events = engine.events(dev.cnm.api.event.EventQuery.all());
    dev.cnm.api.event.Event start = events.stream().filter(e -> e.action().equals("start")).findFirst().orElseThrow();
    assertThat(start.attributes()).containsEntry("image", "alpine").containsEntry("name", "labelled")
        .containsEntry("tier", "web");
    dev.cnm.api.event.Event connect = events.stream().filter(e -> e.action().equals("connect")).findFirst()
        .orElseThrow();
    assertThat(connect.attributes()).containsEntry("container", id).containsEntry("name", "bridge")
        .containsEntry("type", "bridge");
  }
}
