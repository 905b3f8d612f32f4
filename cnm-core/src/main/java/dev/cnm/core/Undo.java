package dev.cnm.core;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The undo log of one engine operation: every step that takes a resource (a name, an address, a
 * port, driver state) records how to give it back; on failure the steps are undone in reverse,
 * so that a failed operation leaves the engine exactly as it was (DESIGN.md, "Flow of one
 * operation").
 */
final class Undo {
  private final Deque<Runnable> steps = new ArrayDeque<>();

  /** Records how to undo the step just taken. */
  void push(Runnable undo) {
    steps.push(undo);
  }

  /**
   * Undoes every recorded step, newest first. A failing undo step does not stop the others; its
   * exception is attached to {@code cause} as suppressed.
   */
  void rollback(Throwable cause) {
    while (!steps.isEmpty()) {
      try {
        steps.pop().run();
      } catch (RuntimeException e) {
        cause.addSuppressed(e);
      }
    }
  }

  /** Forgets the recorded steps: the operation succeeded. */
  void commit() {
    steps.clear();
  }
}
