package dev.cnm.api.error;

/**
 * The closed set of error classes Docker reports, each with the HTTP status the Engine API
 * answers with (moby {@code errdefs}).
 *
 * <pre>{@code
 * catch (CnmException e) {
 *   if (e.kind() == ErrorKind.NOT_FOUND) { ... }
 *   response.status(e.kind().httpStatus());
 * }
 * }</pre>
 */
public enum ErrorKind {
  /** Bad input: a malformed name, CIDR, port or option (400). */
  INVALID_PARAMETER(400),
  /** The operation is not allowed on this object, for example a predefined network (403). */
  FORBIDDEN(403),
  /** The referenced object does not exist (404). */
  NOT_FOUND(404),
  /** The request conflicts with the current state: a name in use, a port allocated (409). */
  CONFLICT(409),
  /** The operation is not implemented by this driver or engine (501). */
  NOT_IMPLEMENTED(501),
  /** A service the operation needs is unavailable, for example the global store (503). */
  UNAVAILABLE(503),
  /** An internal failure (500). */
  SYSTEM(500);

  private final int httpStatus;

  ErrorKind(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  /** {@return the HTTP status the Docker Engine API uses for this kind of error} */
  public int httpStatus() {
    return httpStatus;
  }
}
