package dev.cnm.cli;

/** A command line the CLI refuses before it reaches the engine (docker's cobra/pflag errors). */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
