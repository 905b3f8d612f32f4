package dev.cnm.api.error;

/**
 * Bad input (HTTP 400), for example {@code Invalid container name (x), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed}.
 *
 * <pre>{@code
 * throw new InvalidParameterException("...Docker's message...");
 * }</pre>
 */
public class InvalidParameterException extends CnmException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception with Docker's message.
   *
   * @param message Docker's message, word for word
   */
  public InvalidParameterException(String message) {
    super(ErrorKind.INVALID_PARAMETER, message);
  }

  /**
   * Creates the exception with Docker's message and a cause.
   *
   * @param message Docker's message, word for word
   * @param cause the lower layer's failure, or null
   */
  public InvalidParameterException(String message, Throwable cause) {
    super(ErrorKind.INVALID_PARAMETER, message, cause);
  }
}
