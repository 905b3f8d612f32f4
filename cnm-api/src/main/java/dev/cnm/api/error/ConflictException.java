package dev.cnm.api.error;

/**
 * A conflict with the current state (HTTP 409), for example a container name already in use.
 *
 * <pre>{@code
 * throw new ConflictException("...Docker's message...");
 * }</pre>
 */
public class ConflictException extends CnmException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception with Docker's message.
   *
   * @param message Docker's message, word for word
   */
  public ConflictException(String message) {
    super(ErrorKind.CONFLICT, message);
  }

  /**
   * Creates the exception with Docker's message and a cause.
   *
   * @param message Docker's message, word for word
   * @param cause the lower layer's failure, or null
   */
  public ConflictException(String message, Throwable cause) {
    super(ErrorKind.CONFLICT, message, cause);
  }
}
