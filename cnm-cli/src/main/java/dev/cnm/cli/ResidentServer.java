package dev.cnm.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The resident server of one state directory: a JVM that stays up between commands so that
 * {@code bin/cnm} pays neither the JVM's start nor its warm-up per command (the docker CLI and
 * dockerd split, Gradle's daemon). {@code bin/cnm}'s client forwards its arguments, environment,
 * working directory and standard input over a Unix socket ({@link Wire}); the server runs the
 * command line exactly as {@code cnm} in a process of its own would ({@link Cli}: the state lock
 * taken for the command, the state loaded, saved atomically and durably before anything is
 * printed) and sends back what it printed and its exit code.
 *
 * <p>Its files live in {@code DIR/resident/} ({@code 0700}): {@code socket} ({@code 0600};
 * connections from another user are refused besides), {@code lock} (held while it runs: one
 * server per directory; it names the server's pid), {@code spawn} (clients starting a server
 * take turns on it) and {@code log} (what the JVM printed, for a server that would not start).
 *
 * <p>It stops after {@code CNM_SERVER_IDLE} seconds without a command (180 by default), when its
 * socket is removed, or when its jar is rebuilt (the next command starts a new one). A client
 * that dies mid-command does not stop it: the command is interrupted as a killed process would be,
 * and its state is either saved whole or not at all.
 */
final class ResidentServer {
  /** {@code cnm __resident DIR}, as the client starts it. */
  static final String COMMAND = "__resident";
  static final String DIR = "resident";
  static final String SOCKET = "socket";
  static final String LOCK = "lock";
  /** Seconds without a command after which the server stops. */
  static final String IDLE_ENV = "CNM_SERVER_IDLE";
  static final long DEFAULT_IDLE_SECONDS = 180;
  /** A client must send its whole command within this. */
  private static final long REQUEST_MILLIS = 30_000;
  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private final Path stateDir;
  private final Path socket;
  private final long idleNanos;
  private final Optional<Path> jar;
  private final Optional<FileTime> jarTime;
  /** Commands run one at a time, in the order they arrived (the state lock cannot be shared in one JVM). */
  private final ReentrantLock turn = new ReentrantLock(true);
  private final Object lock = new Object();
  private ServerSocketChannel server;
  private int active;
  private long lastActive = System.nanoTime();
  private boolean closing;

  private ResidentServer(Path stateDir, long idleSeconds) {
    this.stateDir = stateDir;
    this.socket = stateDir.resolve(DIR).resolve(SOCKET);
    this.idleNanos = TimeUnit.SECONDS.toNanos(idleSeconds);
    this.jar = ownJar();
    this.jarTime = jar.flatMap(ResidentServer::modified);
  }

  /**
   * Serves {@code stateDir} until idle; returns at once (0) when another server already serves it.
   *
   * @param env the environment of the client that started it ({@code CNM_SERVER_IDLE})
   */
  static int run(Path stateDir, Map<String, String> env, PrintStream log) {
    long idle = DEFAULT_IDLE_SECONDS;
    try {
      idle = Long.parseLong(env.getOrDefault(IDLE_ENV, String.valueOf(DEFAULT_IDLE_SECONDS)).trim());
    } catch (NumberFormatException e) {
      log.println("cnm: invalid " + IDLE_ENV + " (expected seconds): using " + idle);
    }
    if (idle <= 0) {
      return 0;
    }
    Path dir = stateDir.toAbsolutePath().normalize();
    try {
      return new ResidentServer(dir, idle).serve(log);
    } catch (IOException e) {
      log.println("cnm: resident server for " + dir + ": " + e);
      return 1;
    }
  }

