package dev.cnm.dockerapi;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.Engine;
import dev.cnm.dockerapi.internal.HttpTransport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Serves an {@link Engine} over the Docker Engine API (version 1.50), so that the real {@code
 * docker} CLI ({@code DOCKER_HOST=tcp://127.0.0.1:PORT}) and client libraries such as
 * docker-java drive the model.
 *
 * <p>Every request runs on one server thread, one at a time, so the engine needs no locking of
 * its own; {@link Builder#onMutation} runs on that thread after each request that changed state
 * (a caller saves its state directory there), and the reply waits for it. Engines are not
 * thread-safe: while the server runs, touch the engine only from that hook. The server binds a
 * loopback address unless {@link Builder#allowNonLoopback} says otherwise (the Docker API has no
 * authentication), or a Unix socket ({@link Builder#unixSocket}).
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
 *     .onMutation(() -> store.save())
 *     .build()
 *     .start()) {
 *   System.out.println("DOCKER_HOST=tcp://" + server.address().getHostString() + ":" + server.address().getPort());
 *   server.awaitClose();
 * }
 * }</pre>
 */
public final class DockerApiServer implements AutoCloseable {
  /** The Engine API version served. */
  public static final String API_VERSION = "1.50";

  private final HttpTransport transport;

  private DockerApiServer(Builder b) {
    this.transport = new HttpTransport(b.engine, b.listen, b.unixSocket, b.onMutation, b.maxRequestBytes,
        b.maxBuildContextBytes, b.clock);
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
    private Runnable onMutation = () -> {};
    private int maxRequestBytes = 1 << 20;
    private int maxBuildContextBytes = 64 << 20;
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
     * Sets what runs on the server thread after each request that changed the engine's state.
     *
     * @param onMutation what to run, such as saving the state to disk
     * @return this builder
     */
    public Builder onMutation(Runnable onMutation) {
      this.onMutation = requireNonNull(onMutation, "onMutation");
      return this;
    }

    /**
     * Sets the largest request body accepted (1 MiB by default); larger ones get a 400.
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
     * {@link #maxRequestBytes}); larger ones get a 400.
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
