package dev.cnm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.api.NetworkInfo;
import dev.cnm.dockerapi.DockerApiServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One table of Docker's list and prune filters that both front ends must answer alike: each row
 * runs through the CLI ({@code cnm ps -a --filter ...} on the {@link Harness}) and through the
 * API server over HTTP ({@code GET /containers/json?all=1&filters=...}), each on its own copy of
 * the same seeded state, and must give the same names, or the same daemon error (the CLI prints
 * it after {@code Error response from daemon: }, exit 1; the API answers it with the status).
 * Pruned networks come in the engine's order, listed networks sorted by name as the docker CLI
 * sorts them.
 *
 * <p>The state, one command a second from 09:00:00 (the seeded epoch): networks {@code dev}
 * (labels temp, env=dev; 09:00:01), {@code tmp} (temp; 09:00:02), {@code keep} (09:00:03);
 * containers {@code web} (running on dev, tier=front, 8080:80, nginx), {@code db} (created on dev,
 * tier=back, postgres), {@code api} (running, exposes 9000/udp, alpine), {@code once} (ran {@code
 * true} and exited 0, alpine).
 */
class FilterTableTest {
  private static final List<String> STATE = List.of(
      "network create --label temp --label env=dev dev",
      "network create --label temp tmp",
      "network create keep",
      "run -d --name web --net dev -l tier=front -p 8080:80 nginx",
      "create --name db --net dev -l tier=back postgres",
      "run -dt --name api --expose 9000/udp alpine",
      "run --name once alpine true");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** What a row asks: the containers ({@code ps -a}, or running only), the networks, or a network prune. */
  enum Kind { PS_ALL, PS, NETWORKS, PRUNE }

  /**
   * One row: the request, its {@code --filter} values, and either the names it answers (newest
   * container first; networks by name) or the daemon's error and its HTTP status.
   */
  record Row(Kind kind, List<String> filters, List<String> names, String error, int status) {
    @Override
    public String toString() {
      return kind + " " + filters;
    }
  }

  private static Row ok(Kind kind, String filters, String names) {
    return new Row(kind, split(filters), split(names), null, 200);
  }

  private static Row fails(Kind kind, String filters, int status, String error) {
    return new Row(kind, split(filters), List.of(), error, status);
  }

  private static List<String> split(String s) {
    return s.isEmpty() ? List.of() : Arrays.asList(s.split(" "));
  }

