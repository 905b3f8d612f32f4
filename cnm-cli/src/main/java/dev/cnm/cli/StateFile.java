package dev.cnm.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The state directory: {@code state} (the last acknowledged state) guarded by an exclusive lock
 * on {@code lock}, which serialises concurrent invocations. Writes are atomic: a temporary file
 * in the same directory is written and fsynced, then renamed over {@code state}, and the
 * directory is fsynced; a crash at any moment leaves either the old or the new state.
 */
final class StateFile implements AutoCloseable {
  static final String STATE = "state";
  static final String LOCK = "lock";
  /** Test hook: milliseconds to pause between the fsynced temporary file and the rename. */
  static final String PAUSE_ENV = "CNM_TEST_PAUSE_BEFORE_RENAME_MS";

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

  /** Creates the directory if needed and waits for the exclusive lock. */
  static StateFile open(Path dir, long pauseMillis) {
    try {
      Files.createDirectories(dir);
      FileChannel ch = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      try {
        return new StateFile(dir, ch, ch.lock(), pauseMillis);
      } catch (IOException | RuntimeException e) {
        ch.close();
        throw e;
      }
    } catch (IOException e) {
      throw new StateException("cannot open the state directory " + dir + ": " + e);
    }
  }

  Path path() {
    return dir.resolve(STATE);
  }

  /** The saved state, or empty when none was ever saved. */
  Optional<byte[]> read() {
    try {
      return Optional.of(Files.readAllBytes(path()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StateException("cannot read the state file " + path() + ": " + e);
    }
  }

  /** Replaces the state atomically. */
  void write(byte[] data) {
    Path tmp = dir.resolve(STATE + ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
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
        Files.move(tmp, path(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, path(), StandardCopyOption.REPLACE_EXISTING);
      }
      fsyncDirectory();
    } catch (IOException e) {
      throw new StateException("cannot write the state file " + path() + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StateException("interrupted while writing the state file " + path());
    }
  }

  private void fsyncDirectory() {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // Some file systems cannot open a directory for syncing; the rename is still atomic.
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      // Closing the channel releases the lock in any case.
    }
  }
}
