package dev.cnm.plugins.internal;

import dev.cnm.plugins.PluginAddress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 POST to a plugin over a unix socket or TCP, on a non-blocking {@link
 * SocketChannel} watched by a {@link Selector}, so that one deadline covers the connect, the
 * request and the whole response (Go's {@code http.Client.Timeout}), which blocking unix socket
 * channels cannot do. The response body is read by its {@code Content-Length}, as chunks, or to
 * the end of the connection. Failures carry the words Go's client uses ({@code dial unix
 * /run/docker/plugins/x.sock: connect: connection refused}, {@code EOF}, {@code context deadline
 * exceeded (Client.Timeout exceeded while awaiting headers)}).
 */
final class HttpTransport {
  /** The media type Docker accepts from plugins ({@code transport.VersionMimetype}). */
  static final String MIME = "application/vnd.docker.plugins.v1.2+json";

  private HttpTransport() {}

  /** A status, the headers (names lower-cased) and the body. */
  static final class Response {
    final int status;
    final Map<String, String> headers;
    final byte[] body;

    Response(int status, Map<String, String> headers, byte[] body) {
      this.status = status;
      this.headers = headers;
      this.body = body;
    }
  }

  /** A transport failure: the connection, a timeout or a truncated answer; the message is Go's cause text. */
  static final class TransportException extends Exception {
    private static final long serialVersionUID = 1L;
    /** Whether nothing was sent (a failed connect), so the plugin cannot have acted on the call. */
    final boolean notSent;

    TransportException(String goText, boolean notSent, Throwable cause) {
      super(goText, cause);
      this.notSent = notSent;
    }
  }

  /**
   * POSTs {@code body} to {@code path} at {@code address}; {@code deadlineNanos} is a {@link
   * System#nanoTime()} instant, or 0 for none.
   */
  static Response post(PluginAddress address, String path, byte[] body, long deadlineNanos) throws TransportException {
    byte[] head = ("POST " + path + " HTTP/1.1\r\n"
        + "Host: " + address.hostHeader() + "\r\n"
        + "Content-Length: " + body.length + "\r\n"
        + "Accept: " + MIME + "\r\n"
        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    SocketChannel ch;
    try {
      ch = address.isUnix() ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
    } catch (IOException e) {
      throw new TransportException("dial " + address.dialName() + ": socket: " + goErrno(e), true, e);
    }
    try (ch; Selector selector = Selector.open()) {
      ch.configureBlocking(false);
      try {
        if (!ch.connect(address.socketAddress())) {
          SelectionKey key = ch.register(selector, SelectionKey.OP_CONNECT);
          while (!ch.finishConnect()) {
            await(selector, key, deadlineNanos, false, true);
          }
        }
      } catch (IOException e) {
        throw new TransportException("dial " + address.dialName() + ": connect: " + goErrno(e), true, e);
      }
      SelectionKey key = ch.register(selector, SelectionKey.OP_WRITE);
      ByteBuffer out = ByteBuffer.allocate(head.length + body.length).put(head).put(body).flip();
      try {
        while (out.hasRemaining()) {
          if (ch.write(out) == 0) {
            await(selector, key, deadlineNanos, false, false);
          }
        }
      } catch (IOException e) {
        throw new TransportException("write " + address.dialName() + ": " + goErrno(e), false, e);
      }
      key.interestOps(SelectionKey.OP_READ);
      return read(ch, selector, key, deadlineNanos);
    } catch (IOException e) {
      throw new TransportException(goErrno(e), false, e);
    }
  }

  private static Response read(SocketChannel ch, Selector selector, SelectionKey key, long deadline)
      throws TransportException, IOException {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    ByteBuffer buf = ByteBuffer.allocate(8192);
    int headerEnd = -1;
    int status = 0;
    Map<String, String> headers = new LinkedHashMap<>();
    while (true) {
      buf.clear();
      int n;
      try {
        n = ch.read(buf);
      } catch (IOException e) {
        throw new TransportException("read: " + goErrno(e), false, e);
      }
      if (n > 0) {
        got.write(buf.array(), 0, n);
      }
      byte[] all = got.toByteArray();
      if (headerEnd < 0) {
        headerEnd = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        if (headerEnd >= 0) {
          status = parseHead(new String(all, 0, headerEnd, StandardCharsets.ISO_8859_1), headers);
        }
      }
      if (headerEnd >= 0) {
        byte[] body = body(all, headerEnd + 4, headers, n < 0);
        if (body != null) {
          return new Response(status, headers, body);
        }
      }
      if (n < 0) {
        throw new TransportException(all.length == 0 ? "EOF" : "unexpected EOF", false, null);
      }
      if (n == 0) {
        await(selector, key, deadline, headerEnd >= 0, false);
      }
    }
  }

  /** The body when complete (by length, chunks, or the connection's end), else null. */
  private static byte[] body(byte[] all, int start, Map<String, String> headers, boolean eof) throws TransportException {
    String te = headers.getOrDefault("transfer-encoding", "");
    if (te.toLowerCase(Locale.ROOT).contains("chunked")) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      int i = start;
      while (true) {
        int lineEnd = indexOf(all, "\r\n".getBytes(StandardCharsets.US_ASCII), i);
        if (lineEnd < 0) {
          return null;
        }
        String sizeText = new String(all, i, lineEnd - i, StandardCharsets.US_ASCII).split(";", 2)[0].trim();
        int size;
        try {
          size = Integer.parseInt(sizeText, 16);
        } catch (NumberFormatException e) {
          throw new TransportException("malformed chunked encoding", false, e);
        }
        if (size == 0) {
          return body.toByteArray();
        }
        if (lineEnd + 2 + size + 2 > all.length) {
          return null;
        }
        body.write(all, lineEnd + 2, size);
        i = lineEnd + 2 + size + 2;
      }
    }
    String length = headers.get("content-length");
    if (length != null) {
      int len;
      try {
        len = Integer.parseInt(length.trim());
      } catch (NumberFormatException e) {
        throw new TransportException("bad Content-Length \"" + length + "\"", false, e);
      }
      if (all.length - start >= len) {
        byte[] b = new byte[len];
        System.arraycopy(all, start, b, 0, len);
        return b;
      }
      return null;
    }
    if (eof) {
      byte[] b = new byte[all.length - start];
      System.arraycopy(all, start, b, 0, b.length);
      return b;
    }
    return null;
  }

