package dev.cnm.testkit.docker;

import static java.util.Objects.requireNonNull;

import com.github.dockerjava.api.DockerClient;
import dev.cnm.api.Engine;
import dev.cnm.dockerapi.DockerApiServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A running Docker Engine API endpoint over an {@link Engine}: the engine served by cnm-docker-api's
 * {@link DockerApiServer} on an ephemeral loopback port ({@code tcp://127.0.0.1:PORT}) or on a Unix
 * socket in a fresh temporary directory ({@code unix:///tmp/cnm-docker-.../docker.sock}). Code
 * under test talks to it as to a daemon, through docker-java ({@link #dockerClient()}), the docker
 * CLI or any HTTP client that reads {@code DOCKER_HOST} ({@link #dockerHost()}), while the test
 * reads and asserts on the engine itself. Closing it closes its clients, stops the server and
 * deletes the socket's directory; the engine stays as it is.
 *
 * <p>The server answers reads side by side and changes one at a time ({@link DockerApiServer});
 * the engine is thread-safe, so the test may use it directly meanwhile.
 *
 * <pre>{@code
 * Engine engine = Cnm.builder().seed(7).build();
 * try (DockerEndpoint docker = DockerEndpoint.start(engine)) {
 *   new StackDeployer(docker.dockerClient()).deploy(stack);
 *   assertThat(engine).hasContainer("web").isRunning();
 * }
 * }</pre>
 *
 * <p>{@code @CnmTest} methods get one by parameter ({@code DockerEndpoint} or docker-java's {@code
 * DockerClient}), over the same engine their {@code Engine} parameter is.
 */
public final class DockerEndpoint implements AutoCloseable {
  /** How the endpoint listens. */
  public enum Kind {
    /** An ephemeral port on the loopback address: {@code tcp://127.0.0.1:PORT}. */
    TCP,
    /** A Unix socket in a fresh temporary directory: {@code unix:///.../docker.sock}. */
    UNIX_SOCKET
  }

  /** The docker-java transports a client can use; both speak TCP and Unix sockets. */
  public enum Transport {
    /** {@code docker-java-transport-zerodep}: no dependencies of its own (JNA for Unix sockets). */
    ZERODEP("com.github.dockerjava.zerodep.ZerodepDockerHttpClient"),
    /** {@code docker-java-transport-httpclient5}: Apache HttpClient 5. */
    HTTPCLIENT5("com.github.dockerjava.httpclient5.ApacheDockerHttpClient");

    private final String className;

    Transport(String className) {
      this.className = className;
    }

    /** {@return whether this transport is on the class path} */
    public boolean isAvailable() {
      return isPresent(className);
    }
  }

  private final Engine engine;
  private final Kind kind;
  private final DockerApiServer server;
  private final URI uri;
  private final Path socketDir;
  private final List<AutoCloseable> clients = new ArrayList<>();
  private DockerClient client;
  private boolean closed;

  private DockerEndpoint(Engine engine, Kind kind, DockerApiServer server, URI uri, Path socketDir) {
    this.engine = engine;
    this.kind = kind;
    this.server = server;
    this.uri = uri;
    this.socketDir = socketDir;
  }

  /**
   * {@return a running endpoint over {@code engine} on an ephemeral loopback port}
   *
   * @param engine the engine to serve
   */
  public static DockerEndpoint start(Engine engine) {
    return start(engine, Kind.TCP);
  }

  /**
   * {@return a running endpoint over {@code engine}, listening as {@code kind} says}
   *
   * @param engine the engine to serve
   * @param kind a loopback port or a Unix socket
   * @throws UncheckedIOException when the port or socket cannot be bound
   */
  public static DockerEndpoint start(Engine engine, Kind kind) {
    requireNonNull(engine, "engine");
    requireNonNull(kind, "kind");
    if (kind == Kind.TCP) {
      DockerApiServer server = DockerApiServer.builder().engine(engine)
          .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).build().start();
      InetSocketAddress a = server.address();
      String host = a.getAddress() instanceof Inet6Address ? "[" + a.getAddress().getHostAddress() + "]"
          : a.getAddress().getHostAddress();
      return new DockerEndpoint(engine, kind, server, URI.create("tcp://" + host + ":" + a.getPort()), null);
    }
    Path dir;
    try {
      dir = Files.createTempDirectory("cnm-docker-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a directory for the endpoint's socket", e);
    }
    Path socket = dir.resolve("docker.sock");
    try {
      DockerApiServer server = DockerApiServer.builder().engine(engine).unixSocket(socket).build().start();
      return new DockerEndpoint(engine, kind, server, URI.create("unix://" + socket.toAbsolutePath()), dir);
    } catch (RuntimeException e) {
      deleteQuietly(dir);
      throw e;
    }
  }

  /** {@return the engine served} */
  public Engine engine() {
    return engine;
  }

  /** {@return how the endpoint listens} */
  public Kind kind() {
    return kind;
  }

  /** {@return the endpoint's address as {@code DOCKER_HOST} gives one: {@code tcp://127.0.0.1:PORT} or {@code unix:///path}} */
  public URI uri() {
    return uri;
  }

  /** {@return {@link #uri()} as the string to put in {@code DOCKER_HOST}} */
  public String dockerHost() {
    return uri.toString();
  }

  /**
   * {@return the Docker Engine API version the server speaks, such as {@code 1.50}}
   */
  public String apiVersion() {
    return DockerApiServer.API_VERSION;
  }

  /**
   * {@return the endpoint's docker-java client, made on first use with the first transport on the
   * class path (zerodep, then httpclient5) and closed with the endpoint}
   *
   * @throws IllegalStateException when docker-java or both transports are missing
   */
  public synchronized DockerClient dockerClient() {
    checkOpen();
    if (client == null) {
      for (Transport t : Transport.values()) {
        if (t.isAvailable()) {
          client = newDockerClient(t);
          return client;
        }
      }
      throw new IllegalStateException("no docker-java transport on the class path: add "
          + "com.github.docker-java:docker-java-transport-zerodep or docker-java-transport-httpclient5");
    }
    return client;
  }

  /**
   * {@return a new docker-java client of this endpoint on {@code transport}, closed with the
   * endpoint (or earlier by the caller)}
   *
   * @param transport the docker-java transport to use
   * @throws IllegalStateException when docker-java or that transport is missing
   */
  public synchronized DockerClient newDockerClient(Transport transport) {
    requireNonNull(transport, "transport");
    checkOpen();
    if (!isPresent("com.github.dockerjava.core.DockerClientImpl")) {
      throw new IllegalStateException("docker-java is not on the class path: add com.github.docker-java:docker-java-core");
    }
    if (!transport.isAvailable()) {
      throw new IllegalStateException("the docker-java transport " + transport + " is not on the class path: add "
          + "com.github.docker-java:docker-java-transport-" + transport.name().toLowerCase(java.util.Locale.ROOT));
    }
    DockerClient c = DockerJavaClients.create(uri, transport);
    clients.add(c);
    return c;
  }

  /** Closes the clients, stops the server and deletes the socket's directory; idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    RuntimeException failure = null;
    for (AutoCloseable c : clients) {
      try {
        c.close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("cannot close a docker-java client of " + uri, e);
        }
      }
    }
    clients.clear();
    server.close();
    if (socketDir != null) {
      deleteQuietly(socketDir);
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public String toString() {
    return "DockerEndpoint{" + uri + "}";
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the endpoint " + uri + " is closed");
    }
  }

  private static boolean isPresent(String className) {
    try {
      Class.forName(className, false, DockerEndpoint.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      // a temporary directory: what remains goes with the system's temporary files
    }
  }
}
