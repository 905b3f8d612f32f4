package dev.cnm.dockerapi.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.core.json.DockerJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One routed request: its method, its path (percent-decoded, without the version prefix), the
 * variables its route's pattern captured ({@code {name}} of {@code /containers/{name}/json}),
 * the query and the body, as bytes ({@code POST /build} sends a tar archive) and read as UTF-8,
 * and the API version the client asked for.
 */
record Request(String method, String path, Map<String, String> vars, Map<String, List<String>> query, byte[] bytes,
    String version) {
  /** A request at the server's own API version. */
  Request(String method, String path, Map<String, String> vars, Map<String, List<String>> query, byte[] bytes) {
    this(method, path, vars, query, bytes, Api.API_VERSION);
  }

  /**
   * Whether the client's API version (its path's {@code /v1.NN} prefix, else the server's) is
   * older than {@code version}, as moby's {@code versions.LessThan}.
   */
  boolean versionBelow(String version) {
    String[] a = this.version.split("\\.");
    String[] b = version.split("\\.");
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      int x = i < a.length ? Integer.parseInt(a[i]) : 0;
      int y = i < b.length ? Integer.parseInt(b[i]) : 0;
      if (x != y) {
        return x < y;
      }
    }
    return false;
  }
  /** The body read as UTF-8 text. */
  String body() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Every value of a repeated query parameter ({@code t} of {@code /build}), in order. */
  List<String> params(String name) {
    List<String> v = query.get(name);
    return v == null ? List.of() : v;
  }

  /** A path variable of the route; every one its pattern names is there. */
  String var(String name) {
    String v = vars.get(name);
    if (v == null) {
      throw new IllegalStateException("the route has no {" + name + "}");
    }
    return v;
  }

  /** The first value of a query parameter. */
  Optional<String> param(String name) {
    List<String> v = query.get(name);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  /** A boolean query parameter as moby's {@code httputils.BoolValue} reads it: {@code 1} or {@code true}. */
  boolean flag(String name) {
    return param(name).map(s -> s.equals("1") || s.equalsIgnoreCase("true")).orElse(false);
  }

  /**
   * The body as JSON; an empty body is an empty object. A malformed one is refused in dockerd's
   * words, which are Go's ({@link GoJson}): {@code invalid JSON: invalid character 'x' looking
   * for beginning of value}, {@code invalid JSON: unexpected EOF}, {@code unexpected content after
   * JSON}.
   */
  JsonNode json() {
    String body = body();
    if (body.isBlank()) {
      return JsonNodeFactory.instance.objectNode();
    }
    Optional<String> bad = GoJson.error(bytes);
    if (bad.isPresent()) {
      throw new InvalidParameterException(GoJson.isSyntax(bad.get()) ? "invalid JSON: " + bad.get() : bad.get());
    }
    try {
      return DockerJson.parse(body);
    } catch (InvalidParameterException beyondJacksonsLimits) {
      throw new InvalidParameterException("invalid JSON: the body is nested deeper, or holds longer numbers or "
          + "strings, than this server reads", beyondJacksonsLimits);
    }
  }
}
