package dev.cnm.api.error;

/**
 * An internal failure (HTTP 500).
 *
 * <pre>{@code
 * throw new SystemException("...Docker's message...");
 * }</pre>
 */
public class SystemException extends CnmException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception with Docker's message.
   *
   * @param message Docker's message, word for word
   */
  public SystemException(String message) {
    super(ErrorKind.SYSTEM, message);
  }

  /**
   * Creates the exception with Docker's message and a cause.
   *
   * @param message Docker's message, word for word
   * @param cause the lower layer's failure, or null
   */
  public SystemException(String message, Throwable cause) {
    super(ErrorKind.SYSTEM, message, cause);
  }
}
