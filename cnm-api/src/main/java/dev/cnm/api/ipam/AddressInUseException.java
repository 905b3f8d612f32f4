package dev.cnm.api.ipam;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.error.ForbiddenException;
import dev.cnm.api.net.IpAddress;

/**
 * A requested address is already allocated in its pool (libnetwork {@code ErrIPAlreadyAllocated},
 * Forbidden): {@code Address already in use}. Also raised for the pool's reserved addresses
 * (network, IPv4 broadcast), which are allocated from the start.
 *
 * <pre>{@code
 * try {
 *   ipam.requestAddress(AddressRequest.of(poolId, ip));
 * } catch (AddressInUseException e) {
 *   e.address(); // ip
 * }
 * }</pre>
 */
public final class AddressInUseException extends ForbiddenException {
  private static final long serialVersionUID = 1L;

  /** Docker's message. */
  public static final String MESSAGE = "Address already in use";

  /** The pool the address was requested from. */
  private final String poolId;
  /** The address already in use. */
  private final IpAddress address;

  /**
   * Creates the exception for {@code address} in the pool {@code poolId}.
   *
   * @param poolId the pool the address was requested from
   * @param address the address already in use
   */
  public AddressInUseException(String poolId, IpAddress address) {
    this(MESSAGE, null, poolId, address);
  }

  private AddressInUseException(String message, Throwable cause, String poolId, IpAddress address) {
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
  public AddressInUseException wrap(String prefix) {
    return new AddressInUseException(wrappedMessage(prefix), this, poolId, address);
  }

  /** {@return the pool the address was requested from} */
  public String poolId() {
    return poolId;
  }

  /** {@return the address already in use} */
  public IpAddress address() {
    return address;
  }
}
