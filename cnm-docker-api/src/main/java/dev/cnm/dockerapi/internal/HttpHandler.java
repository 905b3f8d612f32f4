package dev.cnm.dockerapi.internal;

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
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Turns Netty's aggregated requests into {@link Api} calls and its answers into HTTP. */
final class HttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  static final String CODEC = "codec";
  static final String AGGREGATOR = "aggregator";
  static final String HANDLER = "api";

  private final Api api;
  private final int maxRequestBytes;
  private boolean hijacked;

  HttpHandler(Api api, int maxRequestBytes) {
    this.api = api;
    this.maxRequestBytes = maxRequestBytes;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
    if (!req.decoderResult().isSuccess()) {
      sendAndClose(ctx, 400, "malformed HTTP request");
      return;
    }
    QueryStringDecoder qs = new QueryStringDecoder(req.uri());
    Map<String, List<String>> query = qs.parameters();
    byte[] body = new byte[req.content().readableBytes()];
    req.content().getBytes(req.content().readerIndex(), body);
    if (body.length > maxRequestBytes && !Api.isBuild(qs.rawPath())) {
      // Only a build context may be larger than the limit of every other body.
      send(ctx, 400, "request body too large", false);
      return;
    }
    boolean keepAlive = HttpUtil.isKeepAlive(req);
    boolean upgrade = req.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true);
    boolean head = req.method().name().equals("HEAD");
    api.handle(req.method().name(), qs.rawPath(), query, body, new NettyConn(this, ctx, keepAlive, upgrade, head));
  }

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
    api.connectionClosed();
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

  private static final class NettyConn implements Conn {
    private final HttpHandler handler;
    private final ChannelHandlerContext ctx;
    private final boolean keepAlive;
    private final boolean upgrade;
    private final boolean head;

    NettyConn(HttpHandler handler, ChannelHandlerContext ctx, boolean keepAlive, boolean upgrade, boolean head) {
      this.handler = handler;
      this.ctx = ctx;
      this.keepAlive = keepAlive;
      this.upgrade = upgrade;
      this.head = head;
    }

    @Override
    public void reply(int status, String contentType, byte[] body) {
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
      if (keepAlive) {
        ctx.writeAndFlush(r);
      } else {
        r.headers().set("Connection", HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
      }
    }

    @Override
    public void startChunked(int status, String contentType) {
      HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status));
      standardHeaders(r.headers(), contentType);
      HttpUtil.setTransferEncodingChunked(r, true);
      ctx.writeAndFlush(r);
    }

    @Override
    public void chunk(byte[] data) {
      ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(data)));
    }

    @Override
    public void endChunked() {
      if (keepAlive) {
        ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
      } else {
        ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE);
      }
    }

    @Override
    public void hijack(String contentType) {
      handler.hijacked = true;
      // cnm has no stdin to feed: stop reading, so that a client half-closing its side (as the
      // docker CLI does) is never seen as a close, on transports without half-closure too.
      ctx.channel().config().setAutoRead(false);
      HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1,
          upgrade ? new HttpResponseStatus(101, "UPGRADED") : HttpResponseStatus.OK);
      standardHeaders(r.headers(), contentType);
      if (upgrade) {
        r.headers().set("Connection", "Upgrade");
        r.headers().set("Upgrade", "tcp");
      }
      ctx.writeAndFlush(r);
      // From here on the connection carries raw bytes: Netty's HTTP handlers step aside.
      ctx.pipeline().remove(AGGREGATOR);
      ctx.pipeline().remove(CODEC);
    }

    @Override
    public void raw(byte[] data) {
      ctx.writeAndFlush(Unpooled.wrappedBuffer(data));
    }

    @Override
    public void close() {
      ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public boolean isOpen() {
      return ctx.channel().isActive();
    }
  }
}
