package dev.cnm.api.error;

import static java.util.Objects.requireNonNull;

/**
 * The root of every failure the model reports. The message is Docker's, word for word; the
 * {@linkplain #kind() kind} is Docker's error class. Subclasses exist per kind, and typed leaves
 * exist where callers branch on them (for example a name conflict).
 *
 * <p>A failed operation always leaves the engine exactly as it was before the call.
 *
 * <pre>{@code
 * try {
 *   engine.createNetwork(NetworkSpec.of("bridge"));
 * } catch (CnmException e) {
 *   System.err.println("Error response from daemon: " + e.getMessage());
 *   int status = e.kind().httpStatus(); // 403
 * }
 * }</pre>
 */
public class CnmException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Docker's error class, which the Engine API maps to an HTTP status. */
  private final ErrorKind kind;

  /**
   * Creates an exception of the given kind with Docker's message.
   *
   * @param kind Docker's error class
   * @param message Docker's message, word for word
   */
  public CnmException(ErrorKind kind, String message) {
    super(requireNonNull(message, "message"));
    this.kind = requireNonNull(kind, "kind");
  }

  /**
   * Creates an exception of the given kind with Docker's message and a cause.
   *
   * @param kind Docker's error class
   * @param message Docker's message, word for word
   * @param cause the lower layer's failure, or null
   */
  public CnmException(ErrorKind kind, String message, Throwable cause) {
    super(requireNonNull(message, "message"), cause);
    this.kind = requireNonNull(kind, "kind");
  }

  /** {@return Docker's error class of this failure} */
  public final ErrorKind kind() {
    return kind;
  }

  /**
   * {@return an exception of the same kind whose message is {@code prefix + ": " + message}, with
   * this exception as its cause: the way Docker wraps a lower layer's error (for example
   * {@code failed to set up container networking: ...})} Callers that branch on a typed leaf find
   * it as the {@linkplain #getCause() cause}.
   *
   * @param prefix what the outer layer was doing, such as
   *     {@code failed to set up container networking}
   */
  public CnmException wrap(String prefix) {
    return of(kind, prefix + ": " + getMessage(), this);
  }

  /**
   * Creates an exception of any kind (its kind's subclass); a convenience for drivers and adapters.
   *
   * @param kind Docker's error class
   * @param message Docker's message, word for word
   * @return an exception of {@code kind}'s subclass, such as {@link NotFoundException} for
   *     {@link ErrorKind#NOT_FOUND}
   */
  public static CnmException of(ErrorKind kind, String message) {
    return of(kind, message, null);
  }

  /**
   * Creates an exception of any kind (its kind's subclass) with a cause, which may be null.
   *
   * @param kind Docker's error class
   * @param message Docker's message, word for word
   * @param cause the lower layer's failure, or null
   * @return an exception of {@code kind}'s subclass, such as {@link NotFoundException} for
   *     {@link ErrorKind#NOT_FOUND}
   */
  public static CnmException of(ErrorKind kind, String message, Throwable cause) {
    switch (kind) {
      case INVALID_PARAMETER:
        return new InvalidParameterException(message, cause);
      case FORBIDDEN:
        return new ForbiddenException(message, cause);
      case NOT_FOUND:
        return new NotFoundException(message, cause);
      case CONFLICT:
        return new ConflictException(message, cause);
      case NOT_IMPLEMENTED:
        return new NotImplementedException(message, cause);
      case UNAVAILABLE:
        return new UnavailableException(message, cause);
      case SYSTEM:
      default:
        return new SystemException(message, cause);
    }
  }
}
