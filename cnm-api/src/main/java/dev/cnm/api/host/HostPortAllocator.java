package dev.cnm.api.host;

import dev.cnm.api.error.SystemException;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.port.PortAlreadyAllocatedException;
import dev.cnm.api.port.PortProtocol;
import java.util.List;
import java.util.SortedSet;

/**
 * The host's port table, one per engine: which host ports are booked, per host address and
 * protocol (libnetwork {@code portallocator}, Docker v27+ semantics). Drivers book a port here
 * before they program its NAT rules, and release it when the binding goes.
 *
 * <ul>
 *   <li>A request names one or more host addresses and books the <em>same</em> port on all of
 *       them, or nothing (this is how IPv4 and IPv6 get the same ephemeral port).
 *   <li>{@code begin = end = 0}: the next free port of the ephemeral range; {@code begin = end = p}:
 *       exactly {@code p} (any port 1 to 65535, not limited to the ephemeral range); {@code begin <
 *       end}: the next free port in that range.
 *   <li>Automatic choice is next-after-last with wrap-around, not lowest-free: each (address,
 *       protocol) keeps a cursor per distinct range, the ephemeral range's cursor being shared with
 *       an explicit request for the same range. The search starts after the cursor of the first
 *       address of the request.
 *   <li>The unspecified address ({@code 0.0.0.0}, {@code ::}) conflicts with every address of its
 *       family, and every address conflicts with the unspecified address of its family. Two
 *       distinct specific addresses never conflict.
 * </ul>
 *
 * <p>Errors (Docker's plain errors, so {@link SystemException}, HTTP 500): {@link
 * PortAlreadyAllocatedException} ({@code Bind for <ip>:<port> failed: port is already allocated}),
 * {@code all ports are allocated}, {@code invalid port range: <begin>-<end>}. A failed request
 * books nothing and moves no cursor. Implementations are thread-safe.
 *
 * <pre>{@code
 * HostPortAllocator ports = ...; // DriverContext.hostPorts()
 * int p = ports.requestPorts(List.of(IpAddress.ANY_V4, IpAddress.ANY_V6), PortProtocol.TCP, 0, 0);
 * // p == 32768 on a fresh table: 0.0.0.0:32768 and [::]:32768 are now booked
 * ports.releasePort(IpAddress.ANY_V4, PortProtocol.TCP, p);
 * ports.releasePort(IpAddress.ANY_V6, PortProtocol.TCP, p);
 * }</pre>
 */
public interface HostPortAllocator {
  /** The first port of the default ephemeral range on this machine (Linux default). */
  int DEFAULT_EPHEMERAL_BEGIN = 32768;
  /** The last port of the default ephemeral range on this machine (Linux default). */
  int DEFAULT_EPHEMERAL_END = 60999;

  /** {@return the first port of the ephemeral range (like {@code ip_local_port_range})} */
  int ephemeralBegin();

  /** {@return the last port of the ephemeral range} */
  int ephemeralEnd();

  /**
   * Books one port on every address of {@code hostIps} for {@code protocol} and returns it.
   *
   * @param hostIps the addresses, at least one; duplicates count once
   * @param protocol the protocol the port is booked for
   * @param begin 0 with {@code end} 0 for an ephemeral port, else the first acceptable port
   * @param end the last acceptable port ({@code begin} for exactly that port)
   * @return the booked port
   * @throws PortAlreadyAllocatedException if a fixed port is taken (on the first conflicting
   *     address: the requested addresses in order, then the others in address order)
   * @throws SystemException {@code all ports are allocated} or {@code invalid port range: <b>-<e>}
   * @throws IllegalArgumentException if {@code hostIps} is empty or a port is outside 0..65535
   */
  int requestPorts(List<IpAddress> hostIps, PortProtocol protocol, int begin, int end);

  /**
   * Books exactly {@code port} (or an ephemeral one for 0) on {@code hostIp}; see
   * {@link #requestPorts}.
   *
   * @param hostIp the host address
   * @param protocol the protocol
   * @param port the port, or 0 for an ephemeral one
   * @return the booked port
   */
  default int requestPort(IpAddress hostIp, PortProtocol protocol, int port) {
    return requestPorts(List.of(hostIp), protocol, port, port);
  }

  /**
   * Frees {@code port} on {@code hostIp}; freeing a port that is not booked does nothing.
   *
   * @param hostIp the host address
   * @param protocol the protocol
   * @param port the port
   */
  void releasePort(IpAddress hostIp, PortProtocol protocol, int port);

  /**
   * Frees {@code port} on every address of {@code hostIps}: the undo of {@link #requestPorts}.
   *
   * @param hostIps the addresses {@link #requestPorts} booked the port on
   * @param protocol the protocol
   * @param port the port
   */
  default void releasePorts(List<IpAddress> hostIps, PortProtocol protocol, int port) {
    for (IpAddress ip : hostIps) {
      releasePort(ip, protocol, port);
    }
  }

  /**
   * {@return whether {@code port} is booked on exactly {@code hostIp} (no cross-family check)}
   *
   * @param hostIp the host address
   * @param protocol the protocol
   * @param port the port
   */
  boolean isAllocated(IpAddress hostIp, PortProtocol protocol, int port);

  /** {@return a snapshot of every booked port, sorted} */
  SortedSet<AllocatedPort> allocatedPorts();
}
