package dev.cnm.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CheapLockTest {
  private final CheapLock lock = new CheapLock();
  private long counter; // guarded by lock; a plain field, so lost updates show if exclusion fails

  @Test
  void contended_threads_never_overlap_and_lose_no_update() throws Exception {
    int threads = 4;
    int each = 50_000;
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < each; i++) {
            lock.lock();
            try {
              if (inside.incrementAndGet() != 1) {
                overlaps.incrementAndGet();
              }
              counter++;
              inside.decrementAndGet();
            } finally {
              lock.unlock();
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(overlaps).hasValue(0);
    lock.lock();
    try {
      assertThat(counter).isEqualTo((long) threads * each);
    } finally {
      lock.unlock();
    }
  }

  @Test
  void a_waiting_thread_gets_the_lock_once_it_is_given_back() throws Exception {
    lock.lock();
    CountDownLatch acquired = new CountDownLatch(1);
    Thread waiter = new Thread(() -> {
      lock.lock();
      acquired.countDown();
      lock.unlock();
    });
    waiter.start();
    assertThat(acquired.await(50, TimeUnit.MILLISECONDS)).isFalse();
    lock.unlock();
    assertThat(acquired.await(10, TimeUnit.SECONDS)).isTrue();
    waiter.join(10_000);
  }
}
