package dev.cnm.plugins.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.plugins.PluginAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HttpTransportTest {
  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static HttpTransport.Response post(Path socket, long timeoutMillis) throws HttpTransport.TransportException {
    return HttpTransport.post(PluginAddress.unix(socket), "/NetworkDriver.Join", bytes("{\"NetworkID\":\"n\"}\n"),
        System.nanoTime() + timeoutMillis * 1_000_000);
  }

  @Test
  void sends_dockers_headers_and_reads_a_body_by_its_length() throws Exception {
    Path s = Files.createTempDirectory("cnmp").resolve("p.sock");
    try (CannedServer server = new CannedServer(s, bytes("HTTP/1.1 200 OK\r\nContent-Length: 13\r\n\r\n{\"Err\":\"no\"}\n"), 0)) {
      HttpTransport.Response r = post(s, 2000);
      assertThat(r.status).isEqualTo(200);
      assertThat(new String(r.body, StandardCharsets.UTF_8)).isEqualTo("{\"Err\":\"no\"}\n");
      assertThat(server.request).startsWith("POST /NetworkDriver.Join HTTP/1.1\r\n")
          .contains("Host: plugin.moby.localhost\r\n")
          .contains("Accept: application/vnd.docker.plugins.v1.2+json\r\n")
          .contains("Content-Length: 18\r\n");
    }
  }

  @Test
  void reads_a_chunked_body_and_one_ended_by_the_connection() throws Exception {
    Path s = Files.createTempDirectory("cnmp").resolve("p.sock");
    CannedServer server1 = new CannedServer(s, bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "5\r\n{\"Err\r\n7\r\n\":\"x\"}\n\r\n0\r\n\r\n"), 0);
    try {
      assertThat(new String(post(s, 2000).body, StandardCharsets.UTF_8)).isEqualTo("{\"Err\":\"x\"}\n");} finally {
      server1.close();
    }
    Path s2 = Files.createTempDirectory("cnmp").resolve("p.sock");
    CannedServer server2 = new CannedServer(s2, bytes("HTTP/1.0 200 OK\r\n\r\n{}"), 0);
    try {
      assertThat(new String(post(s2, 2000).body, StandardCharsets.UTF_8)).isEqualTo("{}");} finally {
      server2.close();
    }
  }

  @Test
  void failures_carry_gos_words() throws IOException {
    Path missing = Files.createTempDirectory("cnmp").resolve("none.sock");
    assertThatThrownBy(() -> post(missing, 500)).isInstanceOf(HttpTransport.TransportException.class)
        .hasMessage("dial unix " + missing + ": connect: no such file or directory");
    Path s = Files.createTempDirectory("cnmp").resolve("p.sock");
    CannedServer server3 = new CannedServer(s, new byte[0], 0);
    try {
      assertThatThrownBy(() -> post(s, 2000)).hasMessage("EOF");} finally {
      server3.close();
    }
    Path s2 = Files.createTempDirectory("cnmp").resolve("p.sock");
    CannedServer server4 = new CannedServer(s2, bytes("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n{}"), 0);
    try {
      assertThatThrownBy(() -> post(s2, 2000)).hasMessage("unexpected EOF");} finally {
      server4.close();
    }
    Path s3 = Files.createTempDirectory("cnmp").resolve("p.sock");
    CannedServer server5 = new CannedServer(s3, bytes("HTTP/1.1 200 OK\r\n\r\n{}"), 1500);
    try {
      assertThatThrownBy(() -> post(s3, 300))
          .hasMessage("context deadline exceeded (Client.Timeout exceeded while awaiting headers)");} finally {
      server5.close();
    }
  }
}
