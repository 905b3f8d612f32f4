package dev.cnm.dockerapi.internal;

import dev.cnm.api.Engine;
import dev.cnm.api.image.ImageCatalog;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The Netty side of the server: one event-loop thread accepts and serves every connection, so
 * requests reach the {@link Api} one at a time.
 */
public final class HttpTransport {
  private final InetSocketAddress listen;
  private final int maxRequestBytes;
  private final Api api;
  private final CountDownLatch closed = new CountDownLatch(1);
  private EventLoopGroup group;
  private Channel serverChannel;

  /** A transport serving {@code engine} on {@code listen} once started. */
  public HttpTransport(Engine engine, ImageCatalog images, InetSocketAddress listen, Runnable onMutation, int maxRequestBytes) {
    this.listen = listen;
    this.maxRequestBytes = maxRequestBytes;
    this.api = new Api(engine, images, onMutation);
  }

  /** Binds and serves. */
  public synchronized void start() {
    if (group != null) {
      throw new IllegalStateException("already started");
    }
    group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    ServerBootstrap b = new ServerBootstrap()
        .group(group)
        .channel(NioServerSocketChannel.class)
        // The docker CLI half-closes an attach connection once it has no stdin to send, and
        // still reads the container's output from it: keep half-closed connections open.
        .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(HttpHandler.CODEC, new HttpServerCodec());
            ch.pipeline().addLast(HttpHandler.AGGREGATOR, new BodyLimit(maxRequestBytes));
            ch.pipeline().addLast(HttpHandler.HANDLER, new HttpHandler(api));
          }
        });
    try {
      serverChannel = b.bind(listen).sync().channel();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IllegalStateException("interrupted while binding " + listen, e);
    } catch (RuntimeException e) {
      close();
      throw new UncheckedIOException(new IOException("cannot bind " + listen + ": " + e.getMessage(), e));
    }
  }

  /** The bound address. */
  public synchronized InetSocketAddress address() {
    if (serverChannel == null) {
      throw new IllegalStateException("not started");
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
    }
    if (group != null) {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
    closed.countDown();
  }

  /** Aggregates bodies up to the limit; a larger one gets Docker's 400 JSON error and a close. */
  private static final class BodyLimit extends HttpObjectAggregator {
    BodyLimit(int max) {
      super(max);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
      HttpHandler.sendAndClose(ctx, 400, "request body too large");
    }
  }
}
