package dev.cnm.dockerapi.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cnm.api.error.NotFoundException;

/**
 * moby's {@code api/server/router/plugin}: managed (v2) plugins, of which cnm has none. Legacy
 * plugins (cnm-plugins' remote drivers) never show here, as in Docker: they are not installed.
 */
final class PluginRoutes {
  void register(Router.Builder routes) {
    routes.get("/plugins", (r, c) -> Replies.json(c, 200, JsonNodeFactory.instance.arrayNode()))
        .get("/plugins/{name:.*}/json", (r, c) -> {
          throw new NotFoundException("plugin \"" + r.var("name") + "\" not found");
        });
  }
}
