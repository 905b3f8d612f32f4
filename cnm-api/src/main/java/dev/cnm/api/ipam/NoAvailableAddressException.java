package dev.cnm.api.ipam;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.error.UnavailableException;

/**
 * Every address a dynamic request may take is allocated (libnetwork {@code ErrNoAvailableIPs},
 * Unavailable): {@code no available addresses on this pool}.
 *
 * <pre>{@code
 * catch (NoAvailableAddressException e) {
 *   tryNextPool(e.poolId());
 * }
 * }</pre>
 */
public final class NoAvailableAddressException extends UnavailableException {
  private static final long serialVersionUID = 1L;

  /** Docker's message. */
  public static final String MESSAGE = "no available addresses on this pool";

  /** The pool with no free address. */
  private final String poolId;

  /**
   * Creates the exception for the pool {@code poolId}.
   *
   * @param poolId the pool with no free address
   */
  public NoAvailableAddressException(String poolId) {
    this(MESSAGE, null, poolId);
  }

  private NoAvailableAddressException(String message, Throwable cause, String poolId) {
    super(message, cause);
    this.poolId = requireNonNull(poolId, "poolId");
  }

  /**
   * {@return the same failure, its message prefixed as Docker wraps it, with this as its cause}
   *
   * @param prefix what the outer layer was doing
   */
  @Override
  public NoAvailableAddressException wrap(String prefix) {
    return new NoAvailableAddressException(wrappedMessage(prefix), this, poolId);
  }

  /** {@return the exhausted pool (or sub-pool)} */
  public String poolId() {
    return poolId;
  }
}