  static Stream<Arguments> rows() {
    return Stream.of(
        ok(Kind.PS_ALL, "", "once api db web"),
        ok(Kind.PS_ALL, "name=web", "web"),
        ok(Kind.PS_ALL, "name=^/w", "web"),
        ok(Kind.PS_ALL, "name=web name=db", "db web"),
        ok(Kind.PS_ALL, "label=tier", "db web"),
        ok(Kind.PS_ALL, "label=tier=back", "db"),
        ok(Kind.PS_ALL, "network=dev", "db web"),
        ok(Kind.PS_ALL, "network=dev label=tier=front", "web"),
        ok(Kind.PS_ALL, "status=exited", "once"),
        ok(Kind.PS_ALL, "status=created status=running", "api db web"),
        ok(Kind.PS_ALL, "exited=0", "once"),
        ok(Kind.PS_ALL, "exited=1", ""),
        ok(Kind.PS_ALL, "publish=8080", "web"),
        ok(Kind.PS_ALL, "publish=80", "web"),
        ok(Kind.PS_ALL, "publish=80/udp", ""),
        ok(Kind.PS_ALL, "publish=8000-8100/tcp", "web"),
        ok(Kind.PS_ALL, "expose=80", "web"),
        ok(Kind.PS_ALL, "expose=9000/udp", "api"),
        ok(Kind.PS_ALL, "ancestor=nginx:latest", "web"),
        ok(Kind.PS_ALL, "ancestor=docker.io/library/alpine", "once api"),
        ok(Kind.PS_ALL, "ancestor=redis", ""),
        ok(Kind.PS_ALL, "before=api", "db web"),
        ok(Kind.PS_ALL, "since=db", "once api"),
        ok(Kind.PS_ALL, "health=none", "once api db web"),
        ok(Kind.PS_ALL, "health=healthy", ""),
        ok(Kind.PS_ALL, "is-task=false", "once api db web"),
        ok(Kind.PS_ALL, "is-task=true", ""),
        ok(Kind.PS_ALL, "volume=/data", ""),
        ok(Kind.PS_ALL, "isolation=default", "once api db web"),
        fails(Kind.PS_ALL, "foo=bar", 400, "invalid filter 'foo'"),
        fails(Kind.PS_ALL, "status=sleeping", 400, "invalid filter 'status=sleeping': invalid value for state "
            + "(sleeping): must be one of created, running, paused, restarting, removing, exited, dead"),
        fails(Kind.PS_ALL, "exited=x", 400, "invalid filter 'exited=x': strconv.Atoi: parsing \"x\": invalid syntax"),
        fails(Kind.PS_ALL, "health=ok", 400, "invalid filter 'health=ok': invalid value for health (ok): "
            + "must be one of none, starting, healthy, unhealthy"),
        fails(Kind.PS_ALL, "is-task=maybe", 400, "invalid filter 'is-task=[maybe]'"),
        fails(Kind.PS_ALL, "before=nosuch", 404, "No such container: nosuch"),
        fails(Kind.PS_ALL, "publish=80:80", 500, "filter for 'publish' should not contain ':': 80:80"),
        ok(Kind.PS, "", "api web"),
        ok(Kind.PS, "exited=0", ""),
        ok(Kind.PS, "status=created", "db"),
        ok(Kind.NETWORKS, "", "bridge dev host keep none tmp"),
        ok(Kind.NETWORKS, "type=custom", "dev keep tmp"),
        ok(Kind.NETWORKS, "type=builtin type=custom", "bridge dev host keep none tmp"),
        ok(Kind.NETWORKS, "dangling=true", "keep tmp"),
        ok(Kind.NETWORKS, "dangling=false", "bridge dev host none"),
        ok(Kind.NETWORKS, "label=temp", "dev tmp"),
        ok(Kind.NETWORKS, "label=env=dev", "dev"),
        ok(Kind.NETWORKS, "driver=null", "none"),
        ok(Kind.NETWORKS, "name=^d", "dev"),
        ok(Kind.NETWORKS, "scope=local driver=bridge", "bridge dev keep tmp"),
        fails(Kind.NETWORKS, "type=x", 500, "invalid filter: 'type'='x'"),
        fails(Kind.NETWORKS, "dangling=maybe", 400,
            "invalid value for filter 'dangling', must be \"true\" (or \"1\"), or \"false\" (or \"0\")"),
        fails(Kind.NETWORKS, "bogus=1", 400, "invalid filter 'bogus'"),
        fails(Kind.NETWORKS, "until=1h", 400, "invalid filter 'until'"),
        ok(Kind.PRUNE, "", "tmp keep"),
        ok(Kind.PRUNE, "label=temp", "tmp"),
        ok(Kind.PRUNE, "label!=temp", "keep"),
        ok(Kind.PRUNE, "label=env=dev", ""),
        ok(Kind.PRUNE, "until=2025-06-02T09:00:03Z", "tmp"),
        ok(Kind.PRUNE, "until=2025-06-02T09:00:04Z label!=temp", "keep"),
        ok(Kind.PRUNE, "until=1h", ""),
        ok(Kind.PRUNE, "until=0", ""),
        ok(Kind.PRUNE, "until=1s", "tmp keep"),
        fails(Kind.PRUNE, "until=notatime", 400, "failed to parse value as time or duration: \"notatime\""),
        fails(Kind.PRUNE, "until=2025-13-01", 400, "parsing time \"2025-13-01\": month out of range"),
        fails(Kind.PRUNE, "until=1h until=2h", 400, "more than one until filter specified"),
        fails(Kind.PRUNE, "name=tmp", 400, "invalid filter 'name'"))
        .map(Arguments::of);
  }

  /** The networks of the state, in the engine's order. */
  private static final List<String> NETWORKS = List.of("none", "host", "bridge", "dev", "tmp", "keep");

  /** The state for the rows that only read, shared: one copy per front end and one server. */
  private static Harness readCli;
  private static Harness readApi;
  private static DockerApiServer readServer;

  @BeforeAll
  static void shareTheStateForReads() {
    readCli = state();
    readApi = state();
    readServer = server(readApi);
  }