  private static int parseHead(String head, Map<String, String> headers) throws TransportException {
    String[] lines = head.split("\r\n");
    String[] statusLine = lines[0].split(" ", 3);
    if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
      throw new TransportException("malformed HTTP response \"" + lines[0] + "\"", false, null);
    }
    int status;
    try {
      status = Integer.parseInt(statusLine[1]);
    } catch (NumberFormatException e) {
      throw new TransportException("malformed HTTP status code \"" + statusLine[1] + "\"", false, e);
    }
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
      }
    }
    return status;
  }

  /** Waits for the key's interest, or throws Go's timeout error at the deadline. */
  private static void await(Selector selector, SelectionKey key, long deadline, boolean headersDone, boolean connecting)
      throws TransportException, IOException {
    selector.selectedKeys().clear();
    if (deadline == 0) {
      selector.select();
      return;
    }
    long left = deadline - System.nanoTime();
    long millis = left <= 0 ? 0 : Math.max(1, left / 1_000_000);
    if (left <= 0 || selector.select(millis) == 0 && System.nanoTime() - deadline >= 0) {
      throw new TransportException(headersDone
          ? "context deadline exceeded (Client.Timeout or context cancellation while reading body)"
          : "context deadline exceeded (Client.Timeout exceeded while awaiting headers)", connecting, null);
    }
  }

  /** The errno text Go prints for a socket error ({@code connection refused}, {@code no such file or directory}). */
  private static String goErrno(IOException e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    String lower = m.toLowerCase(Locale.ROOT);
    if (lower.contains("refused")) {
      return "connection refused";
    }
    if (lower.contains("no such file")) {
      return "no such file or directory";
    }
    if (lower.contains("broken pipe")) {
      return "broken pipe";
    }
    if (lower.contains("reset")) {
      return "connection reset by peer";
    }
    if (lower.contains("permission denied")) {
      return "permission denied";
    }
    return lower;
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    return indexOf(hay, needle, 0);
  }

  private static int indexOf(byte[] hay, byte[] needle, int from) {
    outer:
    for (int i = from; i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
