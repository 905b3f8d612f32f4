package dev.cnm.dockerapi.internal;

import dev.cnm.api.Engine;
import dev.cnm.dockerapi.DockerApiServer;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Netty side of the server: one network thread accepts every connection, decodes requests
 * and writes replies; {@link Workers} answer them. The connection budget and timeouts are the
 * {@link ConnectionGuard}'s. Should the network thread ever die all the same, the server closes
 * itself ({@link #failure()} says why) rather than keep a dead listener open.
 */
public final class HttpTransport {
  /**
   * How the server listens and what it allows.
   *
   * @param listen the TCP address, when {@code unixSocket} is null
   * @param unixSocket the Unix socket to serve on, or null
   * @param maxRequestBytes the largest body accepted; a larger one is a 413
   * @param maxBuildContextBytes the largest build context ({@code POST /build}) accepted, at least
   *     {@code maxRequestBytes}
   * @param maxConnections the most connections open at once
   * @param idleTimeout how long a connection may wait without a request (zero: for ever)
   * @param requestTimeout how long a client may take to send a request it began (zero: for ever)
   * @param readers the threads answering reads
   * @param maxQueued the most requests waiting for a thread, per kind
   * @param direct whether a change may be answered on the network thread when the writer is idle:
   *     only for a server that saves nothing, whose changes are all in memory ({@link Workers})
   */
  public record Options(InetSocketAddress listen, Path unixSocket, int maxRequestBytes, int maxBuildContextBytes,
      int maxConnections, Duration idleTimeout, Duration requestTimeout, int readers, int maxQueued,
      boolean direct) {}

  private final Options options;
  private final Api api;
  private final Connections connections;
  private final CountDownLatch closed = new CountDownLatch(1);
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile FaultHook faults = FaultHook.NONE;
  private EventLoopGroup group;
  /** Every accepted connection, so that {@link #close()} closes each one, kept-alive ones too. */
  private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private Workers workers;
  private Channel serverChannel;
  private boolean closing;

  /** A transport serving {@code engine} once started. */
  public HttpTransport(Engine engine, Options options, DockerApiServer.Persistence persistence, Clock clock) {
    this.options = options;
    this.connections = new Connections(connectionBudget(options.maxConnections()));
    this.api = new Api(engine, persistence, clock, this::fail);
    preload(clock);
  }

  /** File handles kept for what is not a connection: the state file's saves, the jar's classes, a probe. */
  static final int RESERVED_FILE_HANDLES = 64;

  /**
   * The connection limit the process can keep: {@code configured}, or fewer when the file handles
   * this process may still open ({@code ulimit -n}) would run out first, since a connection
   * accepted past them is one the server can neither answer nor close to make room.
   */
  static int connectionBudget(int configured) {
    try {
      OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
      if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix && unix.getMaxFileDescriptorCount() > 0) {
        long free = unix.getMaxFileDescriptorCount() - unix.getOpenFileDescriptorCount() - RESERVED_FILE_HANDLES;
        return (int) Math.max(1, Math.min(configured, free));
      }
    } catch (LinkageError noManagementModule) {
      // a runtime without jdk.management: the configured limit is all there is
    }
    return configured;
  }

  /** The most connections open at once: the configured limit, or what the file handles allow. */
  public int connectionLimit() {
    return connections.max();
  }

  /** Test hook: where requests fail on purpose. */
  void faults(FaultHook hook) {
    this.faults = hook;
    api.faults(hook);
  }

  /** The engine served now: the one given, or the state last saved after a save failed. */
  public Engine engine() {
    return api.engine();
  }

  /** Binds and serves. */
  public synchronized void start() {
    if (group != null) {
      throw new IllegalStateException("already started");
    }
    SocketAddress bindTo = options.listen();
    Class<? extends ServerChannel> channel = NioServerSocketChannel.class;
    Path unixSocket = options.unixSocket();
    if (unixSocket != null) {
      removeStaleSocket(unixSocket);
      bindTo = UnixDomainSocketAddress.of(unixSocket);
      channel = NioServerDomainSocketChannel.class;
    }
    group = new MultiThreadIoEventLoopGroup(1, networkThreads(), NioIoHandler.newFactory());
    workers = new Workers(api, options.readers(), options.maxQueued(), options.direct());
    ServerBootstrap b = new ServerBootstrap()
        .group(group)
        .channel(channel)
        .childHandler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            try {
              channels.add(ch);
              faults.at(FaultHook.Where.ACCEPT, "", "");
              ConnectionGuard guard = new ConnectionGuard(connections, options.idleTimeout(),
                  options.requestTimeout());
              ch.pipeline().addLast(HttpHandler.GUARD, guard);
              ch.pipeline().addLast(HttpHandler.CODEC, new HttpServerCodec());
              ch.pipeline().addLast(LIMIT_SWITCH, new LimitSwitch());
              ch.pipeline().addLast(HttpHandler.AGGREGATOR, new BodyLimit(options.maxRequestBytes()));
              ch.pipeline().addLast(HttpHandler.HANDLER,
                  new HttpHandler(api, workers, guard, faults));
            } catch (Throwable e) {
              // an Error included (a class that cannot load once file handles ran out): this
              // connection closes unanswered, the network thread accepts on
              ch.close();
            }
          }
        });
    if (unixSocket == null) {
      // The docker CLI half-closes an attach connection once it has no stdin to send, and still
      // reads the container's output from it: keep half-closed connections open. (Netty's NIO
      // domain sockets have no such option; hijacked connections stop reading, which covers both.)
      b.childOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
    }
    try {
      serverChannel = b.bind(bindTo).sync().channel();
      // behind Netty's acceptor, which pauses accepting for a second after a failure
      serverChannel.pipeline().addLast(new AcceptFailures());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IllegalStateException("interrupted while binding " + bindTo, e);
    } catch (Exception e) { // sync() rethrows the bind's IOException unchecked
      close();
      throw new UncheckedIOException(bindError(e));
    }
  }

  /**
   * Go's wording, as dockerd reports a listener it cannot create: {@code listen tcp
   * 127.0.0.1:2375: bind: address already in use}.
   */
  private IOException bindError(Exception e) {
    String why = String.valueOf(e.getMessage());
    String lower = why.toLowerCase(java.util.Locale.ROOT);
    if (lower.contains("already in use")) {
      why = "address already in use";
    } else if (lower.contains("no such file")) {
      why = "no such file or directory";
    } else if (lower.contains("permission denied")) {
      why = "permission denied";
    } else if (lower.contains("cannot assign")) {
      why = "cannot assign requested address";
    }
    if (options.unixSocket() != null) {
      Path p = options.unixSocket();
      return new IOException("can't create unix socket " + p + ": listen unix " + p + ": bind: " + why, e);
    }
    InetSocketAddress a = options.listen();
    return new IOException("listen tcp " + a.getHostString() + ":" + a.getPort() + ": bind: " + why, e);
  }

  /**
   * A socket file left by a server that is gone is removed, as dockerd removes it; one a server
   * still answers on is left alone, and this one does not start.
   */
  private static void removeStaleSocket(Path socket) {
    if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS) || Files.isRegularFile(socket, LinkOption.NOFOLLOW_LINKS)
        || Files.isDirectory(socket, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    boolean live;
    try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
      live = probe.isConnected();
    } catch (IOException e) {
      live = false;
    }
    if (live) {
      throw new UncheckedIOException(new IOException("can't create unix socket " + socket + ": listen unix " + socket
          + ": bind: address already in use (another server answers on it)"));
    }
    try {
      Files.delete(socket);
    } catch (IOException e) {
      throw new UncheckedIOException(new IOException("can't create unix socket " + socket + ": " + e.getMessage(), e));
    }
  }

  /**
   * The network thread: should it die of something nothing caught, the server closes rather than
   * keep a listener nobody serves.
   */
  private ThreadFactory networkThreads() {
    return r -> {
      Thread t = new Thread(() -> {
        try {
          r.run();
        } catch (Throwable e) {
          fail(e);
          throw e;
        }
        if (!isClosing()) {
          fail(new IllegalStateException("the network thread stopped"));
        }
      }, "cnm-api-network");
      t.setDaemon(true);
      return t;
    };
  }

  private synchronized boolean isClosing() {
    return closing;
  }

  /** Stops serving because of {@code cause}; the first cause is kept. */
  private void fail(Throwable cause) {
    if (failure.compareAndSet(null, cause)) {
      Thread closer = new Thread(this::close, "cnm-api-close");
      closer.setDaemon(true);
      closer.start();
    }
  }

  /** Why the server stopped by itself, if it did. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure.get());
  }

  /** The bound TCP address. */
  public synchronized InetSocketAddress address() {
    if (serverChannel == null) {
      throw new IllegalStateException("not started");
    }
    if (options.unixSocket() != null) {
      throw new IllegalStateException("serving on the Unix socket " + options.unixSocket() + ", not TCP");
    }
    return (InetSocketAddress) serverChannel.localAddress();
  }

  /** Test hook: the listener reports a failed accept, as Netty does when file handles run out. */
  void acceptFailed(Throwable cause) {
    Channel ch;
    synchronized (this) {
      ch = serverChannel;
    }
    ch.eventLoop().execute(() -> ch.pipeline().fireExceptionCaught(cause));
  }

  /** Requests waiting for a worker now. */
  int queuedRequests() {
    Workers w;
    synchronized (this) {
      w = workers;
    }
    return w == null ? 0 : w.queued();
  }

  /** Connections open now. */
  public int openConnections() {
    return connections.open();
  }

  /** Blocks until {@link #close()}. */
  public void awaitClose() throws InterruptedException {
    closed.await();
  }

  /** Closes the listener, every connection and the threads. */
  public synchronized void close() {
    closing = true;
    if (serverChannel != null) {
      serverChannel.close().awaitUninterruptibly();
      if (options.unixSocket() != null) {
        try {
          Files.deleteIfExists(options.unixSocket());
        } catch (IOException e) {
          // best effort, as dockerd: a stale socket is removed at the next start
        }
      }
      serverChannel = null;
    }
    channels.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    if (group != null && !group.isShuttingDown()) {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
    if (workers != null) {
      workers.shutdown();
    }
    closed.countDown();
  }

  /**
   * Loads, before any client connects, the classes the error paths need: when file handles run
   * out a class that is not loaded yet cannot be (its jar or {@code tzdb.dat} cannot be opened),
   * and a {@link NoClassDefFoundError} where an error is reported is the worst moment to learn it.
   */
  private static void preload(Clock clock) {
    ZoneId zone = clock.getZone();
    zone.getRules().getOffset(Instant.now());
    ZoneId.systemDefault().getRules();
    DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(ZonedDateTime.now(zone));
    Api.errorBody("preload");
    new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SERVICE_UNAVAILABLE).release();
    new java.util.concurrent.RejectedExecutionException().getMessage();
    java.util.logging.Logger.getLogger(HttpTransport.class.getName()).isLoggable(java.util.logging.Level.FINE);
    new java.util.logging.SimpleFormatter().format(new java.util.logging.LogRecord(java.util.logging.Level.WARNING,
        "preload"));
  }

  /**
   * A connection that could not be accepted (file handles ran out: something besides the
   * connections holds them) closes the longest-idle connection, so that the next accept can
   * succeed, and is logged in one line at most once a minute, never as a stack trace.
   */
  private final class AcceptFailures extends ChannelInboundHandlerAdapter {
    private long lastLogged = System.nanoTime() - TimeUnit.MINUTES.toNanos(2);
    private long unlogged;

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      connections.evictLongestIdle();
      unlogged++;
      long now = System.nanoTime();
      if (now - lastLogged >= TimeUnit.MINUTES.toNanos(1)) {
        java.util.logging.Logger.getLogger(HttpTransport.class.getName()).warning("cannot accept a connection ("
            + unlogged + " since the last report): " + cause.getMessage() + "; the longest-idle connection was closed");
        lastLogged = now;
        unlogged = 0;
      }
    }
  }

  /** The name of the {@link LimitSwitch} in a connection's pipeline. */
  static final String LIMIT_SWITCH = "limit";

  /**
   * Gives each request an aggregator of its own limit, before its body arrives: a build context
   * may be as large as the build limit, every other body only as large as the request limit. A
   * body without a declared length (chunked) is thus refused as soon as it passes its own limit,
   * never held up to the build limit. Docker streams a JSON body into its decoder and holds none
   * of it; the API here decodes whole bodies, so the bound is what it holds per connection.
   */
  private final class LimitSwitch extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof HttpRequest r && ctx.pipeline().get(HttpHandler.AGGREGATOR) instanceof BodyLimit current) {
        int limit = limit(r);
        if (current.maxContentLength() != limit) {
          // between two requests the aggregator holds nothing: the swap loses no byte
          ctx.pipeline().replace(current, HttpHandler.AGGREGATOR, new BodyLimit(limit));
        }
      }
      ctx.fireChannelRead(msg);
    }
  }

  /**
   * Aggregates a request's body up to its limit ({@link LimitSwitch}); a larger one gets a 413
   * JSON error at once (a declared length from the request's head, before any of the body is
   * held; a chunked body when it passes the limit), and the rest of its body is read and dropped
   * (closing while the client still sends would reset the connection before it reads the
   * answer).
   */
  private static final class BodyLimit extends HttpObjectAggregator {
    BodyLimit(int max) {
      super(max);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
      HttpHandler.send(ctx, 413, tooLarge(maxContentLength()), false);
    }
  }

  /** The largest body a request may send: a build context's limit, or every other request's. */
  private int limit(HttpRequest r) {
    return Api.isBuild(r.uri().split("\\?", 2)[0])
        ? Math.max(options.maxRequestBytes(), options.maxBuildContextBytes()) : options.maxRequestBytes();
  }

  /** The 413's message. */
  static String tooLarge(int limit) {
    return "request body too large: the limit is " + limit + " bytes";
  }
}
