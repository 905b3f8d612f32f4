package dev.cnm.dockerapi;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.Engine;
import dev.cnm.dockerapi.internal.HttpTransport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Serves an {@link Engine} over the Docker Engine API (version 1.50), so that the real {@code
 * docker} CLI ({@code DOCKER_HOST=tcp://127.0.0.1:PORT}) and client libraries such as
 * docker-java drive the model.
 *
 * <p>One network thread reads and writes every connection; requests are answered on worker
 * threads: reads ({@code GET}) side by side, meeting only at the engine's lock, and every other
 * request one at a time on a writer thread, each followed by its save ({@link Builder#persistence})
 * before its reply goes out and before the next one starts. A failed save answers 500 and the
 * server goes back to the state last saved. {@code GET /_ping} is answered on the network thread
 * itself, so it tells a live server, however busy, from a dead one. A server without {@link
 * Builder#persistence} (or {@link Builder#onMutation}) has nothing to save, and answers a change on
 * the network thread itself whenever no other change is queued or being answered: handing it to
 * the writer and back would cost more than the change (changes still run one at a time; a
 * {@code _ping} then waits for at most that one change).
 *
 * <p>The engine is thread-safe: code holding it (a test) may read and change it while the server
 * serves it.
 *
 * <p>What a hostile or unlucky client can take is bounded: at most {@link Builder#maxConnections}
 * connections (at the limit the longest-idle one is closed for a new one; when all are busy the
 * new one gets a 503), an idle connection is closed after {@link Builder#idleTimeout}, a request
 * not fully sent within {@link Builder#requestTimeout} is dropped, bodies are limited ({@link
 * Builder#maxRequestBytes}, 413 beyond), and no failure while answering (an {@link Error}
 * included) stops the network thread: the client gets a 500 and its connection is closed.
 * Streams ({@code wait}, attach, exec) are never timed out.
 *
 * <p>The server binds a loopback address unless {@link Builder#allowNonLoopback} says otherwise
 * (the Docker API has no authentication), or a Unix socket ({@link Builder#unixSocket}).
 *
 * <p>Images are the engine's ({@link Engine#images()}): the server pulls from the engine's
 * registry, and a create of an absent image answers what the engine's pull policy says (with
 * {@code PullPolicy.NEVER}, dockerd's 404 {@code No such image}, on which the docker CLI pulls).
 *
 * <p>State the engine does not keep lives in the server and is lost when it stops: exec
 * instances, which containers have a TTY, and the exit status a foreground
 * run or {@code kill} gave a container (the engine records a stop).
 *
 * <pre>{@code
 * try (DockerApiServer server = DockerApiServer.builder()
 *     .engine(Cnm.newEngine())
 *     .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 2375))
 *     .persistence(store) // saves after each change; reloads the last save when one fails
 *     .build()
 *     .start()) {
 *   System.out.println("DOCKER_HOST=tcp://" + server.address().getHostString() + ":" + server.address().getPort());
 *   server.awaitClose();
 * }
 * }</pre>
 */
public final class DockerApiServer implements AutoCloseable {
  /** The Engine API version served. */
  public static final String API_VERSION = dev.cnm.core.json.DockerVersion.API;

  private final HttpTransport transport;

  private DockerApiServer(Builder b) {
    this.transport = new HttpTransport(b.engine, new HttpTransport.Options(b.listen, b.unixSocket,
        b.maxRequestBytes, b.maxBuildContextBytes, b.maxConnections, b.idleTimeout, b.requestTimeout, READERS,
        MAX_QUEUED, b.persistence == null), b.persistence == null ? KEEPS_NOTHING : b.persistence, b.clock);
  }

  /** A server built without {@link Builder#persistence}: nothing to save, so no save can fail. */
  private static final Persistence KEEPS_NOTHING = new Persistence() {
    @Override
    public void save(Engine engine) {}

    @Override
    public Engine reload() {
      throw new IllegalStateException("nothing was saved"); // unreachable: save never fails
    }
  };

  /** Threads answering reads side by side. */
  private static final int READERS = 4;
  /** Requests that may wait for a thread, per kind (reads, changes), before new ones get a 503. */
  private static final int MAX_QUEUED = 1024;

  /**
   * Where the server keeps its engine's state: saved after every request that may have changed
   * it, before the reply goes out. When a save fails, the server answers 500 and serves {@link
   * #reload()}'s engine from then on, so that a change reported as failed is not kept.
   *
   * <pre>{@code
   * DockerApiServer.builder().engine(engine).persistence(new DockerApiServer.Persistence() {
   *   public void save(Engine e) { Files.write(file, EngineState.export(e)); }
   *   public Engine reload() { return EngineState.restore(Files.readAllBytes(file), Cnm.builder()); }
   * });
   * }</pre>
   */
  public interface Persistence {
    /**
     * Saves the engine's state durably.
     *
     * @param engine the engine served
     * @throws RuntimeException when the state could not be saved; its message goes to the client
     */
    void save(Engine engine);

    /**
     * {@return the engine as last saved, which the server serves from then on}
     *
     * @throws RuntimeException when it cannot be loaded: the server then stops, as it can no
     *     longer serve a state that is on disk
     */
    Engine reload();
  }

  /**
   * {@return why the server stopped by itself (its network thread died, or a failed save could
   * not be undone), if it did; {@link #awaitClose()} returns then}
   */
  public Optional<Throwable> failure() {
    return transport.failure();
  }

  /**
   * {@return the engine served: the one built with, or the state last saved after a save failed}
   */
  public Engine engine() {
    return transport.engine();
  }

  /** {@return a new builder; {@link Builder#engine} is required} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Binds the address and starts serving.
   *
   * @return this server
   * @throws java.io.UncheckedIOException when the address cannot be bound
   */
  public DockerApiServer start() {
    transport.start();
    return this;
  }

  /**
   * {@return the bound TCP address (with the actual port when port 0 was asked for)}
   *
   * @throws IllegalStateException before {@link #start()}, or when serving a Unix socket
   */
  public InetSocketAddress address() {
    return transport.address();
  }

  /**
   * {@return the most connections open at once: {@link Builder#maxConnections}, or fewer when the
   * file handles the process may still open ({@code ulimit -n}, less a reserve for its own files)
   * would run out first}
   */
  public int connectionLimit() {
    return transport.connectionLimit();
  }

  /**
   * Blocks until the server is closed.
   *
   * @throws InterruptedException if the waiting thread is interrupted
   */
  public void awaitClose() throws InterruptedException {
    transport.awaitClose();
  }

  /** Stops serving and closes every connection; idempotent. */
  @Override
  public void close() {
    transport.close();
  }

  /** Builds a {@link DockerApiServer}. */
  public static final class Builder {
    private Engine engine;
    private InetSocketAddress listen = new InetSocketAddress(InetAddress.getLoopbackAddress(), 2375);
    private boolean allowNonLoopback;
    private Path unixSocket;
    private Persistence persistence;
    private int maxRequestBytes = 1 << 20;
    private int maxBuildContextBytes = 64 << 20;
    private int maxConnections = 1024;
    private Duration idleTimeout = Duration.ofMinutes(2);
    private Duration requestTimeout = Duration.ofMinutes(1);
    private Clock clock = Clock.systemDefaultZone();

    private Builder() {}

    /**
     * Sets the engine to serve (required).
     *
     * @param engine the engine; requests read and change it
     * @return this builder
     */
    public Builder engine(Engine engine) {
      this.engine = requireNonNull(engine, "engine");
      return this;
    }

    /**
     * Sets the TCP address to bind; {@code 127.0.0.1:2375} by default, port 0 for an ephemeral one.
     *
     * @param listen the address and port
     * @return this builder
     */
    public Builder listen(InetSocketAddress listen) {
      this.listen = requireNonNull(listen, "listen");
      return this;
    }

    /**
     * Serves on this Unix socket ({@code DOCKER_HOST=unix:///path}) instead of TCP; a stale
     * socket file there is replaced, and the file is removed on {@link DockerApiServer#close()}.
     *
     * @param socket the socket file's path
     * @return this builder
     */
    public Builder unixSocket(Path socket) {
      this.unixSocket = requireNonNull(socket, "socket");
      return this;
    }

    /**
     * Allows binding a non-loopback address (the API has no authentication); off by default.
     *
     * @param allow whether a non-loopback address may be bound
     * @return this builder
     */
    public Builder allowNonLoopback(boolean allow) {
      this.allowNonLoopback = allow;
      return this;
    }

    /**
     * Sets what runs after each request that may have changed the engine's state, before its
     * reply; without a way back to the last state ({@link #persistence}), a change whose hook
     * fails is answered with a 500 but kept.
     *
     * @param onMutation what to run, such as saving the state to disk
     * @return this builder
     */
    public Builder onMutation(Runnable onMutation) {
      requireNonNull(onMutation, "onMutation");
      Engine[] served = new Engine[1];
      this.persistence = new Persistence() {
        @Override
        public void save(Engine e) {
          served[0] = e;
          onMutation.run();
        }

        @Override
        public Engine reload() {
          return served[0];
        }
      };
      return this;
    }

    /**
     * Sets where the engine's state is saved after each request that may have changed it, and
     * reloaded from when a save fails. Nothing is saved by default.
     *
     * @param persistence the state's keeper
     * @return this builder
     */
    public Builder persistence(Persistence persistence) {
      this.persistence = requireNonNull(persistence, "persistence");
      return this;
    }

    /**
     * Sets the most connections open at once (1024 by default): at the limit the longest-idle
     * connection is closed to make room, and when every one is busy a new one gets a 503. The
     * server keeps fewer when the process's file handles would run out first ({@link
     * DockerApiServer#connectionLimit()}).
     *
     * @param maxConnections the limit, at least 1
     * @return this builder
     */
    public Builder maxConnections(int maxConnections) {
      if (maxConnections < 1) {
        throw new IllegalArgumentException("maxConnections must be at least 1: " + maxConnections);
      }
      this.maxConnections = maxConnections;
      return this;
    }

    /**
     * Sets how long a connection may stay open without a request (2 minutes by default); zero
     * keeps idle connections for ever.
     *
     * @param idleTimeout the timeout
     * @return this builder
     */
    public Builder idleTimeout(Duration idleTimeout) {
      this.idleTimeout = nonNegative(idleTimeout, "idleTimeout");
      return this;
    }

    /**
     * Sets how long a client may take to send the whole of a request it began (1 minute by
     * default; dockerd allows 5 minutes for the headers); zero waits for ever.
     *
     * @param requestTimeout the timeout
     * @return this builder
     */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = nonNegative(requestTimeout, "requestTimeout");
      return this;
    }

    private static Duration nonNegative(Duration d, String name) {
      requireNonNull(d, name);
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative: " + d);
      }
      return d;
    }

    /**
     * Sets the largest request body accepted (1 MiB by default); larger ones get a 413.
     *
     * @param maxRequestBytes the limit, in bytes
     * @return this builder
     */
    public Builder maxRequestBytes(int maxRequestBytes) {
      if (maxRequestBytes < 1024) {
        throw new IllegalArgumentException("maxRequestBytes must be at least 1024: " + maxRequestBytes);
      }
      this.maxRequestBytes = maxRequestBytes;
      return this;
    }

    /**
     * Sets the largest build context accepted by {@code POST /build} (64 MiB by default; at least
     * {@link #maxRequestBytes}); larger ones get a 413.
     *
     * @param maxBuildContextBytes the limit, in bytes
     * @return this builder
     */
    public Builder maxBuildContextBytes(int maxBuildContextBytes) {
      if (maxBuildContextBytes < 1024) {
        throw new IllegalArgumentException("maxBuildContextBytes must be at least 1024: " + maxBuildContextBytes);
      }
      this.maxBuildContextBytes = maxBuildContextBytes;
      return this;
    }

    /**
     * Sets the server's clock: what a container's {@code Up 5 minutes} counts to, and what a
     * prune's {@code until} duration counts back from, in whose zone a timestamp without one is
     * read. The system's by default.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * {@return a server, not yet started}
     *
     * @throws IllegalStateException without an engine
     * @throws IllegalArgumentException for a non-loopback address without {@link #allowNonLoopback}
     */
    public DockerApiServer build() {
      if (engine == null) {
        throw new IllegalStateException("engine is required");
      }
      InetAddress a = listen.getAddress();
      if (a == null) {
        throw new IllegalArgumentException("unresolved listen address: " + listen);
      }
      if (!a.isLoopbackAddress() && !allowNonLoopback) {
        throw new IllegalArgumentException(
            "refusing to serve the Docker API on non-loopback address " + a.getHostAddress()
                + " without allowNonLoopback(true): the API has no authentication");
      }
      return new DockerApiServer(this);
    }
  }
}
