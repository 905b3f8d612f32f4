package dev.cnm.api.port;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.error.SystemException;
import dev.cnm.api.net.IpAddress;

/**
 * A host port is already booked: {@code Bind for <ip>:<port> failed: port is already allocated}
 * (libnetwork {@code portallocator}). Docker reports it as an unclassified error, so the Engine API
 * answers HTTP 500 (for example {@code failed to set up container networking: driver failed
 * programming external connectivity on endpoint web2 (...): Bind for 0.0.0.0:8080 failed: port is
 * already allocated}); this is therefore a {@link SystemException}.
 *
 * <p>The address is the one whose booking conflicts, printed as Go prints it: an IPv6 address is
 * not bracketed ({@code Bind for :::8080 failed: ...}).
 *
 * <pre>{@code
 * try {
 *   ports.requestPorts(List.of(IpAddress.ANY_V4), PortProtocol.TCP, 8080, 8080);
 * } catch (PortAlreadyAllocatedException e) {
 *   e.hostIp(); e.port(); // 0.0.0.0, 8080
 * }
 * }</pre>
 */
public class PortAlreadyAllocatedException extends SystemException {
  private static final long serialVersionUID = 1L;

  /** The host address the port is taken on. */
  private final IpAddress hostIp;
  /** The protocol the port is taken for. */
  private final PortProtocol protocol;
  /** The port that is taken. */
  private final int port;

  /**
   * The conflict for {@code hostIp:port} over {@code protocol}.
   *
   * @param hostIp the host address the port is taken on
   * @param protocol the protocol the port is taken for
   * @param port the port that is taken
   */
  public PortAlreadyAllocatedException(IpAddress hostIp, PortProtocol protocol, int port) {
    this("Bind for " + requireNonNull(hostIp, "hostIp") + ":" + port + " failed: port is already allocated", null,
        hostIp, protocol, port);
  }

  /**
   * The conflict with a message of the caller's, for {@link #wrap}.
   *
   * @param message the full message, such as a wrapping layer's
   * @param cause the wrapped exception, or null
   * @param hostIp the host address the port is taken on
   * @param protocol the protocol the port is taken for
   * @param port the port that is taken
   */
  protected PortAlreadyAllocatedException(String message, Throwable cause, IpAddress hostIp, PortProtocol protocol,
      int port) {
    super(message, cause);
    this.hostIp = requireNonNull(hostIp, "hostIp");
    this.protocol = requireNonNull(protocol, "protocol");
    this.port = port;
  }

  /**
   * {@return the same conflict, its message prefixed as Docker wraps it, with this as its cause}
   *
   * @param prefix what the outer layer was doing
   */
  @Override
  public PortAlreadyAllocatedException wrap(String prefix) {
    return new PortAlreadyAllocatedException(wrappedMessage(prefix), this, hostIp, protocol, port);
  }

  /** {@return the address whose booking conflicts} */
  public IpAddress hostIp() {
    return hostIp;
  }

  /** {@return the protocol} */
  public PortProtocol protocol() {
    return protocol;
  }

  /** {@return the port} */
  public int port() {
    return port;
  }
}
