package dev.cnm.dockerapi.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.api.Engine;
import dev.cnm.api.error.CnmException;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.error.NotFoundException;
import dev.cnm.core.json.DockerJson;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Docker Engine API over an {@link Engine}: strips the version prefix once, routes through
 * the {@link Router} table the resource routers fill ({@link SystemRoutes}, {@link
 * NetworkRoutes}, {@link ContainerRoutes}, {@link ExecRoutes}, {@link ImageRoutes}, {@link
 * BuildRoutes}, {@link VolumeRoutes}, {@link PluginRoutes}), saves after a route that may have changed the engine,
 * and turns failures into Docker's error replies. Runs on the server's single thread: no two
 * calls overlap, so the engine, the waiters and the exec table need no locks.
 */
final class Api {
  static final String API_VERSION = "1.50";
  static final String MIN_API_VERSION = "1.24";
  static final String ENGINE_VERSION = "28.2.2";
  static final String JSON = "application/json";
  private static final Pattern VERSIONED = Pattern.compile("^/v(\\d+)\\.(\\d+)(/.*)$");

  private final Runnable onMutation;
  private final Waiters waiters;
  private final Router router;

  Api(Engine engine, Runnable onMutation, Clock clock) {
    this.onMutation = onMutation;
    ApiState state = new ApiState(engine, clock);
    this.waiters = new Waiters(state);
    this.router = routes(state, waiters);
  }

  /** The route table, resource by resource as moby's routers are. */
  static Router routes(ApiState state, Waiters waiters) {
    Router.Builder b = Router.builder();
    new SystemRoutes(state).register(b);
    new NetworkRoutes(state).register(b);
    new ContainerRoutes(state, waiters).register(b);
    new ExecRoutes(state).register(b);
    new ImageRoutes(state).register(b);
    new BuildRoutes(state).register(b);
    new VolumeRoutes().register(b);
    new PluginRoutes().register(b);
    return b.build();
  }

  /** Docker's error body: {@code {"message":"..."}} and a newline. */
  static byte[] errorBody(String message) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("message", message);
    return DockerJson.httpBody(o).getBytes(StandardCharsets.UTF_8);
  }

  /** Whether a raw request path is {@code POST /build}'s, with or without a version prefix. */
  static boolean isBuild(String rawPath) {
    return rawPath.equals("/build") || rawPath.matches("/v\\d+\\.\\d+/build/?") || rawPath.equals("/build/");
  }

  void handle(String method, String rawPath, Map<String, List<String>> query, byte[] body, Conn conn) {
    // The reply waits until onMutation has run: a client that sees success may rely on it being saved.
    Deferred deferred = new Deferred(conn);
    try {
      String path = Router.decodePath(rawPath);
      Matcher v = VERSIONED.matcher(path);
      if (v.matches()) {
        checkVersion(Integer.parseInt(v.group(1)), Integer.parseInt(v.group(2)));
        path = v.group(3);
      }
      if (path.length() > 1 && path.endsWith("/")) {
        path = path.substring(0, path.length() - 1);
      }
      Router.Match m = router.match(method, path)
          .orElseThrow(() -> new NotFoundException("page not found"));
      m.route().handler().handle(new Request(method, path, m.vars(), query, body), deferred);
      if (m.route().mutates()) {
        waiters.wake();
        onMutation.run();
      }
    } catch (CnmException e) {
      deferred.fail(e.kind().httpStatus(), e.getMessage());
    } catch (IllegalArgumentException e) {
      deferred.fail(400, String.valueOf(e.getMessage()));
    } catch (RuntimeException e) {
      deferred.fail(500, String.valueOf(e.getMessage()));
    }
    deferred.flush();
  }

  /**
   * A client went away: forget its waiters. Its attachments stay until the container starts, so
   * that a foreground run still runs to its end (and its waiters hear of it).
   */
  void connectionClosed() {
    waiters.dropClosed();
  }

  private static void checkVersion(int major, int minor) {
    double asked = major + minor / 1000.0;
    if (asked > 1.050) {
      throw new InvalidParameterException(
          "client version " + major + "." + minor + " is too new. Maximum supported API version is " + API_VERSION);
    }
    if (asked < 1.024) {
      throw new InvalidParameterException("client version " + major + "." + minor
          + " is too old. Minimum supported API version is " + MIN_API_VERSION
          + ", please upgrade your client to a newer version");
    }
  }
}
