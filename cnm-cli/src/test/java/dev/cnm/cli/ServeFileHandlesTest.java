package dev.cnm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's first finding as it happened: the idle connections a client opens outnumber the
 * file handles the server process may hold, with the connection limit left at its default. The
 * server runs as a real process under {@code ulimit -n 256}, so the flood is a few hundred
 * connections rather than 21,000.
 */
class ServeFileHandlesTest {
  private static final int FILE_HANDLES = 256;

  @TempDir
  Path tmp;

  private Process server;
  private final List<Socket> flood = new ArrayList<>();

  @AfterEach
  void cleanUp() throws Exception {
    for (Socket s : flood) {
      s.close();
    }
    if (server != null) {
      server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private int startServer(Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", "ulimit -n " + FILE_HANDLES + " && exec \"$0\" \"$@\"", java,
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "--state", tmp.resolve("state").toString(), "serve", "--listen", "tcp://127.0.0.1:0");
    pb.environment().remove("CNM_STATE");
    pb.environment().remove("CNM_SEED");
    pb.redirectOutput(log.toFile()).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    server = pb.start();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < until && server.isAlive()) {
      String out = Files.readString(log);
      int at = out.indexOf("API listening on tcp://127.0.0.1:");
      if (at >= 0 && out.indexOf(' ', at + 33) > 0) {
        return Integer.parseInt(out.substring(at + 33, out.indexOf(' ', at + 33)));
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the server did not start: " + Files.readString(log));
  }

  /** {@code GET /_ping} on a new connection: its status line, or why there was none. */
  private static String ping(int port) {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(5_000);
      OutputStream out = s.getOutputStream();
      out.write("GET /_ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return response.isEmpty() ? "(closed)" : response.substring(0, response.indexOf("\r\n"));
    } catch (SocketTimeoutException e) {
      return "(no answer within 5 s)";
    } catch (IOException e) {
      return "(" + e.getMessage() + ")";
    }
  }

  /**
   * The mistake this catches: with the limit (1024) above what the process may open, accepting failed with
   * "Too many open files" (a stack trace in the log each time), and _ping got no answer until the
   * flood went away.
   */
  @Test
  void a_flood_beyond_the_file_handles_leaves_ping_answering() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/bash")) && System.getProperty("os.name").equals("Linux"));
    Path log = tmp.resolve("serve.log");
    int port = startServer(log);
    for (int i = 0; i < FILE_HANDLES + 150; i++) {
      flood.add(new Socket(InetAddress.getLoopbackAddress(), port)); // the kernel's backlog takes them all
    }
    Thread.sleep(500);
    assertThat(ping(port)).isEqualTo("HTTP/1.1 200 OK");
    for (Socket s : flood) {
      s.close();
    }
    flood.clear();
    assertThat(ping(port)).isEqualTo("HTTP/1.1 200 OK");
    assertThat(server.isAlive()).isTrue();
    assertThat(Files.readString(log)).doesNotContain("\tat ", "Exception");
  }
}
