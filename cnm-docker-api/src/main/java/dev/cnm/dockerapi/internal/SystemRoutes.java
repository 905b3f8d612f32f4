package dev.cnm.dockerapi.internal;

import java.nio.charset.StandardCharsets;

/** moby's {@code api/server/router/system}: {@code /_ping}, {@code /version}, {@code /info}. */
final class SystemRoutes {
  private final ApiState state;

  SystemRoutes(ApiState state) {
    this.state = state;
  }

  void register(Router.Builder routes) {
    routes.get("/_ping", this::ping)
        .head("/_ping", this::ping)
        .get("/version", (r, c) -> Replies.json(c, 200, Info.version()))
        .get("/info", (r, c) -> Replies.json(c, 200, Info.info(state.engine, state.engine.images().images().size())));
  }

  private void ping(Request r, Conn c) {
    c.reply(200, "text/plain; charset=utf-8", "OK".getBytes(StandardCharsets.UTF_8));
  }
}
