package dev.cnm.dockerapi.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.error.ConflictException;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.core.filter.ContainerListOptions;
import dev.cnm.core.filter.Listing;
import dev.cnm.core.filter.Prune;
import dev.cnm.core.json.ContainerJsonInput;
import dev.cnm.core.json.DockerJson;
import java.time.Instant;
import java.util.List;

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
        .post("/containers/{name}/start", (r, c) -> start(r.var("name"), c))
        .post("/containers/{name}/stop", this::stop)
        .post("/containers/{name}/restart", (r, c) -> {
          state.engine.restart(r.var("name"));
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
    state.engine.removeContainer(ref, r.flag("force"));
    state.forget(ci.id());
    Replies.empty(c, 204);
  }

  private void stop(Request r, Conn c) {
    String ref = r.var("name");
    if (!state.engine.container(ref).isRunning()) {
      Replies.empty(c, 304);
      return;
    }
    state.engine.stop(ref);
    Replies.empty(c, 204);
  }

  private void kill(Request r, Conn c) {
    String ref = r.var("name");
    ContainerInfo ci = state.engine.container(ref);
    if (!ci.isRunning()) {
      throw new ConflictException("Cannot kill container: " + ref + ": container " + ci.id() + " is not running");
    }
    state.engine.stop(ref);
    state.exitCodes.put(ci.id(), 137);
    Replies.empty(c, 204);
  }

  private void attach(Request r, Conn c) {
    ContainerInfo ci = state.engine.container(r.var("name"));
    c.hijack(Streams.contentType(state.ttys.contains(ci.id())));
    state.attached.put(ci.id(), c);
  }

  private void start(String ref, Conn c) {
    ContainerInfo before = state.engine.container(ref);
    if (before.isRunning()) {
      Replies.empty(c, 304);
      return;
    }
    ContainerInfo ci = state.engine.start(ref);
    state.exitCodes.remove(ci.id());
    Replies.empty(c, 204);
    Conn a = state.attached.remove(ci.id());
    if (a != null) {
      // A foreground run: the container runs its command to the end, its output goes to the
      // attached client, and then it exits with the command's status.
      // Only a command the client gave is simulated: an image's own (nginx, redis-server) is a
      // server the model does not run, so the container returns at once, as before images had one.
      Commands.Result result = Commands.run(state.engine, ci, ci.spec().command());
      if (a.isOpen()) {
        Streams.write(a, result, state.ttys.contains(ci.id()));
        a.close();
      }
      ContainerInfo now = state.engine.container(ci.id());
      if (now.isRunning()) {
        state.engine.stop(ci.id());
      }
      state.exitCodes.put(ci.id(), result.exitCode());
      if (ci.spec().autoRemove() && state.engine.findContainer(ci.id()).isPresent()) {
        state.engine.removeContainer(ci.id(), true);
        state.ttys.remove(ci.id());
      }
    }
  }
}
