package dev.cnm.cli;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.Engine;
import dev.cnm.api.error.CnmException;
import dev.cnm.api.event.Event;
import dev.cnm.api.event.EventQuery;
import dev.cnm.api.process.LogEntry;
import dev.cnm.api.process.LogOptions;
import dev.cnm.api.process.LogStream;
import dev.cnm.api.process.WaitCondition;
import dev.cnm.api.process.WaitResult;
import dev.cnm.core.filter.EventFilters;
import dev.cnm.core.json.DockerJson;
import dev.cnm.core.template.Template;
import dev.cnm.core.template.TemplateException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * The commands that may wait for the engine: {@code logs}, {@code wait} and {@code events}, with
 * docker 28's flags, output and exit codes. What they wait for comes in {@linkplain Commands.Follow
 * rounds}: each round reads the state again, under its lock, so that the commands of other
 * processes (a {@code kill}, a {@code run}) go on between rounds and are seen by the next one.
 */
final class FollowCommands {
  /** docker/cli's {@code rfc3339NanoFixed}, in the local zone, as {@code docker events} prints a time. */
  private static final DateTimeFormatter EVENT_TIME = new DateTimeFormatterBuilder()
      .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
      .appendFraction(ChronoField.NANO_OF_SECOND, 9, 9, true)
      .appendOffset("+HH:MM", "Z")
      .toFormatter();

  private final Commands ctx;

  FollowCommands(Commands ctx) {
    this.ctx = ctx;
  }

  /** The spec of {@code name} ({@code logs}, {@code wait}, {@code events}). */
  Args spec(String name) {
    switch (name) {
      case "logs":
        return Args.interspersed(name).describe("Fetch the logs of a container")
            .flag("-f", "--follow").value("--since").value("--until").flag("-t", "--timestamps")
            .flag("--details").value("-n", "--tail").body(this::logs);
      case "wait":
        return Args.interspersed(name)
            .describe("Block until one or more containers stop, then print their exit codes").body(this::await);
      case "events":
        return Args.interspersed(name).describe("Get real time events from the server")
            .value("--since").value("--until").values("-f", "--filter").value("--format").body(this::events);
      default:
        throw new IllegalArgumentException("not a follow command: " + name);
    }
  }

  /** The command's time as a clock in the local zone: what relative times count back from. */
  private Clock clock() {
    return Clock.fixed(ctx.now(), ZoneId.systemDefault());
  }

  // ---- logs -----------------------------------------------------------------------------------

  /**
   * {@code logs}: the container's entries in the window, stdout to stdout and stderr to stderr
   * (both to stdout with a TTY); with {@code -f}, then the new ones until the container stops.
   */
  private int logs(Args a) {
    String ref = ArgCount.exactly(a, 1, "CONTAINER").get(0);
    Engine engine = ctx.engine();
    ContainerInfo c = engine.container(ref);
    LogOptions.Builder options = LogOptions.builder();
    if (a.given("--since") && !a.get("--since").isEmpty()) {
      options.since(EventFilters.timestamp(a.get("--since"), clock()));
    }
    if (a.given("--until") && !a.get("--until").isEmpty() && !a.get("--until").equals("0")) {
      options.until(EventFilters.timestamp(a.get("--until"), clock()));
    }
    int tail = tail(a.get("-n", "all"));
    if (tail >= 0) {
      options.tail(tail);
    }
    LogOptions first = options.build();
    LogPrinter printer = new LogPrinter(c.spec().tty(), a.has("-t"), a.has("--details"));
    printer.print(engine.logs(c.id(), first));
    if (!a.has("-f") || !(c.isRunning() || c.isRestarting()) || first.until().isPresent()) {
      return 0;
    }
    // Following: every entry after those printed, until the container stops.
    String id = c.id();
    ctx.follow(new Commands.Follow() {
      @Override
      public boolean round() {
        Engine e = ctx.engine();
        LogOptions.Builder next = LogOptions.builder();
        printer.last().ifPresent(next::since);
        List<LogEntry> entries;
        boolean running;
        try {
          entries = e.logs(id, next.build());
          ContainerInfo now = e.container(id);
          running = now.isRunning() || now.isRestarting();
        } catch (CnmException gone) {
          return true; // removed meanwhile: its log went with it
        }
        printer.print(entries);
        return !running;
      }

      @Override
      public int exitCode() {
        return 0;
      }
    });
    return 0;
  }

