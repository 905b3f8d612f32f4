package dev.cnm.dockerapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.cnm.api.Engine;
import dev.cnm.api.process.Script;
import dev.cnm.core.Cnm;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docker-java's lifecycle commands (logs, wait, events, kill) against the server, on an engine
 * that follows the system clock, so that programs that sleep exit as they would under dockerd.
 */
class DockerJavaLifecycleTest {
  private Engine engine;
  private DockerApiServer server;
  private DockerClient docker;
  private String host;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeEach
  void start() {
    engine = Cnm.builder()
        .program("greet", Script.builder().stdout("out one").stderr("err one").stdout("out two").exit(3).build())
        .build();
    server = DockerApiServer.builder()
        .engine(engine)
        .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .build()
        .start();
    host = "http://127.0.0.1:" + server.address().getPort();
    docker = client("1.47");
  }

  private DockerClient client(String version) {
    String tcp = "tcp://127.0.0.1:" + server.address().getPort();
    DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
        .withDockerHost(tcp).withDockerTlsVerify(false).withApiVersion(version).build();
    return DockerClientImpl.getInstance(config,
        new ZerodepDockerHttpClient.Builder().dockerHost(URI.create(tcp)).build());
  }

  @AfterEach
  void stop() throws Exception {
    docker.close();
    server.close();
  }

  private String run(String name, boolean tty, String... cmd) {
    String id = docker.createContainerCmd("alpine").withName(name).withTty(tty).withCmd(cmd).exec().getId();
    docker.startContainerCmd(id).exec();
    return id;
  }

  private List<Frame> logs(String id, boolean follow, java.util.function.UnaryOperator<
      com.github.dockerjava.api.command.LogContainerCmd> options) throws InterruptedException {
    List<Frame> frames = new CopyOnWriteArrayList<>();
    options.apply(docker.logContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(follow))
        .exec(new ResultCallback.Adapter<Frame>() {
          @Override
          public void onNext(Frame f) {
            frames.add(f);
          }
        }).awaitCompletion(10, TimeUnit.SECONDS);
    return frames;
  }

  private static String text(List<Frame> frames) {
    return frames.stream().map(f -> new String(f.getPayload(), StandardCharsets.UTF_8)).collect(Collectors.joining());
  }

  private HttpResponse<byte[]> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(host + path)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void wait_returns_the_exit_status_of_a_detached_program_and_logs_keep_its_streams() throws Exception {
    String id = run("greeter", false, "greet");
    int status = docker.waitContainerCmd(id).exec(new WaitContainerResultCallback()).awaitStatusCode(10, TimeUnit.SECONDS);
    assertThat(status).isEqualTo(3);

    List<Frame> frames = logs(id, false, c -> c);
    assertThat(frames).extracting(Frame::getStreamType)
        .containsExactly(StreamType.STDOUT, StreamType.STDERR, StreamType.STDOUT);
    assertThat(text(frames)).isEqualTo("out one\nerr one\nout two\n");
    assertThat(text(logs(id, false, c -> c.withStdErr(false)))).isEqualTo("out one\nout two\n");
    assertThat(text(logs(id, false, c -> c.withTail(1)))).isEqualTo("out two\n");
    assertThat(text(logs(id, false, c -> c.withTail(0)))).isEmpty();
    // a followed log of a stopped container gives what it wrote and ends
    assertThat(text(logs(id, true, c -> c))).isEqualTo("out one\nerr one\nout two\n");
  }

