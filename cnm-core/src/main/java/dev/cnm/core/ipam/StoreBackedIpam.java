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
import dev.cnm.api.store.Listing;
import dev.cnm.api.store.StoreConflictException;
import dev.cnm.api.store.StoreOps;
import dev.cnm.api.store.StoreTxn;
import dev.cnm.api.store.Versioned;
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
import java.util.function.BiConsumer;

/**
 * The {@code default} IPAM driver of an engine in a cluster: the {@code LocalDefault} space stays
 * in the engine ({@link DefaultIpamDriver}), the {@code GlobalDefault} space lives in a {@link
 * GlobalStore} shared by every engine, as libnetwork kept it in its KV store. The pool table under
 * {@code ipam/GlobalDefault/pools} (predefined pools handed out lowest-free across the cluster, no
 * two overlapping) is changed by read-modify-compare-and-set ({@link StoreOps#update}); each pool
 * has a document under {@code ipam/GlobalDefault/addresses/<pool>} (its range), and each address in
 * use is a key of its own, {@code ipam/GlobalDefault/used/<pool>/<ordinal>}, created only if absent.
 * Hosts taking different addresses therefore never conflict, and one store transaction takes an
 * address. Addresses are handed out lowest-free in the pool (whichever host asks), or, for a
 * request with {@code serial}, next after the last one (a cursor key, written in the same
 * transaction). A lowest-free request needs no fresh view of the addresses in use: its transaction
 * offers the contiguous range from the pool's first address as alternatives, and the first one free
 * at the commit is the lowest free of the pool (see {@link #contiguousRange}). Each address carries a fresh operation token, so a write whose outcome was unknown
 * is recognised when re-read, and never applied twice. Only IPv4 global pools are supported.
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
  /** The prefix of the global pools' documents. */
  public static final String ADDRESSES_PREFIX = "ipam/GlobalDefault/addresses/";
  /** The prefix of the keys of the addresses in use, {@code <pool>/<ordinal>} after it. */
  public static final String USED_PREFIX = "ipam/GlobalDefault/used/";
  /** The prefix of the serial allocation cursors, one per pool. */
  static final String CURSOR_PREFIX = "ipam/GlobalDefault/cursor/";

  private static final String GLOBAL = DefaultIpamDriver.GLOBAL_ADDRESS_SPACE;
  /**
   * The lowest free addresses one transaction offers as alternatives: as many as hosts commonly
   * race for one address, so that a host that loses the lowest one takes the next in the same
   * round trip.
   */
  static final int CHOICES = 3;
  /**
   * The most alternatives a join's contiguous range offers ({@link #contiguousRange}): every level
   * of the nested etcd transaction is well inside etcd's 128 operations (each counts its own
   * compares and writes: three and two), the request stays a few tens of KiB, and the answer's
   * nesting (two protobuf messages per level) stays inside the 100 levels the Java client parses.
   */
  static final int MAX_RANGE = 32;

  private final DefaultIpamDriver local;
  private final IpamConfiguration configuration;
  private final GlobalStore store;
  /** Addresses whose release went into a caller's transaction ({@link #releaseWith}). */
  private final java.util.Set<String> handedOver = ConcurrentHashMap.newKeySet();
  /** The pool documents read, by pool; see {@link #poolDocument}. */
  private final Map<Subnet, Versioned> poolDocs = new ConcurrentHashMap<>();
  /** The mod revision of each address key this driver wrote, by {@code poolId + " " + address}. */
  private final Map<String, Long> held = new ConcurrentHashMap<>();
  /** The listing of the running operation, if the engine gave one; see {@link #observe}. */
  private volatile Listing observed;
  /**
   * The ordinals in use in each pool as this driver last knew them: from the engine's last listing,
   * then its own takes and releases and what each join's transaction told (the addresses it found
   * taken). Possibly stale both ways; it only decides how long a join's contiguous range is.
   */
  private final Map<Subnet, java.util.Set<Long>> view = new ConcurrentHashMap<>();
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
      releasePoolEntry(token);
      throw new InvalidParameterException("invalid pool request: subpool " + range + " is not part of pool " + pool);
    }
    String id = GLOBAL + "/" + pool + (child.isPresent() ? "/" + range : "");
    ObjectNode doc = StoreDocuments.object();
    doc.put("pool", pool.toString());
    doc.put("range", range.toString());
    doc.put("owner", token);
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
    PoolRelease release = new PoolRelease(id.pool);
    try {
      release.run();
    } catch (StoreUnavailableException e) {
      pending.add(release);
      throw e;
    }
  }

  /**
   * The release of a pool, retried as it stands until it is done. The entry goes last: while it is
   * held no other network can take the pool, so a release retried later never frees a re-created
   * pool's document. Once the entry was read, it is given back only while it still holds the token
   * read: a removal whose outcome was unknown may have landed, and another network taken the pool
   * since.
   */
  private final class PoolRelease implements Runnable {
    private final Subnet pool;
    private boolean keysDeleted;
    /** The pool table's token for the pool, once read; null before. */
    private String entryToken;

    PoolRelease(Subnet pool) {
      this.pool = pool;
    }

    @Override
    public void run() {
      if (!keysDeleted) {
        deletePoolKeys(pool);
        keysDeleted = true;
      }
      if (entryToken != null) {
        releasePoolEntry(entryToken);
        return;
      }
      StoreOps.update(store, POOLS_KEY, current -> {
        TreeMap<String, String> pools = readPools(current);
        String token = pools.remove(pool.toString());
        if (token == null) {
          return current.orElse(null);
        }
        entryToken = token;
        return pools.isEmpty() ? null : writePools(pools);
      });
    }
  }

  /** Deletes a pool's document, cursor and address keys in one transaction. */
  private void deletePoolKeys(Subnet pool) {
    poolDocs.remove(pool);
    observed = null;
    view.remove(pool);
    StoreTxn.Builder txn = StoreTxn.builder().delete(addressesKey(pool)).delete(cursorKey(pool));
    for (Versioned v : store.list(usedPrefix(pool)).entries()) {
      txn.delete(v.key());
    }
    store.commit(txn.build());
    String prefix = GLOBAL + "/" + pool;
    held.keySet().removeIf(k -> k.startsWith(prefix + " ") || k.startsWith(prefix + "/"));
  }

  // ---- addresses ------------------------------------------------------------------------------

  @Override
  public Subnet requestAddress(AddressRequest request) {
    return requestAddress(request, null);
  }

  /**
   * {@link #requestAddress(AddressRequest)}, with the caller's own conditions and writes for the
   * address picked committed in the transaction that takes it: the engine records the endpoint
   * that holds a global address together with the address, so that one round trip joins and no
   * address is ever in the store without its owner. A conflict on a key of the caller's (its
   * condition no longer holds) is thrown to the caller, with nothing written; conflicts on the
   * address itself are retried at the next lowest free address. For a local pool {@code with} is
   * not called.
   *
   * <pre>{@code
   * Subnet got = ipam.requestAddress(AddressRequest.builder().poolId(poolId).build(),
   *     (address, txn) -> txn.requireModRevision("network/ov", rev).put("endpoint/n/e", record(address)));
   * }</pre>
   *
   * @param request the request
   * @param with adds the caller's conditions and writes for the address picked, or null for none;
   *     it may be called once per attempt
   * @return the address, with the pool's prefix length
   * @throws StoreConflictException when one of the caller's conditions does not hold
   */
  public Subnet requestAddress(AddressRequest request, BiConsumer<Subnet, StoreTxn.Builder> with) {
    requireNonNull(request, "request");
    if (!isGlobal(request.poolId())) {
      return local.requestAddress(request);
    }
    retryPendingReleases();
    PoolId id = PoolId.parse(request.poolId());
    String token = UUID.randomUUID().toString();
    IpAddress got;
    try {
      got = allocate(id, request, token, with);
    } catch (StoreUnavailableException e) {
      if (e.outcome() == StoreUnavailableException.Outcome.UNKNOWN) {
        pending.add(() -> releaseToken(id, token)); // the address may have landed: give it back
      }
      throw e;
    }
    return Subnet.of(got, id.pool.prefixLength());
  }

  /**
   * The pool's document (its range), or a not-found error when the pool was released. Kept once
   * read: it never changes while the pool exists, and every allocation's transaction checks its mod
   * revision, so a pool released and taken again is noticed and read afresh.
   */
  private Versioned poolDocument(PoolId id) {
    Versioned cached = poolDocs.get(id.pool);
    if (cached != null) {
      return cached;
    }
    Versioned doc = store.get(addressesKey(id.pool)).orElseThrow(() -> new NotFoundException(
        "cannot find address pool for poolID:" + id.pool + "/" + (id.child == null ? "invalid Prefix" : id.child)));
    poolDocs.put(id.pool, doc);
    return doc;
  }

  /**
   * Gives the driver the engine's listing of the whole store, taken at the start of the running
   * operation: the addresses in use are read from it rather than listed again. A listing that is
   * stale by the time of the take costs at most a conflict (an address taken meanwhile, retried at
   * the next one); a release by this driver drops it, so that the address freed is seen free. The
   * listing also renews the driver's view of each pool, which outlives the operation and decides
   * how long a join's contiguous range is.
   *
   * <pre>{@code
   * ipam.observe(store.list(""));
   * }</pre>
   *
   * @param listing a listing of the whole store (or at least of {@link #USED_PREFIX})
   */
  public void observe(Listing listing) {
    this.observed = requireNonNull(listing, "listing");
    Map<Subnet, java.util.Set<Long>> seen = new java.util.HashMap<>();
    for (Versioned v : listing.entries()) {
      String k = v.key();
      int slash = k.lastIndexOf('/');
      if (!k.startsWith(USED_PREFIX) || slash <= USED_PREFIX.length()) {
        continue;
      }
      try {
        Subnet pool = Subnet.parse(k.substring(USED_PREFIX.length(), slash).replace('-', '/'));
        seen.computeIfAbsent(pool, x -> ConcurrentHashMap.newKeySet()).add(Long.parseLong(k.substring(slash + 1)));
      } catch (IllegalArgumentException e) {
        // not an address key of this driver's
      }
    }
    view.keySet().retainAll(seen.keySet());
    view.putAll(seen);
  }

  /**
   * Drops the listing given to {@link #observe}: an allocation that needs the addresses in use
   * (a serial one, or a join whose contiguous range was all taken) reads them from the store. For
   * an operation that does not read the whole store at its start.
   *
   * <pre>{@code
   * ipam.forgetObserved();
   * }</pre>
   */
  public void forgetObserved() {
    this.observed = null;
  }

  /** The ordinals in use in {@code pool}: from the listing observed, else read. */
  private java.util.Set<Long> usedOrdinals(Subnet pool) {
    String prefix = usedPrefix(pool);
    Listing l = observed;
    java.util.Set<Long> used = new java.util.HashSet<>();
    for (Versioned v : (l != null ? l : store.list(prefix)).entries()) {
      if (v.key().startsWith(prefix)) {
        used.add(Long.parseLong(v.key().substring(prefix.length())));
      }
    }
    if (l == null) {
      java.util.Set<Long> fresh = ConcurrentHashMap.newKeySet();
      fresh.addAll(used);
      view.put(pool, fresh);
    }
    return used;
  }

  private IpAddress allocate(PoolId id, AddressRequest request, String token, BiConsumer<Subnet, StoreTxn.Builder> with) {
    return allocate(id, request, token, with, 0);
  }

  /** Whether an in-doubt write of {@code token} landed; the in-doubt error again when that cannot be read. */
  private boolean landed(Subnet pool, long ordinal, String token, StoreUnavailableException inDoubt) {
    try {
      return ours(pool, ordinal, token);
    } catch (StoreUnavailableException e) {
      throw inDoubt;
    }
  }

  private IpAddress allocate(PoolId id, AddressRequest request, String token, BiConsumer<Subnet, StoreTxn.Builder> with,
      int attempt) {
    if (attempt > StoreOps.MAX_ATTEMPTS) {
      throw new StoreUnavailableException(StoreUnavailableException.Outcome.UNKNOWN,
          "could not take an address in " + id.pool + " after " + attempt + " attempts");
    }
    Versioned poolDoc = poolDocument(id);
    Subnet range = Subnet.parse(StoreDocuments.read("IPAM", poolDoc.value()).path("range").asText());
    long lo = first(id.pool, range);
    long hi = last(id.pool, range);
    byte[] mine = tokenDocument(token);
    if (request.preferred().isPresent()) {
      IpAddress ip = request.preferred().get();
      if (!range.contains(ip)) {
        throw new AddressOutOfRangeException(request.poolId(), ip);
      }
      long ordinal = id.pool.ordinalOf(ip);
      try {
        return recordHeld(id, request, ordinal, take(id, poolDoc, ordinal, mine, null, with));
      } catch (StoreConflictException e) {
        if (e.key().equals(usedKey(id.pool, ordinal))) {
          throw new AddressInUseException(request.poolId(), ip);
        }
        return poolChanged(id, request, token, with, e);
      } catch (StoreUnavailableException e) {
        if (e.outcome() != StoreUnavailableException.Outcome.UNKNOWN) {
          throw e;
        }
        if (landed(id.pool, ordinal, token, e)) {
          return recordHeld(id, request, ordinal, 0);
        }
        return allocate(id, request, token, with, attempt + 1); // lost: try again
      }
    }
    // Lowest free first, whichever host asks, as libnetwork's bitmap in the store hands them out;
    // the next after the last one only for a network whose IPAM options ask for serial allocation.
    boolean serial = request.serial() && !request.gateway();
    java.util.Set<Long> taken = new java.util.HashSet<>();
    if (!serial) {
      List<Long> contiguous = contiguousRange(id.pool, lo, hi);
      if (!contiguous.isEmpty()) {
        IpAddress got = firstFreeOf(contiguous, id, request, token, with, attempt, poolDoc, mine);
        if (got != null) {
          return got;
        }
        taken.addAll(contiguous); // all taken at the commit: the view was stale
      }
    }
    java.util.Set<Long> used = usedOrdinals(id.pool);
    used.addAll(taken);
    if (!serial) {
      return lowestFree(id, request, token, with, attempt, poolDoc, lo, hi, used, mine);
    }
    Optional<Versioned> cursor = store.get(cursorKey(id.pool));
    long last = cursor.map(c -> StoreDocuments.read("IPAM", c.value()).path("last").asLong(-1)).orElse(-1L);
    long start = last < lo || last >= hi ? lo : last + 1;
    long size = hi - lo + 1;
    for (long n = 0; n < size; n++) {
      long ordinal = lo + (start - lo + n) % size;
      if (used.contains(ordinal)) {
        continue;
      }
      try {
        return recordHeld(id, request, ordinal, take(id, poolDoc, ordinal, mine, cursor, with));
      } catch (StoreConflictException e) {
        if (e.key().equals(usedKey(id.pool, ordinal))) {
          used.add(ordinal); // another host took it meanwhile: the next one
          continue;
        }
        if (e.key().equals(cursorKey(id.pool))) {
          return allocate(id, request, token, with, attempt + 1); // another serial allocation moved the cursor
        }
        return poolChanged(id, request, token, with, e);
      } catch (StoreUnavailableException e) {
        if (e.outcome() != StoreUnavailableException.Outcome.UNKNOWN) {
          throw e;
        }
        if (landed(id.pool, ordinal, token, e)) {
          return recordHeld(id, request, ordinal, 0);
        }
        return allocate(id, request, token, with, attempt + 1); // lost: try again
      }
    }
    throw new NoAvailableAddressException(request.poolId());
  }

  /**
   * The join's alternatives when they need no fresh view of the addresses: every allocatable
   * ordinal of the pool from the first one ({@code lo}) up to the {@value #CHOICES}rd one free in
   * the {@linkplain #view view}, in order; empty when that is more than {@value #MAX_RANGE}
   * ordinals (the caller lists the pool instead).
   *
   * <p><b>Why the view may be stale.</b> The keys of a contiguous range from the pool's first
   * address, tried in order in one transaction, are taken by the first one absent at the commit:
   * that is the lowest free address of the pool at the commit, whichever host freed or took what
   * before, as long as it lies inside the range. The view decides only where the range ends: an
   * address it wrongly holds free (another host took it) makes the range shorter than it could be,
   * and if every address of it is taken the commit is refused and the caller lists the pool; an
   * address it wrongly holds used (another host freed it) makes the range longer, never skips it.
   */
  private List<Long> contiguousRange(Subnet pool, long lo, long hi) {
    java.util.Set<Long> known = view.getOrDefault(pool, java.util.Set.of());
    List<Long> range = new ArrayList<>();
    int free = 0;
    for (long o = lo; o <= hi && free < CHOICES; o++) {
      if (range.size() == MAX_RANGE) {
        return List.of();
      }
      range.add(o);
      if (!known.contains(o)) {
        free++;
      }
    }
    return range;
  }

  /**
   * Commits the first of {@code picks} still free, in one round trip ({@link
   * GlobalStore#commitFirst}); null when every one of them was taken at the commit. What the commit
   * tells goes into the view: the picks before the one committed were taken.
   */
  private IpAddress firstFreeOf(List<Long> picks, PoolId id, AddressRequest request, String token,
      BiConsumer<Subnet, StoreTxn.Builder> with, int attempt, Versioned poolDoc, byte[] mine) {
    List<StoreTxn> txns = new ArrayList<>(picks.size());
    for (long o : picks) {
      txns.add(takeTxn(id, poolDoc, o, mine, null, with));
    }
    long lastPick = picks.get(picks.size() - 1);
    java.util.Set<Long> known = view.computeIfAbsent(id.pool, x -> ConcurrentHashMap.newKeySet());
    try {
      StoreTxn.Chosen chosen = store.commitFirst(txns);
      known.addAll(picks.subList(0, chosen.index()));
      return recordHeld(id, request, picks.get(chosen.index()), chosen.revision());
    } catch (StoreConflictException e) {
      if (e.key().equals(usedKey(id.pool, lastPick))) {
        known.addAll(picks);
        return null;
      }
      return poolChanged(id, request, token, with, e);
    } catch (StoreUnavailableException e) {
      if (e.outcome() != StoreUnavailableException.Outcome.UNKNOWN) {
        throw e;
      }
      for (long o : picks) {
        if (landed(id.pool, o, token, e)) {
          return recordHeld(id, request, o, 0);
        }
      }
      return allocate(id, request, token, with, attempt + 1); // lost: try again
    }
  }

  /** The view no longer holds {@code ordinal} used: this driver freed it. */
  private void forget(Subnet pool, long ordinal) {
    java.util.Set<Long> known = view.get(pool);
    if (known != null) {
      known.remove(ordinal);
    }
  }

  /**
   * The lowest free address, in one round trip however many hosts race for it: one transaction
   * whose alternatives take each of the {@value #CHOICES} lowest addresses free in the view, the
   * first still free winning ({@link GlobalStore#commitFirst}); only when all of them were taken
   * meanwhile does the next round try the following ones.
   */
  private IpAddress lowestFree(PoolId id, AddressRequest request, String token,
      BiConsumer<Subnet, StoreTxn.Builder> with, int attempt, Versioned poolDoc, long lo, long hi,
      java.util.Set<Long> used, byte[] mine) {
    long next = lo;
    while (true) {
      List<Long> picks = new ArrayList<>(CHOICES);
      for (long o = next; o <= hi && picks.size() < CHOICES; o++) {
        if (!used.contains(o)) {
          picks.add(o);
        }
      }
      if (picks.isEmpty()) {
        throw new NoAvailableAddressException(request.poolId());
      }
      IpAddress got = firstFreeOf(picks, id, request, token, with, attempt, poolDoc, mine);
      if (got != null) {
        return got;
      }
      used.addAll(picks); // all taken by other hosts meanwhile: the next ones
      next = picks.get(picks.size() - 1) + 1;
    }
  }

  /**
   * Takes one address in one transaction: the pool still the one read, the address free, for a
   * serial request the cursor unchanged and moved along, and the caller's part ({@code with}).
   */
  private long take(PoolId id, Versioned poolDoc, long ordinal, byte[] mine, Optional<Versioned> cursor,
      BiConsumer<Subnet, StoreTxn.Builder> with) {
    return store.commit(takeTxn(id, poolDoc, ordinal, mine, cursor, with));
  }

  private StoreTxn takeTxn(PoolId id, Versioned poolDoc, long ordinal, byte[] mine, Optional<Versioned> cursor,
      BiConsumer<Subnet, StoreTxn.Builder> with) {
    StoreTxn.Builder txn = StoreTxn.builder()
        .requireModRevision(poolDoc.key(), poolDoc.modRevision())
        .requireAbsent(usedKey(id.pool, ordinal))
        .put(usedKey(id.pool, ordinal), mine);
    if (with != null) {
      with.accept(Subnet.of(id.pool.addressAt(ordinal), id.pool.prefixLength()), txn);
    }
    if (cursor != null) {
      ObjectNode c = StoreDocuments.object();
      c.put("last", ordinal);
      if (cursor.isPresent()) {
        txn.requireModRevision(cursorKey(id.pool), cursor.get().modRevision());
      } else {
        txn.requireAbsent(cursorKey(id.pool));
      }
      txn.put(cursorKey(id.pool), StoreDocuments.bytes(c));
    }
    return txn.build();
  }

  /** The pool's document changed (released, perhaps taken again): read it afresh and start again. */
  private IpAddress poolChanged(PoolId id, AddressRequest request, String token, BiConsumer<Subnet, StoreTxn.Builder> with,
      StoreConflictException e) {
    if (!e.key().equals(addressesKey(id.pool))) {
      throw e; // the caller's condition: its to decide
    }
    Versioned stale = poolDocs.remove(id.pool);
    Optional<Versioned> now = store.get(addressesKey(id.pool));
    if (now.isEmpty() || (stale != null && now.get().modRevision() == stale.modRevision())) {
      throw new NotFoundException("cannot find address pool for poolID:" + id.pool + "/"
          + (id.child == null ? "invalid Prefix" : id.child), e);
    }
    return allocate(id, request, token, with);
  }

  /** Whether the address key holds {@code token}: an in-doubt write of ours that landed. */
  private boolean ours(Subnet pool, long ordinal, String token) {
    return store.get(usedKey(pool, ordinal))
        .map(v -> StoreDocuments.read("IPAM", v.value()).path("token").asText().equals(token)).orElse(false);
  }

  /** Remembers the mod revision of the address key written ({@code 0}: read it back, after an in-doubt write). */
  private IpAddress recordHeld(PoolId id, AddressRequest request, long ordinal, long revision) {
    IpAddress ip = id.pool.addressAt(ordinal);
    view.computeIfAbsent(id.pool, x -> ConcurrentHashMap.newKeySet()).add(ordinal);
    if (revision > 0) {
      held.put(request.poolId() + " " + ip, revision);
    } else {
      store.get(usedKey(id.pool, ordinal)).ifPresent(v -> held.put(request.poolId() + " " + ip, v.modRevision()));
    }
    return ip;
  }

  private static byte[] tokenDocument(String token) {
    ObjectNode doc = StoreDocuments.object();
    doc.put("token", token);
    return StoreDocuments.bytes(doc);
  }

  /** Frees the address that address request {@code token} took, if it is there. */
  private void releaseToken(PoolId id, String token) {
    for (Versioned v : store.list(usedPrefix(id.pool)).entries()) {
      if (StoreDocuments.read("IPAM", v.value()).path("token").asText().equals(token)) {
        try {
          store.compareAndDelete(v.key(), v.modRevision());
        } catch (StoreConflictException e) {
          // freed and taken again meanwhile: not ours any more
        }
        return;
      }
    }
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
    if (handedOver.remove(poolId + " " + address)) {
      return; // freed with its endpoint's record, in the engine's transaction
    }
    observed = null;
    forget(id.pool, id.pool.ordinalOf(address));
    Long revision = held.remove(poolId + " " + address);
    try {
      release(id, address, revision);
    } catch (StoreUnavailableException e) {
      // Retried later; the revision keeps a late release from freeing an address taken again since.
      pending.add(() -> release(id, address, revision));
      throw e;
    }
  }

  /**
   * Hands over the release of an address this driver took to a caller's transaction (the engine
   * deletes an endpoint's record and frees its addresses in one): adds the condition that the
   * address key is still the one written and its deletion, and makes the {@link #releaseAddress}
   * that follows a no-op. Does nothing (the later {@code releaseAddress} frees it) for an address
   * this driver did not write.
   *
   * @param poolId the pool the address came from
   * @param address the address
   * @param txn the caller's transaction
   * @return the address key's mod revision handed over, for {@link #keep} if the transaction fails;
   *     empty when nothing was handed over
   */
  public Optional<Long> releaseWith(String poolId, IpAddress address, StoreTxn.Builder txn) {
    if (!isGlobal(poolId)) {
      return Optional.empty();
    }
    Long revision = held.remove(poolId + " " + address);
    if (revision == null) {
      return Optional.empty();
    }
    PoolId id = PoolId.parse(poolId);
    String key = usedKey(id.pool, id.pool.ordinalOf(address));
    txn.requireModRevision(key, revision).delete(key);
    handedOver.add(poolId + " " + address);
    observed = null;
    forget(id.pool, id.pool.ordinalOf(address));
    return Optional.of(revision);
  }

  /**
   * Takes back {@link #releaseWith} hand-overs whose transaction failed: the addresses are released
   * by the {@code releaseAddress} calls that follow, as if never handed over.
   *
   * @param poolId the pool the address came from
   * @param address the address
   * @param revision the address key's mod revision, as handed over
   */
  public void keep(String poolId, IpAddress address, long revision) {
    handedOver.remove(poolId + " " + address);
    held.put(poolId + " " + address, revision);
  }

  /**
   * Deletes an address key: the one this driver wrote (at {@code revision}), or, for an address it
   * did not take (another host's, or a restored engine's), whatever holds it now.
   */
  private void release(PoolId id, IpAddress address, Long revision) {
    String key = usedKey(id.pool, id.pool.ordinalOf(address));
    long rev;
    if (revision != null) {
      rev = revision;
    } else {
      Optional<Versioned> current = store.get(key);
      if (current.isEmpty()) {
        if (store.get(addressesKey(id.pool)).isEmpty()) {
          throw new NotFoundException("cannot find address pool for " + id.pool + "/"
              + (id.child == null ? "invalid Prefix" : id.child));
        }
        return;
      }
      rev = current.get().modRevision();
    }
    try {
      store.commit(StoreTxn.builder().requireModRevision(key, rev).delete(key).build());
    } catch (StoreConflictException e) {
      // freed (forced, from another host) and perhaps taken again since: nothing of ours to free
    }
  }

  /**
   * Retries the releases that failed while the store was unavailable, in order; stops at the first
   * that fails for that reason again. A release that fails otherwise stays pending, behind the
   * others: only a pool found gone ends one, as nothing is left to give back.
   */
  private void retryPendingReleases() {
    for (int left = pending.size(); left > 0; left--) {
      Runnable p = pending.peek();
      if (p == null) {
        return;
      }
      try {
        p.run();
      } catch (StoreUnavailableException e) {
        return;
      } catch (NotFoundException gone) {
        // the pool was released meanwhile: nothing left to give back
      } catch (RuntimeException e) {
        pending.remove(p);
        pending.add(p);
        continue;
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
    for (Versioned v : store.list(usedPrefix(id.pool)).entries()) {
      out.add(id.pool.addressAt(Long.parseLong(v.key().substring(usedPrefix(id.pool).length()))));
    }
    out.sort(null);
    return out;
  }

  // ---- encoding -------------------------------------------------------------------------------

  static String addressesKey(Subnet pool) {
    return ADDRESSES_PREFIX + pool.toString().replace('/', '-');
  }

  static String usedPrefix(Subnet pool) {
    return USED_PREFIX + pool.toString().replace('/', '-') + "/";
  }

  static String usedKey(Subnet pool, long ordinal) {
    return usedPrefix(pool) + ordinal;
  }

  static String cursorKey(Subnet pool) {
    return CURSOR_PREFIX + pool.toString().replace('/', '-');
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
