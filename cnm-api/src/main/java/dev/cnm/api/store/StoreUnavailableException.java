package dev.cnm.api.store;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.error.UnavailableException;

/**
 * The store could not be reached or did not answer in time. {@link #outcome()} says what happened
 * to a write: {@link Outcome#FAILED} means it was definitely not applied; {@link Outcome#UNKNOWN}
 * means it may have been applied, possibly even later, so the caller must re-read before deciding
 * anything (never retry blindly: a retried create or increment could then apply twice). A failed
 * read is always {@code FAILED}.
 *
 * <pre>{@code
 * try {
 *   store.compareAndSet(key, rev, next);
 * } catch (StoreUnavailableException e) {
 *   if (e.outcome() == StoreUnavailableException.Outcome.UNKNOWN) {
 *     // re-read: did my write land?
 *   }
 * }
 * }</pre>
 */
public final class StoreUnavailableException extends UnavailableException {
  private static final long serialVersionUID = 1L;

  /** What is known about the write that failed. */
  public enum Outcome {
    /** Definitely not applied (or the failed call was a read). */
    FAILED,
    /** May have been applied, now or later: re-read before retrying. */
    UNKNOWN
  }

  /** Whether a write of the failed call may have landed. */
  private final Outcome outcome;

  /**
   * Creates the exception with a message naming the store and the failure.
   *
   * @param outcome whether a write of the failed call may have landed
   * @param message a message naming the store and the failure
   */
  public StoreUnavailableException(Outcome outcome, String message) {
    super(message);
    this.outcome = requireNonNull(outcome, "outcome");
  }

  /**
   * Creates the exception with a message and the transport's cause.
   *
   * @param outcome whether a write of the failed call may have landed
   * @param message a message naming the store and the failure
   * @param cause the transport's failure
   */
  public StoreUnavailableException(Outcome outcome, String message, Throwable cause) {
    super(message, cause);
    this.outcome = requireNonNull(outcome, "outcome");
  }

  /** {@return whether the failed write was definitely not applied, or may have been} */
  public Outcome outcome() {
    return outcome;
  }

  /**
   * Wraps the way Docker does ({@code prefix + ": " + message}) and keeps the outcome, so a caller
   * several layers up can still tell whether to re-read.
   */
  @Override
  public StoreUnavailableException wrap(String prefix) {
    return new StoreUnavailableException(outcome, wrappedMessage(prefix), this);
  }
}
