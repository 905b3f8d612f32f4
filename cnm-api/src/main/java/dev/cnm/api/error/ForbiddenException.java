package dev.cnm.api.error;

/**
 * An operation that is not allowed (HTTP 403), for example removing a predefined network.
 *
 * <pre>{@code
 * throw new ForbiddenException("...Docker's message...");
 * }</pre>
 */
public class ForbiddenException extends CnmException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception with Docker's message.
   *
   * @param message Docker's message, word for word
   */
  public ForbiddenException(String message) {
    super(ErrorKind.FORBIDDEN, message);
  }

  /**
   * Creates the exception with Docker's message and a cause.
   *
   * @param message Docker's message, word for word
   * @param cause the lower layer's failure, or null
   */
  public ForbiddenException(String message, Throwable cause) {
    super(ErrorKind.FORBIDDEN, message, cause);
  }
}
