package dev.cnm.dockerapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cnm.api.Engine;
import dev.cnm.core.Cnm;
import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The macvlan and ipvlan drivers and the plugin listing through the Docker Engine API: Docker's
 * status and message for a missing parent, the parent in the network's {@code Options}, {@code
 * GET /plugins} (managed plugins only: none) and the drivers {@code GET /info} reports; and, when
 * the docker CLI is on the PATH, the same error through it.
 */
class DriversApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private Engine engine;
  private DockerApiServer server;
  private String base;
  @TempDir Path config;

  @BeforeEach
  void start() {
    engine = Cnm.builder().seed(2).build();
    server = DockerApiServer.builder().engine(engine)
        .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).build().start();
    base = "http://127.0.0.1:" + server.address().getPort();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void a_missing_macvlan_parent_is_dockers_500_with_its_message() throws Exception {
    HttpResponse<String> r = send("POST", "/v1.50/networks/create",
        "{\"Name\":\"lan\",\"Driver\":\"macvlan\",\"Options\":{\"parent\":\"nonexistent\"}}");
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body()).isEqualTo("{\"message\":\"invalid subinterface vlan name nonexistent, example formatting is "
        + "eth0.10\"}\n");
    assertThat(send("GET", "/v1.50/networks/lan", null).statusCode()).isEqualTo(404);
  }

  @Test
  void a_macvlan_network_shows_its_parent_in_options_and_ipvlan_refuses_a_second_on_it() throws Exception {
    HttpResponse<String> created = send("POST", "/v1.50/networks/create",
        "{\"Name\":\"lan\",\"Driver\":\"macvlan\",\"Options\":{\"parent\":\"eth0.10\"},"
            + "\"IPAM\":{\"Config\":[{\"Subnet\":\"10.10.0.0/24\"}]}}");
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode n = JSON.readTree(send("GET", "/v1.50/networks/lan", null).body());
    assertThat(n.get("Driver").asText()).isEqualTo("macvlan");
    assertThat(n.get("Scope").asText()).isEqualTo("local");
    assertThat(n.get("Options").toString()).isEqualTo("{\"parent\":\"eth0.10\"}");
    JsonNode ipv = JSON.readTree(send("POST", "/v1.50/networks/create",
        "{\"Name\":\"ipv\",\"Driver\":\"ipvlan\",\"Options\":{\"parent\":\"eth0\"}}").body());
    HttpResponse<String> second = send("POST", "/v1.50/networks/create",
        "{\"Name\":\"ipv2\",\"Driver\":\"ipvlan\",\"Options\":{\"parent\":\"eth0\"}}");
    assertThat(second.statusCode()).isEqualTo(500);
    assertThat(JSON.readTree(second.body()).get("message").asText()).isEqualTo("network di-"
        + ipv.get("Id").asText().substring(0, 12) + " is already using parent interface eth0");
  }

  @Test
  void plugins_lists_managed_plugins_only_and_info_the_drivers() throws Exception {
    HttpResponse<String> plugins = send("GET", "/v1.50/plugins", null);
    assertThat(plugins.statusCode()).isEqualTo(200);
    assertThat(plugins.body().strip()).isEqualTo("[]");
    JsonNode info = JSON.readTree(send("GET", "/v1.50/info", null).body());
    assertThat(info.at("/Plugins/Network").toString())
        .isEqualTo("[\"bridge\",\"host\",\"ipvlan\",\"macvlan\",\"null\",\"overlay\"]");
  }

  @Test
  void the_docker_cli_prints_the_same_error() throws Exception {
    String path = System.getenv("PATH");
    Path docker = path == null ? null : Arrays.stream(path.split(File.pathSeparator)).map(d -> Path.of(d, "docker"))
        .filter(Files::isExecutable).findFirst().orElse(null);
    assumeTrue(docker != null, "the docker CLI is not on the PATH");
    ProcessBuilder pb = new ProcessBuilder(List.of(docker.toString(), "network", "create", "-d", "macvlan", "-o",
        "parent=nonexistent", "lan"));
    pb.environment().put("DOCKER_HOST", "tcp://127.0.0.1:" + server.address().getPort());
    pb.environment().put("DOCKER_CONFIG", config.toString());
    pb.redirectErrorStream(true);
    Process p = pb.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(output).isEqualTo("Error response from daemon: invalid subinterface vlan name nonexistent, example "
        + "formatting is eth0.10\n");
    assertThat(p.exitValue()).isEqualTo(1);
  }
}
