package dev.cnm.dockerapi.internal;

import dev.cnm.api.Engine;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The Netty side of the server: one event-loop thread accepts and serves every connection, so
 * requests reach the {@link Api} one at a time.
 */
public final class HttpTransport {
  private final InetSocketAddress listen;
  private final Path unixSocket;
  private final int maxRequestBytes;
  private final int maxBuildContextBytes;
  private final Api api;
  private final CountDownLatch closed = new CountDownLatch(1);
  private EventLoopGroup group;
  private Channel serverChannel;

  /**
   * A transport serving {@code engine} on {@code listen} once started; request bodies up to
   * {@code maxRequestBytes}, build contexts ({@code POST /build}) up to {@code
   * maxBuildContextBytes}.
   */
  public HttpTransport(Engine engine, InetSocketAddress listen, Path unixSocket, Runnable onMutation,
      int maxRequestBytes, int maxBuildContextBytes, Clock clock) {
    this.listen = listen;
    this.unixSocket = unixSocket;
    this.maxRequestBytes = maxRequestBytes;
    this.maxBuildContextBytes = Math.max(maxRequestBytes, maxBuildContextBytes);
    this.api = new Api(engine, onMutation, clock);
  }

  /** Binds and serves. */
  public synchronized void start() {
    if (group != null) {
      throw new IllegalStateException("already started");
    }
    group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    SocketAddress bindTo = listen;
    Class<? extends ServerChannel> channel = NioServerSocketChannel.class;
    if (unixSocket != null) {
      try {
        if (Files.exists(unixSocket, LinkOption.NOFOLLOW_LINKS)
            && !Files.isRegularFile(unixSocket, LinkOption.NOFOLLOW_LINKS)
            && !Files.isDirectory(unixSocket, LinkOption.NOFOLLOW_LINKS)) {
          Files.delete(unixSocket); // a stale socket from an earlier run, as dockerd removes it
        }
      } catch (IOException e) {
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
        throw new UncheckedIOException("cannot remove the stale socket " + unixSocket, e);
      }
      bindTo = UnixDomainSocketAddress.of(unixSocket);
      channel = NioServerDomainSocketChannel.class;
    }
    ServerBootstrap b = new ServerBootstrap()
        .group(group)
        .channel(channel)
        .childHandler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            ch.pipeline().addLast(HttpHandler.CODEC, new HttpServerCodec());
            ch.pipeline().addLast(HttpHandler.AGGREGATOR, new BodyLimit(maxBuildContextBytes));
            ch.pipeline().addLast(HttpHandler.HANDLER, new HttpHandler(api, maxRequestBytes));
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
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IllegalStateException("interrupted while binding " + listen, e);
    } catch (RuntimeException e) {
      close();
      throw new UncheckedIOException(new IOException("cannot bind " + bindTo + ": " + e.getMessage(), e));
    }
  }

  /** The bound TCP address. */
  public synchronized InetSocketAddress address() {
    if (serverChannel == null) {
      throw new IllegalStateException("not started");
    }
    if (unixSocket != null) {
      throw new IllegalStateException("serving on the Unix socket " + unixSocket + ", not TCP");
    }
    return (InetSocketAddress) serverChannel.localAddress();
  }

  /** Blocks until {@link #close()}. */
  public void awaitClose() throws InterruptedException {
    closed.await();
  }

  /** Closes the listener, every connection and the thread. */
  public synchronized void close() {
    if (serverChannel != null) {
      serverChannel.close().awaitUninterruptibly();
      if (unixSocket != null) {
        try {
          Files.deleteIfExists(unixSocket);
        } catch (IOException e) {
          // best effort, as dockerd: a stale socket is removed at the next start
        }
      }
    }
    if (group != null) {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
    closed.countDown();
  }

  /**
   * Aggregates bodies up to the limit; a larger one gets a 400 JSON error at once, and the rest
   * of its body is read and dropped (closing while the client still sends would reset the
   * connection before it reads the answer).
   */
  private static final class BodyLimit extends HttpObjectAggregator {
    BodyLimit(int max) {
      super(max);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
      HttpHandler.send(ctx, 400, "request body too large", false);
    }
  }
}
