package dev.cnm.core.ipam;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.error.NotFoundException;
import dev.cnm.api.error.SystemException;
import dev.cnm.api.ipam.AddressInUseException;
import dev.cnm.api.ipam.AddressOutOfRangeException;
import dev.cnm.api.ipam.AddressRequest;
import dev.cnm.api.ipam.AddressSpaces;
import dev.cnm.api.ipam.AllocatedPool;
import dev.cnm.api.ipam.IpamCapability;
import dev.cnm.api.ipam.IpamDriver;
import dev.cnm.api.ipam.NoAvailableAddressException;
import dev.cnm.api.ipam.NoAvailablePoolException;
import dev.cnm.api.ipam.PoolOverlapException;
import dev.cnm.api.ipam.PoolRequest;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.core.internal.CheapLock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Docker's built-in {@code default} IPAM driver, as in Docker Engine 28
 * ({@code libnetwork/ipams/defaultipam}). Two address spaces, {@code LocalDefault} and {@code
 * GlobalDefault}, each with its predefined pools (see {@link IpamConfiguration}); pool ids are
 * {@code <space>/<subnet>} or {@code <space>/<subnet>/<sub-pool>}.
 *
 * <ul>
 *   <li>A request without a pool gets the lowest free subnet of the predefined pools (gaps left
 *       by released pools are filled first), avoiding the request's excluded prefixes; {@code
 *       0.0.0.0/24} (or {@code ::/64}) asks for any free subnet of that size.
 *   <li>A pool that overlaps, or equals, an allocated one is refused, except that a request with
 *       a sub-pool ({@code --ip-range}) skips the check and shares the master pool and its
 *       addresses (moby/moby#46756).
 *   <li>Addresses: a preferred one anywhere in the master pool; otherwise the lowest free of the
 *       range (the sub-pool if the id names one), or with serial the next free after the last one
 *       handed out, wrapping. The network address and IPv4 broadcast are reserved (nothing for an
 *       IPv4 /31 or /32).
 * </ul>
 *
 * <p>Thread-safe: every call runs under one lock, and a call that throws changes nothing.
 *
 * <pre>{@code
 * DefaultIpamDriver ipam = DefaultIpamDriver.create();
 * AllocatedPool p = ipam.requestPool(PoolRequest.of("LocalDefault"));      // 172.17.0.0/16
 * ipam.requestAddress(AddressRequest.builder().poolId(p.poolId()).gateway(true).build()); // 172.17.0.1/16
 * ipam.requestAddress(AddressRequest.of(p.poolId()));                       // 172.17.0.2/16
 * }</pre>
 */
public final class DefaultIpamDriver implements IpamDriver {
  /** The driver's name. */
  public static final String NAME = "default";
  /** The address space of local-scope networks. */
  public static final String LOCAL_ADDRESS_SPACE = "LocalDefault";
  /** The address space of global-scope networks. */
  public static final String GLOBAL_ADDRESS_SPACE = "GlobalDefault";

  private static final IpamCapability CAPABILITY = IpamCapability.of(false, true);
  private static final AddressSpaces SPACES = AddressSpaces.of(LOCAL_ADDRESS_SPACE, GLOBAL_ADDRESS_SPACE);

  private final CheapLock lock = new CheapLock();
  /** The configured IPv6 pools, kept apart so the driver does not retain the whole configuration. */
  private final List<DefaultAddressPool> localPools6;
  private final List<DefaultAddressPool> globalPools6;
  private final AddressSpace local4;
  private final AddressSpace global4;
  /** IPv6 spaces, created on first use (most engines never see an IPv6 pool). Guarded by lock. */
  private AddressSpace local6;
  private AddressSpace global6;
  /**
   * Pool ids handed out and later used, resolved, so the hot path neither parses them nor builds
   * keys (Docker parses the id on every call). Guarded by lock.
   */
  private final Map<String, PoolData.Range> handles = new HashMap<>();
  /**
   * The last pool id looked up and its range (a caller usually works one pool at a time): the
   * same or an equal {@code String} skips the map. Cleared when a pool goes away. Guarded by lock.
   */
  private String lastId;
  private PoolData.Range lastRange;

  private DefaultIpamDriver(IpamConfiguration configuration) {
    this.localPools6 = v6Only(configuration.localPools());
    this.globalPools6 = v6Only(configuration.globalPools());
    this.local4 = new AddressSpace(LOCAL_ADDRESS_SPACE, false, configuration.localPools());
    this.global4 = new AddressSpace(GLOBAL_ADDRESS_SPACE, false, configuration.globalPools());
  }

  /** {@return a driver with Docker's default predefined pools} */
  public static DefaultIpamDriver create() {
    return new DefaultIpamDriver(IpamConfiguration.dockerDefaults());
  }

  /**
   * {@return a driver with the given predefined pools}
   *
   * @param configuration the predefined pools of both address spaces
   */
  public static DefaultIpamDriver create(IpamConfiguration configuration) {
    return new DefaultIpamDriver(requireNonNull(configuration, "configuration"));
  }

  private static List<DefaultAddressPool> v6Only(List<DefaultAddressPool> pools) {
    List<DefaultAddressPool> v6 = new ArrayList<>();
    for (DefaultAddressPool p : pools) {
      if (p.base().isV6()) {
        v6.add(p);
      }
    }
    return v6.isEmpty() ? List.of() : List.copyOf(v6);
  }

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
    return CAPABILITY;
  }

  @Override
  public AddressSpaces defaultAddressSpaces() {
    return SPACES;
  }

  @Override
  public AllocatedPool requestPool(PoolRequest request) {
    requireNonNull(request, "request");
    String as = request.addressSpace();
    Optional<Subnet> pool = request.pool();
    Optional<Subnet> sub = request.subPool();
    if (as.isEmpty()) {
      throw parseError(request, "invalid address space");
    }
    boolean v6 = pool.map(Subnet::isV6).orElse(request.v6());
    checkSpace(as);
    if (pool.isEmpty() && sub.isPresent()) {
      throw parseError(request, "invalid address subpool");
    }
    lock.lock();
    try {
      AddressSpace space = space(as, v6);
      if (pool.isEmpty() || (sub.isEmpty() && pool.get().address().isUnspecified() && pool.get().prefixLength() > 0)) {
        int size = pool.map(Subnet::prefixLength).orElse(-1);
        Subnet picked = space.pickPredefined(request.exclude(), size);
        if (picked == null) {
          throw new NoAvailablePoolException(as, space.v6);
        }
        String id = as + "/" + picked;
        handles.put(id, space.allocate(picked, id).master);
        return AllocatedPool.of(id, picked);
      }
      Subnet nw = pool.get().canonical();
      Subnet child = null;
      if (sub.isPresent()) {
        if (sub.get().isV6() != nw.isV6()) {
          throw new InvalidParameterException("pool and subpool are of incompatible address families");
        }
        child = sub.get().canonical();
        // Before Docker 24 a sub-pool larger than its pool meant the whole pool; kept for compatibility.
        if (child.prefixLength() < nw.prefixLength()) {
          child = nw;
        }
      }
      PoolData existing = space.get(nw);
      if (existing != null && (child == null || existing.child(child) != null)) {
        throw new PoolOverlapException(as, child == null ? nw : child);
      }
      if (child == null) {
        if (space.overlaps(nw)) {
          throw new PoolOverlapException(as, nw);
        }
        String id = as + "/" + nw;
        handles.put(id, space.allocate(nw, id).master);
        return AllocatedPool.of(id, nw);
      }
      PoolData p = existing;
      if (p == null) {
        p = space.allocate(nw, as + "/" + nw);
        p.autoRelease = true;
        handles.put(p.master.id, p.master);
      }
      String id = as + "/" + nw + "/" + child;
      handles.put(id, p.addChild(child, id));
      return AllocatedPool.of(id, nw);
    } finally {
      lock.unlock();
    }
  }

  private static SystemException parseError(PoolRequest r, String cause) {
    return new SystemException("failed to parse pool request for address space \"" + r.addressSpace()
        + "\" pool \"" + r.pool().map(Subnet::toString).orElse("") + "\" subpool \""
        + r.subPool().map(Subnet::toString).orElse("") + "\": " + cause);
  }

  private static void checkSpace(String as) {
    if (!as.equals(LOCAL_ADDRESS_SPACE) && !as.equals(GLOBAL_ADDRESS_SPACE)) {
      throw new InvalidParameterException("cannot find address space " + as);
    }
  }

  /** The space of a checked name; callers hold the lock. */
  private AddressSpace space(String as, boolean v6) {
    checkSpace(as);
    boolean local = as.equals(LOCAL_ADDRESS_SPACE);
    if (!v6) {
      return local ? local4 : global4;
    }
    if (local) {
      if (local6 == null) {
        local6 = new AddressSpace(LOCAL_ADDRESS_SPACE, true, localPools6);
      }
      return local6;
    }
    if (global6 == null) {
      global6 = new AddressSpace(GLOBAL_ADDRESS_SPACE, true, globalPools6);
    }
    return global6;
  }

  @Override
  public void releasePool(String poolId) {
    requireNonNull(poolId, "poolId");
    PoolKey k = PoolKey.parse(poolId);
    if (k == null) {
      throw new InvalidParameterException("invalid pool id: " + poolId);
    }
    checkSpace(k.addressSpace);
    lock.lock();
    try {
      AddressSpace space = space(k.addressSpace, k.subnet.isV6());
      PoolData p = space.get(k.subnet);
      if (p == null || (k.child != null && p.child(k.child) == null)) {
        throw new InvalidParameterException("address space does not contain specified address pool");
      }
      lastId = null;
      lastRange = null;
      if (k.child != null) {
        handles.remove(p.removeChild(k.child).id);
      } else {
        p.autoRelease = true;
      }
      if (!p.hasChildren() && p.autoRelease) {
        space.deallocate(k.subnet);
        handles.remove(p.master.id);
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Subnet requestAddress(AddressRequest request) {
    requireNonNull(request, "request");
    String poolId = request.poolId();
    Optional<IpAddress> preferred = request.preferred();
    IpAddress a = preferred.isPresent() ? unmap(preferred.get()) : null;
    lock.lock();
    try {
      PoolData.Range r = isLast(poolId) ? lastRange : handle(poolId, "poolID:", a);
      PoolData p = r.pool();
      if (a != null) {
        if (!p.contains(a)) {
          throw new AddressOutOfRangeException(poolId, a);
        }
        if (!p.allocate(a)) {
          throw new AddressInUseException(poolId, a);
        }
        return Subnet.of(a, p.subnet.prefixLength());
      }
      if (!r.inside) {
        throw new SystemException("add-any, range '" + r.child + "' is not in subnet '" + p.subnet + "'");
      }
      IpAddress any = p.allocateAny(r, request.serial());
      if (any == null) {
        throw new NoAvailableAddressException(poolId);
      }
      return Subnet.of(any, p.subnet.prefixLength());
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void releaseAddress(String poolId, IpAddress rawAddress) {
    requireNonNull(poolId, "poolId");
    IpAddress address = unmap(requireNonNull(rawAddress, "address"));
    lock.lock();
    try {
      PoolData.Range r = isLast(poolId) ? lastRange : handle(poolId, "", null);
      PoolData p = r.pool();
      if (!p.contains(address)) {
        throw new AddressOutOfRangeException(poolId, address);
      }
      p.release(address);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Whether {@code poolId} names the last range looked up: the same instance (a caller keeping the
   * id it was handed), else an equal string, which costs a length check and a short compare,
   * cheaper than hashing into {@link #handles}. Callers hold the lock.
   */
  private boolean isLast(String poolId) {
    String last = lastId;
    return poolId == last || (last != null && last.equals(poolId));
  }

  /** The range of a pool id, cached or resolved; remembers it as the last one. Callers hold the lock. */
  private PoolData.Range handle(String poolId, String notFoundPrefix, IpAddress preferred) {
    PoolData.Range r = handles.get(poolId);
    if (r == null) {
      r = resolve(poolId, notFoundPrefix, preferred);
    }
    lastId = poolId;
    lastRange = r;
    return r;
  }

  /** An IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) as IPv4, as Docker's {@code Unmap}. */
  private static IpAddress unmap(IpAddress a) {
    if (a.isV6() && a.high() == 0 && (a.low() >>> 32) == 0xFFFFL) {
      return IpAddress.ofV4((int) a.low());
    }
    return a;
  }

  /**
   * Parses and looks up a pool id not cached yet, failing in Docker's order: a bad id, an unknown
   * space, an unknown pool, a preferred address outside the pool, an unknown sub-pool. Caches the
   * id when it is the one the driver handed out. Callers hold the lock.
   */
  private PoolData.Range resolve(String poolId, String notFoundPrefix, IpAddress preferred) {
    PoolKey k = PoolKey.parse(poolId);
    if (k == null) {
      throw new InvalidParameterException("invalid pool id: " + poolId);
    }
    PoolData p = space(k.addressSpace, k.subnet.isV6()).get(k.subnet);
    if (p == null) {
      throw new NotFoundException("cannot find address pool for " + notFoundPrefix + k.subnet + "/"
          + (k.child == null ? "invalid Prefix" : k.child));
    }
    if (preferred != null && !p.contains(preferred)) {
      throw new AddressOutOfRangeException(poolId, preferred);
    }
    PoolData.Range r = k.child == null ? p.master : p.child(k.child);
    if (r == null) {
      throw new NotFoundException("cannot find address pool for poolID:" + k.subnet + "/" + k.child);
    }
    if (r.id.equals(poolId)) {
      handles.put(poolId, r);
    }
    return r;
  }

  /**
   * {@return the used addresses of an allocated pool as bytes (a Roaring bitmap in its portable
   * format), for a shared store or a benchmark; {@link #restoreAddresses} reads them back} Not
   * part of the IPAM contract.
   *
   * @param poolId the id {@link #requestPool} returned
   * @throws dev.cnm.api.error.CnmException as {@link #requestAddress} for an unknown pool id
   */
  public byte[] snapshotAddresses(String poolId) {
    lock.lock();
    try {
      return lookup(poolId).pool().snapshot();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Replaces the used addresses of an allocated pool by a {@link #snapshotAddresses} of it. The
   * serial cursor restarts, as after a Docker reload (it is not part of the state).
   *
   * @param poolId the id {@link #requestPool} returned
   * @param snapshot what {@link #snapshotAddresses} returned for that pool
   * @throws IllegalArgumentException if the bytes are not a snapshot of that pool
   */
  public void restoreAddresses(String poolId, byte[] snapshot) {
    requireNonNull(snapshot, "snapshot");
    lock.lock();
    try {
      lookup(poolId).pool().restore(snapshot);
    } finally {
      lock.unlock();
    }
  }

  private PoolData.Range lookup(String poolId) {
    PoolData.Range r = handles.get(requireNonNull(poolId, "poolId"));
    return r != null ? r : resolve(poolId, "poolID:", null);
  }

  /** The number of used addresses of a pool, reserved ones included (for tests and benchmarks). */
  long usedCount(String poolId) {
    lock.lock();
    try {
      return lookup(poolId).pool().usedCount();
    } finally {
      lock.unlock();
    }
  }

  /** A rough retained size of a pool's address state (for benchmarks). */
  long estimatedBytes(String poolId) {
    lock.lock();
    try {
      return lookup(poolId).pool().estimatedBytes();
    } finally {
      lock.unlock();
    }
  }

  /** The allocated master pools of a space and family (for tests). */
  List<Subnet> allocatedPools(String addressSpace, boolean v6) {
    lock.lock();
    try {
      return space(addressSpace, v6).allocated();
    } finally {
      lock.unlock();
    }
  }

  /** The pool data behind an id (for tests). */
  PoolData poolData(String poolId) {
    lock.lock();
    try {
      return lookup(poolId).pool();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "DefaultIpamDriver";
  }

}
