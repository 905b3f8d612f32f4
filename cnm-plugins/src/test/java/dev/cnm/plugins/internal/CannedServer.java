package dev.cnm.plugins.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A unix-socket server that reads one request and writes canned bytes, then closes: for transport tests. */
final class CannedServer implements AutoCloseable {
  private final ServerSocketChannel server;
  private final Path socket;
  volatile String request = "";

  CannedServer(Path socket, byte[] answer, long delayMillis) throws IOException {
    this.socket = socket;
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    Thread t = new Thread(() -> {
      try (SocketChannel ch = server.accept()) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(4096);
        while (!got.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
          buf.clear();
          if (ch.read(buf) < 0) {
            break;
          }
          got.write(buf.array(), 0, buf.position());
        }
        request = got.toString(StandardCharsets.ISO_8859_1);
        Thread.sleep(delayMillis);
        ch.write(ByteBuffer.wrap(answer));
      } catch (IOException | InterruptedException e) {
        // the test decides what it needed
      }
    });
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() throws IOException {
    server.close();
    java.nio.file.Files.deleteIfExists(socket);
  }
}
