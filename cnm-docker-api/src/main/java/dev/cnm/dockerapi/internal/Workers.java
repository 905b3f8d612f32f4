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
import java.util.concurrent.locks.ReentrantLock;

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
 * <p>A server that keeps no state ({@code direct}: nothing to save, so a change is all in memory)
 * answers a change on the calling thread, the network thread, whenever the writer has nothing
 * queued nor in hand ({@link #writeHere}): the writer's turn is taken there instead, and the
 * change is answered without two thread wake-ups (to the writer and back), which cost more than
 * the change itself. Changes still never run two at once, nor beside a batch of the writer.
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
  /** Jobs queued for the writer or in its hands, and a change answered by {@link #writeHere}. */
  private final AtomicInteger jobs = new AtomicInteger();
  /** Held while changes are answered: by the writer for a batch, by {@link #writeHere} for one. */
  private final ReentrantLock turn = new ReentrantLock();
  private final boolean direct;
  private volatile boolean stopped;

  /** {@code direct}: whether a change may be answered on the caller's thread ({@link #writeHere}). */
  Workers(Api api, int readers, int queue, boolean direct) {
    this.api = api;
    this.maxQueued = queue;
    this.direct = direct;
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
    jobs.incrementAndGet();
    writes.add(w);
    return true;
  }

  /**
   * Answers {@code w} on the calling thread when this server may ({@code direct}) and the writer
   * has nothing queued nor in hand; false, having done nothing, otherwise ({@link #write} then).
   * A task queued meanwhile waits for the writer's turn, as it would behind a batch.
   */
  boolean writeHere(Api.Write w) {
    if (!direct || stopped || !jobs.compareAndSet(0, 1)) {
      return false;
    }
    try {
      turn.lock();
      writing.set(1);
      try {
        api.handleWrites(List.of(w));
      } catch (Throwable t) {
        // as on the writer: this request gets a 500, the thread goes on
        w.internalError();
      } finally {
        writing.set(0);
        turn.unlock();
      }
    } finally {
      jobs.decrementAndGet();
    }
    afterBatch();
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
      jobs.incrementAndGet();
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
      turn.lock();
      writing.set(batch.size());
      try {
        api.handleWrites(batch);
      } catch (Throwable t) {
        // the batch's own handling failed (its save's Error): its requests get a 500, the writer goes on
        batch.forEach(Api.Job::internalError);
      } finally {
        writing.set(0);
        turn.unlock();
        jobs.addAndGet(-batch.size());
        batch.clear();
      }
      afterBatch();
    }
  }

  private void afterBatch() {
    try {
      api.afterBatch();
    } catch (Throwable t) {
      // the next batch schedules the clock again
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
