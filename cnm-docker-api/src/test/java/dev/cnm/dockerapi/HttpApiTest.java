package dev.cnm.dockerapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cnm.api.Engine;
import dev.cnm.core.Cnm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final AtomicInteger mutations = new AtomicInteger();
  private Engine engine;
  private DockerApiServer server;
  private String base;

  @BeforeEach
  void start() {
    engine = Cnm.builder().seed(1).build();
    server = DockerApiServer.builder()
        .engine(engine)
        .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .onMutation(mutations::incrementAndGet)
        .maxRequestBytes(64 * 1024)
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

  @Test
  void ping_answers_head_and_get_with_the_api_version() throws Exception {
    HttpResponse<String> head = send("HEAD", "/_ping", null);
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("Api-Version")).hasValue("1.50");
    assertThat(head.headers().firstValue("Ostype")).hasValue("linux");
    HttpResponse<String> get = send("GET", "/_ping", null);
    assertThat(get.body()).isEqualTo("OK");
    assertThat(json(send("GET", "/v1.50/version", null)).get("ApiVersion").asText()).isEqualTo("1.50");
    assertThat(json(send("GET", "/info", null)).at("/Swarm/LocalNodeState").asText()).isEqualTo("inactive");
  }

  /**
   * Docker's {@code Info.Name} is the daemon host's name, which a host-mode container takes as its
   * own. The mistake this catches: {@code Name} said "cnm" while the engine's host was {@code localhost}.
   */
  @Test
  void info_names_the_engines_host_as_a_host_mode_container_sees_it() throws Exception {
    assertThat(json(send("GET", "/v1.50/info", null)).get("Name").asText()).isEqualTo("localhost");
    server.close();
    engine = Cnm.builder().seed(1).hostName("node-7").build();
    server = DockerApiServer.builder().engine(engine).listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .build().start();
    base = "http://127.0.0.1:" + server.address().getPort();
    HttpResponse<String> created = send("POST", "/v1.50/containers/create?name=hostly",
        "{\"Image\":\"nginx\",\"HostConfig\":{\"NetworkMode\":\"host\"}}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(json(send("GET", "/v1.50/containers/hostly/json", null)).at("/Config/Hostname").asText()).isEqualTo("node-7");
    assertThat(json(send("GET", "/v1.50/info", null)).get("Name").asText()).isEqualTo("node-7");
  }

  @Test
  void versions_outside_the_supported_range_are_refused() throws Exception {
    HttpResponse<String> r = send("GET", "/v1.51/version", null);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(message(r)).isEqualTo("client version 1.51 is too new. Maximum supported API version is 1.50");
  }

  @ParameterizedTest
  @CsvSource({"GET,/nosuch", "GET,/v1.50/networks/a/b/c", "POST,/v1.50/containers/x/nosuch", "PUT,/v1.50/networks"})
  void unknown_paths_are_page_not_found(String method, String path) throws Exception {
    HttpResponse<String> r = send(method, path, null);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).isEqualTo("{\"message\":\"page not found\"}\n");
  }

  @Test
  void networks_can_be_created_listed_inspected_and_removed() throws Exception {
    HttpResponse<String> created = send("POST", "/v1.50/networks/create",
        "{\"Name\":\"dev\",\"Driver\":\"bridge\",\"IPAM\":{\"Driver\":\"default\",\"Config\":[{\"Subnet\":\"10.9.0.0/24\"}]},"
            + "\"Labels\":{\"env\":\"dev\"}}");
    assertThat(created.statusCode()).isEqualTo(201);
    String id = json(created).get("Id").asText();
    assertThat(id).hasSize(64);
    assertThat(mutations.get()).isEqualTo(1);

    HttpResponse<String> dup = send("POST", "/v1.50/networks/create", "{\"Name\":\"dev\"}");
    assertThat(dup.statusCode()).isEqualTo(409);
    assertThat(message(dup)).isEqualTo("network with name dev already exists");
    assertThat(mutations.get()).isEqualTo(1);

    JsonNode list = json(send("GET", "/v1.50/networks", null));
    assertThat(names(list)).containsExactlyInAnyOrder("bridge", "host", "none", "dev");
    JsonNode custom = json(send("GET", "/v1.50/networks?filters=" + enc("{\"type\":{\"custom\":true}}"), null));
    assertThat(names(custom)).containsExactly("dev");
    JsonNode labelled = json(send("GET", "/v1.50/networks?filters=" + enc("{\"label\":{\"env=dev\":true}}"), null));
    assertThat(names(labelled)).containsExactly("dev");
    HttpResponse<String> badType = send("GET", "/v1.50/networks?filters=" + enc("{\"type\":{\"x\":true}}"), null);
    assertThat(badType.statusCode()).as("moby's FilterNetworks returns this error untyped").isEqualTo(500);
    assertThat(message(badType)).isEqualTo("invalid filter: 'type'='x'");

    JsonNode inspect = json(send("GET", "/v1.50/networks/dev", null));
    assertThat(inspect.get("Id").asText()).isEqualTo(id);
    assertThat(inspect.at("/IPAM/Config/0/Subnet").asText()).isEqualTo("10.9.0.0/24");

    HttpResponse<String> predefined = send("DELETE", "/v1.50/networks/bridge", null);
    assertThat(predefined.statusCode()).isEqualTo(403);
    assertThat(send("DELETE", "/v1.50/networks/dev", null).statusCode()).isEqualTo(204);
    HttpResponse<String> gone = send("GET", "/v1.50/networks/dev", null);
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(message(gone)).isEqualTo("network dev not found");
  }

  /**
   * Issue 17: bodies of the wrong shape are refused in dockerd's words, which are Go's, never
   * Jackson's. The mistake this catches: Jackson's messages ('Unexpected character ('x' (code 120))...'),
   * "Env": "x" accepted as a list, content after the document ignored, 'invalid subnet foo'.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "/v1.50/networks/create|{\"Name\":x}|invalid JSON: invalid character 'x' looking for beginning of value",
      "/v1.50/networks/create|{\"Name\" \"x\"}|invalid JSON: invalid character '\"' after object key",
      "/v1.50/networks/create|{\"Name\":\"x\" \"y\"}|invalid JSON: invalid character '\"' after object key:value pair",
      "/v1.50/networks/create|{Name:1}|invalid JSON: invalid character 'N' looking for beginning of object key string",
      "/v1.50/networks/create|{\"Labels\":[1 2]}|invalid JSON: invalid character '2' after array element",
      "/v1.50/networks/create|{\"Name\":\"a\\q\"}|invalid JSON: invalid character 'q' in string escape code",
      "/v1.50/networks/create|{\"Name\":\"\\u12x4\"}|invalid JSON: invalid character 'x' in \\u hexadecimal character escape",
      "/v1.50/networks/create|{\"Internal\":tru}|invalid JSON: invalid character '}' in literal true (expecting 'e')",
      "/v1.50/networks/create|{\"Internal\":nul}|invalid JSON: invalid character '}' in literal null (expecting 'l')",
      "/v1.50/networks/create|{\"GwPriority\":-x}|invalid JSON: invalid character 'x' in numeric literal",
      "/v1.50/networks/create|{\"GwPriority\":1.}|invalid JSON: invalid character '}' after decimal point in numeric literal",
      "/v1.50/networks/create|{\"GwPriority\":1e}|invalid JSON: invalid character '}' in exponent of numeric literal",
      "/v1.50/networks/create|{\"Name\":'x'}|invalid JSON: invalid character '\\'' looking for beginning of value",
      "/v1.50/networks/create|[1,]|invalid JSON: invalid character ']' looking for beginning of value",
      "/v1.50/networks/create|{\"Name\":\"x\"} trailing|unexpected content after JSON",
      "/v1.50/networks/create|{\"Name\":[[[|invalid JSON: unexpected EOF",
      "/v1.50/containers/create|{\"Image\":\"nginx\",\"Env\":\"x\"}|invalid JSON: json: cannot unmarshal string into Go struct field Config.Env of type []string",
      "/v1.50/containers/create|{\"Image\":\"nginx\",\"Env\":[1]}|invalid JSON: json: cannot unmarshal number into Go struct field Config.Env of type string",
      "/v1.50/networks/create|{\"Name\":\"n\",\"IPAM\":{\"Config\":[{\"Subnet\":\"foo\"},{\"Subnet\":\"10.0.0.0/24\",\"Gateway\":\"bar\"}]}}|"
          + "invalid network config:\\ninvalid subnet foo: invalid CIDR block notation\\ninvalid gateway bar: invalid address",
      "/v1.50/networks/create|{\"Name\":\"n\",\"IPAM\":{\"Config\":[{\"Subnet\":\"10.0.0.0/24\",\"IPRange\":\"x\","
          + "\"AuxiliaryAddresses\":{\"a\":\"y\"}}]}}|"
          + "invalid network config:\\ninvalid ip-range x: invalid CIDR block notation\\ninvalid auxiliary address a: invalid address",
      "/v1.50/networks/create|{\"Name\":\"n\",\"IPAM\":{\"Config\":[{\"Gateway\":\"10.0.0.1\"}]}}|"
          + "invalid network config:\\ninvalid subnet : invalid CIDR block notation",
  })
  void bodies_of_the_wrong_shape_are_refused_in_dockerd_s_words(String path, String body, String message)
      throws Exception {
    int before = engine.networks().size();
    HttpResponse<String> r = send("POST", path, body);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(message(r)).isEqualTo(message.replace("\\n", "\n")); // a line break, written \n in the table
    assertThat(engine.networks()).hasSize(before);
    assertThat(engine.containers()).isEmpty();
  }

  /** The mistake this catches: Netty's query decoder threw, and the connection closed without an answer. */
  @Test
  void a_query_with_a_bad_escape_is_go_s_400() throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write("GET /v1.50/containers/json?filters=%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(response).startsWith("HTTP/1.1 400 Bad Request").endsWith("{\"message\":\"invalid URL escape \\\"%zz\\\"\"}\n");
    }
  }

  /**
   * A build's JSON query parameters are read as Go's json.Unmarshal reads them, in its words.
   * The mistake this catches: Jackson's message, a number taken as a string, a boolean called a "boolean".
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "buildargs={x|error reading build args: invalid character 'x' looking for beginning of object key string",
      "buildargs={\"a\":\"b\"} x|error reading build args: invalid character 'x' after top-level value",
      "buildargs={\"a\":|error reading build args: unexpected end of JSON input",
      "buildargs={\"a\":1}|error reading build args: json: cannot unmarshal number into Go value of type string",
      "labels=true|error reading labels: json: cannot unmarshal bool into Go value of type map[string]string",
  })
  void a_build_s_json_parameters_are_refused_in_go_s_words(String query, String message) throws Exception {
    String encoded = java.net.URLEncoder.encode(query.substring(query.indexOf('=') + 1), StandardCharsets.UTF_8);
    HttpResponse<String> r = send("POST", "/v1.50/build?" + query.substring(0, query.indexOf('=') + 1) + encoded, "");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(message(r)).isEqualTo(message);
  }

  @Test
  void a_bad_limit_is_strconv_s_error() throws Exception {
    HttpResponse<String> r = send("GET", "/v1.50/containers/json?limit=abc", null);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(message(r)).isEqualTo("strconv.Atoi: parsing \"abc\": invalid syntax");
  }

  @Test
  void bad_bodies_get_a400_and_change_nothing() throws Exception {
    int before = engine.networks().size();
    HttpResponse<String> malformed = send("POST", "/v1.50/networks/create", "{\"Name\":");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(message(malformed)).isEqualTo("invalid JSON: unexpected EOF");
    HttpResponse<String> wrongType = send("POST", "/v1.50/networks/create", "{\"Name\":5}");
    assertThat(wrongType.statusCode()).isEqualTo(400);
    assertThat(message(wrongType))
        .isEqualTo("invalid JSON: json: cannot unmarshal number into Go struct field CreateRequest.Name of type string");
    HttpResponse<String> wrongCmd = send("POST", "/v1.50/containers/create", "{\"Image\":\"alpine\",\"Cmd\":{}}");
    assertThat(wrongCmd.statusCode()).isEqualTo(400);
    assertThat(message(wrongCmd))
        .isEqualTo("invalid JSON: json: cannot unmarshal object into Go struct field Config.Cmd of type []string");
    HttpResponse<String> huge = send("POST", "/v1.50/networks/create",
        "{\"Name\":\"big\",\"Labels\":{\"x\":\"" + "a".repeat(100_000) + "\"}}");
    assertThat(huge.statusCode()).isEqualTo(413);
    assertThat(message(huge)).isEqualTo("request body too large: the limit is 65536 bytes");
    HttpResponse<String> empty = send("POST", "/v1.50/containers/create", "");
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(message(empty)).isEqualTo("config cannot be empty in order to create a container");
    assertThat(engine.networks()).hasSize(before);
    assertThat(engine.containers()).isEmpty();
    assertThat(mutations.get()).isZero();
  }

  @Test
  void containers_with_aliases_and_published_ports() throws Exception {
    send("POST", "/v1.50/networks/create", "{\"Name\":\"dev\"}");
    HttpResponse<String> created = send("POST", "/v1.50/containers/create?name=search",
        "{\"Image\":\"alpine\",\"Cmd\":[\"sleep\",\"1000\"],\"ExposedPorts\":{\"80/tcp\":{}},"
            + "\"HostConfig\":{\"NetworkMode\":\"dev\",\"PortBindings\":{\"80/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"8080\"}]}},"
            + "\"NetworkingConfig\":{\"EndpointsConfig\":{\"dev\":{\"Aliases\":[\"es\"]}}}}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = json(created).get("Id").asText();
    assertThat(send("POST", "/v1.50/containers/search/start", null).statusCode()).isEqualTo(204);
    assertThat(send("POST", "/v1.50/containers/search/start", null).statusCode()).isEqualTo(304);

    JsonNode inspect = json(send("GET", "/v1.50/containers/search/json", null));
    assertThat(inspect.get("Id").asText()).isEqualTo(id);
    assertThat(inspect.get("Name").asText()).isEqualTo("/search");
    assertThat(inspect.at("/State/Running").asBoolean()).isTrue();
    assertThat(inspect.at("/NetworkSettings/Networks/dev/Aliases").toString()).isEqualTo("[\"es\"]");
    assertThat(inspect.at("/NetworkSettings/Ports/80~1tcp/0/HostPort").asText()).isEqualTo("8080");

    JsonNode byPublish = json(send("GET", "/v1.50/containers/json?filters=" + enc("{\"publish\":{\"8080\":true}}"), null));
    assertThat(byPublish).hasSize(1);
    JsonNode byNetwork = json(send("GET", "/v1.50/containers/json?filters=" + enc("{\"network\":{\"bridge\":true}}"), null));
    assertThat(byNetwork).isEmpty();

    assertThat(send("POST", "/v1.50/containers/search/rename?name=found", null).statusCode()).isEqualTo(204);
    HttpResponse<String> running = send("DELETE", "/v1.50/containers/found", null);
    assertThat(running.statusCode()).isEqualTo(409);
    assertThat(message(running)).isEqualTo("cannot remove container \"/found\": container is running: stop the container before removing or force remove");
    assertThat(send("DELETE", "/v1.50/containers/found?force=1", null).statusCode()).isEqualTo(204);
    HttpResponse<String> gone = send("GET", "/v1.50/containers/found/json", null);
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(message(gone)).isEqualTo("No such container: found");
  }

  @Test
  void the_default_network_mode_is_the_bridge_and_an_unknown_network_fails_at_start() throws Exception {
    HttpResponse<String> created = send("POST", "/v1.50/containers/create?name=web",
        "{\"Image\":\"nginx\",\"HostConfig\":{\"NetworkMode\":\"default\"},"
            + "\"NetworkingConfig\":{\"EndpointsConfig\":{\"default\":{}}}}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    send("POST", "/v1.50/containers/web/start", null);
    assertThat(engine.container("web").networks()).containsOnlyKeys("bridge");

    HttpResponse<String> lost = send("POST", "/v1.50/containers/create?name=lost",
        "{\"Image\":\"alpine\",\"HostConfig\":{\"NetworkMode\":\"nosuch\"}}");
    assertThat(lost.statusCode()).as(lost.body()).isEqualTo(201);
    HttpResponse<String> start = send("POST", "/v1.50/containers/lost/start", null);
    assertThat(start.statusCode()).isEqualTo(404);
    assertThat(message(start)).isEqualTo("failed to set up container networking: network nosuch not found");
  }

  @Test
  void wait_flushes_its_headers_at_once_and_answers_when_the_container_stops() throws Exception {
    send("POST", "/v1.50/containers/create?name=c1", "{\"Image\":\"alpine\",\"Tty\":true}");
    send("POST", "/v1.50/containers/c1/start", null);
    CompletableFuture<HttpResponse<InputStream>> wait = http.sendAsync(
        HttpRequest.newBuilder(URI.create(base + "/v1.50/containers/c1/wait?condition=next-exit"))
            .POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    HttpResponse<InputStream> headers = wait.get(10, TimeUnit.SECONDS);
    assertThat(headers.statusCode()).isEqualTo(200);
    assertThat(send("POST", "/v1.50/containers/c1/stop", null).statusCode()).isEqualTo(204);
    try (InputStream in = headers.body()) {
      JsonNode body = JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      assertThat(body.has("StatusCode")).isTrue();
    }
  }

  @Test
  void exec_runs_over_a_hijacked_connection() throws Exception {
    send("POST", "/v1.50/containers/create?name=c1", "{\"Image\":\"alpine\",\"Tty\":true}");
    HttpResponse<String> notRunning = send("POST", "/v1.50/containers/c1/exec", "{\"Cmd\":[\"echo\",\"hi\"]}");
    assertThat(notRunning.statusCode()).isEqualTo(409);
    send("POST", "/v1.50/containers/c1/start", null);
    HttpResponse<String> created = send("POST", "/v1.50/containers/c1/exec",
        "{\"AttachStdout\":true,\"AttachStderr\":true,\"Cmd\":[\"echo\",\"hi\",\"there\"]}");
    assertThat(created.statusCode()).isEqualTo(201);
    String exec = json(created).get("Id").asText();
    assertThat(json(send("GET", "/v1.50/exec/" + exec + "/json", null)).get("ExitCode").isNull()).isTrue();
    // no process before the start: Docker's Pid is 0 until then
    assertThat(json(send("GET", "/v1.50/exec/" + exec + "/json", null)).get("Pid").asInt()).isZero();

    String body = "{\"Detach\":false,\"Tty\":false}";
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(("POST /v1.50/exec/" + exec + "/start HTTP/1.1\r\nHost: docker\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n"
          + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      byte[] all = s.getInputStream().readAllBytes();
      String text = new String(all, StandardCharsets.ISO_8859_1);
      assertThat(text).startsWith("HTTP/1.1 101 UPGRADED\r\n");
      assertThat(text).contains("Content-Type: application/vnd.docker.multiplexed-stream");
      int start = text.indexOf("\r\n\r\n") + 4;
      ByteArrayOutputStream expected = new ByteArrayOutputStream();
      expected.write(new byte[] {1, 0, 0, 0, 0, 0, 0, 9});
      expected.write("hi there\n".getBytes(StandardCharsets.UTF_8));
      assertThat(java.util.Arrays.copyOfRange(all, start, all.length)).isEqualTo(expected.toByteArray());
    }
    JsonNode ran = json(send("GET", "/v1.50/exec/" + exec + "/json", null));
    assertThat(ran.get("ExitCode").asInt()).isZero();
    // Docker keeps the process's id once it exited; cnm's stand-in is the same on every read
    assertThat(ran.get("Pid").asInt()).isEqualTo(dev.cnm.core.json.DockerJson.execPid(exec)).isBetween(1000, 65535);
    HttpResponse<String> unknown = send("GET", "/v1.50/exec/nosuch/json", null);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(message(unknown)).isEqualTo("No such exec instance: nosuch");
  }

  @Test
  void images_pull_instantly_and_unknown_ones_are_not_found() throws Exception {
    HttpResponse<String> unknown = send("GET", "/v1.50/images/dev/json", null);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(message(unknown)).isEqualTo("No such image: dev:latest");
    HttpResponse<String> pull = send("POST", "/v1.50/images/create?fromImage=docker.io/jpetazzo/clock&tag=latest", null);
    assertThat(pull.statusCode()).isEqualTo(200);
    assertThat(pull.body().lines().toList()).last().asString().contains("Status: Downloaded newer image for jpetazzo/clock:latest");
    assertThat(send("GET", "/v1.50/images/jpetazzo/clock/json", null).statusCode()).isEqualTo(200);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "/v1.50/containers/json?all=1&filters={\"nosuch\":{\"x\":true}}|invalid filter 'nosuch'",
      "/v1.50/containers/json?filters={\"status\":{\"sleeping\":true}}|invalid filter 'status=sleeping': invalid value "
          + "for state (sleeping): must be one of created, running, paused, restarting, removing, exited, dead",
      "/v1.50/networks?filters={\"dangling\":{\"maybe\":true}}|invalid value for filter 'dangling', must be \"true\" (or \"1\"), or \"false\" (or \"0\")",
      "/v1.50/networks?filters={\"dangling\":{\"true\":true,\"false\":true}}|got more than one value for filter key \"dangling\"",
      "/v1.50/networks?filters=[1]|invalid filter",
      "/v1.50/containers/json?filters={\"exited\":{\"x\":true}}|invalid filter 'exited=x': strconv.Atoi: parsing \"x\": invalid syntax"})
  void bad_filters_are_rejected_even_when_nothing_is_listed(String pathAndQuery, String expected) throws Exception {
    int q = pathAndQuery.indexOf("filters=") + "filters=".length();
    HttpResponse<String> r = send("GET", pathAndQuery.substring(0, q) + enc(pathAndQuery.substring(q)), null);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(message(r)).isEqualTo(expected);
  }

  @Test
  void network_prune_removes_only_what_its_filters_select_and_refuses_a_bad_until() throws Exception {
    send("POST", "/v1.50/networks/create", "{\"Name\":\"temp1\",\"Labels\":{\"temp\":\"\"}}");
    send("POST", "/v1.50/networks/create", "{\"Name\":\"keep\"}");
    int before = mutations.get();
    HttpResponse<String> bad = send("POST", "/v1.50/networks/prune?filters=" + enc("{\"until\":{\"notatime\":true}}"), null);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(message(bad)).isEqualTo("failed to parse value as time or duration: \"notatime\"");
    assertThat(mutations.get()).isEqualTo(before);
    HttpResponse<String> pruned = send("POST", "/v1.50/networks/prune?filters=" + enc("{\"label\":{\"temp\":true}}"), null);
    assertThat(pruned.body()).isEqualTo("{\"NetworksDeleted\":[\"temp1\"]}\n");
    assertThat(mutations.get()).isEqualTo(before + 1);
    assertThat(json(send("POST", "/v1.50/networks/prune?filters=" + enc("{\"label\":[\"temp\"]}"), null)).toString())
        .isEqualTo("{\"NetworksDeleted\":null}");
    assertThat(engine.findNetwork("keep")).isPresent();
  }

  @Test
  void container_list_takes_a_limit_and_refuses_a_bad_one() throws Exception {
    send("POST", "/v1.50/containers/create?name=c1", "{\"Image\":\"alpine\",\"Tty\":true}");
    send("POST", "/v1.50/containers/create?name=c2", "{\"Image\":\"alpine\",\"Tty\":true}");
    assertThat(json(send("GET", "/v1.50/containers/json", null))).isEmpty();
    JsonNode last = json(send("GET", "/v1.50/containers/json?limit=1", null));
    assertThat(last).hasSize(1);
    assertThat(last.get(0).at("/Names/0").asText()).isEqualTo("/c2");
    HttpResponse<String> bad = send("GET", "/v1.50/containers/json?limit=abc", null);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(message(bad)).isEqualTo("strconv.Atoi: parsing \"abc\": invalid syntax");
  }

  @Test
  void paths_are_percent_decoded_before_routing() throws Exception {
    assertThat(send("POST", "/v1.50/networks/create", "{\"Name\":\"my net\"}").statusCode()).isEqualTo(201);
    HttpResponse<String> inspect = send("GET", "/v1.50/networks/my%20net", null);
    assertThat(inspect.statusCode()).isEqualTo(200);
    assertThat(json(inspect).get("Name").asText()).isEqualTo("my net");
    assertThat(send("DELETE", "/networks/my%20net", null).statusCode()).isEqualTo(204);
  }

  @Test
  void read_only_posts_do_not_count_as_mutations() throws Exception {
    send("POST", "/v1.50/containers/create?name=c1", "{\"Image\":\"alpine\",\"Tty\":true}");
    send("POST", "/v1.50/containers/c1/start", null);
    assertThat(mutations.get()).isEqualTo(2);
    send("POST", "/v1.50/containers/c1/exec", "{\"Cmd\":[\"true\"]}");
    send("GET", "/v1.50/containers/json", null);
    send("GET", "/v1.50/images/json", null);
    assertThat(mutations.get()).isEqualTo(2);
    send("POST", "/v1.50/images/create?fromImage=alpine&tag=latest", null); // a pull changes the image store
    assertThat(mutations.get()).isEqualTo(3);
  }

  @Test
  void a_unix_socket_serves_the_same_api(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path socket = dir.resolve("docker.sock");
    try (DockerApiServer unix = DockerApiServer.builder().engine(engine).unixSocket(socket).build().start()) {
      assertThatThrownBy(unix::address).isInstanceOf(IllegalStateException.class);
      try (java.nio.channels.SocketChannel ch = java.nio.channels.SocketChannel.open(java.net.UnixDomainSocketAddress.of(socket))) {
        ch.write(java.nio.ByteBuffer.wrap("GET /v1.50/networks/bridge HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII)));
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(8192);
        while (ch.read(buf) > 0) {
          got.write(buf.array(), 0, buf.position());
          buf.clear();
        }
        String text = got.toString(StandardCharsets.UTF_8);
        assertThat(text).startsWith("HTTP/1.1 200 OK\r\n").contains("\"Name\":\"bridge\"");
      }
    }
    assertThat(socket).doesNotExist();
  }

  @Test
  void a_non_loopback_address_is_refused_unless_allowed() throws Exception {
    InetSocketAddress any = new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0);
    assertThatThrownBy(() -> DockerApiServer.builder().engine(engine).listen(any).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("non-loopback address 0.0.0.0");
    assertThatThrownBy(() -> DockerApiServer.builder().build())
        .isInstanceOf(IllegalStateException.class);
  }

  private static List<String> names(JsonNode list) {
    return java.util.stream.StreamSupport.stream(list.spliterator(), false).map(n -> n.get("Name").asText()).toList();
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