  @Test
  void timestamps_are_rfc3339_with_nine_digits_and_since_until_select_by_time() throws Exception {
    String id = run("greeter", false, "greet");
    docker.waitContainerCmd(id).exec(new WaitContainerResultCallback()).awaitStatusCode(10, TimeUnit.SECONDS);
    String stamped = text(logs(id, false, c -> c.withTimestamps(true)));
    assertThat(stamped.split("\n")).hasSize(3)
        .allMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z (out|err) (one|two)"));
    Instant written = Instant.parse(stamped.substring(0, stamped.indexOf(' ')));
    assertThat(text(logs(id, false, c -> c.withSince((int) written.getEpochSecond() + 2)))).isEmpty();
    assertThat(text(logs(id, false, c -> c.withSince((int) written.getEpochSecond())))).contains("out one");
    assertThat(text(logs(id, false, c -> c.withUntil((int) written.getEpochSecond() - 2)))).isEmpty();
  }

  @Test
  void logs_are_stdcopy_frames_without_a_tty_and_raw_crlf_with_one() throws Exception {
    String plain = run("plain", false, "greet");
    String tty = run("term", true, "greet");
    docker.waitContainerCmd(plain).exec(new WaitContainerResultCallback()).awaitStatusCode(10, TimeUnit.SECONDS);
    docker.waitContainerCmd(tty).exec(new WaitContainerResultCallback()).awaitStatusCode(10, TimeUnit.SECONDS);

    HttpResponse<byte[]> r = get("/v1.47/containers/plain/logs?stdout=1&stderr=1");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/vnd.docker.multiplexed-stream");
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    for (String[] f : new String[][] {{"1", "out one\n"}, {"2", "err one\n"}, {"1", "out two\n"}}) {
      expected.write(new byte[] {(byte) Integer.parseInt(f[0]), 0, 0, 0, 0, 0, 0, (byte) f[1].length()});
      expected.write(f[1].getBytes(StandardCharsets.UTF_8));
    }
    assertThat(r.body()).isEqualTo(expected.toByteArray());

    r = get("/v1.47/containers/term/logs?stdout=1&stderr=1");
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/vnd.docker.raw-stream");
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("out one\r\nerr one\r\nout two\r\n");
    // before API 1.42 dockerd calls every log stream raw, framed or not
    assertThat(get("/v1.41/containers/plain/logs?stdout=1").headers().firstValue("Content-Type"))
        .hasValue("application/vnd.docker.raw-stream");
  }

