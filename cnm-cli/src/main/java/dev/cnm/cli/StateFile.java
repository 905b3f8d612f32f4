package dev.cnm.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The state directory: {@code state} (the last acknowledged state) guarded by an exclusive lock
 * on {@code lock}, which serialises concurrent invocations; the lock file says who holds it (pid,
 * command, and for {@code serve} the address it listens on), so that a command kept waiting can
 * say by whom, and stop at once when a server holds it.
 *
 * <p>Writes are atomic: a new temporary file (a unique name, created exclusively, never through
 * a link) is written and fsynced, renamed over {@code state}, and the directory is fsynced; a
 * crash at any moment leaves either the old or the new state. The state holds containers'
 * environments (passwords, tokens): the directory is created {@code 0700} and every file written
 * {@code 0600}.
 */
final class StateFile implements AutoCloseable {
  static final String STATE = "state";
  static final String LOCK = "lock";
  /** What a temporary file's name has after the name of the file it replaces. */
  static final String TEMP_INFIX = ".tmp-";
  static final String TEMP_PREFIX = STATE + TEMP_INFIX;
  /** Test hook: milliseconds to pause between the fsynced temporary file and the rename. */
  static final String PAUSE_ENV = "CNM_TEST_PAUSE_BEFORE_RENAME_MS";

  private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path dir;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final long pauseMillis;

  private StateFile(Path dir, FileChannel lockChannel, FileLock lock, long pauseMillis) {
    this.dir = dir;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.pauseMillis = pauseMillis;
  }

  /** Who holds a state directory's lock, as its lock file says. */
  record Holder(long pid, String command, String listen) {
    /** Whether the holder is a {@code cnm serve} that is still running. */
    boolean isLiveServer() {
      return command.equals("serve") && isAlive();
    }

    boolean isAlive() {
      return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** {@code cnm serve (pid 12, listening on tcp://127.0.0.1:2375)}, {@code cnm run (pid 13)}. */
    String describe() {
      return "cnm " + command + " (pid " + pid + (listen.isEmpty() ? "" : ", listening on " + listen) + ")";
    }

    static Optional<Holder> parse(String text) {
      Map<String, String> f = new LinkedHashMap<>();
      for (String line : text.split("\n")) {
        int sp = line.indexOf(' ');
        if (sp > 0) {
          f.put(line.substring(0, sp), line.substring(sp + 1));
        }
      }
      try {
        return Optional.of(new Holder(Long.parseLong(f.getOrDefault("pid", "")), f.getOrDefault("command", "?"),
            f.getOrDefault("listen", "")));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }

    String text() {
      return "pid " + pid + "\ncommand " + command + "\n" + (listen.isEmpty() ? "" : "listen " + listen + "\n");
    }
  }

  /**
   * Creates the directory if needed ({@code 0700}) and takes its lock, waiting at most {@code
   * maxWait} for another command to release it; a running {@code cnm serve} holding it is
   * reported at once, as it releases the lock only when it stops.
   *
   * @param command what takes the lock, for those kept waiting ({@code network create}, {@code serve})
   * @param notes where to say that this command waits, after a moment
   * @throws StateException the directory cannot be used, a server holds it, or the wait timed out
   */
  static StateFile open(Path dir, long pauseMillis, String command, Duration maxWait, PrintStream notes) {
    try {
      createDirectory(dir);
    } catch (FileAlreadyExistsException e) {
      throw new StateException("cannot open the state directory " + dir + ": mkdir " + dir + ": not a directory");
    } catch (IOException e) {
      throw new StateException("cannot open the state directory " + dir + ": " + goError("mkdir", dir, e));
    }
    FileChannel ch;
    Path lockPath = dir.resolve(LOCK);
    try {
      ch = FileChannel.open(lockPath, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), ownerOnly(OWNER_FILE));
      tighten(lockPath);
    } catch (IOException e) {
      throw new StateException("cannot open the state directory " + dir + ": " + goError("open", lockPath, e));
    }
    try {
      FileLock lock = waitForLock(dir, ch, maxWait, notes);
      StateFile f = new StateFile(dir, ch, lock, pauseMillis);
      f.holder(command, "");
      f.removeLeftovers();
      f.tightenFiles();
      return f;
    } catch (IOException | RuntimeException e) {
      try {
        ch.close();
      } catch (IOException ignored) {
        // the error below says what went wrong
      }
      if (e instanceof StateException) {
        throw (StateException) e;
      }
      throw new StateException("cannot lock the state directory " + dir + ": "
          + (e instanceof IOException io ? goError("lock", lockPath, io) : String.valueOf(e.getMessage())));
    }
  }

  private static FileLock waitForLock(Path dir, FileChannel ch, Duration maxWait, PrintStream notes)
      throws IOException {
    long start = System.nanoTime();
    long deadline = start + maxWait.toNanos();
    boolean told = false;
    long pause = 5;
    while (true) {
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException sameProcess) {
        lock = null; // another command of this JVM holds it
      }
      if (lock != null) {
        return lock;
      }
      Optional<Holder> holder = readHolder(ch);
      if (holder.isPresent() && holder.get().isLiveServer()) {
        Holder h = holder.get();
        throw new StateException("the state directory " + dir + " is held by " + h.describe()
            + ": " + (h.listen().isEmpty() ? "stop it first"
            : "send commands to it (DOCKER_HOST=" + h.listen() + " docker ...), or stop it first"));
      }
      long now = System.nanoTime();
      if (now - deadline >= 0) {
        throw new StateException("timed out after " + maxWait.toSeconds() + "s waiting for the state directory "
            + dir + holder.map(h -> ", held by " + h.describe()).orElse(""));
      }
      if (!told && now - start > Duration.ofSeconds(2).toNanos()) {
        told = true;
        notes.println("cnm: waiting for the state directory " + dir
            + holder.map(h -> ", held by " + h.describe()).orElse(""));
        notes.flush();
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StateException("interrupted while waiting for the lock on the state directory " + dir);
      }
      pause = Math.min(pause * 2, 100);
    }
  }

  private static Optional<Holder> readHolder(FileChannel ch) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(1024);
    int n = ch.read(buf, 0);
    return n <= 0 ? Optional.empty() : Holder.parse(new String(buf.array(), 0, n, StandardCharsets.UTF_8));
  }

