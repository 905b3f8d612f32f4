package dev.cnm.dockerapi.internal;

import java.nio.charset.StandardCharsets;

/**
 * A command's output on a hijacked connection: raw for a terminal, else Docker's multiplexed
 * frames (an 8-byte header naming the stream and the length, then the bytes).
 */
final class Streams {
  static final String MULTIPLEXED = "application/vnd.docker.multiplexed-stream";
  static final String RAW = "application/vnd.docker.raw-stream";

  private Streams() {}

  /** The content type of a hijacked stream. */
  static String contentType(boolean tty) {
    return tty ? RAW : MULTIPLEXED;
  }

  static void write(Conn c, Commands.Result result, boolean tty) {
    if (tty) {
      // A terminal merges both streams and turns each newline into CR LF (ONLCR).
      String merged = (result.stdout() + result.stderr()).replace("\n", "\r\n");
      if (!merged.isEmpty()) {
        c.raw(merged.getBytes(StandardCharsets.UTF_8));
      }
      return;
    }
    frame(c, 1, result.stdout());
    frame(c, 2, result.stderr());
  }

  private static void frame(Conn c, int stream, String text) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    if (payload.length == 0) {
      return;
    }
    c.raw(frame(stream, payload));
  }

  /** One frame of moby's {@code stdcopy}: the stream (1 stdout, 2 stderr), three zeros, the big-endian length, the bytes. */
  static byte[] frame(int stream, byte[] payload) {
    byte[] f = new byte[8 + payload.length];
    f[0] = (byte) stream;
    f[4] = (byte) (payload.length >>> 24);
    f[5] = (byte) (payload.length >>> 16);
    f[6] = (byte) (payload.length >>> 8);
    f[7] = (byte) payload.length;
    System.arraycopy(payload, 0, f, 8, payload.length);
    return f;
  }
}
