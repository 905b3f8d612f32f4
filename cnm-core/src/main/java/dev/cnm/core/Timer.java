package dev.cnm.core;

import java.time.Instant;

/**
 * One scheduled action of a container: due at an instant, ordered after the actions due at the same
 * instant that were scheduled earlier ({@code seq}), so that the time line is deterministic.
 */
final class Timer implements Comparable<Timer> {
  final Instant due;
  final long seq;
  final ContainerRecord container;
  final TimerKind kind;
  /** For {@link TimerKind#SIGNAL_EXIT}: the exit code. */
  final int code;

  Timer(Instant due, long seq, ContainerRecord container, TimerKind kind, int code) {
    this.due = due;
    this.seq = seq;
    this.container = container;
    this.kind = kind;
    this.code = code;
  }

  @Override
  public int compareTo(Timer o) {
    int c = due.compareTo(o.due);
    return c != 0 ? c : Long.compare(seq, o.seq);
  }

  @Override
  public String toString() {
    return kind + "@" + due + "#" + seq + " " + container.name;
  }
}
