package dev.cnm.benchmarks;

import java.io.Closeable;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * The least an HTTP/1.1 client can do, for a baseline without a client library: one keep-alive
 * connection (TCP or Unix socket), a request written in one go, a reply read up to its {@code
 * Content-Length}. Only what cnm's server answers to {@link DockerApiBenchmarks}' requests is
 * understood (no chunked replies).
 *
 * <pre>{@code
 * try (RawHttp http = new RawHttp(UnixDomainSocketAddress.of("/tmp/d/docker.sock"))) {
 *   String body = http.call("GET", "/v1.44/version", null);
 * }
 * }</pre>
 */
final class RawHttp implements Closeable {
  private final SocketChannel channel;
  private ByteBuffer in = ByteBuffer.allocate(16 * 1024);

  RawHttp(SocketAddress address) throws IOException {
    channel = SocketChannel.open(address);
  }

  /**
   * Sends one request and reads its reply.
   *
   * @param body a JSON body, or null for none
   * @return the reply's body
   * @throws IOException when the connection fails, or the reply is not a 2xx
   */
  String call(String method, String path, String body) throws IOException {
    byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    byte[] head = (method + " " + path + " HTTP/1.1\r\nHost: docker\r\nContent-Type: application/json\r\n"
        + "Content-Length: " + b.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    ByteBuffer out = ByteBuffer.allocate(head.length + b.length).put(head).put(b).flip();
    while (out.hasRemaining()) {
      channel.write(out);
    }
    in.clear();
    int end = -1;
    int length = 0;
    while (true) {
      if (!in.hasRemaining()) {
        in = ByteBuffer.allocate(in.capacity() * 2).put(in.flip());
      }
      if (channel.read(in) < 0) {
        throw new IOException("connection closed by the server");
      }
      if (end < 0) {
        String s = new String(in.array(), 0, in.position(), StandardCharsets.ISO_8859_1);
        end = s.indexOf("\r\n\r\n");
        if (end < 0) {
          continue;
        }
        if (!s.startsWith("HTTP/1.1 2")) {
          throw new IOException(s);
        }
        int at = s.toLowerCase(java.util.Locale.ROOT).indexOf("\r\ncontent-length:");
        if (at >= 0 && at < end) {
          length = Integer.parseInt(s.substring(at + 17, s.indexOf("\r\n", at + 2)).trim());
        }
      }
      if (in.position() >= end + 4 + length) {
        return new String(in.array(), end + 4, length, StandardCharsets.UTF_8);
      }
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
