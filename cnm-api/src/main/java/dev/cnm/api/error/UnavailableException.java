package dev.cnm.api.error;

/**
 * A service the operation needs is unavailable (HTTP 503), for example the global store.
 *
 * <pre>{@code
 * throw new UnavailableException("...Docker's message...");
 * }</pre>
 */
public class UnavailableException extends CnmException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with Docker's message. */
  public UnavailableException(String message) {
    super(ErrorKind.UNAVAILABLE, message);
  }

  /** Creates the exception with Docker's message and a cause. */
  public UnavailableException(String message, Throwable cause) {
    super(ErrorKind.UNAVAILABLE, message, cause);
  }
}
