package dev.cnm.api.process;

import static com.google.common.base.Preconditions.checkArgument;

import dev.cnm.api.CnmStyle;
import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Which log entries {@code docker logs} asks for: the streams, a time window, the last {@code
 * tail} entries, and whether the times are printed.
 *
 * <pre>{@code
 * LogOptions.all();                                                   // both streams, everything
 * LogOptions.builder().stderr(false).tail(10).timestamps(true).build(); // docker logs -t --tail 10, stdout only
 * }</pre>
 */
@Value.Immutable
@CnmStyle
public abstract class LogOptions {
  private static final LogOptions ALL = builder().build();

  LogOptions() {}

  /** {@return whether standard output is included; true by default} */
  @Value.Default
  public boolean stdout() {
    return true;
  }

  /** {@return whether standard error is included; true by default} */
  @Value.Default
  public boolean stderr() {
    return true;
  }

  /** {@return only entries at or after this instant ({@code --since})} */
  public abstract Optional<Instant> since();

  /** {@return only entries before or at this instant ({@code --until})} */
  public abstract Optional<Instant> until();

  /** {@return only the last this many entries of the window ({@code --tail}); all when empty} */
  public abstract Optional<Integer> tail();

  /**
   * {@return whether the front end prints each entry's time ({@code -t}); the engine returns the
   * times either way ({@link LogEntry#render})}
   */
  @Value.Default
  public boolean timestamps() {
    return false;
  }

  @Value.Check
  void check() {
    tail().ifPresent(t -> checkArgument(t >= 0, "negative tail: %s", t));
  }

  /**
   * {@return whether {@code e} passes the streams and the time window (not the tail)}
   *
   * @param e a log entry
   */
  public boolean includes(LogEntry e) {
    if (e.stream() == LogStream.STDOUT ? !stdout() : !stderr()) {
      return false;
    }
    if (since().isPresent() && e.time().isBefore(since().get())) {
      return false;
    }
    return until().isEmpty() || !e.time().isAfter(until().get());
  }

  /** {@return both streams, every entry} */
  public static LogOptions all() {
    return ALL;
  }

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link LogOptions} values. */
  public static final class Builder extends ImmutableLogOptions.Builder {}
}