  /** Who holds the lock of {@code dir} now, if anyone says so; reads without taking the lock. */
  static Optional<Holder> holderOf(Path dir) {
    try (FileChannel ch = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      return readHolder(ch);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Writes who holds the lock into the lock file: this process, running {@code command}. */
  void holder(String command, String listen) {
    byte[] text = new Holder(ProcessHandle.current().pid(), command, listen).text().getBytes(StandardCharsets.UTF_8);
    try {
      lockChannel.truncate(0);
      lockChannel.write(ByteBuffer.wrap(text), 0);
    } catch (IOException e) {
      // only a description for those kept waiting
    }
  }

  private static void createDirectory(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Path parent = dir.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try {
      Files.createDirectory(dir, ownerOnly(OWNER_DIR));
    } catch (FileAlreadyExistsException raced) {
      if (!Files.isDirectory(dir)) {
        throw raced;
      }
    }
  }

  private static FileAttribute<?>[] ownerOnly(Set<PosixFilePermission> perms) {
    return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(perms)} : new FileAttribute<?>[0];
  }

  /** A file of ours that others may read (written by an older cnm) becomes the owner's alone. */
  private static void tighten(Path file) throws IOException {
    if (!POSIX) {
      return;
    }
    PosixFileAttributeView v = Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    try {
      if (v != null && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
          && !v.readAttributes().permissions().equals(OWNER_FILE)) {
        v.setPermissions(OWNER_FILE);
      }
    } catch (NoSuchFileException gone) {
      // nothing to tighten
    }
  }

  /**
   * The files cnm keeps here (the state, the plugin journal) become the owner's alone; only
   * those: the directory may be one the user keeps other files in.
   */
  private void tightenFiles() throws IOException {
    tighten(path());
    tighten(dir.resolve(PluginState.JOURNAL));
    tighten(dir.resolve(Cluster.HOST_ID_FILE));
  }

  /** Temporary files a killed writer left behind (we hold the lock: no writer is running). */
  private void removeLeftovers() throws IOException {
    try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir,
        "{" + STATE + "," + PluginState.JOURNAL + "," + Cluster.HOST_ID_FILE + "}" + TEMP_INFIX + "*")) {
      for (Path p : leftovers) {
        Files.deleteIfExists(p); // a link is removed, never followed
      }
    }
  }

  Path path() {
    return dir.resolve(STATE);
  }

  Path directory() {
    return dir;
  }

