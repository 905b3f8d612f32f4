package dev.cnm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cnm serve} serves the state directory's engine and saves after each mutating request. */
class ServeTest {
  @TempDir
  Path tmp;

  @Test
  void serve_saves_every_mutation_to_the_state_directory() throws Exception {
    Path dir = tmp.resolve("state");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AtomicInteger rc = new AtomicInteger(-1);
    Thread server = new Thread(() -> rc.set(new Cli(Map.of("CNM_SEED", "5"),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8))
        .run(List.of("--state", dir.toString(), "serve", "--listen", "tcp://127.0.0.1:0"))));
    server.start();
    int port = ListeningPort.await(out);
    HttpResponse<String> created = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1.50/networks/create"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"Name\":\"dev\"}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).isEqualTo(201);
    server.interrupt();
    server.join(10_000);
    assertThat(rc.get()).isZero();

    ByteArrayOutputStream ls = new ByteArrayOutputStream();
    int lsRc = new Cli(Map.of(), new PrintStream(ls, true, StandardCharsets.UTF_8), System.err)
        .run(List.of("--state", dir.toString(), "network", "ls", "--format", "{{.Name}}"));
    assertThat(lsRc).isZero();
    assertThat(ls.toString(StandardCharsets.UTF_8)).contains("dev\n");
  }
}