  private int serve(PrintStream log) throws IOException {
    Path home = socket.getParent();
    createPrivateDirectory(stateDir);
    createPrivateDirectory(home);
    try (FileChannel lockFile = FileChannel.open(home.resolve(LOCK), java.util.Set.of(StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), ownerOnly("rw-------"))) {
      FileLock held = awaitLock(lockFile);
      if (held == null) {
        log.println("cnm: another resident server serves " + stateDir);
        return 0;
      }
      lockFile.truncate(0);
      lockFile.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + "\n")
          .getBytes(StandardCharsets.UTF_8)));
      // A socket left by a server that was killed: nobody answers on it.
      Files.deleteIfExists(socket);
      server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      server.bind(UnixDomainSocketAddress.of(socket));
      if (POSIX) {
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
      }
      Object socketKey = Files.readAttributes(socket, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
      // Stopped by a signal (kill): the socket goes with it. No other server can have bound it yet:
      // this one holds the lock until it is gone.
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        if (Objects.equals(socketKey(), socketKey)) {
          stop(true);
        }
      }, "cnm-resident-exit"));
      Thread watch = new Thread(() -> watch(socketKey), "cnm-resident-idle");
      watch.setDaemon(true);
      watch.start();
      acceptLoop();
      synchronized (lock) {
        while (active > 0) {
          lock.wait(); // commands taken before the server stopped accepting finish first
        }
      }
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  /** The directory's server lock; a server that is stopping releases it within moments. */
  private static FileLock awaitLock(FileChannel ch) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      FileLock l = ch.tryLock();
      if (l != null || System.nanoTime() - deadline > 0) {
        return l;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
  }

  private void acceptLoop() {
    while (true) {
      SocketChannel ch;
      try {
        ch = server.accept();
      } catch (IOException e) {
        return; // closed: the server is stopping
      }
      synchronized (lock) {
        if (closing) {
          close(ch); // the client sees no answer and starts a new server
          continue;
        }
        active++;
      }
      Thread t = new Thread(() -> {
        try {
          handle(ch);
        } finally {
          close(ch);
          synchronized (lock) {
            active--;
            lastActive = System.nanoTime();
            lock.notifyAll();
          }
        }
      }, "cnm-resident-client");
      t.start();
    }
  }

  /** Stops the server when it has been idle long enough, its socket is gone, or its jar was rebuilt. */
  private void watch(Object socketKey) {
    while (true) {
      try {
        Thread.sleep(Math.min(1000, Math.max(10, TimeUnit.NANOSECONDS.toMillis(idleNanos) / 4)));
      } catch (InterruptedException e) {
        return;
      }
      boolean socketGone = !Objects.equals(socketKey(), socketKey);
      synchronized (lock) {
        boolean idle = active == 0 && System.nanoTime() - lastActive > idleNanos;
        if (socketGone || (active == 0 && (idle || jarChanged()))) {
          stop(!socketGone);
          return;
        }
      }
    }
  }

  private Object socketKey() {
    try {
      return Files.readAttributes(socket, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    } catch (IOException e) {
      return null;
    }
  }

  /** Stops accepting; a client whose connection was not yet taken sees it closed and tries again. */
  private void stop(boolean removeSocket) {
    synchronized (lock) {
      closing = true;
      if (removeSocket) {
        try {
          Files.deleteIfExists(socket);
        } catch (IOException e) {
          // the next server removes it
        }
      }
      try {
        server.close();
      } catch (IOException e) {
        // closed enough: accept fails
      }
    }
  }

  private boolean jarChanged() {
    return jarTime.isPresent() && !jar.flatMap(ResidentServer::modified).equals(jarTime);
  }

  // ---- one client ------------------------------------------------------------------------------

  private record Request(String version, Optional<Path> jar, Path cwd, Map<String, String> env, List<String> args) {}

  private void handle(SocketChannel ch) {
    Request req;
    Thread self = Thread.currentThread();
    Thread deadline = new Thread(() -> {
      try {
        Thread.sleep(REQUEST_MILLIS);
        close(ch); // a client that never finishes its request
      } catch (InterruptedException done) {
        // the request arrived
      }
    }, "cnm-resident-deadline");
    deadline.setDaemon(true);
    deadline.start();
    try {
      if (!sameUser(ch)) {
        return;
      }
      req = readRequest(ch);
    } catch (IOException e) {
      return; // the client went away before its command was complete: nothing ran
    } finally {
      deadline.interrupt();
    }
    try {
      if (!Wire.VERSION_TEXT.equals(req.version()) || jarChanged()) {
        // Another build of cnm: this server stops, the client starts one of its own build.
        Wire.write(ch, Wire.RETRY, "restart");
        stop(true);
        return;
      }
      Cli cli = new Cli(new Caller(req.env(), req.cwd(), null), null, null);
      if (!isSameFile(cli.stateDirectory(stateFlag(req.args())), stateDir)) {
        Wire.write(ch, Wire.ELSEWHERE, "another state directory");
        return;
      }
      if (req.jar().isPresent() && jar.isPresent() && !isSameFile(req.jar().get(), jar.get())) {
        Wire.write(ch, Wire.ELSEWHERE, "another cnm"); // another checkout's: this server speaks for its own
        return;
      }
      synchronized (lock) {
        if (closing) {
          Wire.write(ch, Wire.RETRY, "stopping");
          return;
        }
      }
      Wire.write(ch, Wire.ACCEPTED, Wire.NOTHING, 0, 0);
    } catch (IOException e) {
      return; // the client is gone: its command never started
    }
    ClientInput in = new ClientInput(ch, self);
    Thread reader = new Thread(in::pump, "cnm-resident-input");
    reader.setDaemon(true);
    reader.start();
    PrintStream out = new PrintStream(new FrameOutput(ch, Wire.STDOUT), false, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new FrameOutput(ch, Wire.STDERR), true, StandardCharsets.UTF_8);
    int rc;
    try {
      turn.lockInterruptibly();
    } catch (InterruptedException e) {
      return; // the client went away while its command waited for its turn: it never ran
    }
    try {
      rc = new Cli(new Caller(req.env(), req.cwd(), in), out, err).run(req.args());
      out.flush();
      err.flush();
    } finally {
      turn.unlock();
    }
    in.finished();
    Thread.interrupted();
    try {
      Wire.write(ch, Wire.EXIT, rc);
    } catch (IOException e) {
      // the client is gone; the command ran and its state is saved
    }
  }

  private static Request readRequest(SocketChannel ch) throws IOException {
    String version = null;
    Path jar = null;
    Path cwd = null;
    Map<String, String> env = new LinkedHashMap<>();
    List<String> args = new ArrayList<>();
    while (true) {
      Wire.Frame f = Wire.read(ch);
      switch (f.type()) {
        case Wire.VERSION:
          version = f.text();
          break;
        case Wire.JAR:
          jar = Path.of(f.text());
          break;
        case Wire.CWD:
          cwd = Path.of(f.text());
          break;
        case Wire.ENV:
          String kv = f.text();
          int eq = kv.indexOf('=');
          if (eq > 0) {
            env.put(kv.substring(0, eq), kv.substring(eq + 1));
          }
          break;
        case Wire.ARG:
          args.add(f.text());
          break;
        case Wire.GO:
          if (cwd == null || !cwd.isAbsolute()) {
            throw new IOException("no working directory");
          }
          return new Request(version, Optional.ofNullable(jar), cwd, env, args);
        default:
          throw new IOException("unexpected frame " + (char) f.type());
      }
    }
  }

  /** The {@code --state} value among the options before the command, as {@link Commands#prepare} reads them. */
  static String stateFlag(List<String> argv) {
    String state = null;
    int i = 0;
    while (i < argv.size() && argv.get(i).startsWith("-") && !argv.get(i).equals("--")) {
      String a = argv.get(i);
      if (a.equals("--state") || a.equals("--cluster-store") || a.equals("--cluster-advertise")) {
        if (a.equals("--state") && i + 1 < argv.size()) {
          state = argv.get(i + 1);
        }
        i += 2;
      } else {
        if (a.startsWith("--state=")) {
          state = a.substring("--state=".length());
        }
        i++;
      }
    }
    return state;
  }

  private static boolean isSameFile(Path a, Path b) {
    try {
      return Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }

  /** Only the user who runs the server may use it (the socket's mode says so too). */
  private static boolean sameUser(SocketChannel ch) {
    try {
      jdk.net.UnixDomainPrincipal peer = ch.getOption(jdk.net.ExtendedSocketOptions.SO_PEERCRED);
      return peer.user().getName().equals(FileSystems.getDefault().getUserPrincipalLookupService()
          .lookupPrincipalByName(System.getProperty("user.name")).getName());
    } catch (IOException | UnsupportedOperationException e) {
      return true; // no credentials on this system: the socket's mode and directory guard it
    }
  }

  /** Standard input of the client, read only when the command asks (never ahead of it). */
  private static final class ClientInput extends InputStream {
    private static final byte[] END = new byte[0];
    private final SocketChannel ch;
    private final Thread command;
    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(1);
    private byte[] current = new byte[0];
    private int pos;
    private boolean eof;
    private volatile boolean finished;

    ClientInput(SocketChannel ch, Thread command) {
      this.ch = ch;
      this.command = command;
    }

    /** Reads the client's frames while the command runs; the client's end interrupts the command. */
    void pump() {
      try {
        while (true) {
          Wire.Frame f = Wire.read(ch);
          if (f.type() != Wire.INPUT) {
            throw new IOException("unexpected frame " + (char) f.type());
          }
          chunks.put(f.body().length == 0 ? END : f.body());
        }
      } catch (IOException | InterruptedException e) {
        chunks.offer(END);
        if (!finished) {
          command.interrupt(); // as a command in a process of its own dies with its terminal
        }
      }
    }

    void finished() {
      finished = true;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (pos == current.length) {
        if (eof) {
          return -1;
        }
        Wire.write(ch, Wire.READ, Math.min(len, 65536));
        try {
          current = chunks.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException("the client went away");
        }
        pos = 0;
        if (current == END) {
          eof = true;
          return -1;
        }
      }
      int n = Math.min(len, current.length - pos);
      System.arraycopy(current, pos, b, off, n);
      pos += n;
      return n;
    }
  }

  /** A command's output, as frames; a client that went away makes it fail, as a closed pipe would. */
  private static final class FrameOutput extends OutputStream {
    private final SocketChannel ch;
    private final byte type;

    FrameOutput(SocketChannel ch, byte type) {
      this.ch = ch;
      this.type = type;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      while (len > 0) {
        int n = Math.min(len, 65536);
        Wire.write(ch, type, b, off, n);
        off += n;
        len -= n;
      }
    }
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private static void close(SocketChannel ch) {
    try {
      ch.close();
    } catch (IOException e) {
      // nothing more to say to it
    }
  }

  private static void createPrivateDirectory(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Path parent = dir.getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try {
      Files.createDirectory(dir, ownerOnly("rwx------"));
    } catch (FileAlreadyExistsException raced) {
      if (!Files.isDirectory(dir)) {
        throw raced;
      }
    }
  }

  private static FileAttribute<?>[] ownerOnly(String mode) {
    return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode))}
        : new FileAttribute<?>[0];
  }

  private static Optional<Path> ownJar() {
    try {
      Path p = Path.of(ResidentServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  private static Optional<FileTime> modified(Path p) {
    try {
      return Optional.of(Files.getLastModifiedTime(p));
    } catch (NoSuchFileException e) {
      return Optional.of(FileTime.fromMillis(0));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
