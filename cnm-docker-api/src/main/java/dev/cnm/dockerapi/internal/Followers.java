package dev.cnm.dockerapi.internal;

import dev.cnm.api.process.Subscription;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine subscriptions that stream to a client ({@code logs?follow=1}, {@code /events}): a
 * client that goes away closes its subscription, so that the engine stops delivering to it.
 * Concurrent: reads add, the engine's deliveries end, and a closed connection drops.
 */
final class Followers {
  private final Map<Subscription, Conn> streams = new ConcurrentHashMap<>();

  /** Keeps {@code s} open while {@code c} is; a client already gone closes it at once. */
  void add(Subscription s, Conn c) {
    streams.put(s, c);
    if (!c.isOpen()) {
      end(s);
    }
  }

  /** Closes {@code s} and forgets it: its stream has ended. */
  void end(Subscription s) {
    streams.remove(s);
    s.close();
  }

  /** Closes the subscriptions of clients that went away, and forgets those that ended. */
  void dropClosed() {
    streams.entrySet().removeIf(e -> {
      if (!e.getValue().isOpen()) {
        e.getKey().close();
        return true;
      }
      return false;
    });
  }
}
