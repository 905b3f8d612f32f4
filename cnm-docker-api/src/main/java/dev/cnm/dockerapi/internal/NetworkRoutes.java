package dev.cnm.dockerapi.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.api.DisconnectOption;
import dev.cnm.api.NetworkInfo;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.core.filter.FilterArgs;
import dev.cnm.core.filter.Listing;
import dev.cnm.core.filter.Prune;
import dev.cnm.core.json.DockerJson;
import java.util.List;

/** moby's {@code api/server/router/network}. */
final class NetworkRoutes {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ApiState state;

  NetworkRoutes(ApiState state) {
    this.state = state;
  }

  void register(Router.Builder routes) {
    routes.get("/networks", this::list)
        .post("/networks/create", this::create)
        .post("/networks/prune", this::prune)
        .get("/networks/{id}", (r, c) -> Replies.json(c, 200, DockerJson.network(state.engine.network(r.var("id")), r.flag("verbose"))))
        .delete("/networks/{id}", this::remove)
        .post("/networks/{id}/connect", this::connect)
        .post("/networks/{id}/disconnect", this::disconnect);
  }

  static FilterArgs filters(Request r) {
    return FilterArgs.fromJson(r.param("filters").orElse(""));
  }

  private void list(Request r, Conn c) {
    ArrayNode out = NODES.arrayNode();
    for (NetworkInfo n : Listing.networks(state.engine, filters(r))) {
      out.add(DockerJson.networkSummary(n));
    }
    Replies.json(c, 200, out);
  }

  private void create(Request r, Conn c) {
    NetworkInfo n = state.engine.createNetwork(Requests.networkSpec(r.json()));
    ObjectNode o = NODES.objectNode();
    o.put("Id", n.id());
    o.put("Warning", "");
    Replies.json(c, 201, o);
  }

  /** {@code network.PruneReport}: the names deleted, {@code null} when none. */
  private void prune(Request r, Conn c) {
    List<String> deleted = Prune.networks(state.engine, filters(r), state.clock);
    ObjectNode o = NODES.objectNode();
    if (deleted.isEmpty()) {
      o.putNull("NetworksDeleted");
    } else {
      ArrayNode a = o.putArray("NetworksDeleted");
      deleted.forEach(a::add);
    }
    Replies.json(c, 200, o);
  }

  private void remove(Request r, Conn c) {
    state.engine.removeNetwork(r.var("id"));
    Replies.empty(c, 204);
  }

  private void connect(Request r, Conn c) {
    JsonNode body = r.json();
    String container = Requests.string(body, "Container", "NetworkConnect.Container");
    if (container == null || container.isEmpty()) {
      throw new InvalidParameterException("container is required");
    }
    state.engine.connect(r.var("id"), container,
        Requests.endpointSpec(Requests.field(body, "EndpointConfig"), "NetworkConnect.EndpointConfig"));
    Replies.empty(c, 200);
  }

  private void disconnect(Request r, Conn c) {
    JsonNode body = r.json();
    String container = Requests.string(body, "Container", "NetworkDisconnect.Container");
    if (container == null || container.isEmpty()) {
      throw new InvalidParameterException("container is required");
    }
    if (Requests.bool(body, "Force", "NetworkDisconnect.Force")) {
      state.engine.forceDisconnect(r.var("id"), container); // another host's endpoint too, as dockerd
    } else {
      state.engine.disconnect(r.var("id"), container);
    }
    Replies.empty(c, 200);
  }
}
