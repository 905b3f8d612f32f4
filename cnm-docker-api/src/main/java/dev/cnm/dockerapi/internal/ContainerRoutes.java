package dev.cnm.dockerapi.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.RemoveOption;
import dev.cnm.api.StopOptions;
import dev.cnm.api.error.ConflictException;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.core.filter.ContainerListOptions;
import dev.cnm.core.filter.Listing;
import dev.cnm.core.filter.Prune;
import dev.cnm.core.json.ContainerJsonInput;
import dev.cnm.core.json.DockerJson;
import dev.cnm.api.process.LogEntry;
import dev.cnm.api.process.LogStream;
import dev.cnm.api.process.Subscription;
import dev.cnm.api.process.WaitCondition;
import dev.cnm.api.process.WaitResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** moby's {@code api/server/router/container}, but exec (see {@link ExecRoutes}). */
final class ContainerRoutes {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ApiState state;
  private final Waiters waiters;

  ContainerRoutes(ApiState state, Waiters waiters) {
    this.state = state;
    this.waiters = waiters;
  }

  void register(Router.Builder routes) {
    routes.get("/containers/json", this::list)
        .post("/containers/create", this::create)
        .post("/containers/prune", this::prune)
        .delete("/containers/{name}", this::remove)
        .get("/containers/{name}/json", (r, c) -> Replies.json(c, 200,
            DockerJson.container(state.engine.container(r.var("name")))))
        .postWaiting("/containers/{name}/start", (r, c) -> start(r.var("name"), c))
        .postWaiting("/containers/{name}/stop", this::stop)
        .postWaiting("/containers/{name}/restart", (r, c) -> {
          state.engine.restart(r.var("name"), stopOptions(r));
          Replies.empty(c, 204);
        })
        .post("/containers/{name}/kill", this::kill)
        .post("/containers/{name}/rename", (r, c) -> {
          state.engine.rename(r.var("name"), r.param("name").orElse(""));
          Replies.empty(c, 204);
        })
        .postReadOnly("/containers/{name}/wait", (r, c) ->
            waiters.waitFor(r.var("name"), r.param("condition").orElse("not-running"), c))
        .postReadOnly("/containers/{name}/attach", this::attach)
        .postReadOnly("/containers/{name}/resize", (r, c) -> {
          state.engine.container(r.var("name"));
          Replies.empty(c, 200);
        });
  }

  private void list(Request r, Conn c) {
    ContainerListOptions.Builder options = ContainerListOptions.builder()
        .all(r.flag("all")).filters(NetworkRoutes.filters(r));
    String limit = r.param("limit").orElse("");
    if (!limit.isEmpty()) {
      try {
        options.limit(Integer.parseInt(limit));
      } catch (NumberFormatException e) {
        // moby returns strconv's error untyped (500); a bad parameter is the client's mistake.
        String why = limit.matches("[+-]?[0-9]+") ? "value out of range" : "invalid syntax";
        throw new InvalidParameterException("strconv.Atoi: parsing \"" + limit + "\": " + why);
      }
    }
    ArrayNode out = NODES.arrayNode();
    Instant now = state.clock.instant();
    for (ContainerInfo ci : Listing.containers(state.engine, options.build())) {
      out.add(DockerJson.containerSummary(ci, ContainerJsonInput.none(), now));
    }
    Replies.json(c, 200, out);
  }

  private void create(Request r, Conn c) {
    if (r.body().isBlank()) {
      throw new InvalidParameterException("config cannot be empty in order to create a container");
    }
    ContainerSpec spec = Requests.containerSpec(r.json(), r.param("name").filter(s -> !s.isEmpty()));
    if (r.versionBelow("1.44") && spec.endpoints().size() > 1) {
      // moby's postContainersCreate: several networks at create came with API 1.44
      throw new InvalidParameterException("Container cannot be created with multiple network endpoints: "
          + String.join(", ", spec.endpoints().keySet()));
    }
    boolean tty = Requests.bool(r.json(), "Tty", "Config.Tty");
    ContainerInfo ci = state.engine.createContainer(spec);
    if (tty) {
      state.ttys.add(ci.id());
    }
    ObjectNode o = NODES.objectNode();
    o.put("Id", ci.id());
    o.putArray("Warnings");
    Replies.json(c, 201, o);
  }

