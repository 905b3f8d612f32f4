package dev.cnm.dockerapi.internal;

import dev.cnm.api.image.ProgressMessage;
import dev.cnm.core.json.DockerJson;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * A pull's or a build's progress on the wire, as moby's {@code WriteFlusher} sends it: the 200
 * and its headers go out with the first message, each message is a JSON line of its own, and a
 * failure after that is written into the stream ({@code {"errorDetail":...,"error":...}}), where
 * the client reports it; a failure before any message is an ordinary error reply.
 */
final class ProgressStream implements Consumer<ProgressMessage> {
  private final Conn conn;
  private boolean started;

  ProgressStream(Conn conn) {
    this.conn = conn;
  }

  @Override
  public void accept(ProgressMessage m) {
    write(DockerJson.progressLine(m));
  }

  /** A line of JSON already formed ({@code q=1}'s buffered output). */
  void write(String line) {
    if (!started) {
      conn.startChunked(200, Api.JSON);
      started = true;
    }
    conn.chunk(line.getBytes(StandardCharsets.UTF_8));
  }

  /** The operation failed: into the stream when it has begun, else as the request's error. */
  void fail(RuntimeException e) {
    if (!started) {
      throw e;
    }
    conn.chunk(DockerJson.progressErrorLine(String.valueOf(e.getMessage())).getBytes(StandardCharsets.UTF_8));
    conn.endChunked();
  }

  /** The operation is done: the stream ends (an empty 200 when nothing was written). */
  void end() {
    if (started) {
      conn.endChunked();
    } else {
      conn.reply(200, Api.JSON, new byte[0]);
    }
  }
}
