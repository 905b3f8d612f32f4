package dev.cnm.api.ipam;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.net.IpAddress;

/**
 * A requested or released address lies outside its pool (libnetwork {@code ErrIPOutOfRange},
 * InvalidParameter): {@code requested address is out of range}.
 *
 * <pre>{@code
 * catch (AddressOutOfRangeException e) {
 *   e.address(); // the address outside the pool
 * }
 * }</pre>
 */
public final class AddressOutOfRangeException extends InvalidParameterException {
  private static final long serialVersionUID = 1L;

  /** Docker's message. */
  public static final String MESSAGE = "requested address is out of range";

  /** The pool the address was requested from. */
  private final String poolId;
  /** The address outside the pool. */
  private final IpAddress address;

  /**
   * Creates the exception for {@code address} and the pool {@code poolId}.
   *
   * @param poolId the pool the address was requested from
   * @param address the address outside the pool
   */
  public AddressOutOfRangeException(String poolId, IpAddress address) {
    this(MESSAGE, null, poolId, address);
  }

  private AddressOutOfRangeException(String message, Throwable cause, String poolId, IpAddress address) {
    super(message, cause);
    this.poolId = requireNonNull(poolId, "poolId");
    this.address = requireNonNull(address, "address");
  }

  /**
   * {@return the same failure, its message prefixed as Docker wraps it, with this as its cause}
   *
   * @param prefix what the outer layer was doing
   */
  @Override
  public AddressOutOfRangeException wrap(String prefix) {
    return new AddressOutOfRangeException(wrappedMessage(prefix), this, poolId, address);
  }

  /** {@return the pool named in the request} */
  public String poolId() {
    return poolId;
  }

  /** {@return the address outside the pool} */
  public IpAddress address() {
    return address;
  }
}
