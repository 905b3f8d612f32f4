package dev.cnm.api.error;

/**
 * A referenced object does not exist (HTTP 404), for example {@code No such container: web}.
 *
 * <pre>{@code
 * throw new NotFoundException("...Docker's message...");
 * }</pre>
 */
public class NotFoundException extends CnmException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception with Docker's message.
   *
   * @param message Docker's message, word for word
   */
  public NotFoundException(String message) {
    super(ErrorKind.NOT_FOUND, message);
  }

  /**
   * Creates the exception with Docker's message and a cause.
   *
   * @param message Docker's message, word for word
   * @param cause the lower layer's failure, or null
   */
  public NotFoundException(String message, Throwable cause) {
    super(ErrorKind.NOT_FOUND, message, cause);
  }
}
