package dev.cnm.dockerapi.internal;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The first handler of every connection: it keeps the connection inside the server's budget.
 * A connection is idle (no request), reading one, busy (its request is being answered) or
 * streaming (a {@code wait}, an attach, an exec: long-lived by design). An idle connection is
 * closed after the idle timeout, and one that started a request but did not finish sending it
 * after the request timeout (Go's {@code ReadHeaderTimeout}, for the body too); a busy or
 * streaming one is never timed out. Beyond {@link Connections}' limit, the longest-idle
 * connection makes room for a new one; when every connection is busy, the new one is refused with
 * a 503. Runs on the server's network thread, as does every method here.
 */
final class ConnectionGuard extends ChannelInboundHandlerAdapter {
  enum Phase { IDLE, READING, BUSY, STREAMING }

  private static final byte[] REFUSED = refusal();

  private final Connections connections;
  private final Duration idleTimeout;
  private final Duration requestTimeout;
  private ChannelHandlerContext ctx;
  private Phase phase = Phase.IDLE;
  private ScheduledFuture<?> timer;
  /** Whether this connection holds one of the limit's places. */
  boolean counted;

  ConnectionGuard(Connections connections, Duration idleTimeout, Duration requestTimeout) {
    this.connections = connections;
    this.idleTimeout = idleTimeout;
    this.requestTimeout = requestTimeout;
  }

  Phase phase() {
    return phase;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    if (!connections.admit(this)) {
      // Written raw: the HTTP codec behind this handler has seen no request to answer.
      ctx.writeAndFlush(Unpooled.wrappedBuffer(REFUSED)).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    arm(idleTimeout);
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (phase == Phase.IDLE) {
      phase = Phase.READING;
      arm(requestTimeout);
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    cancel();
    connections.closed(this);
    ctx.fireChannelInactive();
  }

  /** A whole request arrived and is being answered: no timeout applies until it is. */
  void requestReceived() {
    cancel();
    phase = Phase.BUSY;
    connections.busy(this);
  }

  /** The request was answered and the connection is kept: idle again. */
  void responded() {
    phase = Phase.IDLE;
    connections.idle(this);
    arm(idleTimeout);
  }

  /** The reply became a stream, which lasts as long as it needs to. */
  void streaming() {
    cancel();
    phase = Phase.STREAMING;
    connections.busy(this);
  }

  /** Closes this connection to make room for a new one. */
  void evict() {
    cancel();
    ctx.close();
  }

  private void arm(Duration timeout) {
    cancel();
    if (timeout.isZero()) {
      return;
    }
    timer = ctx.executor().schedule(() -> {
      if (phase == Phase.IDLE || phase == Phase.READING) {
        ctx.close();
      }
    }, timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  private void cancel() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  private static byte[] refusal() {
    byte[] body = Api.errorBody("too many connections: the server is busy, try again later");
    String head = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: "
        + body.length + "\r\nConnection: close\r\n\r\n";
    byte[] h = head.getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[h.length + body.length];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(body, 0, all, h.length, body.length);
    return all;
  }
}
