package dev.cnm.dockerapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cnm.api.Engine;
import dev.cnm.core.Cnm;
import dev.cnm.core.ipam.DefaultAddressPool;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Docker Engine 25–28's address and namespace rules through the Engine API. */
class Engine28RulesHttpTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private Engine engine;
  private DockerApiServer server;
  private String base;

  @BeforeEach
  void start() {
    engine = Cnm.builder().seed(1).build();
    server = DockerApiServer.builder()
        .engine(engine)
        .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .build()
        .start();
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

  private static JsonNode json(HttpResponse<String> r) throws IOException {
    return JSON.readTree(r.body());
  }

  private static String message(HttpResponse<String> r) throws IOException {
    return json(r).get("message").asText();
  }

  private HttpResponse<String> createOn(String name, String network, String ip) throws Exception {
    return send("POST", "/v1.50/containers/create?name=" + name, "{\"Image\":\"nginx\",\"HostConfig\":{\"NetworkMode\":\""
        + network + "\"},\"NetworkingConfig\":{\"EndpointsConfig\":{\"" + network + "\":{\"IPAMConfig\":{\"IPv4Address\":\""
        + ip + "\"}}}}}");
  }

  @Test
  void static_ip_on_a_network_without_a_user_subnet_is_a_400_and_creates_nothing() throws Exception {
    assertThat(send("POST", "/v1.50/networks/create", "{\"Name\":\"dev\"}").statusCode()).isEqualTo(201);

    HttpResponse<String> r = createOn("web", "dev", "172.18.0.5");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(message(r)).isEqualTo("invalid config for network dev: invalid endpoint settings:\n"
        + "user specified IP address is supported only when connecting to networks with user configured subnets");
    assertThat(engine.containers()).isEmpty();
  }

  @Test
  void static_ip_outside_every_subnet_is_a_400_at_create_and_at_connect() throws Exception {
    send("POST", "/v1.50/networks/create", "{\"Name\":\"dev\",\"IPAM\":{\"Config\":[{\"Subnet\":\"10.9.0.0/24\"}]}}");

    HttpResponse<String> r = createOn("web", "dev", "10.8.0.5");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(message(r)).isEqualTo("invalid config for network dev: invalid endpoint settings:\n"
        + "no configured subnet or ip-range contain the IP address 10.8.0.5");
    assertThat(engine.containers()).isEmpty();

    assertThat(send("POST", "/v1.50/containers/create?name=web", "{\"Image\":\"nginx\"}").statusCode()).isEqualTo(201);
    HttpResponse<String> c = send("POST", "/v1.50/networks/dev/connect",
        "{\"Container\":\"web\",\"EndpointConfig\":{\"IPAMConfig\":{\"IPv4Address\":\"10.8.0.5\"}}}");
    assertThat(c.statusCode()).isEqualTo(400);
    assertThat(message(c)).isEqualTo("invalid endpoint settings:\n"
        + "no configured subnet or ip-range contain the IP address 10.8.0.5");
  }

  @Test
  void network_create_with_ipv6_and_no_subnet_gets_the_hosts_ula_slash64() throws Exception {
    HttpResponse<String> created = send("POST", "/v1.50/networks/create", "{\"Name\":\"v6\",\"EnableIPv6\":true}");
    assertThat(created.statusCode()).isEqualTo(201);

    JsonNode inspect = json(send("GET", "/v1.50/networks/v6", null));

    String ula = DefaultAddressPool.derivedUla("localhost").base().network() + "/64";
    assertThat(inspect.at("/EnableIPv6").asBoolean()).isTrue();
    assertThat(inspect.at("/IPAM/Config/1/Subnet").asText()).isEqualTo(ula);
  }

  @Test
  void starting_in_the_namespace_of_a_stopped_container_is_a_409_with_engine_28s_message() throws Exception {
    send("POST", "/v1.50/containers/create?name=vpn", "{\"Image\":\"nginx\"}");
    send("POST", "/v1.50/containers/create?name=app", "{\"Image\":\"alpine\",\"HostConfig\":{\"NetworkMode\":\"container:vpn\"}}");

    HttpResponse<String> r = send("POST", "/v1.50/containers/app/start", null);

    assertThat(r.statusCode()).isEqualTo(409);
    assertThat(message(r)).isEqualTo("cannot join network namespace of a non running container: container vpn is created");
  }
}
