package dev.cnm.dockerapi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.error.CnmException;
import dev.cnm.api.port.PortSpec;
import dev.cnm.core.Cnm;
import dev.cnm.dockerapi.DockerApiServer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import dev.cnm.core.json.DockerJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Coverage-guided fuzzing of how {@code cnm serve} decodes requests.
 *
 * <p>{@link #bodies}: the body is parsed as the server parses it ({@link Request#json}: Go's
 * syntax first, then Jackson), then handed to every decoder of {@link Requests} (network create,
 * container create, connect and disconnect, exec). A malformed body is refused in dockerd's
 * words ({@code invalid JSON: invalid character ...}, {@code unexpected content after JSON}),
 * never Jackson's; each decoder either returns a value or throws what the server answers with a
 * 400: a {@link CnmException} (Docker's {@code json: cannot unmarshal ...}, {@code invalid network
 * config ...}) or an {@link IllegalArgumentException} from a value's own checks. Any other
 * exception would be a 500 with a Java message: a crash.
 *
 * <p>{@link #requests}: a whole request, {@code METHOD URI} on the first line and the body after
 * it, decoded as the server decodes it ({@link HttpHandler#call}: Go's query escapes) and answered
 * by the {@link Api} over an engine with a network and containers: every route, its path, query
 * and filters. No answer is an unexpected failure ({@code internal server error}) or names a Java
 * or Jackson class.
 *
 * <p>Seeds: {@code src/test/resources/dev/cnm/dockerapi/internal/RequestsFuzzTestInputs/bodies}
 * and {@code .../requests}, what the docker CLI and docker-java send; {@code mvn verify} replays
 * them, {@code -Pfuzz} fuzzes (docs/TESTING.md).
 */
class RequestsFuzzTest {
  @FuzzTest(maxDuration = "10m")
  @DictionaryEntries({"\"Name\"", "\"Driver\"", "\"IPAM\"", "\"Config\"", "\"Subnet\"",
      "\"Gateway\"", "\"IPRange\"", "\"AuxiliaryAddresses\"", "\"Options\"", "\"Labels\"",
      "\"EnableIPv6\"", "\"Internal\"", "\"Image\"", "\"Cmd\"", "\"Env\"", "\"ExposedPorts\"",
      "\"HostConfig\"", "\"NetworkMode\"", "\"PortBindings\"", "\"HostIp\"", "\"HostPort\"",
      "\"NetworkingConfig\"", "\"EndpointsConfig\"", "\"IPAMConfig\"", "\"IPv4Address\"",
      "\"Aliases\"", "\"Links\"", "\"MacAddress\"", "\"GwPriority\"", "\"Container\"",
      "\"EndpointConfig\"", "\"Force\"", "\"Tty\"", "\"Detach\"", "\"80/tcp\"", "\"8080\"",
      "\"10.0.0.0/24\"", "\"container:\"", "null", "true", "[]", "{}"})
  void bodies(byte[] input) {
    String body = new String(input, StandardCharsets.UTF_8);
    JsonNode json;
    try {
      json = new Request("POST", "/networks/create", Map.of(), Map.of(), input).json();
    } catch (CnmException e) {
      assertThat(e.getMessage()).matches("(?s)invalid JSON: .+|unexpected content after JSON");
      assertThat(e.getMessage()).doesNotContain("Unexpected", "code ", "Jackson", "JsonParser", "line:", "column:");
      return;
    }
    decode(() -> Requests.networkSpec(json));
    decode(() -> Requests.containerSpec(json, Optional.empty()));
    decode(() -> Requests.containerSpec(json, Optional.of("web")));
    decode(() -> Requests.bool(json, "Tty", "Config.Tty"));
    decode(() -> Requests.string(json, "Container", "NetworkConnect.Container"));
    decode(() -> Requests.endpointSpec(Requests.field(json, "EndpointConfig"),
        "NetworkConnect.EndpointConfig"));
    decode(() -> Requests.bool(json, "Force", "NetworkDisconnect.Force"));
    decode(() -> Requests.stringList(json, "Cmd", "ExecOptions.Cmd"));
    decode(() -> Requests.bool(json, "Detach", "ExecStartOptions.Detach"));
  }

  private static void decode(Supplier<?> decoder) {
    try {
      decoder.get();
    } catch (CnmException | IllegalArgumentException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @FuzzTest(maxDuration = "10m")
  @DictionaryEntries({"GET ", "POST ", "DELETE ", "HEAD ", "/v1.50", "/v1.24", "/_ping", "/info", "/version",
      "/networks", "/networks/create", "/networks/prune", "/networks/dev", "/networks/bridge/connect",
      "/networks/dev/disconnect", "/containers/json", "/containers/create", "/containers/prune",
      "/containers/web", "/containers/web/json", "/containers/web/start", "/containers/web/stop",
      "/containers/web/restart", "/containers/web/kill", "/containers/web/rename", "/containers/web/wait",
      "/containers/web/exec", "/containers/idle", "/exec/", "/images/nginx/json", "?all=1", "&limit=",
      "filters=", "%7B%22label%22%3A%7B%22a%22%3Atrue%7D%7D", "{\"until\":{\"1h\":true}}", "force=1", "name=",
      "condition=", "%zz", "%", "+", ";", "{", "}", "\"Container\"", "\"Image\"", "\"Name\"",
      "/images/json", "/images/create?fromImage=", "&tag=", "/images/nginx/tag?repo=", "/images/nginx/history",
      "/images/nginx", "/build?t=", "&dockerfile=", "buildargs=", "labels=", "version=", "ustar", "Dockerfile", "FROM nginx",
      "RUN ", "COPY ", "ARG ", "ENV ", "LABEL "})
  void requests(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    // the body is the bytes after the first line, as they are (a build context is a tar archive)
    int nl = 0;
    while (nl < input.length && input[nl] != '\n') {
      nl++;
    }
    String line = new String(input, 0, nl, StandardCharsets.UTF_8);
    byte[] body = nl < input.length ? Arrays.copyOfRange(input, nl + 1, input.length) : new byte[0];
    int sp = line.indexOf(' ');
    String method = sp < 0 ? "GET" : line.substring(0, sp);
    String uri = sp < 0 ? line : line.substring(sp + 1);
    if (!uri.startsWith("/")) {
      uri = "/" + uri;
    }
    HttpHandler.Call call;
    try {
      call = HttpHandler.call(method, uri, body, true, false);
    } catch (CnmException e) {
      assertThat(e.getMessage()).matches("(?s)invalid URL escape \".*\"|invalid semicolon separator in query");
      return;
    }
    Engine engine = Cnm.builder().seed(1).build();
    engine.createNetwork(NetworkSpec.of("dev"));
    engine.run(ContainerSpec.builder().image("nginx").name("web").networkMode(NetworkMode.network("dev"))
        .portBindings(PortSpec.parse("8080:80")).build());
    engine.createContainer(ContainerSpec.builder().image("redis").name("idle").build());
    Api api = new Api(engine, new DockerApiServer.Persistence() {
      @Override
      public void save(Engine e) {}

      @Override
      public Engine reload() {
        return engine;
      }
    }, Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC), t -> {
      throw new AssertionError("the server stopped", t);
    });
    Replies replies = new Replies();
    api.handle(call.method(), call.rawPath(), call.query(), call.body(), replies);
    for (String message : replies.messages) {
      assertThat(message).as(text).isNotEqualTo("internal server error")
          .doesNotContain("java.", "Exception", "com.fasterxml", "Jackson");
    }
  }

  /** What the server answered, and the messages of its error replies. */
  private static final class Replies implements Conn {
    final List<String> messages = new ArrayList<>();

    @Override
    public void reply(int status, String contentType, byte[] body) {
      if (status >= 400 && body.length > 0) {
        messages.add(DockerJson.parse(new String(body, StandardCharsets.UTF_8)).path("message").asText());
      }
    }

    @Override
    public void startChunked(int status, String contentType) {}

    @Override
    public void chunk(byte[] data) {
      // a pull's or a build's progress: an error line's message is held to the same standard
      for (String line : new String(data, StandardCharsets.UTF_8).split("\r?\n")) {
        if (line.contains("\"errorDetail\"")) {
          messages.add(DockerJson.parse(line.strip()).path("errorDetail").path("message").asText());
        }
      }
    }

    @Override
    public void endChunked() {}

    @Override
    public void hijack(String contentType) {}

    @Override
    public void raw(byte[] data) {}

    @Override
    public void close() {}

    @Override
    public void internalError() {
      messages.add("internal server error");
    }

    @Override
    public boolean isOpen() {
      return true;
    }
  }
}
