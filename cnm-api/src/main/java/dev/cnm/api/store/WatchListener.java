package dev.cnm.api.store;

import dev.cnm.api.error.CnmException;

/**
 * Receives a watch's events, one call at a time and in revision order.
 *
 * <p>Transient transport failures are not reported: implementations re-establish the watch from
 * the last delivered revision by themselves. {@link #onError} is called only when the watch has
 * ended for good (for example the requested history was compacted); the listener should then
 * list again and start a new watch.
 *
 * <pre>{@code
 * WatchListener l = event -> System.out.println(event.type() + " " + event.key());
 * }</pre>
 */
@FunctionalInterface
public interface WatchListener {
  /**
   * Called for each event, in revision order, never concurrently for one watch.
   *
   * @param event the put or delete
   */
  void onEvent(StoreEvent event);

  /**
   * Called once if the watch ends for good; no events follow. The default does nothing.
   *
   * @param error why the watch ended
   */
  default void onError(CnmException error) {}
}
