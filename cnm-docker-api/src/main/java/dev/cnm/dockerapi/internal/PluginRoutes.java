package dev.cnm.dockerapi.internal;

import dev.cnm.api.error.NotFoundException;

/** moby's {@code api/server/router/plugin}: no plugin is installed, so none is found. */
final class PluginRoutes {
  void register(Router.Builder routes) {
    routes.get("/plugins/{name:.*}/json", (r, c) -> {
      throw new NotFoundException("plugin \"" + r.var("name") + "\" not found");
    });
  }
}
