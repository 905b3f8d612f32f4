package dev.cnm.cli;

import dev.cnm.api.Engine;
import dev.cnm.dockerapi.DockerApiServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * {@code cnm serve [--listen tcp://127.0.0.1:2375 | unix:///path] [--max-connections 1024]}:
 * serves the state directory's engine over the Docker Engine API until interrupted, holding the
 * state lock the whole time (the lock file says where it listens) and saving after every request
 * that may have changed the engine, before its reply is sent; when a save fails, the request
 * answers 500 and the engine goes back to the state last saved. Its clock is the wall clock (the
 * seeded one under {@code CNM_SEED}). At most {@code --max-connections} are open at once.
 *
 * <p>{@code cnm serve --health [--listen ADDRESS]} asks a running server (the one holding the
 * state directory, by default) whether it answers: {@code _ping}, answered on the server's
 * network thread, tells a live server from a dead one; {@code /info}, answered by its workers and
 * the engine, a ready one from a busy one.
 */
final class Serve {
  private Serve() {}

  static final String DEFAULT_LISTEN = "tcp://127.0.0.1:2375";
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

  /** A parsed {@code --listen}: a TCP address or a Unix socket path. */
  private record Target(InetSocketAddress tcp, Path unix) {
    static Target parse(String listen) {
      if (listen.startsWith("unix://")) {
        String path = listen.substring("unix://".length());
        if (path.isEmpty()) {
          throw new IllegalArgumentException("invalid --listen address: " + listen
              + " (expected tcp://HOST:PORT or unix:///PATH)");
        }
        return new Target(null, Path.of(path));
      }
      URI uri;
      try {
        uri = URI.create(listen.contains("://") ? listen : "tcp://" + listen);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("invalid --listen address: " + listen + " (" + e.getMessage() + ")");
      }
      if (!"tcp".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 0) {
        throw new IllegalArgumentException("invalid --listen address: " + listen
            + " (expected tcp://HOST:PORT or unix:///PATH)");
      }
      return new Target(new InetSocketAddress(uri.getHost(), uri.getPort()), null);
    }
  }

  /**
   * Serves until interrupted. {@code reload} turns saved bytes back into a session; {@code saved}
   * is the state on disk now.
   */
  static int run(String listen, int maxConnections, EngineStore.Session first, byte[] saved,
      Function<byte[], EngineStore.Session> reload, StateFile file, PrintStream out, PrintStream err) {
    Target target;
    try {
      target = Target.parse(listen);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return Commands.EXIT_RUN;
    }
    Keeper keeper = new Keeper(first, saved, reload, file);
    DockerApiServer.Builder builder = DockerApiServer.builder()
        .engine(first.engine())
        .persistence(keeper)
        .maxConnections(maxConnections)
        .clock(keeper.clock());
    DockerApiServer server;
    try {
      if (target.unix() != null) {
        builder.unixSocket(target.unix());
      } else {
        builder.listen(target.tcp());
      }
      server = builder.build();
    } catch (IllegalArgumentException e) {
      err.println("invalid --listen address: " + listen + " (" + e.getMessage() + ")");
      return Commands.EXIT_RUN;
    }
    try {
      server.start();
    } catch (UncheckedIOException e) {
      err.println("cnm: failed to load listeners: " + e.getCause().getMessage());
      return 1;
    }
    // SIGTERM (or the end of the JVM) stops the server as dockerd stops: its socket is removed
    Thread stop = new Thread(server::close, "cnm-serve-stop");
    Runtime.getRuntime().addShutdownHook(stop);
    try (server) {
      String actual = target.unix() != null ? "unix://" + target.unix()
          : "tcp://" + server.address().getHostString() + ":" + server.address().getPort();
      file.holder("serve", actual);
      if (server.connectionLimit() < maxConnections) {
        err.println("cnm: at most " + server.connectionLimit() + " connections at once, not " + maxConnections
            + ": the process may open too few files (ulimit -n)");
      }
      out.println("API listening on " + actual + " (DOCKER_HOST=" + actual + ")");
      out.flush();
      server.awaitClose();
      if (server.failure().isPresent()) {
        Throwable why = server.failure().get();
        err.println("cnm: the server stopped: " + (why.getMessage() == null ? why.toString() : why.getMessage()));
        return 1;
      }
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(stop);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: it stops the server
      }
    }
  }

  /** Saves after each change; after a failed save, the engine as last saved. */
  private static final class Keeper implements DockerApiServer.Persistence {
    private final Function<byte[], EngineStore.Session> reload;
    private final StateFile file;
    private volatile EngineStore.Session session;
    private byte[] lastSaved;

    Keeper(EngineStore.Session session, byte[] lastSaved, Function<byte[], EngineStore.Session> reload, StateFile file) {
      this.session = session;
      this.lastSaved = lastSaved;
      this.reload = reload;
      this.file = file;
    }

    @Override
    public synchronized void save(Engine engine) {
      if (engine != session.engine()) {
        throw new IllegalStateException("the server saves an engine it was not given");
      }
      byte[] bytes = session.save(List.of("serve"));
      file.write(bytes);
      lastSaved = bytes;
    }

    @Override
    public synchronized Engine reload() {
      session = reload.apply(lastSaved);
      return session.engine();
    }

    /** The current session's clock. */
    Clock clock() {
      return new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneId.systemDefault();
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return Clock.fixed(instant(), zone);
        }

        @Override
        public Instant instant() {
          return session.now();
        }
      };
    }
  }

  /**
   * {@code serve --health}: 0 when the server answers (ready or busy), 1 when it does not.
   *
   * @param listen the address asked, or null for the one the state directory's server wrote
   */
  static int health(String listen, Path stateDir, PrintStream out, PrintStream err) {
    String address = listen;
    if (address == null) {
      address = StateFile.holderOf(stateDir).filter(h -> h.command().equals("serve") && !h.listen().isEmpty())
          .map(StateFile.Holder::listen).orElse(DEFAULT_LISTEN);
    }
    Target target;
    try {
      target = Target.parse(address);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return Commands.EXIT_RUN;
    }
    Probe ping = probe(target, "/_ping");
    if (ping.status() == 503) {
      out.println("busy: " + address + " answers, but takes no new connection now (" + ping.detail() + ")");
      return 0;
    }
    if (ping.status() != 200) {
      out.println("unhealthy: " + address + " does not answer _ping (" + ping.detail() + ")");
      return 1;
    }
    Probe info = probe(target, "/v" + DockerApiServer.API_VERSION + "/info");
    if (info.status() != 200) {
      out.println("busy: " + address + " answers _ping (in " + ping.millis() + " ms), but not /info ("
          + info.detail() + ")");
      return 0;
    }
    out.println("healthy: " + address + " answers (_ping in " + ping.millis() + " ms, /info in " + info.millis()
        + " ms)");
    return 0;
  }

  /** A probe's outcome: the status (0 for none), how long it took, and what went wrong. */
  private record Probe(int status, long millis, String detail) {}

  private static Probe probe(Target target, String path) {
    long t0 = System.nanoTime();
    SocketChannel[] channel = new SocketChannel[1];
    CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> {
      try (SocketChannel ch = target.unix() != null ? SocketChannel.open(StandardProtocolFamily.UNIX)
          : SocketChannel.open()) {
        channel[0] = ch;
        ch.connect(target.unix() != null ? UnixDomainSocketAddress.of(target.unix()) : target.tcp());
        ch.write(ByteBuffer.wrap(("GET " + path + " HTTP/1.1\r\nHost: cnm\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII)));
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(4096);
        while (ch.read(buf) >= 0) {
          got.write(buf.array(), 0, buf.position());
          buf.clear();
        }
        return got.toString(StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    try {
      String response = answer.get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      String[] statusLine = response.split("\r\n", 2)[0].split(" ");
      int status = statusLine.length > 1 && statusLine[1].matches("\\d{3}") ? Integer.parseInt(statusLine[1]) : 0;
      int body = response.indexOf("\r\n\r\n");
      String detail = status == 0 ? "not an HTTP answer" : "HTTP " + status
          + (status == 200 || body < 0 ? "" : ": " + response.substring(body + 4).strip());
      return new Probe(status, millis, detail);
    } catch (TimeoutException e) {
      Optional.ofNullable(channel[0]).ifPresent(ch -> {
        try {
          ch.close();
        } catch (IOException ignored) {
          // the probe thread ends with it
        }
      });
      return new Probe(0, PROBE_TIMEOUT.toMillis(), "no answer within " + PROBE_TIMEOUT.toSeconds() + "s");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() instanceof UncheckedIOException ? e.getCause().getCause() : e.getCause();
      String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
      return new Probe(0, 0, why);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Probe(0, 0, "interrupted");
    }
  }
}
