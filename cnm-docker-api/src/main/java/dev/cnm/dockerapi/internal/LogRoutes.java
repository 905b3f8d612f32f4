package dev.cnm.dockerapi.internal;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.process.LogEntry;
import dev.cnm.api.process.LogListener;
import dev.cnm.api.process.LogOptions;
import dev.cnm.api.process.LogStream;
import dev.cnm.api.process.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code GET /containers/{name}/logs} (moby's {@code getContainersLogs} and {@code
 * httputils.WriteLogStream}): the container's log as Docker's multiplexed frames, or raw for a
 * container with a TTY; with {@code follow}, the new entries until the container stops. The reply
 * is a stream whose headers go out at once; a follow never holds a thread while it waits, the
 * engine's deliveries write to it.
 */
final class LogRoutes {
  /** moby's {@code rfc3339NanoFixed}: always nine digits of the second's fraction. */
  private static final DateTimeFormatter FIXED = DateTimeFormatter
      .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

  private final ApiState state;
  private final Followers followers;

  LogRoutes(ApiState state, Followers followers) {
    this.state = state;
    this.followers = followers;
  }

  void register(Router.Builder routes) {
    routes.get("/containers/{name}/logs", this::logs);
  }

  private void logs(Request r, Conn c) {
    boolean stdout = r.flag("stdout");
    boolean stderr = r.flag("stderr");
    if (!stdout && !stderr) {
      throw new InvalidParameterException("Bad parameters: you must choose at least one stream");
    }
    ContainerInfo ci = state.engine.container(r.var("name"));
    LogOptions.Builder b = LogOptions.builder().stdout(stdout).stderr(stderr);
    // moby: a tail that is not a number ("all") is everything, and so is a negative one
    String tail = r.param("tail").orElse("");
    try {
      int t = Integer.parseInt(tail);
      if (t >= 0) {
        b.tail(t);
      }
    } catch (NumberFormatException all) {
      // every entry
    }
    String since = r.param("since").orElse("");
    if (!since.isEmpty()) {
      b.since(EventRoutes.timestamp(since));
    }
    String until = r.param("until").orElse("");
    if (!until.isEmpty() && !until.equals("0")) {
      b.until(EventRoutes.timestamp(until));
    }
    LogOptions options = b.build();
    boolean tty = ci.spec().tty();
    boolean timestamps = r.flag("timestamps");
    c.startChunked(200, tty || r.versionBelow("1.42") ? Streams.RAW : Streams.MULTIPLEXED);
    if (!r.flag("follow")) {
      for (LogEntry e : state.engine.logs(ci.id(), options)) {
        write(c, e, tty, timestamps);
      }
      c.endChunked();
      return;
    }
    AtomicReference<Subscription> sub = new AtomicReference<>();
    Subscription s = state.engine.followLogs(ci.id(), options, new LogListener() {
      @Override
      public void onEntry(LogEntry entry) {
        write(c, entry, tty, timestamps);
      }

      @Override
      public void onEnd() {
        Subscription mine = sub.getAndSet(null);
        if (mine != null) {
          followers.end(mine);
        }
        c.endChunked();
      }
    });
    sub.set(s);
    if (s.isActive()) {
      followers.add(s, c);
    } else {
      sub.set(null);
    }
  }

  /** One entry, a frame per line as the json-file driver stores lines; a TTY's newlines are CR LF. */
  private static void write(Conn c, LogEntry e, boolean tty, boolean timestamps) {
    String prefix = timestamps ? FIXED.format(e.time()) + " " : "";
    String text = e.text();
    int start = 0;
    while (start < text.length()) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? text.length() : nl + 1;
      String line = text.substring(start, end);
      if (tty && line.endsWith("\n") && !line.endsWith("\r\n")) {
        line = line.substring(0, line.length() - 1) + "\r\n";
      }
      byte[] bytes = (prefix + line).getBytes(StandardCharsets.UTF_8);
      c.chunk(tty ? bytes : Streams.frame(e.stream() == LogStream.STDOUT ? 1 : 2, bytes));
      start = end;
    }
  }
}
