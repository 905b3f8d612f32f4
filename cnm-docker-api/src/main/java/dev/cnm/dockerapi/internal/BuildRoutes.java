package dev.cnm.dockerapi.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.error.NotImplementedException;
import dev.cnm.api.image.BuildContext;
import dev.cnm.api.image.BuildRequest;
import dev.cnm.api.image.BuildResult;
import dev.cnm.api.image.ProgressMessage;
import dev.cnm.core.image.BuildContexts;
import dev.cnm.core.json.DockerJson;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * moby's {@code api/server/router/build}: {@code POST /build} with the classic builder. The body
 * is the context as a tar archive (gzip-compressed or not); the query gives the Dockerfile's path
 * ({@code dockerfile}), the tags ({@code t}, repeated), {@code buildargs} and {@code labels} (JSON
 * maps), {@code target}, {@code nocache}, {@code pull} and {@code q}. The builder's output is
 * streamed as it is written; with {@code q} it is held back, and only the image id is written
 * (or, on failure, the held output and the error). BuildKit ({@code version=2}) and remote
 * contexts are not modelled.
 */
final class BuildRoutes {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final ApiState state;

  BuildRoutes(ApiState state) {
    this.state = state;
  }

  void register(Router.Builder routes) {
    routes.post("/build", this::build);
  }

  private void build(Request r, Conn c) {
    String version = r.param("version").orElse("");
    if (!version.isEmpty() && !version.equals("1") && !version.equals("2")) {
      throw new InvalidParameterException("invalid version \"" + version + "\"");
    }
    if (version.equals("2")) {
      throw new NotImplementedException("BuildKit is not modelled: build with the classic builder (version=1, "
          + "DOCKER_BUILDKIT=0)");
    }
    if (!r.param("remote").orElse("").isEmpty()) {
      throw new NotImplementedException("remote build contexts are not modelled: send the context as the body");
    }
    BuildRequest.Builder request = BuildRequest.builder()
        .dockerfile(r.param("dockerfile").orElse(""))
        .target(r.param("target").orElse(""))
        .noCache(r.flag("nocache"))
        .pull(r.flag("pull"));
    for (String t : r.params("t")) {
      request.addTag(t);
    }
    map(r.param("buildargs").orElse(""), "error reading build args").forEach((k, v) -> {
      if (v != null) {
        request.putBuildArg(k, v);
      }
    });
    map(r.param("labels").orElse(""), "error reading labels").forEach((k, v) -> request.putLabel(k, v == null ? "" : v));
    BuildContext context = BuildContexts.fromTar(r.bytes());
    request.context(context);
    boolean quiet = r.flag("q");
    ProgressStream out = new ProgressStream(c);
    List<ProgressMessage> held = new ArrayList<>();
    BuildResult result;
    try {
      result = state.engine.images().build(request.build(), quiet ? held::add : out);
    } catch (RuntimeException e) {
      if (quiet && !held.isEmpty()) {
        held.forEach(out);
      }
      out.fail(e);
      return;
    }
    if (quiet) {
      out.accept(ProgressMessage.stream(result.image().id() + "\n"));
    }
    out.end();
  }

  /** How Go's {@code UnmarshalTypeError} names a JSON value's kind. */
  private static String goKind(JsonNode node) {
    if (node.isBoolean()) {
      return "bool";
    }
    if (node.isNumber()) {
      return "number";
    }
    if (node.isArray()) {
      return "array";
    }
    return node.isObject() ? "object" : "string";
  }

  /** A JSON object of strings (a null value kept as null), as moby's {@code json.Unmarshal} into a map reads it. */
  private static Map<String, String> map(String json, String what) {
    Map<String, String> out = new LinkedHashMap<>();
    if (json.isEmpty()) {
      return out;
    }
    // Go's words for a syntax error (never Jackson's), then the values
    Optional<String> bad = GoJson.unmarshalError(json);
    if (bad.isPresent()) {
      throw new InvalidParameterException(what + ": " + bad.get());
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidParameterException(what + ": the value is nested deeper, or holds longer numbers or strings, "
          + "than this server reads", e);
    }
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isObject()) {
      throw new InvalidParameterException(what + ": json: cannot unmarshal " + goKind(node)
          + " into Go value of type map[string]string");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      if (!v.isNull() && !v.isTextual()) {
        throw new InvalidParameterException(what + ": json: cannot unmarshal " + goKind(v)
            + " into Go value of type string");
      }
      out.put(e.getKey(), v.isNull() ? null : v.asText());
    }
    return out;
  }
}
