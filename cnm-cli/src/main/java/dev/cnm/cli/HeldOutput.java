package dev.cnm.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A command's output, held back until its state is on disk: nothing a command prints (a new id,
 * a name removed) may claim what a crash could still lose. {@link #release()} passes what was
 * held on, after the save, or before the command reads its input (a prompt must be seen).
 */
final class HeldOutput {
  private final PrintStream target;
  private final ByteArrayOutputStream held = new ByteArrayOutputStream();
  private final PrintStream stream = new PrintStream(held, true, StandardCharsets.UTF_8);

  HeldOutput(PrintStream target) {
    this.target = target;
  }

  /** Where the command prints. */
  PrintStream stream() {
    return stream;
  }

  /** Drops what was held: the state it spoke of could not be saved. */
  void discard() {
    stream.flush();
    held.reset();
  }

  /** Passes what was printed so far on to the real output. */
  void release() {
    stream.flush();
    if (held.size() > 0) {
      target.write(held.toByteArray(), 0, held.size());
      held.reset();
    }
    target.flush();
  }
}