  /** {@code container.PruneReport}: the ids deleted ({@code null} when none) and no space. */
  private void prune(Request r, Conn c) {
    List<String> deleted = Prune.containers(state.engine, NetworkRoutes.filters(r), state.clock);
    deleted.forEach(state::forget);
    ObjectNode o = NODES.objectNode();
    if (deleted.isEmpty()) {
      o.putNull("ContainersDeleted");
    } else {
      ArrayNode a = o.putArray("ContainersDeleted");
      deleted.forEach(a::add);
    }
    o.put("SpaceReclaimed", 0);
    Replies.json(c, 200, o);
  }

  private void remove(Request r, Conn c) {
    String ref = r.var("name");
    ContainerInfo ci = state.engine.container(ref);
    state.engine.removeContainer(ref, r.flag("force") ? new RemoveOption[] {RemoveOption.FORCE} : new RemoveOption[0]);
    state.forget(ci.id());
    Replies.empty(c, 204);
  }

  private void stop(Request r, Conn c) {
    String ref = r.var("name");
    if (!state.engine.container(ref).isRunning()) {
      Replies.empty(c, 304);
      return;
    }
    state.engine.stop(ref, stopOptions(r));
    Replies.empty(c, 204);
  }

  /** {@code t} (seconds) and {@code signal} of stop and restart. */
  private static StopOptions stopOptions(Request r) {
    StopOptions.Builder b = StopOptions.builder();
    r.param("signal").filter(s -> !s.isEmpty()).ifPresent(b::signal);
    r.param("t").filter(s -> !s.isEmpty()).ifPresent(t -> {
      try {
        b.timeout(Integer.parseInt(t));
      } catch (NumberFormatException e) {
        throw new InvalidParameterException("strconv.Atoi: parsing \"" + t + "\": invalid syntax");
      }
    });
    return b.build();
  }

  private void kill(Request r, Conn c) {
    state.engine.kill(r.var("name"), r.param("signal").orElse(""));
    Replies.empty(c, 204);
  }

  private void attach(Request r, Conn c) {
    ContainerInfo ci = state.engine.container(r.var("name"));
    c.hijack(Streams.contentType(state.ttys.contains(ci.id())));
    state.attached.put(ci.id(), c);
  }

  private void start(String ref, Conn c) {
    ContainerInfo before = state.engine.container(ref);
    if (before.isRunning() || before.isRestarting()) {
      Replies.empty(c, 304);
      return;
    }
    Conn a = state.attached.remove(before.id());
    // A foreground run: what the program writes goes to the attached client, from the start.
    CompletableFuture<WaitResult> exit = state.engine.waitFor(before.id(),
        before.spec().autoRemove() ? WaitCondition.REMOVED : WaitCondition.NEXT_EXIT);
    List<LogEntry> output = Collections.synchronizedList(new ArrayList<>());
    Subscription logs = state.engine.attach(before.id(), output::add);
    ContainerInfo ci;
    try {
      ci = state.engine.start(ref);
    } catch (RuntimeException e) {
      logs.close();
      if (a != null) {
        state.attached.put(before.id(), a);
      }
      throw e;
    }
    Replies.empty(c, 204);
    if (a == null) {
      logs.close();
      return;
    }
    // The container runs its program to the end, then the attached client gets what it printed.
    // A program that only waits (a server, a shell without input) is stopped at once instead, so
    // that the foreground run returns.
    Optional<ContainerInfo> now = state.engine.findContainer(ci.id());
    if (now.isPresent() && now.get().isRunning() && state.engine.clock().nextDue(ci.id()).isEmpty()) {
      state.engine.stop(ci.id(), StopOptions.builder().timeout(0).build());
    }
    WaitResult result = state.engine.clock().await(exit);
    logs.close();
    StringBuilder stdout = new StringBuilder();
    StringBuilder stderr = new StringBuilder();
    synchronized (output) {
      for (LogEntry e : output) {
        (e.stream() == LogStream.STDOUT ? stdout : stderr).append(e.text());
      }
    }
    if (a.isOpen()) {
      Streams.write(a, new Commands.Result(stdout.toString(), stderr.toString(), result.statusCode()),
          state.ttys.contains(ci.id()));
      a.close();
    }
    if (state.engine.findContainer(ci.id()).isEmpty()) {
      state.ttys.remove(ci.id());
    }
  }
}
