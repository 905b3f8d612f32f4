package dev.cnm.dockerapi.internal;

import dev.cnm.api.error.InvalidParameterException;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Turns Netty's aggregated requests into {@link Api} calls and its answers into HTTP. The
 * network thread only decodes and writes: {@code _ping} is answered there at once (so that it
 * answers however busy the engine is), every other request on the {@link Workers} (a change of a
 * server that saves nothing may be answered here too, when the writer is idle: {@link
 * Workers#writeHere}). A connection
 * has one request answered at a time, in the order they came; it reads nothing more meanwhile.
 * Nothing thrown while answering (an {@link Error} included) leaves this handler: the client gets
 * a 500 when no reply has started, and the connection is closed.
 */
final class HttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  static final String GUARD = "guard";
  static final String CODEC = "codec";
  static final String AGGREGATOR = "aggregator";
  static final String HANDLER = "api";
  /**
   * How long a hijacked stream's first bytes wait after the {@code 101} reply: clients such as
   * docker-py read the reply's headers through a buffered reader and then the raw socket, so bytes
   * that arrive with the headers are lost to them. dockerd's output comes after a process starts;
   * this pause stands for that start.
   */
  static final long UPGRADE_PAUSE_MILLIS = 100;

  /** One decoded request, as the {@link Api} takes it. */
  record Call(String method, String rawPath, Map<String, List<String>> query, byte[] body, boolean keepAlive,
      boolean upgrade, boolean head) {}

  private final Api api;
  private final Workers workers;
  private final ConnectionGuard guard;
  private final FaultHook faults;
  /** Requests that came while another was being answered (pipelined). */
  private final ArrayDeque<Call> pending = new ArrayDeque<>();
  private ChannelHandlerContext ctx;
  private boolean busy;
  /** Whether the current reply has begun (headers of a stream, a hijack): an error can only close. */
  private boolean started;
  private boolean hijacked;
  /**
   * After a {@code 101}: what is written to the stream before {@link #UPGRADE_PAUSE_MILLIS} have passed,
   * held so that it reaches the client apart from the reply's headers (null once released).
   */
  private ArrayDeque<Runnable> afterUpgrade;

  HttpHandler(Api api, Workers workers, ConnectionGuard guard, FaultHook faults) {
    this.api = api;
    this.workers = workers;
    this.guard = guard;
    this.faults = faults;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
    try {
      if (!req.decoderResult().isSuccess()) {
        sendAndClose(ctx, 400, "malformed HTTP request");
        return;
      }
      byte[] body = new byte[req.content().readableBytes()];
      req.content().getBytes(req.content().readerIndex(), body);
      Call call;
      try {
        call = call(req.method().name(), req.uri(), body, HttpUtil.isKeepAlive(req),
            req.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true));
      } catch (InvalidParameterException e) {
        send(ctx, 400, e.getMessage(), !HttpUtil.isKeepAlive(req));
        return;
      }
      if (busy) {
        pending.add(call);
        return;
      }
      begin(call);
    } catch (Throwable t) {
      failed(t);
    }
  }

  /**
   * A request as the {@link Api} takes it: the raw path, the query decoded as Go decodes it
   * ({@link Router#decodeQuery}), the body's bytes.
   *
   * @throws InvalidParameterException the query's escapes are not Go's
   */
  static Call call(String method, String uri, byte[] body, boolean keepAlive, boolean upgrade) {
    int q = uri.indexOf('?');
    String rawPath = q < 0 ? uri : uri.substring(0, q);
    int hash = rawPath.indexOf('#');
    rawPath = hash < 0 ? rawPath : rawPath.substring(0, hash);
    String rawQuery = q < 0 ? "" : uri.substring(q + 1);
    hash = rawQuery.indexOf('#');
    rawQuery = hash < 0 ? rawQuery : rawQuery.substring(0, hash);
    return new Call(method, rawPath, Router.decodeQuery(rawQuery), body, keepAlive, upgrade, method.equals("HEAD"));
  }

  /** Answers {@code call}: at once for {@code _ping}, else on a worker. On the network thread. */
  private void begin(Call call) {
    busy = true;
    started = false;
    guard.requestReceived();
    ctx.channel().config().setAutoRead(false);
    NettyConn conn = new NettyConn(call);
    faults.at(FaultHook.Where.NETWORK_THREAD, call.method(), call.rawPath());
    if (Api.answeredOnNetworkThread(call.method(), call.rawPath())) {
      api.handle(call.method(), call.rawPath(), call.query(), call.body(), conn);
      return;
    }
    boolean read = call.method().equals("GET") || call.method().equals("HEAD");
    if (read) {
      if (!workers.read(() -> work(call, conn))) {
        conn.reply(503, Api.JSON, Api.errorBody("the server is busy: too many requests are waiting, try again later"));
      }
      return;
    }
    Api.Write write = new Api.Write(call.method(), call.rawPath(), call.query(), call.body(), conn);
    boolean queued = workers.writeHere(write) || workers.write(write);
    if (!queued) {
      conn.reply(503, Api.JSON, Api.errorBody("the server is busy: too many requests are waiting, try again later"));
    }
  }

  /** A read, on a worker. */
  private void work(Call call, NettyConn conn) {
    try {
      faults.at(FaultHook.Where.WORKER, call.method(), call.rawPath());
      api.handle(call.method(), call.rawPath(), call.query(), call.body(), conn);
    } catch (Throwable t) {
      onLoop(() -> failed(t));
    }
  }

  /** The current request is answered and the connection kept: the next one, if any. */
  private void finished() {
    busy = false;
    Call next = pending.poll();
    if (next != null) {
      begin(next);
      return;
    }
    guard.responded();
    ctx.channel().config().setAutoRead(true);
  }

  /** Something failed unexpectedly: a 500 if no reply has begun, and the connection is closed. */
  private void failed(Throwable t) {
    try {
      if (!started && ctx.channel().isActive()) {
        started = true;
        sendAndClose(ctx, 500, "internal server error");
      } else {
        ctx.close();
      }
    } catch (Throwable again) {
      ctx.close();
    }
  }

  /**
   * Runs {@code r} on the network thread, where every write and state change of this handler
   * happens, after whatever another thread queued for this handler before it: an event delivered
   * on the network thread (a change answered there) must not overtake the stream's headers that a
   * reader thread queued, or the encoder refuses the body and the event is lost.
   */
  private void onLoop(Runnable r) {
    if (ctx.executor().inEventLoop() && queued.get() == 0) {
      r.run();
      return;
    }
    queued.incrementAndGet();
    try {
      ctx.executor().execute(() -> {
        try {
          r.run();
        } catch (Throwable t) {
          failed(t);
        } finally {
          queued.decrementAndGet();
        }
      });
    } catch (RejectedExecutionException closing) {
      queued.decrementAndGet();
      // the server is shutting down: the connection goes with it
    }
  }

  /** Tasks of this handler queued on the network thread and not run yet. */
  private final java.util.concurrent.atomic.AtomicInteger queued = new java.util.concurrent.atomic.AtomicInteger();

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof ChannelInputShutdownEvent && !hijacked) {
      ctx.close(); // an ordinary HTTP client that stopped sending is done
      return;
    }
    super.userEventTriggered(ctx, evt);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    pending.clear();
    workers.read(api::connectionClosed);
    super.channelInactive(ctx);
  }

  static void sendAndClose(ChannelHandlerContext ctx, int status, String message) {
    send(ctx, status, message, true);
  }

  /** A JSON error; {@code close} closes the connection once it is written. */
  static void send(ChannelHandlerContext ctx, int status, String message, boolean close) {
    byte[] body = Api.errorBody(message);
    FullHttpResponse r = new DefaultFullHttpResponse(
        HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(body));
    standardHeaders(r.headers(), "application/json");
    r.headers().set("Content-Length", body.length);
    if (close) {
      r.headers().set("Connection", "close");
      ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
    } else {
      ctx.writeAndFlush(r);
    }
  }

  static void standardHeaders(HttpHeaders h, String contentType) {
    if (contentType != null) {
      h.set("Content-Type", contentType);
    }
    h.set("Api-Version", Api.API_VERSION);
    h.set("Docker-Experimental", "false");
    h.set("Ostype", "linux");
    h.set("Server", "Docker/" + Api.ENGINE_VERSION + " (linux)");
  }

  /** The way back to one request's client; callable from any thread, it acts on the network thread. */
  private final class NettyConn implements Conn {
    private final Call call;

    NettyConn(Call call) {
      this.call = call;
    }

    @Override
    public void reply(int status, String contentType, byte[] body) {
      onLoop(() -> {
        boolean head = call.head();
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
            head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        standardHeaders(r.headers(), body.length == 0 && !head ? null : contentType);
        if (status != 204 && status != 304) {
          r.headers().set("Content-Length", body.length);
        }
        if (status == 200 && head && body.length == 2 && "OK".equals(new String(body, StandardCharsets.UTF_8))) {
          r.headers().set("Cache-Control", "no-cache, no-store, must-revalidate");
          r.headers().set("Pragma", "no-cache");
        }
        started = true;
        if (call.keepAlive()) {
          ctx.writeAndFlush(r);
          finished();
        } else {
          r.headers().set("Connection", HttpHeaderValues.CLOSE);
          ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
        }
      });
    }

    @Override
    public void startChunked(int status, String contentType) {
      onLoop(() -> {
        HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status));
        standardHeaders(r.headers(), contentType);
        HttpUtil.setTransferEncodingChunked(r, true);
        started = true;
        guard.streaming();
        ctx.writeAndFlush(r);
        // read again, to see the client hang up; a request it sends meanwhile waits its turn
        ctx.channel().config().setAutoRead(true);
      });
    }

    @Override
    public void chunk(byte[] data) {
      onLoop(() -> ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(data))));
    }

    @Override
    public void endChunked() {
      onLoop(() -> {
        if (call.keepAlive()) {
          ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
          finished();
        } else {
          ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE);
        }
      });
    }

    @Override
    public void hijack(String contentType) {
      onLoop(() -> {
        hijacked = true;
        started = true;
        guard.streaming();
        // cnm has no stdin to feed: stop reading, so that a client half-closing its side (as the
        // docker CLI does) is never seen as a close, on transports without half-closure too.
        ctx.channel().config().setAutoRead(false);
        HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1,
            call.upgrade() ? new HttpResponseStatus(101, "UPGRADED") : HttpResponseStatus.OK);
        standardHeaders(r.headers(), contentType);
        if (call.upgrade()) {
          r.headers().set("Connection", "Upgrade");
          r.headers().set("Upgrade", "tcp");
        }
        ctx.writeAndFlush(r);
        // From here on the connection carries raw bytes: Netty's HTTP handlers step aside.
        ctx.pipeline().remove(AGGREGATOR);
        ctx.pipeline().remove(CODEC);
        if (call.upgrade()) {
          afterUpgrade = new ArrayDeque<>();
          ctx.executor().schedule(() -> {
            ArrayDeque<Runnable> held = afterUpgrade;
            afterUpgrade = null;
            held.forEach(Runnable::run);
          }, UPGRADE_PAUSE_MILLIS, TimeUnit.MILLISECONDS);
        }
      });
    }

    /** Runs a write of the hijacked stream now, or after the upgrade's pause, in order. */
    private void stream(Runnable write) {
      onLoop(() -> {
        if (afterUpgrade != null) {
          afterUpgrade.add(write);
        } else {
          write.run();
        }
      });
    }

    @Override
    public void raw(byte[] data) {
      stream(() -> ctx.writeAndFlush(Unpooled.wrappedBuffer(data)));
    }

    @Override
    public void close() {
      stream(() -> ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE));
    }

    @Override
    public void internalError() {
      onLoop(() -> failed(null));
    }

    @Override
    public boolean isOpen() {
      return ctx.channel().isActive();
    }
  }
}
