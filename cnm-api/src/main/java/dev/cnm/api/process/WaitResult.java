package dev.cnm.api.process;

import dev.cnm.api.CnmStyle;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What {@code POST /containers/{id}/wait} answers: the exit code, and the container's last error
 * when it has one (moby {@code container.WaitResponse}: {@code StatusCode}, {@code Error.Message}).
 *
 * <pre>{@code
 * WaitResult r = engine.await("migrate", WaitCondition.NOT_RUNNING);
 * if (r.statusCode() != 0) { ... }
 * }</pre>
 */
@Value.Immutable
@CnmStyle
public abstract class WaitResult {
  WaitResult() {}

  /** {@return the container's exit code ({@code StatusCode})} */
  @Value.Parameter
  public abstract int statusCode();

  /** {@return the container's last error ({@code Error.Message}), such as a failed start} */
  @Value.Parameter
  public abstract Optional<String> error();

  /**
   * {@return a result}
   *
   * @param statusCode the exit code
   * @param error the error message, if any
   */
  public static WaitResult of(int statusCode, Optional<String> error) {
    return ImmutableWaitResult.of(statusCode, error);
  }
}
