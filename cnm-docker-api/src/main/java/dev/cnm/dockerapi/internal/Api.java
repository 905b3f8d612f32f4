package dev.cnm.dockerapi.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.NetworkInfo;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.error.CnmException;
import dev.cnm.api.error.ConflictException;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.error.NotFoundException;
import dev.cnm.api.image.ImageCatalog;
import dev.cnm.api.image.ImageInfo;
import dev.cnm.api.port.ExposedPort;
import dev.cnm.core.json.DockerJson;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Docker Engine API's routes over an {@link Engine}. Runs on the server's single thread: no
 * two calls overlap, so the engine, the waiters and the exec table need no locks.
 */
final class Api {
  static final String API_VERSION = "1.50";
  static final String MIN_API_VERSION = "1.24";
  static final String ENGINE_VERSION = "28.2.2";
  static final String JSON = "application/json";
  private static final String MULTIPLEXED = "application/vnd.docker.multiplexed-stream";
  private static final String RAW = "application/vnd.docker.raw-stream";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Pattern VERSIONED = Pattern.compile("^/v(\\d+)\\.(\\d+)(/.*)$");
  private static final Pattern IMAGE_JSON = Pattern.compile("^/images/(.+)/json$");
  /** POSTs that change no engine state: they need no save. */
  private static final Pattern READ_ONLY_POSTS =
      Pattern.compile("/(wait|attach|resize|exec|json)$|^(/v[0-9.]+)?/(images/create|exec/[^/]+/(resize|json))$");
  private static final Pattern PLUGIN_JSON = Pattern.compile("^/plugins/(.+)/json$");

  private final Engine engine;
  private final ImageCatalog images;
  private final Runnable onMutation;
  private final Set<String> pulled = new HashSet<>();
  private final List<Waiter> waiters = new ArrayList<>();
  private final Map<String, Conn> attached = new HashMap<>();
  private final Map<String, Exec> execs = new LinkedHashMap<>();
  private final Map<String, Integer> exitCodes = new HashMap<>();
  /** Containers created with {@code Tty: true}: their output is a raw stream, not frames. */
  private final Set<String> ttys = new HashSet<>();
  private final SecureRandom random = new SecureRandom();

  Api(Engine engine, ImageCatalog images, Runnable onMutation) {
    this.engine = engine;
    this.images = images;
    this.onMutation = onMutation;
  }

  /** Docker's error body: {@code {"message":"..."}} and a newline. */
  static byte[] errorBody(String message) {
    ObjectNode o = NODES.objectNode();
    o.put("message", message);
    return DockerJson.httpBody(o).getBytes(StandardCharsets.UTF_8);
  }

