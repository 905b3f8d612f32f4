package dev.cnm.dockerapi.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that answer requests, off the network thread: a pool for reads ({@code GET}), which
 * run side by side and meet only at the engine's lock, and one writer thread for everything else,
 * which may change the engine. The writer takes what came in while it was busy as one batch
 * ({@link Api#handleWrites}: the changes in order, one save for them all, then the replies), as
 * the state directory is written one state after another.
 *
 * <p>On an engine that follows the system clock, a change that waits for the engine's clock (a
 * stop's timeout, a foreground run's program) runs on a pool of its own, so that the writer goes
 * on meanwhile; its end comes back to the writer as a {@link Api.Task}, to be saved and answered
 * in a batch's order. The engine's due actions (a program's exit, a restart) are run on time by
 * a timer, as a task too, so that they are saved and their waiters woken without a request.
 *
 * <p>The queues of requests are bounded; a request beyond them is refused (503) instead of piling
 * up. Tasks are never refused: each stands for a request already taken, or for the clock.
 */
final class Workers {
  /** The most requests one save covers. */
  static final int MAX_BATCH = 64;
  /** Requests that may wait for the engine's clock at once. */
  static final int WAITING = 16;

  private final Api api;
  private final ThreadPoolExecutor reads;
  private final ThreadPoolExecutor waiting;
  private final ScheduledThreadPoolExecutor clock;
  private final LinkedBlockingQueue<Api.Job> writes = new LinkedBlockingQueue<>();
  private final AtomicInteger queuedWrites = new AtomicInteger();
  private final int maxQueued;
  private final Thread writer;
  private final AtomicInteger writing = new AtomicInteger();
  private volatile boolean stopped;

  Workers(Api api, int readers, int queue) {
    this.api = api;
    this.maxQueued = queue;
    this.reads = new ThreadPoolExecutor(readers, readers, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue),
        named("cnm-api-read-"), new ThreadPoolExecutor.AbortPolicy());
    this.waiting = new ThreadPoolExecutor(WAITING, WAITING, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue),
        named("cnm-api-wait-"), new ThreadPoolExecutor.AbortPolicy());
    this.clock = new ScheduledThreadPoolExecutor(1, named("cnm-api-clock-"));
    clock.setRemoveOnCancelPolicy(true);
    this.writer = new Thread(this::write, "cnm-api-write");
    writer.setDaemon(true);
    writer.start();
    api.workers(this);
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
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
    if (stopped) {
      return false;
    }
    if (queuedWrites.incrementAndGet() > maxQueued) {
      queuedWrites.decrementAndGet();
      return false;
    }
    writes.add(w);
    return true;
  }

  /** Runs {@code task} on the pool of requests that wait for the engine's clock; false when it is full. */
  boolean waiting(Runnable task) {
    try {
      waiting.execute(task);
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  /** Queues {@code task} for the writer, after the requests already queued. */
  void task(Api.Task task) {
    if (!stopped) {
      writes.add(task);
    }
  }

  /** Runs {@code r} after {@code delayMillis} on the clock's thread. */
  void at(long delayMillis, Runnable r) {
    try {
      clock.schedule(r, delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopping) {
      // the server is closing
    }
  }

  private void write() {
    List<Api.Job> batch = new ArrayList<>(MAX_BATCH);
    while (!stopped) {
      try {
        batch.add(writes.take());
      } catch (InterruptedException e) {
        return;
      }
      writes.drainTo(batch, MAX_BATCH - 1);
      int requests = (int) batch.stream().filter(j -> j instanceof Api.Write).count();
      queuedWrites.addAndGet(-requests);
      writing.set(batch.size());
      try {
        api.handleWrites(batch);
      } catch (Throwable t) {
        // the batch's own handling failed (its save's Error): its requests get a 500, the writer goes on
        batch.forEach(Api.Job::internalError);
      } finally {
        writing.set(0);
        batch.clear();
      }
      try {
        api.afterBatch();
      } catch (Throwable t) {
        // the next batch schedules the clock again
      }
    }
  }

  /** Requests being answered now. */
  int running() {
    return reads.getActiveCount() + waiting.getActiveCount() + writing.get();
  }

  /** Requests waiting for a thread. */
  int queued() {
    return reads.getQueue().size() + waiting.getQueue().size() + queuedWrites.get();
  }

  void shutdown() {
    stopped = true;
    reads.shutdownNow();
    waiting.shutdownNow();
    clock.shutdownNow();
    writer.interrupt();
  }
}
