package dev.cnm.dockerapi.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.error.NotFoundException;
import dev.cnm.api.error.NotImplementedException;
import dev.cnm.api.image.Image;
import dev.cnm.api.image.ImageReference;
import dev.cnm.core.filter.ImageListOptions;
import dev.cnm.core.filter.Listing;
import dev.cnm.core.json.DockerJson;

/**
 * moby's {@code api/server/router/image}: list, inspect, history, pull ({@code POST
 * /images/create}, its progress streamed as it happens), tag and delete, over the engine's
 * {@link dev.cnm.api.image.ImageService}.
 */
final class ImageRoutes {
  private final ApiState state;

  ImageRoutes(ApiState state) {
    this.state = state;
  }

  void register(Router.Builder routes) {
    routes.get("/images/json", this::list)
        .get("/images/{name:.*}/history", (r, c) -> Replies.json(c, 200,
            DockerJson.imageHistory(state.engine.images().history(r.var("name")))))
        .get("/images/{name:.*}/json", (r, c) -> Replies.json(c, 200,
            DockerJson.image(state.engine.images().image(r.var("name")))))
        .post("/images/create", this::create)
        .post("/images/{name:.*}/tag", this::tag)
        .delete("/images/{name:.*}", this::remove);
  }

  /** {@code GET /images/json}: {@code all}, {@code filters}; the daemon's order, newest first. */
  private void list(Request r, Conn c) {
    ImageListOptions options = ImageListOptions.builder().all(r.flag("all"))
        .filters(NetworkRoutes.filters(r)).build();
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (Image i : Listing.images(state.engine, options, state.clock)) {
      out.add(DockerJson.imageSummary(i));
    }
    Replies.json(c, 200, out);
  }

  /**
   * {@code POST /images/create}: a pull ({@code fromImage}, with {@code tag} a tag or a digest;
   * a bare name pulls every tag, as moby does). Importing ({@code fromSrc}) is not modelled.
   */
  private void create(Request r, Conn c) {
    String from = r.param("fromImage").orElse("");
    if (from.isEmpty()) {
      throw new NotImplementedException("importing an image (fromSrc) is not modelled; pull one with fromImage");
    }
    String name = from.endsWith(":") ? from.substring(0, from.length() - 1) : from;
    ImageReference ref = ImageReference.parse(name);
    String tag = r.param("tag").orElse("");
    if (!tag.isEmpty()) {
      boolean digest;
      try {
        ImageReference.validateDigest(tag);
        digest = true;
      } catch (InvalidParameterException e) {
        digest = false;
      }
      ref = digest ? ref.repository().withDigest(tag) : ref.withTag(tag);
    }
    ProgressStream out = new ProgressStream(c);
    try {
      if (ref.isTagged() || ref.isDigested()) {
        state.engine.images().pull(ref.toString(), out);
      } else {
        state.engine.images().pullAllTags(ref.toString(), out);
      }
    } catch (RuntimeException e) {
      out.fail(e);
      return;
    }
    out.end();
  }

  /**
   * {@code POST /images/{name}/tag?repo=&tag=}: 201 and no body. As moby, any failure to find
   * the source image is a 404, a malformed name's too.
   */
  private void tag(Request r, Conn c) {
    String repo = r.param("repo").orElse("");
    if (repo.isEmpty()) {
      throw new InvalidParameterException("repository name must have at least one component");
    }
    ImageReference target = ImageReference.parse(repo);
    if (target.isDigested()) {
      throw new InvalidParameterException("cannot import digest reference");
    }
    String tag = r.param("tag").orElse("");
    target = tag.isEmpty() ? target.withDefaultTag() : target.withTag(tag);
    if (target.familiarName().equals("sha256")) {
      throw new InvalidParameterException("refusing to create an ambiguous tag using digest algorithm as name");
    }
    String source = r.var("name");
    try {
      state.engine.images().image(source);
    } catch (InvalidParameterException e) {
      throw new NotFoundException(e.getMessage(), e);
    }
    state.engine.images().tag(source, target.toString());
    Replies.empty(c, 201);
  }

  /** {@code DELETE /images/{name}?force=&noprune=}: what was untagged and deleted. */
  private void remove(Request r, Conn c) {
    Replies.json(c, 200, DockerJson.imageDeleted(
        state.engine.images().remove(r.var("name"), r.flag("force"), r.flag("noprune"))));
  }
}
