package dev.cnm.core.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * A non-reentrant mutual-exclusion lock that costs one compare-and-set to take and a plain
 * release store to give back when nobody else wants it; a thread that finds it taken spins
 * briefly, then yields, then parks for short, growing intervals. Meant for critical sections of a
 * few dozen nanoseconds that are almost never contended (the engine already serialises its
 * calls): {@code synchronized} costs a compare-and-set on entry and another on exit since JDK 15
 * dropped biased locking.
 *
 * <p>Shared by the IPAM driver and the host port allocator; not part of cnm's API.
 *
 * <pre>{@code
 * CheapLock lock = new CheapLock();
 * lock.lock();
 * try {
 *   // ...
 * } finally {
 *   lock.unlock();
 * }
 * }</pre>
 */
public final class CheapLock {
  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(CheapLock.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @SuppressWarnings("unused") // through STATE
  private volatile int state;

  /** Takes the lock, waiting as long as it takes. */
  public void lock() {
    if (!STATE.compareAndSet(this, 0, 1)) {
      contended();
    }
  }

  private void contended() {
    for (int spins = 0; ; spins++) {
      if (state == 0 && STATE.compareAndSet(this, 0, 1)) {
        return;
      }
      if (spins < 64) {
        Thread.onSpinWait();
      } else if (spins < 128) {
        Thread.yield();
      } else {
        LockSupport.parkNanos(this, 1_000L << Math.min(spins - 128, 10));
      }
    }
  }

  /** Gives the lock back; only the thread that holds it may call this. */
  public void unlock() {
    STATE.setRelease(this, 0);
  }
}
