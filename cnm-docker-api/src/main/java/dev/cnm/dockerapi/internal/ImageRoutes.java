package dev.cnm.dockerapi.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.error.NotFoundException;
import dev.cnm.api.image.ImageCatalog;
import dev.cnm.api.image.ImageInfo;
import dev.cnm.api.port.ExposedPort;
import dev.cnm.core.json.DockerJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * moby's {@code api/server/router/image}: pulls succeed at once (the name is remembered), and an
 * image is known once pulled, used by a container, or in the catalog.
 */
final class ImageRoutes {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ApiState state;

  ImageRoutes(ApiState state) {
    this.state = state;
  }

  void register(Router.Builder routes) {
    routes.postReadOnly("/images/create", this::pull)
        .get("/images/{name:.*}/json", (r, c) -> Replies.json(c, 200, inspect(r.var("name"))));
  }

  private void pull(Request r, Conn c) {
    String from = r.param("fromImage").orElse("");
    if (from.isEmpty()) {
      throw new InvalidParameterException("fromImage or fromSrc is required");
    }
    String tag = r.param("tag").orElse("");
    String ref = tag.isEmpty() || from.contains("@") ? from : from + (tag.startsWith("sha256:") ? "@" : ":") + tag;
    String normalized = ImageCatalog.normalize(ref);
    state.pulled.add(normalized);
    String shown = tag.isEmpty() ? "latest" : tag;
    String digest = "sha256:" + DockerJson.imageId(normalized).substring("sha256:".length());
    StringBuilder out = new StringBuilder();
    out.append(line("Pulling from " + repository(normalized), shown));
    out.append(line("Digest: " + digest, null));
    out.append(line("Status: Downloaded newer image for " + familiar(normalized), null));
    c.reply(200, Api.JSON, out.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static String line(String status, String id) {
    ObjectNode o = NODES.objectNode();
    o.put("status", status);
    if (id != null) {
      o.put("id", id);
    }
    return DockerJson.httpBody(o);
  }

  private static String repository(String normalized) {
    String noTag = normalized.replaceAll("(@.*|:[^/:]*)$", "");
    return noTag.replaceFirst("^docker\\.io/", "");
  }

  private static String familiar(String normalized) {
    return normalized.replaceFirst("^docker\\.io/", "").replaceFirst("^library/", "");
  }

  private ObjectNode inspect(String name) {
    String normalized;
    try {
      normalized = ImageCatalog.normalize(name);
    } catch (RuntimeException e) {
      throw new NotFoundException("No such image: " + name, e);
    }
    Optional<ImageInfo> known = state.images.find(name);
    boolean used = state.engine.containers().stream()
        .anyMatch(ci -> ImageCatalog.normalize(ci.image()).equals(normalized));
    if (known.isEmpty() && !state.pulled.contains(normalized) && !used) {
      throw new NotFoundException("No such image: " + name);
    }
    ImageInfo info = known.orElseGet(() -> ImageInfo.of(name, List.of(), List.of()));
    ObjectNode o = NODES.objectNode();
    o.put("Id", DockerJson.imageId(name));
    o.putArray("RepoTags").add(familiar(normalized));
    o.putArray("RepoDigests");
    o.put("Parent", "");
    o.put("Comment", "");
    o.put("Created", "2025-01-01T00:00:00Z");
    o.put("DockerVersion", "");
    o.put("Author", "");
    ObjectNode config = o.putObject("Config");
    ObjectNode exposed = NODES.objectNode();
    for (ExposedPort ep : info.exposedPorts()) {
      exposed.putObject(ep.toString());
    }
    if (exposed.isEmpty()) {
      config.putNull("ExposedPorts");
    } else {
      config.set("ExposedPorts", exposed);
    }
    ArrayNode env = config.putArray("Env");
    info.env().forEach(env::add);
    config.putNull("Cmd");
    config.put("WorkingDir", "");
    config.putNull("Entrypoint");
    config.putNull("Labels");
    o.put("Architecture", "amd64");
    o.put("Os", "linux");
    o.put("Size", 0);
    ObjectNode gd = o.putObject("GraphDriver");
    gd.putNull("Data");
    gd.put("Name", "overlay2");
    ObjectNode rootFs = o.putObject("RootFS");
    rootFs.put("Type", "layers");
    rootFs.putArray("Layers");
    o.putObject("Metadata").put("LastTagTime", "0001-01-01T00:00:00Z");
    return o;
  }
}
