package dev.cnm.dockerapi.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.api.Engine;
import dev.cnm.api.error.CnmException;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.error.NotFoundException;
import dev.cnm.api.process.ClockMode;
import dev.cnm.core.json.DockerJson;
import dev.cnm.core.json.DockerVersion;
import dev.cnm.dockerapi.DockerApiServer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Docker Engine API over an {@link Engine}: strips the version prefix once, routes through
 * the {@link Router} table the resource routers fill ({@link SystemRoutes}, {@link EventRoutes},
 * {@link NetworkRoutes}, {@link ContainerRoutes}, {@link LogRoutes}, {@link ExecRoutes}, {@link
 * ImageRoutes}, {@link BuildRoutes}, {@link VolumeRoutes}, {@link PluginRoutes}), saves after a route that may have
 * changed the engine, and turns failures into Docker's error replies.
 *
 * <p>Threads ({@link Workers}): reads ({@code GET}) run side by side, and meet only at the
 * engine's lock; every other request runs on the one writer thread, in batches of those that
 * came in meanwhile with one save for the batch, so changes, their saves and the server's own
 * tables (exec instances, attachments) are never touched by two at once; what reads see of those
 * tables is kept in concurrent collections, and the waiters have their own lock. On an engine
 * that follows the system clock, a request that waits for the clock (stop, restart, a
 * foreground start) runs off the writer and comes back to it to be saved, and a timer runs the
 * engine's due actions as they fall due ({@link #afterBatch}). When a save
 * fails the engine is replaced by the state last saved ({@link
 * DockerApiServer.Persistence#reload}), so that the change the client is told failed is not kept.
 */
final class Api {
  static final String API_VERSION = DockerVersion.API;
  static final String MIN_API_VERSION = DockerVersion.MIN_API;
  static final String ENGINE_VERSION = DockerVersion.ENGINE;
  static final String JSON = "application/json";
  private static final Pattern VERSIONED = Pattern.compile("^/v(\\d+)\\.(\\d+)(/.*)$");
  private static final Pattern PING = Pattern.compile("^(/v\\d+\\.\\d+)?/_ping/?$");
  private static final Pattern BUILD = Pattern.compile("^(/v\\d+\\.\\d+)?/build/?$");

  private final DockerApiServer.Persistence persistence;
  private final Consumer<Throwable> fatal;
  private final ApiState state;
  private final Waiters waiters;
  private final Followers followers;
  private final Router router;
  private volatile FaultHook faults = FaultHook.NONE;
  /** The threads answering requests; null when requests are answered on the caller's thread. */
  private volatile Workers workers;
  /** When the clock's next tick is set for, if one is. */
  private Instant tickAt;

  /**
   * {@code fatal} is told when the engine can no longer be kept as saved (a save failed, and so
   * did reloading the last state): the server must stop rather than serve a state that is not on
   * disk.
   */
  Api(Engine engine, DockerApiServer.Persistence persistence, Clock clock, Consumer<Throwable> fatal) {
    this.persistence = persistence;
    this.fatal = fatal;
    this.state = new ApiState(engine, clock);
    this.waiters = new Waiters(state);
    this.followers = new Followers();
    this.router = routes(state, waiters, followers);
  }

  /** The engine served now (another one after a failed save). */
  Engine engine() {
    return state.engine;
  }

  /**
   * Whether a request is answered on the network thread itself: {@code _ping}, which touches
   * nothing, so that it answers however busy the workers and the engine are.
   */
  static boolean answeredOnNetworkThread(String method, String rawPath) {
    return (method.equals("GET") || method.equals("HEAD")) && PING.matcher(rawPath).matches();
  }

  /** The route table, resource by resource as moby's routers are. */
  static Router routes(ApiState state, Waiters waiters, Followers followers) {
    Router.Builder b = Router.builder();
    new SystemRoutes(state).register(b);
    new EventRoutes(state, followers).register(b);
    new NetworkRoutes(state).register(b);
    new ContainerRoutes(state, waiters).register(b);
    new LogRoutes(state, followers).register(b);
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
    // every request's body limit asks: the regular expression only for a path that may be one
    return (rawPath.endsWith("/build") || rawPath.endsWith("/build/")) && BUILD.matcher(rawPath).matches();
  }

  /** What the writer thread ({@link Workers}) takes, in batches: a request, or a task. */
  sealed interface Job permits Write, Task {
    /** The batch failed past answering: whoever waits for this job is told so. */
    void internalError();
  }

  /** A request for the writer thread, which answers them in batches. */
  record Write(String method, String rawPath, Map<String, List<String>> query, byte[] body, Conn conn)
      implements Job {
    @Override
    public void internalError() {
      conn.internalError();
    }
  }

  /**
   * Something the writer runs in a batch's order and saves with it: the engine's due actions
   * ({@code run}), or the end of a request that waited for the engine's clock off the writer
   * ({@code reply}, held until the save; {@code mutates}: whether it may have changed the engine).
   */
  record Task(Runnable run, Deferred reply, boolean mutates) implements Job {
    @Override
    public void internalError() {
      if (reply != null) {
        reply.abandon();
        reply.internalError();
      }
    }
  }

  /** Where tests make requests fail on the workers. */
  void faults(FaultHook faults) {
    this.faults = faults;
  }

  /** Answers one request: a read, {@code _ping}, or a change saved before its reply. */
  void handle(String method, String rawPath, Map<String, List<String>> query, byte[] body, Conn conn) {
    answer(List.of(new Write(method, rawPath, query, body, conn)), false);
  }

  /**
   * Answers requests that came in while the writer was busy, in order, with one save for all the
   * changes among them (a group commit: the state directory's fsyncs are what a change costs);
   * every reply waits for that save. When it fails, each change of the batch answers 500 and the
   * engine is the state last saved.
   */
  void handleWrites(List<? extends Job> batch) {
    answer(batch, true);
  }

  private void answer(List<? extends Job> batch, boolean onWorker) {
    // Replies wait until the save: a client that sees success may rely on it being on disk.
    List<Deferred> replies = new ArrayList<>(batch.size());
    List<Deferred> changes = new ArrayList<>();
    boolean changed = false;
    Workers ws = workers;
    for (Job j : batch) {
      if (j instanceof Task t) {
        try {
          t.run().run();
        } catch (RuntimeException | Error e) {
          // the engine's due actions: what failed is tried again at the next tick or request
        }
        changed |= t.mutates();
        if (t.reply() != null) {
          replies.add(t.reply());
          if (t.mutates()) {
            changes.add(t.reply());
          }
        }
        continue;
      }
      Write w = (Write) j;
      Deferred d = new Deferred(w.conn());
      if (onWorker && ws != null && waitsForTheClock(w)) {
        // on the system clock it may take seconds: off the writer, back to it to be saved
        if (!ws.waiting(() -> answerWaiting(ws, w, d))) {
          d.fail(503, "the server is busy: too many requests are waiting, try again later");
          replies.add(d);
        }
        continue;
      }
      replies.add(d);
      try {
        if (onWorker) {
          faults.at(FaultHook.Where.WORKER, w.method(), w.rawPath());
        }
        if (apply(w, d)) {
          changes.add(d);
          changed = true;
        }
      } catch (Error e) {
        // not this batch's end: the request that met it fails alone
        d.abandon();
        w.conn().internalError();
      }
    }
    if (changed) {
      try {
        save();
        // after the save: a client told that a container stopped may rely on it being saved
        waiters.wake();
      } catch (SaveFailed e) {
        changes.forEach(d -> d.fail(500, e.getMessage()));
      }
    }
    replies.forEach(Deferred::flush);
  }

  /**
   * Whether {@code w}'s route may wait for the engine's clock, and the clock is the system's:
   * then waiting takes real time, which the writer must not spend. On a virtual clock time jumps
   * to what is due, and such a request is as quick as any.
   */
  private boolean waitsForTheClock(Write w) {
    if (state.engine.clock().mode() != ClockMode.SYSTEM) {
      return false;
    }
    try {
      String path = Router.decodePath(w.rawPath());
      Matcher v = VERSIONED.matcher(path);
      path = v.matches() ? v.group(3) : path;
      if (path.length() > 1 && path.endsWith("/")) {
        path = path.substring(0, path.length() - 1);
      }
      return router.match(w.method(), path).map(m -> m.route().waits()).orElse(false);
    } catch (RuntimeException malformed) {
      return false; // answered on the writer, with its error
    }
  }

  /** A request that may wait for the clock, on its own thread; its end is saved and answered by the writer. */
  private void answerWaiting(Workers ws, Write w, Deferred d) {
    boolean mutates;
    try {
      faults.at(FaultHook.Where.WORKER, w.method(), w.rawPath());
      mutates = apply(w, d);
    } catch (Error e) {
      d.abandon();
      w.conn().internalError();
      return;
    }
    ws.task(new Task(() -> {}, d, mutates));
  }

  /**
   * After each batch of the writer: when the engine follows the system clock and has actions due
   * (a program's exit, a restart's back-off, a health check), a timer runs them when they fall
   * due, as a task of the writer, saved and with the waiters woken, though no request comes.
   */
  void afterBatch() {
    Workers ws = workers;
    Engine engine = state.engine;
    if (ws == null || engine.clock().mode() != ClockMode.SYSTEM) {
      return;
    }
    Optional<Instant> due = engine.clock().nextDue();
    if (due.isEmpty()) {
      return;
    }
    synchronized (this) {
      if (tickAt != null && !tickAt.isAfter(due.get())) {
        return; // a tick no later than that is already set
      }
      tickAt = due.get();
    }
    long delay = Math.max(0, Duration.between(engine.clock().now(), due.get()).toMillis()) + 1;
    ws.at(delay, () -> {
      synchronized (this) {
        tickAt = null;
      }
      ws.task(new Task(() -> state.engine.clock().runDue(), null, true));
    });
  }

  /** Called by the {@link Workers} that answer this API's requests, once. */
  void workers(Workers workers) {
    this.workers = workers;
    state.workers = workers;
  }

  /** Runs one request's route; true when it may have changed the engine (it succeeded and mutates). */
  private boolean apply(Write w, Deferred deferred) {
    try {
      String path = Router.decodePath(w.rawPath());
      Matcher v = VERSIONED.matcher(path);
      String version = API_VERSION;
      if (v.matches()) {
        checkVersion(Integer.parseInt(v.group(1)), Integer.parseInt(v.group(2)));
        path = v.group(3);
        version = Integer.parseInt(v.group(1)) + "." + Integer.parseInt(v.group(2));
      }
      if (path.length() > 1 && path.endsWith("/")) {
        path = path.substring(0, path.length() - 1);
      }
      Router.Match m = router.match(w.method(), path)
          .orElseThrow(() -> new NotFoundException("page not found"));
      m.route().handler().handle(new Request(w.method(), path, m.vars(), w.query(), w.body(), version), deferred);
      return m.route().mutates();
    } catch (CnmException e) {
      deferred.fail(e.kind().httpStatus(), e.getMessage());
    } catch (IllegalArgumentException e) {
      deferred.fail(400, String.valueOf(e.getMessage()));
    } catch (RuntimeException e) {
      // a bug's message (a NullPointerException's, Jackson's) is no answer for a client
      String type = e.getClass().getName();
      boolean internal = type.startsWith("java.") || type.startsWith("com.fasterxml.") || e.getMessage() == null;
      deferred.fail(500, internal ? "internal server error" : e.getMessage());
    }
    return false;
  }

  /** Saves the engine; when that fails, goes back to the state last saved and says so. */
  private void save() {
    try {
      persistence.save(state.engine);
    } catch (RuntimeException | Error e) {
      try {
        state.engine = persistence.reload();
      } catch (RuntimeException | Error again) {
        again.addSuppressed(e);
        fatal.accept(again);
        throw new SaveFailed("the change could not be saved (" + e.getMessage() + "), nor the saved state reloaded ("
            + again.getMessage() + "): the server stops");
      }
      throw new SaveFailed("the change could not be saved and was undone: " + e.getMessage());
    }
  }

  /** A save failed: a 500, with the engine as last saved. */
  private static final class SaveFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SaveFailed(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * A client went away: forget its waiters. Its attachments stay until the container starts, so
   * that a foreground run still runs to its end (and its waiters hear of it).
   */
  void connectionClosed() {
    waiters.dropClosed();
    followers.dropClosed();
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