  void handle(String method, String rawPath, Map<String, List<String>> query, String body, Conn conn) {
    boolean mutating = !method.equals("GET") && !method.equals("HEAD") && !READ_ONLY_POSTS.matcher(rawPath).find();
    // The reply waits until onMutation has run: a client that sees success may rely on it being saved.
    Deferred deferred = new Deferred(conn);
    try {
      String path = rawPath;
      Matcher v = VERSIONED.matcher(path);
      if (v.matches()) {
        checkVersion(Integer.parseInt(v.group(1)), Integer.parseInt(v.group(2)));
        path = v.group(3);
      }
      if (path.length() > 1 && path.endsWith("/")) {
        path = path.substring(0, path.length() - 1);
      }
      route(new Request(method, path, query, body), deferred);
      if (mutating) {
        wakeWaiters();
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

  /** Holds an ordinary reply back until the request is done; streams pass straight through. */
  private static final class Deferred implements Conn {
    private final Conn inner;
    private int status;
    private String contentType;
    private byte[] body;

    Deferred(Conn inner) {
      this.inner = inner;
    }

    void fail(int status, String message) {
      this.status = status;
      this.contentType = JSON;
      this.body = errorBody(message);
    }

    void flush() {
      if (body != null) {
        inner.reply(status, contentType, body);
        body = null;
      }
    }

    @Override
    public void reply(int status, String contentType, byte[] body) {
      this.status = status;
      this.contentType = contentType;
      this.body = body;
    }

    @Override
    public void startChunked(int status, String contentType) {
      inner.startChunked(status, contentType);
    }

    @Override
    public void chunk(byte[] data) {
      inner.chunk(data);
    }

    @Override
    public void endChunked() {
      inner.endChunked();
    }

    @Override
    public void hijack(String contentType) {
      inner.hijack(contentType);
    }

    @Override
    public void raw(byte[] data) {
      inner.raw(data);
    }

    @Override
    public void close() {
      inner.close();
    }

    @Override
    public boolean isOpen() {
      return inner.isOpen();
    }
  }

  /**
   * A client went away: forget its waiters. Its attachments stay until the container starts, so
   * that a foreground run still runs to its end (and its waiters hear of it).
   */
  void connectionClosed() {
    waiters.removeIf(w -> !w.conn.isOpen());
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

  private record Request(String method, String path, Map<String, List<String>> query, String body) {
    Optional<String> param(String name) {
      List<String> v = query.get(name);
      return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    boolean flag(String name) {
      return param(name).map(s -> s.equals("1") || s.equalsIgnoreCase("true")).orElse(false);
    }

    JsonNode json() {
      return body.isBlank() ? NODES.objectNode() : DockerJson.parse(body);
    }

    boolean is(String m) {
      return method.equals(m);
    }
  }

  // ---- routing -------------------------------------------------------------------------------

  private void route(Request r, Conn c) {
    String[] p = r.path.split("/", -1); // p[0] is ""
    String top = p.length > 1 ? p[1] : "";
    switch (top) {
      case "_ping":
        if (p.length == 2 && (r.is("GET") || r.is("HEAD"))) {
          c.reply(200, "text/plain; charset=utf-8", "OK".getBytes(StandardCharsets.UTF_8));
          return;
        }
        break;
      case "version":
        if (p.length == 2 && r.is("GET")) {
          json(c, 200, Info.version());
          return;
        }
        break;
      case "info":
        if (p.length == 2 && r.is("GET")) {
          json(c, 200, Info.info(engine, images.images().size() + pulled.size()));
          return;
        }
        break;
      case "networks":
        if (routeNetworks(r, p, c)) {
          return;
        }
        break;
      case "containers":
        if (routeContainers(r, p, c)) {
          return;
        }
        break;
      case "exec":
        if (routeExec(r, p, c)) {
          return;
        }
        break;
      case "images":
        if (routeImages(r, c)) {
          return;
        }
        break;
      case "volumes":
        if (p.length == 3 && r.is("GET")) {
          throw new NotFoundException("get " + p[2] + ": no such volume");
        }
        break;
      case "plugins":
        if (p.length == 2 && r.is("GET")) {
          // Managed (v2) plugins only, as Docker lists them: cnm has none; legacy plugins never show here.
          json(c, 200, NODES.arrayNode());
          return;
        }
        Matcher m = PLUGIN_JSON.matcher(r.path);
        if (m.matches() && r.is("GET")) {
          throw new NotFoundException("plugin \"" + m.group(1) + "\" not found");
        }
        break;
      default:
        break;
    }
    throw new NotFoundException("page not found");
  }

  private static void json(Conn c, int status, JsonNode doc) {
    c.reply(status, JSON, DockerJson.httpBody(doc).getBytes(StandardCharsets.UTF_8));
  }

  private static void empty(Conn c, int status) {
    c.reply(status, JSON, new byte[0]);
  }

  // ---- networks ------------------------------------------------------------------------------

  private boolean routeNetworks(Request r, String[] p, Conn c) {
    if (p.length == 2 && r.is("GET")) {
      Filters f = Filters.parse(r.param("filters"));
      NetworkFilters.validate(f);
      ArrayNode out = NODES.arrayNode();
      for (NetworkInfo n : engine.networks()) {
        if (NetworkFilters.matches(f, n)) {
          out.add(DockerJson.networkSummary(n));
        }
      }
      json(c, 200, out);
      return true;
    }
    if (p.length == 3 && p[2].equals("create") && r.is("POST")) {
      NetworkSpec spec = Requests.networkSpec(r.json());
      NetworkInfo n = engine.createNetwork(spec);
      ObjectNode o = NODES.objectNode();
      o.put("Id", n.id());
      o.put("Warning", "");
      json(c, 201, o);
      return true;
    }
    if (p.length == 3 && p[2].equals("prune") && r.is("POST")) {
      List<String> deleted = engine.pruneNetworks();
      ObjectNode o = NODES.objectNode();
      if (deleted.isEmpty()) {
        o.putNull("NetworksDeleted");
      } else {
        ArrayNode a = o.putArray("NetworksDeleted");
        deleted.forEach(a::add);
      }
      json(c, 200, o);
      return true;
    }
    if (p.length == 3 && r.is("GET")) {
      json(c, 200, DockerJson.network(engine.network(p[2])));
      return true;
    }
    if (p.length == 3 && r.is("DELETE")) {
      engine.removeNetwork(p[2]);
      empty(c, 204);
      return true;
    }
    if (p.length == 4 && p[3].equals("connect") && r.is("POST")) {
      JsonNode body = r.json();
      String container = Requests.string(body, "Container", "NetworkConnect.Container");
      if (container == null || container.isEmpty()) {
        throw new InvalidParameterException("container is required");
      }
      engine.connect(p[2], container,
          Requests.endpointSpec(Requests.field(body, "EndpointConfig"), "NetworkConnect.EndpointConfig"));
      empty(c, 200);
      return true;
    }
    if (p.length == 4 && p[3].equals("disconnect") && r.is("POST")) {
      JsonNode body = r.json();
      String container = Requests.string(body, "Container", "NetworkDisconnect.Container");
      if (container == null || container.isEmpty()) {
        throw new InvalidParameterException("container is required");
      }
      engine.disconnect(p[2], container, Requests.bool(body, "Force", "NetworkDisconnect.Force"));
      empty(c, 200);
      return true;
    }
    return false;
  }

  // ---- containers ----------------------------------------------------------------------------

  private boolean routeContainers(Request r, String[] p, Conn c) {
    if (p.length == 3 && p[2].equals("json") && r.is("GET")) {
      Filters f = Filters.parse(r.param("filters"));
      ContainerFilters.validate(f);
      boolean all = r.flag("all");
      List<ContainerInfo> list = new ArrayList<>(engine.containers());
      java.util.Collections.reverse(list);
      list.sort((a, b) -> b.created().compareTo(a.created()));
      ArrayNode out = NODES.arrayNode();
      Instant now = Instant.now();
      for (ContainerInfo ci : list) {
        if (!all && !ci.isRunning() && !f.has("status") && !f.has("exited")) {
          continue;
        }
        if (ContainerFilters.matches(f, ci, engine)) {
          out.add(DockerJson.containerSummary(ci, dev.cnm.core.json.ContainerJsonInput.none(), now));
        }
      }
      json(c, 200, out);
      return true;
    }
    if (p.length == 3 && p[2].equals("create") && r.is("POST")) {
      if (r.body.isBlank()) {
        throw new InvalidParameterException("config cannot be empty in order to create a container");
      }
      ContainerSpec spec = Requests.containerSpec(r.json(), r.param("name").filter(s -> !s.isEmpty()));
      boolean tty = Requests.bool(r.json(), "Tty", "Config.Tty");
      ContainerInfo ci = engine.createContainer(spec);
      pulled.add(ImageCatalog.normalize(spec.image()));
      if (tty) {
        ttys.add(ci.id());
      }
      ObjectNode o = NODES.objectNode();
      o.put("Id", ci.id());
      o.putArray("Warnings");
      json(c, 201, o);
      return true;
    }
    if (p.length == 3 && p[2].equals("prune") && r.is("POST")) {
      ObjectNode o = NODES.objectNode();
      ArrayNode a = NODES.arrayNode();
      for (ContainerInfo ci : engine.containers()) {
        if (!ci.isRunning()) {
          engine.removeContainer(ci.id(), false);
          a.add(ci.id());
        }
      }
      if (a.isEmpty()) {
        o.putNull("ContainersDeleted");
      } else {
        o.set("ContainersDeleted", a);
      }
      o.put("SpaceReclaimed", 0);
      json(c, 200, o);
      return true;
    }
    if (p.length == 3 && r.is("DELETE")) {
      ContainerInfo ci = engine.container(p[2]);
      engine.removeContainer(p[2], r.flag("force"));
      exitCodes.remove(ci.id());
      ttys.remove(ci.id());
      Conn a = attached.remove(ci.id());
      if (a != null) {
        a.close();
      }
      empty(c, 204);
      return true;
    }
    if (p.length != 4) {
      return false;
    }
    String ref = p[2];
    switch (p[3]) {
      case "json":
        if (r.is("GET")) {
          json(c, 200, DockerJson.container(engine.container(ref)));
          return true;
        }
        return false;
      case "start":
        if (r.is("POST")) {
          start(ref, c);
          return true;
        }
        return false;
      case "stop":
        if (r.is("POST")) {
          if (!engine.container(ref).isRunning()) {
            empty(c, 304);
            return true;
          }
          engine.stop(ref);
          empty(c, 204);
          return true;
        }
        return false;
      case "restart":
        if (r.is("POST")) {
          engine.restart(ref);
          empty(c, 204);
          return true;
        }
        return false;
      case "kill":
        if (r.is("POST")) {
          ContainerInfo ci = engine.container(ref);
          if (!ci.isRunning()) {
            throw new ConflictException("Cannot kill container: " + ref + ": container " + ci.id() + " is not running");
          }
          engine.stop(ref);
          exitCodes.put(ci.id(), 137);
          empty(c, 204);
          return true;
        }
        return false;
      case "rename":
        if (r.is("POST")) {
          engine.rename(ref, r.param("name").orElse(""));
          empty(c, 204);
          return true;
        }
        return false;
      case "wait":
        if (r.is("POST")) {
          waitFor(ref, r.param("condition").orElse("not-running"), c);
          return true;
        }
        return false;
      case "attach":
        if (r.is("POST")) {
          ContainerInfo ci = engine.container(ref);
          c.hijack(ttys.contains(ci.id()) ? RAW : MULTIPLEXED);
          attached.put(ci.id(), c);
          return true;
        }
        return false;
      case "resize":
        if (r.is("POST")) {
          engine.container(ref);
          empty(c, 200);
          return true;
        }
        return false;
      case "exec":
        if (r.is("POST")) {
          execCreate(ref, r.json(), c);
          return true;
        }
        return false;
      default:
        return false;
    }
  }

  private void start(String ref, Conn c) {
    ContainerInfo before = engine.container(ref);
    if (before.isRunning()) {
      empty(c, 304);
      return;
    }
    ContainerInfo ci = engine.start(ref);
    exitCodes.remove(ci.id());
    empty(c, 204);
    Conn a = attached.remove(ci.id());
    if (a != null) {
      // A foreground run: the container runs its command to the end, its output goes to the
      // attached client, and then it exits with the command's status.
      // Only a command the client gave is simulated: an image's own (nginx, redis-server) is a
      // server the model does not run, so the container returns at once, as before images had one.
      Commands.Result result = Commands.run(engine, ci, ci.spec().command());
      if (a.isOpen()) {
        writeFrames(a, result, ttys.contains(ci.id()));
        a.close();
      }
      ContainerInfo now = engine.container(ci.id());
      if (now.isRunning()) {
        engine.stop(ci.id());
      }
      exitCodes.put(ci.id(), result.exitCode());
      if (ci.spec().autoRemove() && engine.findContainer(ci.id()).isPresent()) {
        engine.removeContainer(ci.id(), true);
        ttys.remove(ci.id());
      }
    }
  }

  private static void writeFrames(Conn c, Commands.Result result, boolean tty) {
    if (tty) {
      // A terminal merges both streams and turns each newline into CR LF (ONLCR).
      String merged = (result.stdout() + result.stderr()).replace("\n", "\r\n");
      if (!merged.isEmpty()) {
        c.raw(merged.getBytes(StandardCharsets.UTF_8));
      }
      return;
    }
    frame(c, 1, result.stdout());
    frame(c, 2, result.stderr());
  }

  private static void frame(Conn c, int stream, String text) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    if (payload.length == 0) {
      return;
    }
    byte[] f = new byte[8 + payload.length];
    f[0] = (byte) stream;
    f[4] = (byte) (payload.length >>> 24);
    f[5] = (byte) (payload.length >>> 16);
    f[6] = (byte) (payload.length >>> 8);
    f[7] = (byte) payload.length;
    System.arraycopy(payload, 0, f, 8, payload.length);
    c.raw(f);
  }

  // ---- wait ----------------------------------------------------------------------------------

  private void waitFor(String ref, String condition, Conn c) {
    if (!condition.equals("not-running") && !condition.equals("next-exit") && !condition.equals("removed")) {
      throw new InvalidParameterException("invalid condition: \"" + condition + "\"");
    }
    ContainerInfo ci = engine.container(ref);
    Waiter w = new Waiter(ci.id(), condition, c, ci.isRunning(), ci.finishedAt());
    c.startChunked(200, JSON);
    if (!w.check(this)) {
      waiters.add(w);
    }
  }

  private void wakeWaiters() {
    for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
      Waiter w = it.next();
      if (!w.conn.isOpen() || w.check(this)) {
        it.remove();
      }
    }
    // Exit statuses of removed containers are kept only while someone may still wait for them.
    exitCodes.keySet().removeIf(id -> engine.findContainer(id).isEmpty()
        && waiters.stream().noneMatch(w -> w.id.equals(id)));
  }

  private static final class Waiter {
    final String id;
    final String condition;
    final Conn conn;
    boolean sawRunning;
    final Optional<Instant> finishedAt;
    int lastExit;

    Waiter(String id, String condition, Conn conn, boolean running, Optional<Instant> finishedAt) {
      this.id = id;
      this.condition = condition;
      this.conn = conn;
      this.sawRunning = running;
      this.finishedAt = finishedAt;
    }

    /** Answers and returns true when the condition holds. */
    boolean check(Api api) {
      Optional<ContainerInfo> now = api.engine.findContainer(id);
      boolean done;
      if (now.isEmpty()) {
        lastExit = api.exitCodes.getOrDefault(id, lastExit);
        done = true;
      } else {
        ContainerInfo ci = now.get();
        lastExit = api.exitCodes.getOrDefault(id, ci.exitCode());
        switch (condition) {
          case "removed":
            done = false;
            break;
          case "next-exit":
            if (ci.isRunning()) {
              sawRunning = true;
            }
            done = !ci.isRunning() && (sawRunning || !ci.finishedAt().equals(finishedAt));
            break;
          default:
            done = !ci.isRunning();
            break;
        }
      }
      if (done) {
        ObjectNode o = NODES.objectNode();
        o.put("StatusCode", lastExit);
        conn.chunk(DockerJson.httpBody(o).getBytes(StandardCharsets.UTF_8));
        conn.endChunked();
      }
      return done;
    }
  }

  // ---- exec ----------------------------------------------------------------------------------

  private static final class Exec {
    final String id;
    final String containerId;
    final List<String> cmd;
    final boolean tty;
    boolean started;
    Integer exitCode;

    Exec(String id, String containerId, List<String> cmd, boolean tty) {
      this.id = id;
      this.containerId = containerId;
      this.cmd = cmd;
      this.tty = tty;
    }
  }

  private void execCreate(String ref, JsonNode body, Conn c) {
    ContainerInfo ci = engine.container(ref);
    List<String> cmd = Requests.stringList(body, "Cmd", "ExecOptions.Cmd");
    if (cmd == null || cmd.isEmpty()) {
      throw new InvalidParameterException("No exec command specified");
    }
    if (!ci.isRunning()) {
      throw new ConflictException("container " + ci.id() + " is not running");
    }
    byte[] b = new byte[32];
    random.nextBytes(b);
    String id = HexFormat.of().formatHex(b);
    execs.put(id, new Exec(id, ci.id(), List.copyOf(cmd), Requests.bool(body, "Tty", "ExecOptions.Tty")));
    ObjectNode o = NODES.objectNode();
    o.put("Id", id);
    json(c, 201, o);
  }

  private Exec exec(String id) {
    Exec e = execs.get(id);
    if (e == null) {
      throw new NotFoundException("No such exec instance: " + id);
    }
    return e;
  }

  private boolean routeExec(Request r, String[] p, Conn c) {
    if (p.length != 4) {
      return false;
    }
    if (p[3].equals("json") && r.is("GET")) {
      json(c, 200, execJson(exec(p[2])));
      return true;
    }
    if (p[3].equals("resize") && r.is("POST")) {
      exec(p[2]);
      empty(c, 200);
      return true;
    }
    if (p[3].equals("start") && r.is("POST")) {
      Exec e = exec(p[2]);
      JsonNode body = r.json();
      if (e.started) {
        throw new ConflictException("Error: Exec command " + e.id + " has already run");
      }
      ContainerInfo ci = engine.container(e.containerId);
      if (!ci.isRunning()) {
        throw new ConflictException("container " + ci.id() + " is not running");
      }
      e.started = true;
      Commands.Result result = Commands.run(engine, ci, e.cmd);
      e.exitCode = result.exitCode();
      if (Requests.bool(body, "Detach", "ExecStartOptions.Detach")) {
        empty(c, 200);
        return true;
      }
      boolean tty = e.tty || Requests.bool(body, "Tty", "ExecStartOptions.Tty");
      c.hijack(tty ? RAW : MULTIPLEXED);
      writeFrames(c, result, tty);
      c.close();
      return true;
    }
    return false;
  }

  private static ObjectNode execJson(Exec e) {
    ObjectNode o = NODES.objectNode();
    o.put("ID", e.id);
    o.put("Running", false);
    if (e.exitCode == null) {
      o.putNull("ExitCode");
    } else {
      o.put("ExitCode", e.exitCode);
    }
    ObjectNode pc = o.putObject("ProcessConfig");
    pc.put("tty", e.tty);
    pc.put("entrypoint", e.cmd.get(0));
    ArrayNode args = pc.putArray("arguments");
    e.cmd.subList(1, e.cmd.size()).forEach(args::add);
    pc.put("privileged", false);
    pc.put("user", "");
    o.put("OpenStdin", false);
    o.put("OpenStderr", true);
    o.put("OpenStdout", true);
    o.put("CanRemove", false);
    o.put("ContainerID", e.containerId);
    o.put("DetachKeys", "");
    o.put("Pid", 0);
    return o;
  }

  // ---- images --------------------------------------------------------------------------------

  private boolean routeImages(Request r, Conn c) {
    if (r.path.equals("/images/create") && r.is("POST")) {
      String from = r.param("fromImage").orElse("");
      if (from.isEmpty()) {
        throw new InvalidParameterException("fromImage or fromSrc is required");
      }
      String tag = r.param("tag").orElse("");
      String ref = tag.isEmpty() || from.contains("@") ? from : from + (tag.startsWith("sha256:") ? "@" : ":") + tag;
      String normalized = ImageCatalog.normalize(ref);
      pulled.add(normalized);
      String shown = tag.isEmpty() ? "latest" : tag;
      String digest = "sha256:" + DockerJson.imageId(normalized).substring("sha256:".length());
      StringBuilder out = new StringBuilder();
      out.append(line("Pulling from " + repository(normalized), shown));
      out.append(line("Digest: " + digest, null));
      out.append(line("Status: Downloaded newer image for " + familiar(normalized), null));
      c.reply(200, JSON, out.toString().getBytes(StandardCharsets.UTF_8));
      return true;
    }
    Matcher m = IMAGE_JSON.matcher(r.path);
    if (m.matches() && r.is("GET")) {
      json(c, 200, imageJson(m.group(1)));
      return true;
    }
    return false;
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

  private ObjectNode imageJson(String name) {
    String normalized;
    try {
      normalized = ImageCatalog.normalize(name);
    } catch (RuntimeException e) {
      throw new NotFoundException("No such image: " + name, e);
    }
    Optional<ImageInfo> known = images.find(name);
    boolean used = engine.containers().stream().anyMatch(ci -> ImageCatalog.normalize(ci.image()).equals(normalized));
    if (known.isEmpty() && !pulled.contains(normalized) && !used) {
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
