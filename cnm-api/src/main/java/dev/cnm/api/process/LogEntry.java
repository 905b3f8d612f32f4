package dev.cnm.api.process;

import dev.cnm.api.CnmStyle;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import org.immutables.value.Value;

/**
 * One write of a container's process to its standard output or error, with the time the engine
 * logged it: what {@code docker logs} prints, and what the json-file driver stores per line.
 *
 * <pre>{@code
 * for (LogEntry e : engine.logs("web", LogOptions.all())) {
 *   System.out.print(e.render(true)); // "2025-06-02T09:00:01.000000001Z listening\n"
 * }
 * }</pre>
 */
@Value.Immutable
@CnmStyle
public abstract class LogEntry {
  /**
   * moby's {@code jsonmessage.RFC3339NanoFixed}, which the daemon's log stream uses for {@code
   * docker logs -t}: nine digits of fraction, zeros kept, so that the lines align.
   */
  private static final DateTimeFormatter RFC3339_NANO = new DateTimeFormatterBuilder()
      .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
      .appendFraction(ChronoField.NANO_OF_SECOND, 9, 9, true)
      .appendLiteral('Z')
      .toFormatter()
      .withZone(ZoneOffset.UTC);

  LogEntry() {}

  /** {@return the stream it was written to} */
  @Value.Parameter
  public abstract LogStream stream();

  /** {@return when the engine logged it} */
  @Value.Parameter
  public abstract Instant time();

  /** {@return what was written, as written: a line ends with its newline} */
  @Value.Parameter
  public abstract String text();

  /**
   * {@return the entry as {@code docker logs} prints it: the text, preceded with {@code
   * timestamps} by the time in RFC 3339 with nanoseconds and a space}
   *
   * @param timestamps whether to print the time first ({@code docker logs -t})
   */
  public String render(boolean timestamps) {
    return timestamps ? RFC3339_NANO.format(time()) + " " + text() : text();
  }

  /**
   * {@return an entry}
   *
   * @param stream the stream it was written to
   * @param time when it was logged
   * @param text what was written
   */
  public static LogEntry of(LogStream stream, Instant time, String text) {
    return ImmutableLogEntry.of(stream, time, text);
  }
}
