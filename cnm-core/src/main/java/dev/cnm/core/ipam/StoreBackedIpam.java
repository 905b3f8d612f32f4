package dev.cnm.core.ipam;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import dev.cnm.api.store.GlobalStore;
import dev.cnm.api.store.StoreOps;
import dev.cnm.api.store.StoreUnavailableException;
import dev.cnm.core.internal.StoreDocuments;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@code default} IPAM driver of an engine in a cluster: the {@code LocalDefault} space stays
 * in the engine ({@link DefaultIpamDriver}), the {@code GlobalDefault} space lives in a {@link
 * GlobalStore} shared by every engine, as libnetwork kept it in its KV store. Every decision is
 * made on the stored version by read-modify-compare-and-set ({@link StoreOps#update}): the pool
 * table under {@code ipam/GlobalDefault/pools} (predefined pools handed out lowest-free across
 * the cluster, no two overlapping), one address document per pool under {@code
 * ipam/GlobalDefault/addresses/...}. Addresses in global pools are handed out serially (next after
 * the last one, wrapping), as swarm asks. Each write carries a fresh operation token, so a write
 * whose outcome was unknown is recognised when the update re-reads, and never applied twice.
 * Only IPv4 global pools are supported.
 *
 * <pre>{@code
 * IpamDriver ipam = StoreBackedIpam.create(IpamConfiguration.dockerDefaults(), store);
 * AllocatedPool p = ipam.requestPool(PoolRequest.of("GlobalDefault"));   // 10.0.0.0/24
 * ipam.requestAddress(AddressRequest.builder().poolId(p.poolId()).gateway(true).build()); // 10.0.0.1/24
 * }</pre>
 */
public final class StoreBackedIpam implements IpamDriver {
  /** The store key of the global pool table. */
  public static final String POOLS_KEY = "ipam/GlobalDefault/pools";
  /** The prefix of the global pools' address documents. */
  public static final String ADDRESSES_PREFIX = "ipam/GlobalDefault/addresses/";

  private static final String GLOBAL = DefaultIpamDriver.GLOBAL_ADDRESS_SPACE;

  private final DefaultIpamDriver local;
  private final IpamConfiguration configuration;
  private final GlobalStore store;
  /** The token of each address this driver handed out, by {@code poolId + " " + address}. */
  private final Map<String, String> tokens = new ConcurrentHashMap<>();
  /**
   * Store clean-ups that failed because the store was unavailable (releases, and the undoing of
   * allocations whose outcome was unknown), retried in order before the next global call.
   */
  private final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();

  private StoreBackedIpam(IpamConfiguration configuration, GlobalStore store) {
    this.configuration = configuration;
    this.local = DefaultIpamDriver.create(configuration);
    this.store = store;
  }

  /**
   * {@return a driver with {@code configuration}'s pools whose global space lives in
   * {@code store}}
   *
   * @param configuration the predefined pools of both address spaces
   * @param store the cluster's store, which holds the global address space
   */
  public static StoreBackedIpam create(IpamConfiguration configuration, GlobalStore store) {
    return new StoreBackedIpam(requireNonNull(configuration, "configuration"), requireNonNull(store, "store"));
  }

  @Override
  public String name() {
    return DefaultIpamDriver.NAME;
  }

  @Override
  public boolean isBuiltIn() {
    return true;
  }

  @Override
  public IpamCapability capability() {
    return local.capability();
  }

  @Override
  public AddressSpaces defaultAddressSpaces() {
    return local.defaultAddressSpaces();
  }

  private static boolean isGlobal(String poolIdOrSpace) {
    return poolIdOrSpace.equals(GLOBAL) || poolIdOrSpace.startsWith(GLOBAL + "/");
  }

  // ---- pools ----------------------------------------------------------------------------------

  @Override
  public AllocatedPool requestPool(PoolRequest request) {
    requireNonNull(request, "request");
    if (!request.addressSpace().equals(GLOBAL)) {
      return local.requestPool(request);
    }
    retryPendingReleases();
    boolean v6 = request.pool().map(Subnet::isV6).orElse(request.v6());
    if (v6) {
      throw new SystemException("IPv6 pools in the global address space are not supported with a cluster store");
    }
    Optional<Subnet> asked = request.pool().map(Subnet::canonical);
    if (asked.isPresent() && asked.get().address().isUnspecified() && asked.get().prefixLength() > 0) {
      asked = Optional.empty(); // a size only: any predefined pool
    }
    Optional<Subnet> child = request.subPool().map(Subnet::canonical);
    if (asked.isEmpty() && child.isPresent()) {
      throw new SystemException("failed to parse pool request for address space \"" + GLOBAL + "\" pool \"\" subpool \""
          + child.get() + "\": invalid address subpool");
    }
    String token = UUID.randomUUID().toString();
    AtomicReference<Subnet> picked = new AtomicReference<>();
    Optional<Subnet> wanted = asked;
    try {
      updatePools(token, picked, wanted, request);
    } catch (StoreUnavailableException e) {
      if (e.outcome() == StoreUnavailableException.Outcome.UNKNOWN) {
        pending.add(() -> releasePoolEntry(token)); // the entry may have landed: give it back
      }
      throw e;
    }
    Subnet pool = picked.get();
    Subnet range = child.map(c -> c.prefixLength() < pool.prefixLength() ? pool : c).orElse(pool);
    if (!pool.contains(range.address())) {
      releasePoolEntry(pool);
      throw new InvalidParameterException("invalid pool request: subpool " + range + " is not part of pool " + pool);
    }
    String id = GLOBAL + "/" + pool + (child.isPresent() ? "/" + range : "");
    ObjectNode doc = StoreDocuments.object();
    doc.put("pool", pool.toString());
    doc.put("range", range.toString());
    doc.put("owner", token);
    doc.put("last", -1);
    doc.putObject("used");
    byte[] fresh = StoreDocuments.bytes(doc);
    try {
      StoreOps.update(store, addressesKey(pool), current -> fresh);
    } catch (RuntimeException e) {
      Runnable undo = () -> {
        deleteAddresses(pool, token);
        releasePoolEntry(token);
      };
      try {
        undo.run();
      } catch (StoreUnavailableException again) {
        pending.add(undo);
      }
      throw e;
    }
    return AllocatedPool.of(id, pool);
  }

  private void updatePools(String token, AtomicReference<Subnet> picked, Optional<Subnet> wanted, PoolRequest request) {
    StoreOps.update(store, POOLS_KEY, current -> {
      TreeMap<String, String> pools = readPools(current);
      for (Map.Entry<String, String> e : pools.entrySet()) {
        if (e.getValue().equals(token)) {
          picked.set(Subnet.parse(e.getKey())); // our earlier, in-doubt write landed
          return current.orElseThrow();
        }
      }
      Subnet s = wanted.isPresent() ? wanted.get() : pickPredefined(pools, request.exclude());
      for (String used : pools.keySet()) {
        if (Subnet.parse(used).overlaps(s)) {
          throw new PoolOverlapException(GLOBAL, s);
        }
      }
      pools.put(s.toString(), token);
      picked.set(s);
      return writePools(pools);
    });
  }

  /** Deletes a pool's address document if pool request {@code token} wrote it. */
  private void deleteAddresses(Subnet pool, String token) {
    StoreOps.update(store, addressesKey(pool), current -> {
      if (current.isEmpty()) {
        return null;
      }
      return StoreDocuments.read("IPAM", current.get()).path("owner").asText().equals(token) ? null : current.get();
    });
  }

  /** Gives back the pool entry that pool request {@code token} took, if it is there. */
  private void releasePoolEntry(String token) {
    StoreOps.update(store, POOLS_KEY, current -> {
      TreeMap<String, String> pools = readPools(current);
      if (!pools.values().remove(token)) {
        return current.orElse(null);
      }
      return pools.isEmpty() ? null : writePools(pools);
    });
  }

  private Subnet pickPredefined(TreeMap<String, String> pools, List<Subnet> exclude) {
    List<Subnet> used = new ArrayList<>();
    pools.keySet().forEach(k -> used.add(Subnet.parse(k)));
    used.addAll(exclude);
    for (DefaultAddressPool dp : configuration.globalPools()) {
      if (dp.base().isV6()) {
        continue;
      }
      Iterator<Subnet> it = candidates(dp);
      while (it.hasNext()) {
        Subnet s = it.next();
        if (used.stream().noneMatch(u -> u.overlaps(s))) {
          return s;
        }
      }
    }
    throw new NoAvailablePoolException(GLOBAL, false);
  }

  /** The subnets of {@code size} bits in {@code dp}'s base, ascending. */
  private static Iterator<Subnet> candidates(DefaultAddressPool dp) {
    Subnet base = dp.base().canonical();
    int size = dp.size();
    long count = 1L << (size - base.prefixLength());
    long step = 1L << (32 - size);
    long first = base.network().v4Bits() & 0xFFFF_FFFFL;
    return new Iterator<>() {
      long i;

      @Override
      public boolean hasNext() {
        return i < count;
      }

      @Override
      public Subnet next() {
        Subnet s = Subnet.of(IpAddress.ofV4((int) (first + i * step)), size);
        i++;
        return s;
      }
    };
  }

  @Override
  public void releasePool(String poolId) {
    requireNonNull(poolId, "poolId");
    if (!isGlobal(poolId)) {
      local.releasePool(poolId);
      return;
    }
    PoolId id = PoolId.parse(poolId);
    retryPendingReleases();
    // The entry goes last: while it is held no other network can take the pool, so a release
    // retried later never frees a re-created pool's document.
    Runnable release = () -> {
      StoreOps.update(store, addressesKey(id.pool), current -> null);
      releasePoolEntry(id.pool);
    };
    try {
      release.run();
    } catch (StoreUnavailableException e) {
      pending.add(release);
      throw e;
    }
  }

  private void releasePoolEntry(Subnet pool) {
    StoreOps.update(store, POOLS_KEY, current -> {
      TreeMap<String, String> pools = readPools(current);
      if (pools.remove(pool.toString()) == null) {
        return current.orElse(null);
      }
      return pools.isEmpty() ? null : writePools(pools);
    });
  }

  // ---- addresses ------------------------------------------------------------------------------

  @Override
  public Subnet requestAddress(AddressRequest request) {
    requireNonNull(request, "request");
    if (!isGlobal(request.poolId())) {
      return local.requestAddress(request);
    }
    retryPendingReleases();
    PoolId id = PoolId.parse(request.poolId());
    String token = UUID.randomUUID().toString();
    AtomicReference<IpAddress> got = new AtomicReference<>();
    try {
      allocate(id, request, token, got);
    } catch (StoreUnavailableException e) {
      if (e.outcome() == StoreUnavailableException.Outcome.UNKNOWN) {
        pending.add(() -> releaseToken(id, token)); // the address may have landed: give it back
      }
      throw e;
    }
    tokens.put(request.poolId() + " " + got.get(), token);
    return Subnet.of(got.get(), id.pool.prefixLength());
  }

  private void allocate(PoolId id, AddressRequest request, String token, AtomicReference<IpAddress> got) {
    StoreOps.update(store, addressesKey(id.pool), current -> {
      if (current.isEmpty()) {
        throw new NotFoundException("cannot find address pool for poolID:" + id.pool + "/"
            + (id.child == null ? "invalid Prefix" : id.child));
      }
      ObjectNode doc = StoreDocuments.read("IPAM", current.get());
      Subnet range = Subnet.parse(doc.path("range").asText());
      ObjectNode used = (ObjectNode) doc.get("used");
      Iterator<Map.Entry<String, JsonNode>> fields = used.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        if (f.getValue().asText().equals(token)) {
          got.set(id.pool.addressAt(Long.parseLong(f.getKey())));
          return current.get(); // our earlier, in-doubt write landed
        }
      }
      long lo = first(id.pool, range);
      long hi = last(id.pool, range);
      long ordinal;
      if (request.preferred().isPresent()) {
        IpAddress ip = request.preferred().get();
        if (!range.contains(ip)) {
          throw new AddressOutOfRangeException(request.poolId(), ip);
        }
        ordinal = id.pool.ordinalOf(ip);
        if (used.has(Long.toString(ordinal))) {
          throw new AddressInUseException(request.poolId(), ip);
        }
      } else {
        long last = doc.path("last").asLong(-1);
        // Gateways take the lowest free address; everything else the next after the last one.
        long start = request.gateway() || last < lo || last >= hi ? lo : last + 1;
        ordinal = -1;
        for (long n = 0, size = hi - lo + 1; n < size; n++) {
          long o = lo + (start - lo + n) % size;
          if (!used.has(Long.toString(o))) {
            ordinal = o;
            break;
          }
        }
        if (ordinal < 0) {
          throw new NoAvailableAddressException(request.poolId());
        }
        if (!request.gateway()) {
          doc.put("last", ordinal);
        }
      }
      used.put(Long.toString(ordinal), token);
      got.set(id.pool.addressAt(ordinal));
      return StoreDocuments.bytes(doc);
    });
  }

  /** Frees the address that address request {@code token} took, if it is there. */
  private void releaseToken(PoolId id, String token) {
    StoreOps.update(store, addressesKey(id.pool), current -> {
      if (current.isEmpty()) {
        return null;
      }
      ObjectNode doc = StoreDocuments.read("IPAM", current.get());
      Iterator<Map.Entry<String, JsonNode>> fields = doc.get("used").fields();
      while (fields.hasNext()) {
        if (fields.next().getValue().asText().equals(token)) {
          fields.remove();
          return StoreDocuments.bytes(doc);
        }
      }
      return current.get();
    });
  }

  /** The first assignable ordinal of the range (not the network address of the pool). */
  private static long first(Subnet pool, Subnet range) {
    long o = pool.ordinalOf(range.network());
    return o == 0 && pool.prefixLength() < 31 ? 1 : o;
  }

  /** The last assignable ordinal of the range (not the broadcast address of the pool). */
  private static long last(Subnet pool, Subnet range) {
    long o = pool.ordinalOf(range.lastAddress());
    long top = pool.ordinalOf(pool.lastAddress());
    return o == top && pool.prefixLength() < 31 ? o - 1 : o;
  }

  @Override
  public void releaseAddress(String poolId, IpAddress address) {
    requireNonNull(poolId, "poolId");
    requireNonNull(address, "address");
    if (!isGlobal(poolId)) {
      local.releaseAddress(poolId, address);
      return;
    }
    PoolId id = PoolId.parse(poolId);
    if (!id.pool.contains(address)) {
      throw new AddressOutOfRangeException(poolId, address);
    }
    retryPendingReleases();
    String token = tokens.remove(poolId + " " + address);
    try {
      release(id, address, token);
    } catch (StoreUnavailableException e) {
      // Retried later; the token keeps a late release from freeing the address of a re-created pool.
      pending.add(() -> release(id, address, token));
      throw e;
    }
  }

  private void release(PoolId id, IpAddress address, String token) {
    String ordinal = Long.toString(id.pool.ordinalOf(address));
    StoreOps.update(store, addressesKey(id.pool), current -> {
      if (current.isEmpty()) {
        throw new NotFoundException("cannot find address pool for " + id.pool + "/"
            + (id.child == null ? "invalid Prefix" : id.child));
      }
      ObjectNode doc = StoreDocuments.read("IPAM", current.get());
      ObjectNode used = (ObjectNode) doc.get("used");
      JsonNode holder = used.get(ordinal);
      if (holder == null || (token != null && !holder.asText().equals(token))) {
        return current.get();
      }
      used.remove(ordinal);
      return StoreDocuments.bytes(doc);
    });
  }

  /** Retries the releases that failed while the store was unavailable; stops at the first that fails again. */
  private void retryPendingReleases() {
    Runnable p;
    while ((p = pending.peek()) != null) {
      try {
        p.run();
      } catch (StoreUnavailableException e) {
        return;
      } catch (RuntimeException gone) {
        // the pool was released meanwhile: nothing left to give back
      }
      pending.remove(p);
    }
  }

  /**
   * {@return the addresses in use in a global pool, as the store holds them; empty for an unknown
   * pool}
   *
   * @param poolId the id {@link #requestPool} returned
   */
  public List<IpAddress> addressesInUse(String poolId) {
    PoolId id = PoolId.parse(poolId);
    List<IpAddress> out = new ArrayList<>();
    store.get(addressesKey(id.pool)).ifPresent(v -> StoreDocuments.read("IPAM", v.value()).get("used").fieldNames()
        .forEachRemaining(o -> out.add(id.pool.addressAt(Long.parseLong(o)))));
    out.sort(null);
    return out;
  }

  // ---- encoding -------------------------------------------------------------------------------

  static String addressesKey(Subnet pool) {
    return ADDRESSES_PREFIX + pool.toString().replace('/', '-');
  }

  private static TreeMap<String, String> readPools(Optional<byte[]> bytes) {
    TreeMap<String, String> pools = new TreeMap<>();
    bytes.ifPresent(b -> StoreDocuments.read("IPAM", b).path("pools").fields()
        .forEachRemaining(e -> pools.put(e.getKey(), e.getValue().asText())));
    return pools;
  }

  private static byte[] writePools(TreeMap<String, String> pools) {
    ObjectNode doc = StoreDocuments.object();
    ObjectNode p = doc.putObject("pools");
    pools.forEach(p::put);
    return StoreDocuments.bytes(doc);
  }


  /** {@code GlobalDefault/<pool>} or {@code GlobalDefault/<pool>/<child>}. */
  private static final class PoolId {
    final Subnet pool;
    final Subnet child;

    private PoolId(Subnet pool, Subnet child) {
      this.pool = pool;
      this.child = child;
    }

    static PoolId parse(String id) {
      String[] parts = id.split("/", -1);
      try {
        if (parts.length == 3 && parts[0].equals(GLOBAL)) {
          return new PoolId(Subnet.parse(parts[1] + "/" + parts[2]), null);
        }
        if (parts.length == 5 && parts[0].equals(GLOBAL)) {
          return new PoolId(Subnet.parse(parts[1] + "/" + parts[2]), Subnet.parse(parts[3] + "/" + parts[4]));
        }
      } catch (IllegalArgumentException e) {
        // fall through
      }
      throw new InvalidParameterException("invalid pool id: " + id);
    }
  }

  @Override
  public String toString() {
    return "StoreBackedIpam";
  }
}
