package dev.cnm.api.store;

/**
 * A running watch on a key prefix; closing it stops delivery. Closing twice is harmless.
 *
 * <pre>{@code
 * try (Watch w = store.watch("network/", listing.revision() + 1, listener)) {
 *   ...
 * }
 * }</pre>
 */
public interface Watch extends AutoCloseable {
  /**
   * Stops delivery: after this returns no new listener call begins (one already running on
   * another thread may still finish).
   */
  @Override
  void close();
}
