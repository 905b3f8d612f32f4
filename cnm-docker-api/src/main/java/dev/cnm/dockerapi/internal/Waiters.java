package dev.cnm.dockerapi.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.api.process.WaitCondition;
import dev.cnm.api.process.WaitResult;
import dev.cnm.core.json.DockerJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /containers/{id}/wait}: the reply's headers go out at once, and its body ({@code
 * {"StatusCode":N}}, with {@code "Error":{"Message":...}} first when the container has an error,
 * as dockerd 28 encodes {@code container.WaitResponse}) once the engine's wait ({@link
 * dev.cnm.api.Engine#waitFor}) is over and the change that ended it is saved: every request that
 * changed the engine looks again ({@link #wake}). The engine's future keeps the exit status of a
 * container removed as it exited ({@code --rm}). Its own lock: the writer adds and wakes, a
 * reader drops those whose client went away.
 */
final class Waiters {
  private final ApiState state;
  private final List<Waiter> waiters = new ArrayList<>();

  Waiters(ApiState state) {
    this.state = state;
  }

  /**
   * Starts waiting for {@code ref} under {@code condition}: {@code not-running} (also the empty
   * string), {@code next-exit} or {@code removed}; moby checks the condition before the container.
   */
  synchronized void waitFor(String ref, String condition, Conn c) {
    WaitCondition cond = WaitCondition.parse(condition);
    Waiter w = new Waiter(state.engine.waitFor(ref, cond), c);
    c.startChunked(200, Api.JSON);
    if (!w.check()) {
      waiters.add(w);
    }
  }

  /** Answers every waiter whose wait is over. */
  synchronized void wake() {
    for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
      Waiter w = it.next();
      if (!w.conn.isOpen() || w.check()) {
        it.remove();
      }
    }
  }

  /** Forgets the waiters of clients that went away. */
  synchronized void dropClosed() {
    waiters.removeIf(w -> !w.conn.isOpen());
  }

  private record Waiter(CompletableFuture<WaitResult> result, Conn conn) {
    /** Answers and returns true when the wait is over. */
    boolean check() {
      if (!result.isDone()) {
        return false;
      }
      WaitResult r = result.join();
      // moby's container.WaitResponse: Error (omitted when empty), then StatusCode
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      r.error().filter(e -> !e.isEmpty()).ifPresent(e -> o.putObject("Error").put("Message", e));
      o.put("StatusCode", r.statusCode());
      conn.chunk(DockerJson.httpBody(o).getBytes(StandardCharsets.UTF_8));
      conn.endChunked();
      return true;
    }
  }
}
