package dev.cnm.testkit.thirdparty;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.error.ForbiddenException;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.error.NotFoundException;
import dev.cnm.api.ipam.AddressInUseException;
import dev.cnm.api.ipam.AddressOutOfRangeException;
import dev.cnm.api.ipam.AddressRequest;
import dev.cnm.api.ipam.AddressSpaces;
import dev.cnm.api.ipam.AllocatedPool;
import dev.cnm.api.ipam.IpamCapability;
import dev.cnm.api.ipam.IpamDriver;
import dev.cnm.api.ipam.NoAvailableAddressException;
import dev.cnm.api.ipam.NoAvailablePoolException;
import dev.cnm.api.ipam.PoolRequest;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.Subnet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The third-party driver's own IPAM, written against cnm-api only: address space {@code
 * lan}; a requested pool as given (one owner each), or the lowest free {@code 192.168.N.0/24};
 * addresses lowest-free from {@code .1}, never the network or broadcast address.
 */
final class MacvlanLikeIpam implements IpamDriver {
  static final String NAME = "macvlan-like-ipam";
  static final String SPACE = "lan";

  /** Allocated pools by id ({@code lan/<subnet>}), each with its addresses in use. */
  private final Map<String, TreeSet<IpAddress>> pools = new LinkedHashMap<>();
  private final Map<String, Subnet> subnets = new LinkedHashMap<>();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public IpamCapability capability() {
    return IpamCapability.none();
  }

  @Override
  public AddressSpaces defaultAddressSpaces() {
    return AddressSpaces.of(SPACE, SPACE);
  }

  @Override
  public synchronized AllocatedPool requestPool(PoolRequest request) {
    requireNonNull(request, "request");
    if (!request.addressSpace().equals(SPACE)) {
      throw new InvalidParameterException("cannot find address space " + request.addressSpace());
    }
    if (request.v6()) {
      throw new NoAvailablePoolException(SPACE, true);
    }
    Subnet pool = request.pool().map(Subnet::canonical).orElse(null);
    if (pool == null) {
      for (int n = 0; n < 256 && pool == null; n++) {
        Subnet candidate = Subnet.parse("192.168." + n + ".0/24");
        if (subnets.values().stream().noneMatch(candidate::overlaps)) {
          pool = candidate;
        }
      }
      if (pool == null) {
        throw new NoAvailablePoolException(SPACE, false);
      }
    }
    String id = SPACE + "/" + pool;
    Subnet chosen = pool;
    if (subnets.values().stream().anyMatch(chosen::overlaps)) {
      throw new ForbiddenException("Pool overlaps with other one on this address space");
    }
    pools.put(id, new TreeSet<>());
    subnets.put(id, pool);
    return AllocatedPool.of(id, pool);
  }

  @Override
  public synchronized void releasePool(String poolId) {
    requireNonNull(poolId, "poolId");
    if (pools.remove(poolId) == null) {
      throw new InvalidParameterException("address space does not contain specified address pool");
    }
    subnets.remove(poolId);
  }

  @Override
  public synchronized Subnet requestAddress(AddressRequest request) {
    requireNonNull(request, "request");
    TreeSet<IpAddress> used = used(request.poolId());
    Subnet pool = subnets.get(request.poolId());
    if (request.preferred().isPresent()) {
      IpAddress ip = request.preferred().get();
      if (!pool.contains(ip)) {
        throw new AddressOutOfRangeException(request.poolId(), ip);
      }
      if (!used.add(ip)) {
        throw new AddressInUseException(request.poolId(), ip);
      }
      return Subnet.of(ip, pool.prefixLength());
    }
    for (IpAddress ip = pool.network().plus(1); ip.compareTo(pool.lastAddress()) < 0; ip = ip.plus(1)) {
      if (used.add(ip)) {
        return Subnet.of(ip, pool.prefixLength());
      }
    }
    throw new NoAvailableAddressException(request.poolId());
  }

  @Override
  public synchronized void releaseAddress(String poolId, IpAddress address) {
    requireNonNull(address, "address");
    used(poolId).remove(address);
  }

  private TreeSet<IpAddress> used(String poolId) {
    requireNonNull(poolId, "poolId");
    TreeSet<IpAddress> used = pools.get(poolId);
    if (used == null) {
      throw new NotFoundException("cannot find address pool for poolID:" + poolId);
    }
    return used;
  }
}
