package dev.cnm.api.error;

/**
 * An operation a driver or the engine does not implement (HTTP 501).
 *
 * <pre>{@code
 * throw new NotImplementedException("...Docker's message...");
 * }</pre>
 */
public class NotImplementedException extends CnmException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception with Docker's message.
   *
   * @param message Docker's message, word for word
   */
  public NotImplementedException(String message) {
    super(ErrorKind.NOT_IMPLEMENTED, message);
  }

  /**
   * Creates the exception with Docker's message and a cause.
   *
   * @param message Docker's message, word for word
   * @param cause the lower layer's failure, or null
   */
  public NotImplementedException(String message, Throwable cause) {
    super(ErrorKind.NOT_IMPLEMENTED, message, cause);
  }
}
