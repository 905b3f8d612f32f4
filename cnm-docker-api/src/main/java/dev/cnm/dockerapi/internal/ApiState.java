package dev.cnm.dockerapi.internal;

import dev.cnm.api.Engine;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the server keeps beside the engine, shared by the routers: the clients attached to a
 * container not yet started, which containers have a TTY, and the threads for streams that end
 * at a time. The writer thread changes it
 * ({@link Workers}), and so do the requests that wait for the engine's clock off the writer
 * (start, stop, restart), each on its own container; everything is in concurrent collections,
 * and the engine is the one a failed save replaced with the state last saved.
 */
final class ApiState {
  volatile Engine engine;
  final Clock clock;
  /** Container id to the client attached before the start. */
  final Map<String, Conn> attached = new ConcurrentHashMap<>();
  /** Containers created with {@code Tty: true}: their output is a raw stream, not frames. */
  final Set<String> ttys = ConcurrentHashMap.newKeySet();
  /** The threads answering requests, for streams that end at a time; null when there are none. */
  volatile Workers workers;

  ApiState(Engine engine, Clock clock) {
    this.engine = engine;
    this.clock = clock;
  }

  /** Forgets what the server kept for a removed container, and hangs up its attached client. */
  void forget(String containerId) {
    ttys.remove(containerId);
    Conn a = attached.remove(containerId);
    if (a != null) {
      a.close();
    }
  }
}
