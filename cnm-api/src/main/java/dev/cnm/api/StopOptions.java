package dev.cnm.api;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * How {@code docker stop} / {@code docker restart} stop a container: the signal ({@code -s},
 * else the container's stop signal, else {@code SIGTERM}) and the seconds to wait before {@code
 * SIGKILL} ({@code -t}, else the container's stop timeout, else 10; negative waits for ever).
 *
 * <pre>{@code
 * engine.stop("web", StopOptions.defaults());
 * engine.stop("web", StopOptions.builder().timeout(0).build()); // kill at once
 * }</pre>
 */
@Value.Immutable
@CnmStyle
public abstract class StopOptions {
  private static final StopOptions DEFAULTS = builder().build();

  StopOptions() {}

  /** {@return the signal as the user wrote it ({@code -s}); the container's stop signal when empty} */
  public abstract Optional<String> signal();

  /** {@return the seconds to wait before {@code SIGKILL} ({@code -t}); negative waits for ever} */
  public abstract Optional<Integer> timeout();

  /** {@return the container's own signal and timeout} */
  public static StopOptions defaults() {
    return DEFAULTS;
  }

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link StopOptions} values. */
  public static final class Builder extends ImmutableStopOptions.Builder {}
}
