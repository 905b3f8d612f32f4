package dev.cnm.cli;

import java.io.EOFException;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/cnm}'s client in Java, for machines without a C compiler (the C client, {@code
 * cnm-cli/src/main/c/cnm-client.c}, is the same program and starts faster): sends the command
 * line to the state directory's {@link ResidentServer}, starting one when none answers, and
 * prints what it sends back. When no server can serve it, the command runs in this process.
 *
 * <p>{@code cnm __client SOCKET N SERVER-COMMAND(N words) ARGS...}
 */
final class ResidentClient {
  private ResidentClient() {}

  /** {@code cnm __client SOCKET N SERVER-COMMAND... ARGS...}. */
  static final String COMMAND = "__client";

  /** How long a new server may take to answer (a JVM start on a loaded machine). */
  private static final long START_MILLIS = 60_000;

  /** Runs {@code args} through the server, or here; returns the exit code. */
  static int run(List<String> argv, PrintStream out, PrintStream err) {
    Path socket = Path.of(argv.get(0));
    int n = Integer.parseInt(argv.get(1));
    List<String> serverCommand = argv.subList(2, 2 + n);
    List<String> args = argv.subList(2 + n, argv.size());
    for (int attempt = 0; attempt < 5; attempt++) {
      SocketChannel found = connect(socket);
      SocketChannel ch = found != null ? found : start(socket, serverCommand);
      if (ch == null) {
        break;
      }
      try (ch) {
        Outcome o = exchange(ch, socket, args, out, err);
        if (o.rc >= 0) {
          return o.rc;
        }
        if (o.elsewhere) {
          break;
        }
      } catch (IOException e) {
        // closed before it was accepted: the server was stopping; try again
      }
    }
    return new Cli(System.getenv(), out, err).run(args);
  }

  private record Outcome(int rc, boolean elsewhere) {}

  private static Outcome exchange(SocketChannel ch, Path socket, List<String> args, PrintStream out, PrintStream err)
      throws IOException {
    Wire.write(ch, Wire.VERSION, Wire.VERSION_TEXT);
    String jar = ownJar();
    if (jar != null) {
      Wire.write(ch, Wire.JAR, jar);
    }
    Wire.write(ch, Wire.CWD, Path.of("").toAbsolutePath().toString());
    for (Map.Entry<String, String> e : System.getenv().entrySet()) {
      Wire.write(ch, Wire.ENV, e.getKey() + "=" + e.getValue());
    }
    for (String a : args) {
      Wire.write(ch, Wire.ARG, a);
    }
    Wire.write(ch, Wire.GO, Wire.NOTHING, 0, 0);
    Wire.Frame first = Wire.read(ch);
    if (first.type() == Wire.ELSEWHERE) {
      return new Outcome(-1, true);
    }
    if (first.type() != Wire.ACCEPTED) {
      return new Outcome(-1, false);
    }
    // Accepted: from here on the command runs exactly once, whatever happens to the connection.
    try {
      while (true) {
        Wire.Frame f = Wire.read(ch);
        switch (f.type()) {
          case Wire.STDOUT:
            out.write(f.body(), 0, f.body().length);
            break;
          case Wire.STDERR:
            out.flush();
            err.write(f.body(), 0, f.body().length);
            err.flush();
            break;
          case Wire.READ:
            out.flush();
            byte[] buf = new byte[f.number()];
            int got = System.in.read(buf);
            Wire.write(ch, Wire.INPUT, buf, 0, Math.max(got, 0));
            break;
          case Wire.EXIT:
            out.flush();
            return new Outcome(f.number(), false);
          default:
            throw new IOException("unexpected frame " + (char) f.type());
        }
      }
    } catch (IOException e) {
      out.flush();
      err.println("cnm: the resident server of " + socket.getParent().getParent() + " stopped during the command"
          + " (" + (e instanceof EOFException ? "connection closed" : e.getMessage()) + "): it ran, or not; its state"
          + " on disk is whole either way");
      return new Outcome(1, false);
    }
  }

  /** The jar this client runs from, or null (classes in a directory). */
  private static String ownJar() {
    try {
      return Path.of(ResidentClient.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (java.net.URISyntaxException | RuntimeException e) {
      return null;
    }
  }

  private static SocketChannel connect(Path socket) {
    try {
      return SocketChannel.open(UnixDomainSocketAddress.of(socket));
    } catch (IOException e) {
      return null;
    }
  }

  /** Starts a server (one client at a time), then waits for it to answer. */
  private static SocketChannel start(Path socket, List<String> serverCommand) {
    Path home = socket.getParent();
    try {
      Files.createDirectories(home.getParent());
      if (!Files.isDirectory(home)) {
        Files.createDirectory(home, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
    try (FileChannel spawn = FileChannel.open(home.resolve("spawn"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE)) {
      spawn.lock(); // released when the channel closes
      SocketChannel ch = connect(socket); // another client started it meanwhile
      if (ch != null) {
        return ch;
      }
      Process p = new ProcessBuilder(serverCommand).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("log").toFile()))
          .start();
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_MILLIS);
      while (System.nanoTime() - deadline < 0) {
        ch = connect(socket);
        if (ch != null) {
          return ch;
        }
        if (!p.isAlive()) {
          return connect(socket);
        }
        Thread.sleep(10);
      }
      return null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** {@code cnm __client ...}: see the class comment. */
  static void main(List<String> argv) {
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    int rc;
    try {
      rc = run(argv, out, err);
    } finally {
      out.flush();
    }
    System.exit(rc);
  }
}
