package dev.cnm.dockerapi.internal;

/**
 * Where tests make the server fail on purpose: called as each connection is set up, as each
 * request starts on the network thread, and again on the worker that answers it. Whatever it throws (an {@link Error} included)
 * is what the server must survive.
 */
@FunctionalInterface
public interface FaultHook {
  /** Where a request is. */
  enum Where {
    /** On the network thread, as a new connection is set up (no method, no path). */
    ACCEPT,
    /** On the network thread, before the request is handed on. */
    NETWORK_THREAD,
    /** On the worker, before the request is answered. */
    WORKER
  }

  /** No faults. */
  FaultHook NONE = (where, method, path) -> {};

  /**
   * Called for each request at {@code where}.
   *
   * @param where the thread the request is on
   * @param method the request's method
   * @param path the request's raw path
   */
  void at(Where where, String method, String path);
}
