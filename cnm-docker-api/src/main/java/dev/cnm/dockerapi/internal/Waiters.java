package dev.cnm.dockerapi.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.api.ContainerInfo;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.core.json.DockerJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /containers/{id}/wait}: the reply's headers go out at once, and its body ({@code
 * {"StatusCode":N}}, with {@code "Error":{"Message":...}} first when the container has an error,
 * as dockerd 28 encodes {@code container.WaitResponse}) once the condition holds, which every request that changed the engine
 * checks again ({@link #wake}). Its own lock: the writer adds and wakes, a reader drops those
 * whose client went away.
 */
final class Waiters {
  private final ApiState state;
  private final List<Waiter> waiters = new ArrayList<>();

  Waiters(ApiState state) {
    this.state = state;
  }

  /** Starts waiting for {@code ref} under {@code condition}: {@code not-running}, {@code next-exit} or {@code removed}. */
  synchronized void waitFor(String ref, String condition, Conn c) {
    if (!condition.equals("not-running") && !condition.equals("next-exit") && !condition.equals("removed")) {
      throw new InvalidParameterException("invalid condition: \"" + condition + "\"");
    }
    ContainerInfo ci = state.engine.container(ref);
    Waiter w = new Waiter(ci.id(), condition, c, ci.isRunning(), ci.finishedAt());
    c.startChunked(200, Api.JSON);
    if (!w.check()) {
      waiters.add(w);
    }
  }

  /** Answers every waiter whose condition now holds. */
  synchronized void wake() {
    for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
      Waiter w = it.next();
      if (!w.conn.isOpen() || w.check()) {
        it.remove();
      }
    }
    // Exit statuses of removed containers are kept only while someone may still wait for them.
    state.exitCodes.keySet().removeIf(id -> state.engine.findContainer(id).isEmpty()
        && waiters.stream().noneMatch(w -> w.id.equals(id)));
  }

  /** Forgets the waiters of clients that went away. */
  synchronized void dropClosed() {
    waiters.removeIf(w -> !w.conn.isOpen());
  }

  private final class Waiter {
    final String id;
    final String condition;
    final Conn conn;
    boolean sawRunning;
    final Optional<Instant> finishedAt;
    int lastExit;
    String lastError = "";

    Waiter(String id, String condition, Conn conn, boolean running, Optional<Instant> finishedAt) {
      this.id = id;
      this.condition = condition;
      this.conn = conn;
      this.sawRunning = running;
      this.finishedAt = finishedAt;
    }

    /** Answers and returns true when the condition holds. */
    boolean check() {
      Optional<ContainerInfo> now = state.engine.findContainer(id);
      boolean done;
      if (now.isEmpty()) {
        lastExit = state.exitCodes.getOrDefault(id, lastExit);
        done = true;
      } else {
        ContainerInfo ci = now.get();
        lastExit = state.exitCodes.getOrDefault(id, ci.exitCode());
        lastError = ci.error();
        switch (condition) {
          case "removed":
            done = false;
            break;
          case "next-exit":
            if (ci.isRunning()) {
              sawRunning = true;
            }
            done = !ci.isRunning() && (sawRunning || !ci.finishedAt().equals(finishedAt));
            break;
          default:
            done = !ci.isRunning();
            break;
        }
      }
      if (done) {
        // moby's container.WaitResponse: Error (omitted when empty), then StatusCode
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        if (!lastError.isEmpty()) {
          o.putObject("Error").put("Message", lastError);
        }
        o.put("StatusCode", lastExit);
        conn.chunk(DockerJson.httpBody(o).getBytes(StandardCharsets.UTF_8));
        conn.endChunked();
      }
      return done;
    }
  }
}
