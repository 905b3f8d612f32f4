package dev.cnm.dockerapi.internal;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's connection budget: at most {@code max} open connections, so that a flood of idle
 * ones cannot exhaust the process's file handles. At the limit a new connection takes the place
 * of the connection idle the longest (one with no request being answered: idle, or still sending
 * its request); when none is, the new one is refused. Its methods run on the network thread; the
 * counters are read from anywhere.
 */
final class Connections {
  private final int max;
  /** Connections without a request being answered, longest idle first. */
  private final LinkedHashSet<ConnectionGuard> evictable = new LinkedHashSet<>();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong evicted = new AtomicLong();

  Connections(int max) {
    this.max = max;
  }

  /** Counts a new connection in, closing the longest-idle one at the limit; false to refuse it. */
  boolean admit(ConnectionGuard g) {
    if (open.get() >= max) {
      if (evictable.isEmpty()) {
        refused.incrementAndGet();
        return false;
      }
      evictLongestIdle();
    }
    g.counted = true;
    open.incrementAndGet();
    evictable.add(g);
    return true;
  }

  /** Closes the connection idle the longest, if there is one, to free its file handle. */
  void evictLongestIdle() {
    Iterator<ConnectionGuard> it = evictable.iterator();
    if (it.hasNext()) {
      ConnectionGuard oldest = it.next();
      it.remove();
      release(oldest);
      evicted.incrementAndGet();
      oldest.evict();
    }
  }

  /** The connection is answering a request or streaming: it cannot make room. */
  void busy(ConnectionGuard g) {
    evictable.remove(g);
  }

  /** The connection waits for its next request, as the most recently idle. */
  void idle(ConnectionGuard g) {
    evictable.remove(g);
    if (g.counted) {
      evictable.add(g);
    }
  }

  void closed(ConnectionGuard g) {
    evictable.remove(g);
    release(g);
  }

  private void release(ConnectionGuard g) {
    if (g.counted) {
      g.counted = false;
      open.decrementAndGet();
    }
  }

  int max() {
    return max;
  }

  int open() {
    return open.get();
  }

  long refused() {
    return refused.get();
  }

  long evicted() {
    return evicted.get();
  }
}
