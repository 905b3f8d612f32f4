package dev.cnm.dockerapi.internal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that answer requests, off the network thread: a pool for reads ({@code GET}), which
 * run side by side and meet only at the engine's lock, and one thread for everything else, which
 * may change the engine: those run one at a time, each saved before the next starts, as the
 * state directory is written one state after another. Both queues are bounded; a request beyond
 * them is refused (503) instead of piling up.
 */
final class Workers {
  private final ThreadPoolExecutor reads;
  private final ThreadPoolExecutor writes;

  Workers(int readers, int queue) {
    this.reads = pool("cnm-api-read-", readers, queue);
    this.writes = pool("cnm-api-write-", 1, queue);
  }

  private static ThreadPoolExecutor pool(String prefix, int threads, int queue) {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory f = r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), f,
        new ThreadPoolExecutor.AbortPolicy());
  }

  /** Runs {@code task} on the reads' pool or the writer; false when its queue is full. */
  boolean submit(boolean read, Runnable task) {
    try {
      (read ? reads : writes).execute(task);
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  /** Requests being answered now. */
  int running() {
    return reads.getActiveCount() + writes.getActiveCount();
  }

  /** Requests waiting for a thread. */
  int queued() {
    return reads.getQueue().size() + writes.getQueue().size();
  }

  void shutdown() {
    reads.shutdownNow();
    writes.shutdownNow();
  }
}
