package dev.cnm.core;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What the engine hands to listeners (events, log entries), queued under the engine's lock and
 * delivered after it is released, in the order queued, by one thread at a time: a listener never
 * runs under the engine's lock, so it may call the engine, and never runs concurrently with
 * another delivery. A delivery queued by a listener itself is delivered after the current one.
 */
final class Deliveries {
  private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
  private final ReentrantLock draining = new ReentrantLock();

  void add(Runnable delivery) {
    queue.add(delivery);
  }

  /**
   * Delivers what is queued. A thread that finds another delivering leaves the work to it; the
   * deliverer checks the queue again after letting go, so nothing queued meanwhile is stranded.
   */
  void drain() {
    while (!queue.isEmpty()) {
      if (draining.isHeldByCurrentThread() || !draining.tryLock()) {
        return;
      }
      try {
        Runnable r;
        while ((r = queue.poll()) != null) {
          r.run();
        }
      } finally {
        draining.unlock();
      }
    }
  }
}
