package dev.cnm.testkit.faults;

import dev.cnm.api.error.SystemException;

/**
 * The failure a {@link FaultInjector} throws by default instead of calling the driver: a {@link
 * SystemException}, as a driver failing for a reason of its own would throw.
 *
 * <pre>{@code
 * assertThatThrownBy(() -> engine.run(spec)).hasRootCauseInstanceOf(InjectedFaultException.class);
 * }</pre>
 */
public final class InjectedFaultException extends SystemException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception, naming the call it replaced.
   *
   * @param message names the call the fault replaced
   */
  public InjectedFaultException(String message) {
    super(message);
  }

  private InjectedFaultException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * {@return the same fault, its message prefixed as the engine wraps a driver's error, with this
   * as its cause}
   *
   * @param prefix what the outer layer was doing
   */
  @Override
  public InjectedFaultException wrap(String prefix) {
    return new InjectedFaultException(wrappedMessage(prefix), this);
  }
}
