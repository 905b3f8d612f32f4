package dev.cnm.api.ipam;

import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.Subnet;

/**
 * An IP address manager (libnetwork {@code ipamapi.Ipam}): it hands out address pools of its
 * address spaces, and addresses within those pools. Implementations must be safe for concurrent
 * use, and a call that throws leaves the driver's state exactly as it was.
 *
 * <p>Every failure is a {@link dev.cnm.api.error.CnmException} carrying Docker's message; the
 * method docs below give the kinds and messages of the default driver. Null arguments are
 * programming errors and get {@link NullPointerException}.
 *
 * <pre>{@code
 * AllocatedPool pool = ipam.requestPool(PoolRequest.of(ipam.defaultAddressSpaces().local()));
 * Subnet gateway = ipam.requestAddress(AddressRequest.builder().poolId(pool.poolId()).gateway(true).build());
 * Subnet ip = ipam.requestAddress(AddressRequest.of(pool.poolId()));   // 172.17.0.2/16
 * ipam.releaseAddress(pool.poolId(), ip.address());
 * ipam.releaseAddress(pool.poolId(), gateway.address());
 * ipam.releasePool(pool.poolId());
 * }</pre>
 */
public interface IpamDriver {
  /**
   * {@return the driver name networks refer to ({@code --ipam-driver}): {@code "default"},
   * {@code "null"}}
   */
  String name();

  /**
   * {@return whether this is one of the engine's own drivers ({@code default}, {@code null})
   * rather than a plugin}
   */
  default boolean isBuiltIn() {
    return false;
  }

  /** {@return what the driver needs from the engine} */
  IpamCapability capability();

  /** {@return the driver's default local and global address spaces} */
  AddressSpaces defaultAddressSpaces();

  /**
   * Allocates a pool: the given {@link PoolRequest#pool()} (host bits cleared), or the lowest free
   * predefined one of the address space when none is given.
   *
   * @param request the address space, and the pool, sub-pool, family and options wanted
   * @return the pool, with the id that later requests name it by
   * @throws dev.cnm.api.error.SystemException {@code failed to parse pool request for address
   *     space "<as>" pool "<pool>" subpool "<sub>": invalid address space} when the address space
   *     is empty, {@code ...: invalid address subpool} when a sub-pool comes without a pool
   * @throws dev.cnm.api.error.InvalidParameterException {@code cannot find address space <as>};
   *     {@code pool and subpool are of incompatible address families}
   * @throws NoAvailablePoolException (InvalidParameter) when no predefined pool is free
   * @throws PoolOverlapException (Forbidden) when the pool overlaps, or equals, one already
   *     allocated in the space (a request with a sub-pool skips the overlap check, as Docker does)
   */
  AllocatedPool requestPool(PoolRequest request);

  /**
   * Releases a pool (or one sub-pool of it). A master pool shared by sub-pool requests stays until
   * its last user releases it.
   *
   * @param poolId the id {@link #requestPool} returned
   * @throws dev.cnm.api.error.InvalidParameterException {@code invalid pool id: <id>}; {@code
   *     cannot find address space <as>}; {@code address space does not contain specified address
   *     pool} when the pool (or sub-pool) is not allocated
   */
  void releasePool(String poolId);

  /**
   * Allocates an address of the pool: the {@linkplain AddressRequest#preferred() preferred} one
   * (anywhere in the master pool), else the lowest free one (of the sub-pool's range, if the pool
   * id names one), or with {@linkplain AddressRequest#serial() serial} the next free one after
   * the last handed out, wrapping. Returns the address with the pool's prefix length, for example
   * {@code 172.18.0.2/16}. A driver that assigns no addresses (the null driver) returns {@code
   * null}.
   *
   * @param request the pool's id, and the address, order and MAC address wanted
   * @return the address with the pool's prefix length, or null from a driver that assigns none
   * @throws dev.cnm.api.error.InvalidParameterException {@code invalid pool id: <id>}; {@code
   *     cannot find address space <as>}
   * @throws dev.cnm.api.error.NotFoundException {@code cannot find address pool for
   *     poolID:<pool>/<sub>} when the pool is not allocated
   * @throws AddressOutOfRangeException (InvalidParameter) when the preferred address is outside
   *     the master pool
   * @throws AddressInUseException (Forbidden) when the preferred address is taken or reserved
   * @throws NoAvailableAddressException (Unavailable) when no address is free
   */
  Subnet requestAddress(AddressRequest request);

  /**
   * Releases an address of the pool. Releasing a free address is not an error.
   *
   * @param poolId the id {@link #requestPool} returned
   * @param address the address to release
   * @throws dev.cnm.api.error.InvalidParameterException {@code invalid pool id: <id>}; {@code
   *     cannot find address space <as>}
   * @throws dev.cnm.api.error.NotFoundException {@code cannot find address pool for
   *     <pool>/<sub>} when the pool is not allocated
   * @throws AddressOutOfRangeException (InvalidParameter) when the address is outside the pool
   */
  void releaseAddress(String poolId, IpAddress address);
}