  @Test
  void logs_refuse_no_stream_and_an_unknown_container_as_dockerd() throws Exception {
    run("greeter", false, "greet");
    HttpResponse<byte[]> r = get("/v1.47/containers/greeter/logs");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(new String(r.body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"message\":\"Bad parameters: you must choose at least one stream\"}\n");
    assertThatThrownBy(() -> logs("nope", false, c -> c))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("No such container: nope");
  }

  @Test
  void a_followed_log_streams_until_the_container_exits() throws Exception {
    // From before the start, so that the sleep lies wholly inside what is measured: from after it,
    // a start answered late (a loaded machine) would leave less than the sleep to wait.
    long t0 = System.nanoTime();
    String id = run("slow", false, "sh", "-c", "echo first; sleep 1; echo second");
    List<Frame> frames = logs(id, true, c -> c);
    assertThat(text(frames)).isEqualTo("first\nsecond\n");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
    assertThat(docker.inspectContainerCmd(id).exec().getState().getRunning()).isFalse();
  }

  private java.util.concurrent.CompletableFuture<HttpResponse<String>> waitFor(String name, String condition) {
    return http.sendAsync(HttpRequest.newBuilder(URI.create(host + "/v1.47/containers/" + name + "/wait?condition="
        + condition)).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void wait_conditions_next_exit_and_removed_answer_when_they_hold() throws Exception {
    String id = run("napper", false, "sh", "-c", "sleep 1; exit 4");
    var nextExit = waitFor("napper", "next-exit");
    assertThat(nextExit.get(10, TimeUnit.SECONDS).body()).isEqualTo("{\"StatusCode\":4}\n");
    // not-running answers at once for a stopped container
    assertThat(waitFor("napper", "not-running").get(2, TimeUnit.SECONDS).body()).isEqualTo("{\"StatusCode\":4}\n");
    var removed = waitFor("napper", "removed");
    Thread.sleep(200);
    assertThat(removed).isNotDone();
    docker.removeContainerCmd(id).exec();
    assertThat(removed.get(10, TimeUnit.SECONDS).body()).isEqualTo("{\"StatusCode\":4}\n");
    assertThat(waitFor(id, "not-running").get(2, TimeUnit.SECONDS).statusCode()).isEqualTo(404);
    // moby checks the condition before it looks the container up
    HttpResponse<String> bad = waitFor(id, "sometime").get(2, TimeUnit.SECONDS);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).isEqualTo("{\"message\":\"invalid condition: \\\"sometime\\\"\"}\n");
  }

  @Test
  void a_container_removed_as_it_exits_still_gives_its_status_to_its_waiters() throws Exception {
    String id = docker.createContainerCmd("alpine").withName("gone").withCmd("sh", "-c", "sleep 1; exit 3")
        .withHostConfig(com.github.dockerjava.api.model.HostConfig.newHostConfig().withAutoRemove(true))
        .exec().getId();
    docker.startContainerCmd(id).exec();
    var removed = waitFor("gone", "removed");
    var notRunning = waitFor("gone", "not-running");
    assertThat(removed.get(10, TimeUnit.SECONDS).body()).isEqualTo("{\"StatusCode\":3}\n");
    assertThat(notRunning.get(10, TimeUnit.SECONDS).body()).isEqualTo("{\"StatusCode\":3}\n");
    assertThat(engine.findContainer(id)).isEmpty();
  }

  @Test
  void kill_ends_the_program_with_128_plus_the_signal() throws Exception {
    String id = run("server", true, "sh");
    docker.killContainerCmd(id).exec();
    assertThat(docker.waitContainerCmd(id).exec(new WaitContainerResultCallback())
        .awaitStatusCode(10, TimeUnit.SECONDS)).isEqualTo(137);
    assertThat(docker.inspectContainerCmd(id).exec().getState().getExitCodeLong()).isEqualTo(137L);
  }

  private List<Event> events(DockerClient client, java.util.function.UnaryOperator<
      com.github.dockerjava.api.command.EventsCmd> options) throws InterruptedException {
    List<Event> seen = new CopyOnWriteArrayList<>();
    options.apply(client.eventsCmd()).exec(new ResultCallback.Adapter<Event>() {
      @Override
      public void onNext(Event e) {
        seen.add(e);
      }
    }).awaitCompletion(10, TimeUnit.SECONDS);
    return seen;
  }

  @Test
  void events_in_a_past_window_come_with_dockers_shape_and_filters() throws Exception {
    long since = engine.clock().now().getEpochSecond();
    String id = run("greeter", false, "greet");
    docker.waitContainerCmd(id).exec(new WaitContainerResultCallback()).awaitStatusCode(10, TimeUnit.SECONDS);
    Instant end = engine.clock().now().plusMillis(300);
    // Unix seconds with a fraction, as the docker CLI sends them; a little ahead, so the stream ends soon
    String until = end.getEpochSecond() + "." + String.format("%09d", end.getNano());
    List<Event> all = events(docker, c -> c.withSince(String.valueOf(since)).withUntil(until));
    List<String> container = all.stream().filter(e -> "container".equals(e.getType().getValue()))
        .map(Event::getAction).toList();
    assertThat(container).containsSubsequence("create", "start", "die");
    Event die = all.stream().filter(e -> "die".equals(e.getAction())).findFirst().orElseThrow();
    assertThat(die.getId()).isEqualTo(id);
    assertThat(die.getStatus()).isEqualTo("die");
    assertThat(die.getFrom()).isEqualTo("alpine");
    assertThat(die.getActor().getAttributes()).containsEntry("exitCode", "3").containsEntry("name", "greeter")
        .containsEntry("image", "alpine");
    assertThat(die.getTimeNano()).isGreaterThanOrEqualTo(die.getTime() * 1_000_000_000L);

    List<Event> dies = events(docker, c -> c.withSince(String.valueOf(since)).withUntil(until)
        .withEventFilter("die").withContainerFilter("greeter"));
    assertThat(dies).extracting(Event::getAction).containsExactly("die");
    Event connect = events(docker, c -> c.withSince(String.valueOf(since)).withUntil(until)
        .withEventTypeFilter("network").withEventFilter("connect")).get(0);
    assertThat(connect.getActor().getAttributes()).containsEntry("container", id)
        .containsEntry("name", "bridge").containsEntry("type", "bridge");
    assertThat(connect.getStatus()).isNull();
  }

  @Test
  void events_stream_what_happens_until_the_until_time() throws Exception {
    // Whole seconds: 2 to 3 s from now, so that a create a loaded machine answers a second late
    // still falls before the end (1 to 2 s left that to chance).
    String until = String.valueOf(engine.clock().now().plusSeconds(3).getEpochSecond());
    List<Event> seen = new CopyOnWriteArrayList<>();
    ResultCallback.Adapter<Event> stream = docker.eventsCmd().withUntil(until).withEventFilter("create")
        .exec(new ResultCallback.Adapter<Event>() {
          @Override
          public void onNext(Event e) {
            seen.add(e);
          }
        });
    docker.createNetworkCmd().withName("later").exec();
    assertThat(stream.awaitCompletion(10, TimeUnit.SECONDS)).isTrue();
    assertThat(seen).extracting(e -> e.getActor().getAttributes().get("name")).containsExactly("later");
  }

  @Test
  void events_refuse_a_since_after_the_until_in_dockerds_words() throws Exception {
    HttpResponse<byte[]> r = get("/v1.47/events?since=20&until=10");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(new String(r.body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"message\":\"`since` time (20) cannot be after `until` time (10)\"}\n");
    r = get("/v1.47/events?since=abc&until=10");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("strconv.ParseInt: parsing \\\"abc\\\": invalid syntax");
  }

  @Test
  void image_create_events_are_left_out_below_api_1_46() throws Exception {
    long since = engine.clock().now().getEpochSecond() - 1;
    docker.pullImageCmd("alpine").withTag("latest").start().awaitCompletion(10, TimeUnit.SECONDS);
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("ctx");
    java.nio.file.Files.writeString(dir.resolve("Dockerfile"), "FROM alpine\nLABEL a=b\n");
    docker.buildImageCmd(dir.toFile()).withTags(java.util.Set.of("mine:1"))
        .start().awaitImageId(10, TimeUnit.SECONDS);
    String until = String.valueOf(engine.clock().now().getEpochSecond() + 1);
    List<String> now = events(docker, c -> c.withSince(String.valueOf(since)).withUntil(until)
        .withEventTypeFilter("image")).stream().map(Event::getAction).toList();
    try (DockerClient old = client("1.45")) {
      List<String> before = events(old, c -> c.withSince(String.valueOf(since)).withUntil(until)
          .withEventTypeFilter("image")).stream().map(Event::getAction).toList();
      assertThat(now).contains("create", "tag");
      assertThat(before).doesNotContain("create").contains("tag");
    }
  }

  @Test
  void below_api_1_44_a_create_with_two_networks_answers_400() throws Exception {
    docker.createNetworkCmd().withName("one").exec();
    docker.createNetworkCmd().withName("two").exec();
    String body = "{\"Image\":\"alpine\",\"NetworkingConfig\":{\"EndpointsConfig\":{\"one\":{},\"two\":{}}}}";
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(host + "/v1.43/containers/create"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body())
        .isEqualTo("{\"message\":\"Container cannot be created with multiple network endpoints: one, two\"}\n");
    r = http.send(HttpRequest.newBuilder(URI.create(host + "/v1.44/containers/create"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(201);
  }
}