  /** The saved state, or empty when none was ever saved. */
  Optional<byte[]> read() {
    return readFile(dir, STATE);
  }

  /**
   * The content of {@code name} in {@code dir}, or empty when there is none, read as the state
   * is: opened without following a link (a link there is refused, never read through). For the
   * other files a state directory keeps (the plugin journal, the cluster host id).
   *
   * @throws StateException when it cannot be read, a link among them
   */
  static Optional<byte[]> readFile(Path dir, String name) {
    Path file = dir.resolve(name);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      long size = ch.size();
      if (size > Integer.MAX_VALUE - 16) {
        throw new StateException("cannot read the " + describe(name) + " " + file + ": it is too large (" + size + " bytes)");
      }
      ByteBuffer buf = ByteBuffer.allocate((int) size);
      while (buf.hasRemaining() && ch.read(buf) >= 0) {
        // read it all
      }
      return Optional.of(buf.hasRemaining() ? java.util.Arrays.copyOf(buf.array(), buf.position()) : buf.array());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StateException("cannot read the " + describe(name) + " " + file + ": " + goError("read", file, e));
    }
  }

  /** Replaces the state atomically and durably: on disk when this returns. */
  void write(byte[] data) {
    write(dir, STATE, data, pauseMillis);
  }

  /**
   * Replaces {@code name} in {@code dir} atomically and durably, as the state is written: a new
   * temporary file of a unique name, created exclusively and never through a link, {@code 0600},
   * fsynced, renamed into place, the directory fsynced. For the other files a state directory
   * keeps (the plugin journal, the cluster host id); the caller holds the directory's lock.
   *
   * @throws StateException when it cannot be written; {@code name} is then as it was
   */
  static void writeFile(Path dir, String name, byte[] data) {
    write(dir, name, data, 0);
  }

  private static void write(Path dir, String name, byte[] data, long pauseMillis) {
    Path target = dir.resolve(name);
    Path tmp = dir.resolve(name + TEMP_INFIX + ProcessHandle.current().pid() + "-"
        + HexFormat.of().toHexDigits(RANDOM.nextLong()));
    try {
      Set<OpenOption> create = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
      try (FileChannel ch = FileChannel.open(tmp, create, ownerOnly(OWNER_FILE))) {
        ByteBuffer buf = ByteBuffer.wrap(data);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      if (pauseMillis > 0) {
        Thread.sleep(pauseMillis);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      fsyncDirectory(dir);
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw new StateException("cannot write the " + describe(name) + " " + target + ": " + goError("write", tmp, e));
    } catch (InterruptedException e) {
      deleteQuietly(tmp);
      Thread.currentThread().interrupt();
      throw new StateException("interrupted while writing the " + describe(name) + " " + target);
    }
  }

  private static String describe(String name) {
    return name.equals(STATE) ? "state file" : "file";
  }

  /**
   * A failed file operation as Go's {@code *PathError} words it ({@code read /x/state: is a
   * directory}), never with a Java exception's name: {@code op} and the file, then why.
   */
  static String goError(String op, Path path, IOException e) {
    String file = path.toString();
    String reason;
    if (e instanceof FileSystemException f) {
      if (f.getFile() != null) {
        file = f.getFile();
      }
      if (f.getOtherFile() != null) { // Go's *LinkError
        op = "rename";
        file = file + " " + f.getOtherFile();
      }
      if (e instanceof NoSuchFileException) {
        reason = "no such file or directory";
      } else if (e instanceof AccessDeniedException) {
        reason = "permission denied";
      } else if (e instanceof FileAlreadyExistsException) {
        reason = "file exists";
      } else if (e instanceof NotDirectoryException) {
        reason = "not a directory";
      } else if (e instanceof DirectoryNotEmptyException) {
        reason = "directory not empty";
      } else {
        reason = f.getReason();
      }
    } else {
      reason = e.getMessage();
    }
    if (reason == null || reason.isBlank()) {
      reason = "input/output error";
    }
    return op + " " + file + ": " + Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // removed by the next command that takes the lock
    }
  }

  /** The rename is durable once the directory is. */
  private static void fsyncDirectory(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // a file system that cannot sync a directory: the atomic rename is all it offers
    }
  }

  @Override
  public void close() {
    try {
      lockChannel.truncate(0);
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      // Closing the channel releases the lock in any case.
    }
  }
}
