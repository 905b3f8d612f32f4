package dev.cnm.cli;

/** A validation error the docker CLI itself reports, before asking the daemon. */
final class ClientError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ClientError(String message) {
    super(message);
  }
}
