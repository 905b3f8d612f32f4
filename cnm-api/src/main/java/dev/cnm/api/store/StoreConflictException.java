package dev.cnm.api.store;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.error.ConflictException;
import java.util.Optional;

/**
 * A create-only put found the key present, or a compare-and-set/delete found a different mod
 * revision (or no key at all). Nothing was written. The messages are libkv's, which libnetwork
 * surfaced to Docker users ({@code Unable to complete atomic operation, key modified}).
 *
 * <p>{@link #current()} is what the store saw when it refused the write: the key's entry, or empty
 * when the key does not exist. The right reaction is to re-read (or use {@code current()}),
 * recompute and try again; {@link StoreOps#update} does exactly that.
 *
 * <pre>{@code
 * try {
 *   store.compareAndSet(key, seen.modRevision(), next);
 * } catch (StoreConflictException e) {
 *   Optional<Versioned> now = e.current(); // recompute from this
 * }
 * }</pre>
 */
public final class StoreConflictException extends ConflictException {
  private static final long serialVersionUID = 1L;

  /** Why the write was refused. */
  public enum Reason {
    /** A create-only put found the key present (libkv {@code ErrKeyExists}). */
    KEY_EXISTS("Previous K/V pair exists, cannot complete Atomic operation"),
    /** The key's mod revision differs from the expected one, or the key is gone (libkv {@code ErrKeyModified}). */
    KEY_MODIFIED("Unable to complete atomic operation, key modified");

    private final String message;

    Reason(String message) {
      this.message = message;
    }

    /**
     * libkv's message for this reason.
     *
     * @return libkv's message for this reason
     */
    public String message() {
      return message;
    }
  }

  /** Why the write was refused. */
  private final Reason reason;
  /** The key the refused write was for. */
  private final String key;
  /** The mod revision the caller expected; 0 for a create-only put. */
  private final long expectedModRevision;
  private final transient Versioned current;

  /**
   * Creates the conflict.
   *
   * @param reason why the write was refused
   * @param key the key written
   * @param expectedModRevision the revision the caller expected, 0 for a create-only put
   * @param current the key's entry at the time of the refusal, or null if the key does not exist
   */
  public StoreConflictException(
      Reason reason, String key, long expectedModRevision, Versioned current) {
    this(requireNonNull(reason, "reason").message(), null, reason, key, expectedModRevision, current);
  }

  private StoreConflictException(String message, Throwable cause, Reason reason, String key,
      long expectedModRevision, Versioned current) {
    super(message, cause);
    this.reason = requireNonNull(reason, "reason");
    this.key = requireNonNull(key, "key");
    this.expectedModRevision = expectedModRevision;
    this.current = current;
  }

  /**
   * {@return the same conflict, its message prefixed as Docker wraps it, with this as its cause}
   *
   * @param prefix what the outer layer was doing
   */
  @Override
  public StoreConflictException wrap(String prefix) {
    return new StoreConflictException(wrappedMessage(prefix), this, reason, key, expectedModRevision, current);
  }

  /**
   * Why the write was refused.
   *
   * @return why the write was refused
   */
  public Reason reason() {
    return reason;
  }

  /** {@return the key the refused write was for} */
  public String key() {
    return key;
  }

  /** {@return the mod revision the caller expected; 0 for a create-only put} */
  public long expectedModRevision() {
    return expectedModRevision;
  }

  /** {@return the key's entry when the store refused the write; empty if the key did not exist} */
  public Optional<Versioned> current() {
    return Optional.ofNullable(current);
  }
}
