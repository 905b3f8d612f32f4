package dev.cnm.cli;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * The resident server's protocol, spoken over a Unix socket by {@code bin/cnm}'s clients (the C
 * one, {@code cnm-cli/src/main/c/cnm-client.c}, and {@link ResidentClient}). Every message is a
 * frame: one type byte, a 4-byte big-endian length, then that many bytes.
 *
 * <p>The client sends {@link #VERSION}, the jar it would run ({@link #JAR}, optional), {@link #CWD}, one {@link #ENV} per variable, one {@link
 * #ARG} per argument, then {@link #GO}. The server answers {@link #ACCEPTED} when it has taken the
 * command and will run it exactly once, {@link #ELSEWHERE} when the client should run it in a
 * process of its own, or {@link #RETRY} when it is stopping (idle, or its jar was rebuilt) and
 * has run nothing: only before {@link #ACCEPTED} may a client try again, so a command never runs
 * twice. After it: {@link #STDOUT} and {@link #STDERR} bytes, {@link #READ} when the command
 * reads its input (the client answers one {@link #INPUT}, empty at its end), and last {@link
 * #EXIT} with the exit code.
 */
final class Wire {
  private Wire() {}

  static final String VERSION_TEXT = "cnm-resident 1";

  // client to server
  static final byte VERSION = 'V';
  static final byte JAR = 'J';
  static final byte CWD = 'W';
  static final byte ENV = 'E';
  static final byte ARG = 'A';
  static final byte GO = 'G';
  static final byte INPUT = 'I';

  // server to client
  static final byte ACCEPTED = 'K';
  static final byte ELSEWHERE = 'N';
  static final byte RETRY = 'R';
  static final byte STDOUT = 'O';
  static final byte STDERR = 'F';
  static final byte READ = 'r';
  static final byte EXIT = 'X';

  static final byte[] NOTHING = new byte[0];

  /** The largest frame either side accepts (an argument, a variable, a chunk of output). */
  static final int MAX_FRAME = 1 << 24;

  record Frame(byte type, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    int number() {
      return ByteBuffer.wrap(body).getInt();
    }
  }

  static void write(SocketChannel ch, byte type, byte[] body, int off, int len) throws IOException {
    ByteBuffer head = ByteBuffer.allocate(5).put(type).putInt(len).flip();
    ByteBuffer[] bufs = {head, ByteBuffer.wrap(body, off, len)};
    long left = 5L + len;
    while (left > 0) {
      left -= ch.write(bufs);
    }
  }

  static void write(SocketChannel ch, byte type, String text) throws IOException {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    write(ch, type, b, 0, b.length);
  }

  static void write(SocketChannel ch, byte type, int number) throws IOException {
    write(ch, type, ByteBuffer.allocate(4).putInt(number).array(), 0, 4);
  }

  /** The next frame; {@link EOFException} when the peer closed before a whole one. */
  static Frame read(SocketChannel ch) throws IOException {
    ByteBuffer head = ByteBuffer.allocate(5);
    fill(ch, head);
    byte type = head.get(0);
    int len = head.getInt(1);
    if (len < 0 || len > MAX_FRAME) {
      throw new IOException("bad frame length " + len);
    }
    ByteBuffer body = ByteBuffer.allocate(len);
    fill(ch, body);
    return new Frame(type, body.array());
  }

  private static void fill(SocketChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      int n;
      try {
        n = ch.read(b);
      } catch (ClosedChannelException e) {
        throw new EOFException("closed");
      }
      if (n < 0) {
        throw new EOFException("peer closed");
      }
    }
  }
}
