package dev.cnm.api.ipam;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.error.ForbiddenException;
import dev.cnm.api.net.Subnet;

/**
 * A requested pool overlaps a pool already allocated in the same address space (libnetwork
 * {@code ErrPoolOverlap}, Forbidden), as {@code RequestPool} reports it: {@code invalid pool
 * request: Pool overlaps with other one on this address space}.
 *
 * <pre>{@code
 * catch (PoolOverlapException e) {
 *   e.pool(); // the pool that was refused
 * }
 * }</pre>
 */
public final class PoolOverlapException extends ForbiddenException {
  private static final long serialVersionUID = 1L;

  /** Docker's message. */
  public static final String MESSAGE = "invalid pool request: Pool overlaps with other one on this address space";

  /** The address space of the refused pool. */
  private final String addressSpace;
  /** The refused pool, which overlaps one already allocated. */
  private final Subnet pool;

  /**
   * Creates the exception for {@code pool} in {@code addressSpace}.
   *
   * @param addressSpace the address space of the refused pool
   * @param pool the refused pool
   */
  public PoolOverlapException(String addressSpace, Subnet pool) {
    this(MESSAGE, null, addressSpace, pool);
  }

  private PoolOverlapException(String message, Throwable cause, String addressSpace, Subnet pool) {
    super(message, cause);
    this.addressSpace = requireNonNull(addressSpace, "addressSpace");
    this.pool = requireNonNull(pool, "pool");
  }

  /**
   * {@return the same failure, its message prefixed as Docker wraps it, with this as its cause}
   *
   * @param prefix what the outer layer was doing
   */
  @Override
  public PoolOverlapException wrap(String prefix) {
    return new PoolOverlapException(wrappedMessage(prefix), this, addressSpace, pool);
  }

  /** {@return the address space of the request} */
  public String addressSpace() {
    return addressSpace;
  }

  /** {@return the refused pool} */
  public Subnet pool() {
    return pool;
  }
}
