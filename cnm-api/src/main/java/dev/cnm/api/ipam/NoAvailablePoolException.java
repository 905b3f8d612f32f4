package dev.cnm.api.ipam;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.error.InvalidParameterException;

/**
 * No predefined pool of the address space is free ({@code ErrNoMoreSubnets}, Docker 27+,
 * InvalidParameter): {@code all predefined address pools have been fully subnetted}. The daemon
 * wraps it, for example {@code could not find an available, non-overlapping IPv4 address pool
 * among the defaults to assign to the network: ...}.
 *
 * <pre>{@code
 * catch (NoAvailablePoolException e) {
 *   throw e.wrap("could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network");
 * }
 * }</pre>
 */
public final class NoAvailablePoolException extends InvalidParameterException {
  private static final long serialVersionUID = 1L;

  /** Docker's message. */
  public static final String MESSAGE = "all predefined address pools have been fully subnetted";

  /** The address space whose predefined pools are all taken. */
  private final String addressSpace;
  /** Whether the exhausted pools are IPv6 ones. */
  private final boolean v6;

  /**
   * Creates the exception for the exhausted address space and family.
   *
   * @param addressSpace the address space whose predefined pools are all taken
   * @param v6 whether the exhausted pools are IPv6 ones
   */
  public NoAvailablePoolException(String addressSpace, boolean v6) {
    this(MESSAGE, null, addressSpace, v6);
  }

  private NoAvailablePoolException(String message, Throwable cause, String addressSpace, boolean v6) {
    super(message, cause);
    this.addressSpace = requireNonNull(addressSpace, "addressSpace");
    this.v6 = v6;
  }

  /**
   * {@return the same failure, its message prefixed as Docker wraps it, with this as its cause}
   *
   * @param prefix what the outer layer was doing
   */
  @Override
  public NoAvailablePoolException wrap(String prefix) {
    return new NoAvailablePoolException(wrappedMessage(prefix), this, addressSpace, v6);
  }

  /** {@return the exhausted address space} */
  public String addressSpace() {
    return addressSpace;
  }

  /** {@return whether an IPv6 pool was requested} */
  public boolean v6() {
    return v6;
  }
}