  @AfterAll
  static void stopTheServer() {
    readServer.close();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void both_front_ends_answer_each_row_alike(Row row) throws Exception {
    boolean writes = row.kind() == Kind.PRUNE;
    Harness cli = writes ? state() : readCli;
    Harness api = writes ? state() : readApi;
    try (DockerApiServer server = writes ? server(api) : null) {
      assertThat(viaCli(cli, row)).as("cnm").isEqualTo(expected(row));
      assertThat(viaApi(writes ? server : readServer, row)).as("the API server").isEqualTo(expected(row));
    }
    List<String> left = new ArrayList<>(NETWORKS);
    if (writes) {
      left.removeAll(row.names());
    }
    assertThat(networkNames(cli)).as("what is left to cnm").isEqualTo(left);
    assertThat(networkNames(api)).as("what is left to the API server").isEqualTo(left);
  }

  private static Harness state() {
    Harness h = new Harness();
    STATE.forEach(h::ok);
    return h;
  }

  /** A server on {@code h}'s engine whose clock reads what the CLI's next command would read. */
  private static DockerApiServer server(Harness h) {
    Clock clock = Clock.fixed(h.clock.peek().plusSeconds(1), ZoneOffset.UTC);
    return DockerApiServer.builder().engine(h.engine).clock(clock)
        .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).build().start();
  }

  private static List<String> networkNames(Harness h) {
    return h.engine.networks().stream().map(NetworkInfo::name).toList();
  }

  /** The names, or the error as "status message". */
  private static String expected(Row row) {
    return row.error() == null ? String.join(" ", row.names()) : "error " + row.error();
  }

  private static String viaCli(Harness h, Row row) {
    StringBuilder line = new StringBuilder(switch (row.kind()) {
      case PS_ALL -> "ps -a --format {{.Names}}";
      case PS -> "ps --format {{.Names}}";
      case NETWORKS -> "network ls --format {{.Name}}";
      case PRUNE -> "network prune -f";
    });
    for (String f : row.filters()) {
      line.append(" --filter ").append(f);
    }
    Harness.Result r = h.run(line.toString());
    if (r.rc() != 0) {
      assertThat(r.rc()).isEqualTo(1);
      assertThat(r.err()).startsWith(Commands.DAEMON).endsWith("\n");
      return "error " + r.err().substring(Commands.DAEMON.length(), r.err().length() - 1);
    }
    assertThat(r.err()).isEmpty();
    String out = r.out();
    if (row.kind() == Kind.PRUNE) {
      if (out.isEmpty()) {
        return "";
      }
      assertThat(out).startsWith("Deleted Networks:\n").endsWith("\n\n");
      out = out.substring("Deleted Networks:\n".length(), out.length() - 1);
    }
    return String.join(" ", out.lines().toList());
  }

  private static String viaApi(DockerApiServer server, Row row) throws Exception {
    ObjectNode filters = JSON.createObjectNode();
    for (String f : row.filters()) {
      int eq = f.indexOf('=');
      ObjectNode set = filters.has(f.substring(0, eq)) ? (ObjectNode) filters.get(f.substring(0, eq))
          : filters.putObject(f.substring(0, eq));
      set.put(f.substring(eq + 1), true);
    }
    String query = filters.isEmpty() ? "" : "filters=" + URLEncoder.encode(filters.toString(), StandardCharsets.UTF_8);
    String method = row.kind() == Kind.PRUNE ? "POST" : "GET";
    String path = switch (row.kind()) {
      case PS_ALL -> "/v1.50/containers/json?all=1&" + query;
      case PS -> "/v1.50/containers/json?" + query;
      case NETWORKS -> "/v1.50/networks?" + query;
      case PRUNE -> "/v1.50/networks/prune?" + query;
    };
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.address().getPort() + path))
        .timeout(Duration.ofSeconds(20)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    JsonNode body = JSON.readTree(r.body());
    if (r.statusCode() != 200) {
      assertThat(r.statusCode()).as(r.body()).isEqualTo(row.status());
      return "error " + body.get("message").asText();
    }
    List<String> names = new ArrayList<>();
    switch (row.kind()) {
      case PS_ALL, PS -> body.forEach(c -> names.add(c.at("/Names/0").asText().substring(1)));
      case NETWORKS -> {
        body.forEach(n -> names.add(n.get("Name").asText()));
        names.sort(null); // the docker CLI sorts them by name
      }
      case PRUNE -> body.path("NetworksDeleted").forEach(n -> names.add(n.asText()));
    }
    return String.join(" ", names);
  }
}
