package dev.cnm.dockerapi.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that answer requests, off the network thread: a pool for reads ({@code GET}), which
 * run side by side and meet only at the engine's lock, and one writer thread for everything else,
 * which may change the engine. The writer takes what came in while it was busy as one batch
 * ({@link Api#handleWrites}: the changes in order, one save for them all, then the replies), as
 * the state directory is written one state after another. Both queues are bounded; a request
 * beyond them is refused (503) instead of piling up.
 */
final class Workers {
  /** The most requests one save covers. */
  static final int MAX_BATCH = 64;

  private final Api api;
  private final ThreadPoolExecutor reads;
  private final BlockingQueue<Api.Write> writes;
  private final Thread writer;
  private final AtomicInteger writing = new AtomicInteger();
  private volatile boolean stopped;

  Workers(Api api, int readers, int queue) {
    this.api = api;
    AtomicInteger n = new AtomicInteger();
    ThreadFactory f = r -> {
      Thread t = new Thread(r, "cnm-api-read-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    this.reads = new ThreadPoolExecutor(readers, readers, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), f,
        new ThreadPoolExecutor.AbortPolicy());
    this.writes = new ArrayBlockingQueue<>(queue);
    this.writer = new Thread(this::write, "cnm-api-write");
    writer.setDaemon(true);
    writer.start();
  }

  /** Runs {@code task} on the reads' pool; false when its queue is full. */
  boolean read(Runnable task) {
    try {
      reads.execute(task);
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  /** Queues a request for the writer; false when its queue is full. */
  boolean write(Api.Write w) {
    return !stopped && writes.offer(w);
  }

  private void write() {
    List<Api.Write> batch = new ArrayList<>(MAX_BATCH);
    while (!stopped) {
      try {
        batch.add(writes.take());
      } catch (InterruptedException e) {
        return;
      }
      writes.drainTo(batch, MAX_BATCH - 1);
      writing.set(batch.size());
      try {
        api.handleWrites(batch);
      } catch (Throwable t) {
        // the batch's own handling failed (its save's Error): its requests get a 500, the writer goes on
        batch.forEach(w -> w.conn().internalError());
      } finally {
        writing.set(0);
        batch.clear();
      }
    }
  }

  /** Requests being answered now. */
  int running() {
    return reads.getActiveCount() + writing.get();
  }

  /** Requests waiting for a thread. */
  int queued() {
    return reads.getQueue().size() + writes.size();
  }

  void shutdown() {
    stopped = true;
    reads.shutdownNow();
    writer.interrupt();
  }
}