  /** moby's {@code strconv.Atoi(Tail)}: a number, else (and when negative) every entry. */
  private static int tail(String value) {
    try {
      int n = Integer.parseInt(value);
      return n < 0 ? -1 : n;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * What a follower printed: the latest time, and what it printed at that time. A round asks from
   * that time on, so it reads those again, and they are skipped.
   */
  private static final class Seen {
    private Instant last;
    private final Set<String> atLast = new HashSet<>();

    java.util.Optional<Instant> last() {
      return java.util.Optional.ofNullable(last);
    }

    /** Whether {@code key} at {@code time} is new (and now seen). */
    boolean first(Instant time, String key) {
      if (last != null && (time.isBefore(last) || time.equals(last) && atLast.contains(key))) {
        return false;
      }
      if (last == null || time.isAfter(last)) {
        last = time;
        atLast.clear();
      }
      atLast.add(key);
      return true;
    }
  }

  /** Prints log entries once each, though a round reads some of them again. */
  private final class LogPrinter {
    private final boolean tty;
    private final boolean timestamps;
    private final boolean details;
    private final Seen seen = new Seen();

    LogPrinter(boolean tty, boolean timestamps, boolean details) {
      this.tty = tty;
      this.timestamps = timestamps;
      this.details = details;
    }

    java.util.Optional<Instant> last() {
      return seen.last();
    }

    void print(List<LogEntry> entries) {
      for (LogEntry e : entries) {
        if (!seen.first(e.time(), e.stream() + " " + e.text())) {
          continue;
        }
        // moby's WriteLogStream: the details (no attributes here) and a space, then the time first.
        String text = details ? " " + e.text() : e.text();
        String line = timestamps ? LogEntry.of(e.stream(), e.time(), text).render(true) : text;
        PrintStream to = tty || e.stream() == LogStream.STDOUT ? ctx.out() : ctx.err();
        to.print(line);
      }
    }
  }

  // ---- wait -----------------------------------------------------------------------------------

  /**
   * {@code wait}: each container's exit code, in the order given, once it is not running; a
   * missing container is the daemon's error (exit 1 at the end, the others still waited for).
   */
  private int await(Args a) {
    List<String> refs = ArgCount.atLeast(a, 1, "CONTAINER [CONTAINER...]");
    int[] next = {0};
    boolean[] failed = {false};
    Commands.Follow follow = new Commands.Follow() {
      @Override
      public boolean round() {
        while (next[0] < refs.size()) {
          String ref = refs.get(next[0]);
          try {
            // The engine's not-running condition, as the CLI's wait asks for it.
            CompletableFuture<WaitResult> exit = ctx.engine().waitFor(ref, WaitCondition.NOT_RUNNING);
            if (!exit.isDone()) {
              return false;
            }
            ctx.out().println(exit.join().statusCode());
          } catch (CnmException e) {
            ctx.err().println(Commands.DAEMON + e.getMessage());
            failed[0] = true;
          }
          next[0]++;
        }
        return true;
      }

      @Override
      public int exitCode() {
        return failed[0] ? 1 : 0;
      }
    };
    if (!follow.round()) {
      ctx.follow(follow);
    }
    return follow.exitCode();
  }

  // ---- events ---------------------------------------------------------------------------------

  /**
   * {@code events}: the events the engine holds in the window, as docker prints them ({@code
   * --format} a template over each event's JSON); without {@code --until}, or with one still to
   * come, the new ones as they happen, until then or until interrupted.
   */
  private int events(Args a) {
    ArgCount.none(a);
    Template template;
    String format = a.get("--format", "");
    // The whole event as JSON in the order of moby's events.Message fields, which a template over
    // the JSON tree (a map to it, keys sorted) would not keep.
    boolean json = format.equals("json") || format.strip().equals("{{json .}}");
    try {
      template = format.isEmpty() || json ? null : Inputs.template(format);
    } catch (TemplateException e) {
      ctx.err().println("Error parsing format: " + e.getMessage());
      return Commands.EXIT_TEMPLATE;
    }
    Clock clock = clock();
    Instant now = clock.instant();
    EventQuery.Builder q = EventQuery.builder()
        .filter(EventFilters.of(Inputs.filters(a.all("-f"), "-f, --filter")));
    if (a.given("--since") && !a.get("--since").isEmpty()) {
      q.since(EventFilters.timestamp(a.get("--since"), clock));
    } else {
      q.since(now); // without --since, only what happens from now on
    }
    Instant until = null;
    if (a.given("--until") && !a.get("--until").isEmpty()) {
      until = EventFilters.timestamp(a.get("--until"), clock);
      q.until(until);
    }
    EventQuery query = q.build();
    EventPrinter printer = new EventPrinter(template, json);
    printer.print(ctx.engine().events(query));
    if (until != null && !until.isAfter(now)) {
      return 0;
    }
    Instant end = until;
    ctx.follow(new Commands.Follow() {
      @Override
      public boolean round() {
        EventQuery.Builder next = EventQuery.builder().from(query);
        printer.last().ifPresent(next::since);
        printer.print(ctx.engine().events(next.build()));
        return end != null && ctx.engine().clock().now().isAfter(end);
      }

      @Override
      public int exitCode() {
        return 0;
      }
    });
    return 0;
  }

  /** Prints events once each, though a round reads some of them again. */
  private final class EventPrinter {
    private final Template template;
    private final boolean json;
    private final Seen seen = new Seen();

    EventPrinter(Template template, boolean json) {
      this.template = template;
      this.json = json;
    }

    java.util.Optional<Instant> last() {
      return seen.last();
    }

    void print(List<Event> events) {
      for (Event e : events) {
        String doc = DockerJson.event(e).toString();
        if (!seen.first(e.time(), doc)) {
          continue;
        }
        ctx.out().println(json ? doc : template == null ? pretty(e) : template.execute(DockerJson.event(e)));
      }
    }
  }

  /**
   * docker/cli's {@code prettyPrintEvent}: the time, the type, the action and the actor's id, then
   * its attributes sorted by key in parentheses.
   */
  static String pretty(Event e) {
    StringBuilder sb = new StringBuilder();
    sb.append(EVENT_TIME.format(e.time().atZone(ZoneId.systemDefault()))).append(' ');
    sb.append(e.type()).append(' ').append(e.action()).append(' ').append(e.actorId());
    Map<String, String> attrs = new TreeMap<>(e.attributes());
    if (!attrs.isEmpty()) {
      List<String> kv = new ArrayList<>();
      attrs.forEach((k, v) -> kv.add(k + "=" + v));
      sb.append(" (").append(String.join(", ", kv)).append(')');
    }
    return sb.toString();
  }
}
