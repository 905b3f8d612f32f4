package dev.cnm.dockerapi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cnm.api.Engine;
import dev.cnm.core.Cnm;
import dev.cnm.dockerapi.DockerApiServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A server that saves nothing answers a change on the network thread while the writer is idle
 * ({@link Workers#writeHere}); one that saves hands every change to the writer.
 */
class DirectChangesTest {
  private HttpTransport transport;
  private Engine engine;
  private int port;

  @AfterEach
  void stop() {
    if (transport != null) {
      transport.close();
    }
  }

  private void start(boolean direct, FaultHook faults) {
    engine = Cnm.builder().seed(3).build();
    DockerApiServer.Persistence nothing = new DockerApiServer.Persistence() {
      @Override
      public void save(Engine e) {}

      @Override
      public Engine reload() {
        return engine;
      }
    };
    transport = new HttpTransport(engine,
        new HttpTransport.Options(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null, 64 * 1024,
            1 << 20, 64, Duration.ofMinutes(5), Duration.ofMinutes(5), 4, 64, direct),
        nothing, Clock.systemUTC());
    transport.faults(faults);
    transport.start();
    port = transport.address().getPort();
  }

  private String status(String method, String path, String body) throws IOException {
    return ServerHardeningTest.status(ServerHardeningTest.request(port, method, path, body));
  }

  private List<String> threadsOfCreates(boolean direct) throws IOException {
    List<String> threads = new ArrayList<>();
    start(direct, (where, method, path) -> {
      if (where == FaultHook.Where.WORKER && path.endsWith("/networks/create")) {
        threads.add(Thread.currentThread().getName());
      }
    });
    for (int i = 0; i < 3; i++) {
      assertThat(status("POST", "/v1.50/networks/create", "{\"Name\":\"n" + i + "\"}")).isEqualTo("HTTP/1.1 201 Created");
    }
    return threads;
  }

  /** A kept-alive connection ends at close, between its requests, whichever thread answers changes. */
  @ParameterizedTest
  @ValueSource(booleans = {true, false, true, false, true, false})
  void close_ends_a_kept_alive_connection_between_its_requests(boolean direct) throws Exception {
    start(direct, FaultHook.NONE);
    try (Socket kept = new Socket(InetAddress.getLoopbackAddress(), port)) {
      kept.setSoTimeout(5_000);
      byte[] ping = "GET /_ping HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
      kept.getOutputStream().write(ping);
      assertThat(ServerHardeningTest.readHead(kept)).startsWith("HTTP/1.1 200 OK");
      transport.close();
      transport = null;
      try {
        kept.getOutputStream().write(ping);
      } catch (IOException reset) {
        // the server's close reached the socket first
      }
      assertThat(ServerHardeningTest.closedByServer(kept)).as("ended, not left unanswered").isTrue();
    }
  }

  @Test
  void a_server_that_saves_nothing_answers_a_change_on_the_network_thread_when_the_writer_is_idle()
      throws IOException {
    assertThat(threadsOfCreates(true)).containsOnly("cnm-api-network").hasSize(3);
    assertThat(engine.findNetwork("n2")).isPresent();
  }

  @Test
  void a_server_that_saves_hands_every_change_to_the_writer() throws IOException {
    assertThat(threadsOfCreates(false)).containsOnly("cnm-api-write").hasSize(3);
  }

  /** Clients at once, each change answered once and every one kept, whichever thread took it. */
  @Test
  void changes_from_clients_at_once_are_each_answered_and_kept() throws Exception {
    start(true, FaultHook.NONE);
    Map<String, String> statuses = new ConcurrentHashMap<>();
    List<Thread> clients = new ArrayList<>();
    for (int c = 0; c < 4; c++) {
      int client = c;
      Thread t = new Thread(() -> {
        for (int i = 0; i < 25; i++) {
          String name = "c" + client + "-" + i;
          try {
            statuses.put(name, status("POST", "/v1.50/containers/create?name=" + name, "{\"Image\":\"nginx\"}"));
          } catch (IOException e) {
            statuses.put(name, e.toString());
          }
        }
      });
      t.start();
      clients.add(t);
    }
    for (Thread t : clients) {
      t.join(60_000);
    }
    assertThat(statuses).hasSize(100).allSatisfy((name, status) -> assertThat(status).isEqualTo("HTTP/1.1 201 Created"));
    assertThat(engine.containers()).hasSize(100);
  }
}
