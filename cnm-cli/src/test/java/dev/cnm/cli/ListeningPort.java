package dev.cnm.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The port a {@code cnm serve --listen tcp://127.0.0.1:0} on a thread of the test's JVM bound, read
 * from its {@code API listening on} line. The server picks the port itself: a port found free by
 * the test and handed to the server could be bound by another process in between, and the test
 * would then talk to that one.
 *
 * <pre>{@code
 * new Thread(() -> new Cli(env, print, print).run(List.of("serve", "--listen", "tcp://127.0.0.1:0"))).start();
 * int port = ListeningPort.await(out);
 * }</pre>
 */
final class ListeningPort {
  private static final Pattern LINE = Pattern.compile("API listening on tcp://127\\.0\\.0\\.1:(\\d+) ");

  private ListeningPort() {}

  /**
   * Waits up to 30 s for the server's line in {@code out}.
   *
   * @param out what the server prints
   * @return the port it listens on
   * @throws AssertionError with what the server printed, when it does not listen in time
   */
  static int await(ByteArrayOutputStream out) throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      Matcher m = LINE.matcher(out.toString(StandardCharsets.UTF_8));
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
      Thread.sleep(50);
    }
    throw new AssertionError("cnm serve did not listen: " + out.toString(StandardCharsets.UTF_8));
  }
}
