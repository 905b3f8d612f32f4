package dev.cnm.api.error;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The root of every failure the model reports. The message is Docker's, word for word; the
 * {@linkplain #kind() kind} is Docker's error class. Subclasses exist per kind, and typed leaves
 * exist where callers branch on them (for example a name conflict).
 *
 * <p>A failed operation always leaves the engine exactly as it was before the call.
 *
 * <p><b>Wrapped errors keep their type.</b> Docker wraps a lower layer's error in the outer
 * layer's words ({@code failed to set up container networking: driver failed programming external
 * connectivity on endpoint web (...): Bind for 0.0.0.0:8080 failed: port is already allocated});
 * {@link #wrap} does the same, and a typed leaf (such as {@link
 * dev.cnm.api.port.PortAlreadyAllocatedException} or the IPAM errors of {@code dev.cnm.api.ipam})
 * returns its own type from it, with the same fields and the full wrapped message. So the
 * exception a caller catches is the specific one, whatever layer wrapped it, and {@link
 * #cause(Class)} finds a typed failure anywhere in the chain (for example one a third-party driver
 * threw as a plain subclass):
 *
 * <pre>{@code
 * try {
 *   engine.run(ContainerSpec.builder().image("nginx").portBindings(PortSpec.parse("8080:80")).build());
 * } catch (PortAlreadyAllocatedException e) {
 *   e.getMessage(); // failed to set up container networking: driver failed programming ...: Bind for 0.0.0.0:8080 failed: port is already allocated
 *   e.port();       // 8080
 * } catch (CnmException e) {
 *   Optional<MyDriverException> mine = e.cause(MyDriverException.class);
 * }
 * }</pre>
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
   * {@code failed to set up container networking: ...})} Typed leaves override this to return
   * their own type with the same fields, so that {@code catch (PortAlreadyAllocatedException e)}
   * fires however many layers wrapped the failure; any other exception becomes its kind's
   * subclass, and {@link #cause(Class)} still finds it.
   *
   * @param prefix what the outer layer was doing, such as
   *     {@code failed to set up container networking}
   */
  public CnmException wrap(String prefix) {
    return of(kind, wrappedMessage(prefix), this);
  }

  /**
   * {@return {@code prefix + ": " + getMessage()}, the message of {@link #wrap}} For typed leaves
   * that override {@code wrap}.
   *
   * @param prefix what the outer layer was doing
   */
  protected final String wrappedMessage(String prefix) {
    return requireNonNull(prefix, "prefix") + ": " + getMessage();
  }

  /**
   * {@return this exception, or else the outermost of its causes, that is a {@code type}; empty
   * when none is} A typed failure deep in a chain of wrappings is reached without walking {@link
   * #getCause()} by hand.
   *
   * <pre>{@code
   * catch (CnmException e) {
   *   e.cause(AddressInUseException.class).ifPresent(a -> retryWithout(a.address()));
   * }
   * }</pre>
   *
   * @param type the exception type looked for
   * @param <T> the exception type looked for
   */
  public final <T extends Throwable> Optional<T> cause(Class<T> type) {
    requireNonNull(type, "type");
    java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (Throwable t = this; t != null && seen.add(t); t = t.getCause()) {
      if (type.isInstance(t)) {
        return Optional.of(type.cast(t));
      }
    }
    return Optional.empty();
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
