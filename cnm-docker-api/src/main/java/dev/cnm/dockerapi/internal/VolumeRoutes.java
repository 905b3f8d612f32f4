package dev.cnm.dockerapi.internal;

import dev.cnm.api.error.NotFoundException;

/** moby's {@code api/server/router/volume}: the model has no volumes, so none is ever found. */
final class VolumeRoutes {
  void register(Router.Builder routes) {
    routes.get("/volumes/{name}", (r, c) -> {
      throw new NotFoundException("get " + r.var("name") + ": no such volume");
    });
  }
}
