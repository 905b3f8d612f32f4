package dev.cnm.core.ipam;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.ipam.AddressRequest;
import dev.cnm.api.ipam.AddressSpaces;
import dev.cnm.api.ipam.AllocatedPool;
import dev.cnm.api.ipam.IpamCapability;
import dev.cnm.api.ipam.IpamDriver;
import dev.cnm.api.ipam.PoolRequest;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.Subnet;

/**
 * Docker's built-in {@code null} IPAM driver ({@code libnetwork/ipams/null}): it satisfies the
 * contract but allocates nothing. Its one address space is {@code null}; every pool request gets
 * {@code 0.0.0.0/0} (or {@code ::/0}), and address requests return no address ({@code null}).
 * Stateless, so thread-safe.
 *
 * <pre>{@code
 * IpamDriver ipam = NullIpamDriver.INSTANCE;
 * AllocatedPool p = ipam.requestPool(PoolRequest.of("null")); // null/0.0.0.0/0
 * ipam.requestAddress(AddressRequest.of(p.poolId()));          // null: no address
 * }</pre>
 */
public final class NullIpamDriver implements IpamDriver {
  /** The driver's name. */
  public static final String NAME = "null";
  /** Its only address space. */
  public static final String ADDRESS_SPACE = "null";
  /** The shared instance. */
  public static final NullIpamDriver INSTANCE = new NullIpamDriver();

  private static final Subnet POOL4 = Subnet.parse("0.0.0.0/0");
  private static final Subnet POOL6 = Subnet.parse("::/0");
  private static final String POOL_ID4 = ADDRESS_SPACE + "/" + POOL4;
  private static final String POOL_ID6 = ADDRESS_SPACE + "/" + POOL6;
  private static final AddressSpaces SPACES = AddressSpaces.of(ADDRESS_SPACE, ADDRESS_SPACE);

  private NullIpamDriver() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean isBuiltIn() {
    return true;
  }

  @Override
  public IpamCapability capability() {
    return IpamCapability.none();
  }

  @Override
  public AddressSpaces defaultAddressSpaces() {
    return SPACES;
  }

  /**
   * Returns {@code null/0.0.0.0/0} or {@code null/::/0}.
   *
   * @throws InvalidParameterException {@code unknown address space: <as>}; {@code null ipam driver
   *     does not handle specific address pool requests}; {@code null ipam driver does not handle
   *     specific address subpool requests}
   */
  @Override
  public AllocatedPool requestPool(PoolRequest request) {
    requireNonNull(request, "request");
    if (!request.addressSpace().equals(ADDRESS_SPACE)) {
      throw new InvalidParameterException("unknown address space: " + request.addressSpace());
    }
    if (request.pool().isPresent()) {
      throw new InvalidParameterException("null ipam driver does not handle specific address pool requests");
    }
    if (request.subPool().isPresent()) {
      throw new InvalidParameterException("null ipam driver does not handle specific address subpool requests");
    }
    return request.v6() ? AllocatedPool.of(POOL_ID6, POOL6) : AllocatedPool.of(POOL_ID4, POOL4);
  }

  /** Does nothing. */
  @Override
  public void releasePool(String poolId) {
    requireNonNull(poolId, "poolId");
  }

  /**
   * Returns {@code null}: the null driver assigns no address.
   *
   * @throws InvalidParameterException {@code unknown pool id: <id>}
   */
  @Override
  public Subnet requestAddress(AddressRequest request) {
    checkPoolId(request.poolId());
    return null;
  }

  /**
   * Does nothing.
   *
   * @throws InvalidParameterException {@code unknown pool id: <id>}
   */
  @Override
  public void releaseAddress(String poolId, IpAddress address) {
    requireNonNull(address, "address");
    checkPoolId(poolId);
  }

  private static void checkPoolId(String poolId) {
    if (!POOL_ID4.equals(requireNonNull(poolId, "poolId")) && !POOL_ID6.equals(poolId)) {
      throw new InvalidParameterException("unknown pool id: " + poolId);
    }
  }

  @Override
  public String toString() {
    return "NullIpamDriver";
  }
}
