package dev.cnm.core;

import java.util.Arrays;

/**
 * The undo log of one engine operation: every step that takes a resource (a name, an address, a
 * port, driver state) records how to give it back; on failure the steps are undone in reverse,
 * so that a failed operation leaves the engine exactly as it was (docs/DESIGN.md, "Flow of one
 * operation").
 */
final class Undo {
  /** The steps, oldest first; a plain array (an operation records a handful; no deque per operation). */
  private Runnable[] steps = new Runnable[8];
  private int size;

  /** Records how to undo the step just taken. */
  void push(Runnable undo) {
    if (size == steps.length) {
      steps = Arrays.copyOf(steps, size * 2);
    }
    steps[size++] = undo;
  }

  /**
   * Undoes every recorded step, newest first. A failing undo step does not stop the others; its
   * exception is attached to {@code cause} as suppressed.
   */
  void rollback(Throwable cause) {
    while (size > 0) {
      Runnable step = steps[--size];
      steps[size] = null;
      try {
        step.run();
      } catch (RuntimeException e) {
        cause.addSuppressed(e);
      }
    }
  }

  /** Forgets the recorded steps: the operation succeeded. */
  void commit() {
    Arrays.fill(steps, 0, size, null);
    size = 0;
  }
}
