package dev.cnm.cli;

/** The state directory or file cannot be used; the message names the file. */
final class StateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  StateException(String message) {
    super(message);
  }
}
