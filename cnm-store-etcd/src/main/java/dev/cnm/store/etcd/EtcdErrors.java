package dev.cnm.store.etcd;

import dev.cnm.api.store.StoreUnavailableException;
import dev.cnm.api.store.StoreUnavailableException.Outcome;
import io.etcd.jetcd.common.exception.ClosedClientException;
import io.etcd.jetcd.common.exception.EtcdException;
import io.grpc.Status;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns jetcd failures into {@link StoreUnavailableException}s whose outcome is honest about a
 * write: {@code FAILED} only when the request provably never reached the point of being applied,
 * {@code UNKNOWN} otherwise; the message of a failed write ends with {@code (not applied)} or
 * {@code (outcome unknown)} accordingly.
 *
 * <p>Definitely not applied: the connection was refused (nothing was sent); the member answered
 * {@code etcdserver: no leader} or {@code too many requests} (checked before proposing); or the
 * request was refused as invalid. Everything else during a write, a timeout, a dropped connection,
 * {@code etcdserver: request timed out} or {@code leader changed}, is in doubt: the proposal may be
 * committed later.
 */
final class EtcdErrors {
  private EtcdErrors() {}

  static RuntimeException fromFailure(Throwable failure, boolean write, String what) {
    Throwable cause = unwrap(failure);
    if (cause instanceof ClosedClientException) {
      return new IllegalStateException("etcd store is closed", cause);
    }
    Status.Code code;
    String description;
    if (cause instanceof EtcdException) {
      code = statusCode((EtcdException) cause);
      description = cause.getMessage();
    } else {
      Status status = Status.fromThrowable(cause);
      code = status.getCode();
      description = status.getDescription() != null ? status.getDescription() : String.valueOf(cause);
    }
    Outcome outcome = write && inDoubt(code, description, cause) ? Outcome.UNKNOWN : Outcome.FAILED;
    return new StoreUnavailableException(outcome, message(what, code + ": " + description, write, outcome), cause);
  }

  static StoreUnavailableException timeout(Duration timeout, boolean write, String what, Throwable cause) {
    Outcome outcome = write ? Outcome.UNKNOWN : Outcome.FAILED;
    return new StoreUnavailableException(
        outcome, message(what, "no answer within " + timeout.toMillis() + " ms", write, outcome), cause);
  }

  static StoreUnavailableException interrupted(boolean write, String what, InterruptedException e) {
    Outcome outcome = write ? Outcome.UNKNOWN : Outcome.FAILED;
    return new StoreUnavailableException(outcome, message(what, "interrupted", write, outcome), e);
  }

  private static Status.Code statusCode(EtcdException e) {
    try {
      return Status.Code.valueOf(e.getErrorCode().name()); // jetcd's ErrorCode mirrors gRPC's codes
    } catch (IllegalArgumentException | NullPointerException unknown) {
      return Status.Code.UNKNOWN;
    }
  }

  /**
   * {@code etcd <what> failed: <detail>}, and for a write what became of it: {@code (not applied)}
   * or {@code (outcome unknown)}. A write that returns normally landed.
   */
  private static String message(String what, String detail, boolean write, Outcome outcome) {
    String fate = !write ? "" : outcome == Outcome.UNKNOWN ? " (outcome unknown)" : " (not applied)";
    return "etcd " + what + " failed: " + detail + fate;
  }

  private static boolean inDoubt(Status.Code code, String description, Throwable cause) {
    if (causedBy(cause, ConnectException.class)) {
      return false; // refused before anything was sent
    }
    String d = description == null ? "" : description;
    if (d.contains("etcdserver: no leader") || d.contains("etcdserver: too many requests")) {
      return false; // refused by the member before proposing
    }
    switch (code) {
      case INVALID_ARGUMENT:
      case FAILED_PRECONDITION:
      case PERMISSION_DENIED:
      case UNAUTHENTICATED:
      case OUT_OF_RANGE:
      case RESOURCE_EXHAUSTED:
      case UNIMPLEMENTED:
      case ALREADY_EXISTS:
      case NOT_FOUND:
        return false; // refused, not applied
      default:
        return true; // UNAVAILABLE, DEADLINE_EXCEEDED, CANCELLED, UNKNOWN, INTERNAL, ABORTED, DATA_LOSS
    }
  }

  private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  private static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof ExecutionException || c instanceof CompletionException) && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }
}
