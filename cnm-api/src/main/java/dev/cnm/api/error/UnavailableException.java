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

  /**
   * Creates the exception with Docker's message.
   *
   * @param message Docker's message, word for word
   */
  public UnavailableException(String message) {
    super(ErrorKind.UNAVAILABLE, message);
  }

  /**
   * Creates the exception with Docker's message and a cause.
   *
   * @param message Docker's message, word for word
   * @param cause the lower layer's failure, or null
   */
  public UnavailableException(String message, Throwable cause) {
    super(ErrorKind.UNAVAILABLE, message, cause);
  }
}
