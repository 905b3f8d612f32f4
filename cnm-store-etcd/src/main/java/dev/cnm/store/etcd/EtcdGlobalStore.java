package dev.cnm.store.etcd;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.error.NotFoundException;
import dev.cnm.api.store.GlobalStore;
import dev.cnm.api.store.Listing;
import dev.cnm.api.store.StoreConflictException;
import dev.cnm.api.store.StoreEvent;
import dev.cnm.api.store.StoreKeys;
import dev.cnm.api.store.StoreTxn;
import dev.cnm.api.store.Versioned;
import dev.cnm.api.store.Watch;
import dev.cnm.api.store.WatchListener;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.common.exception.EtcdException;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.CnmPrefixCmp;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A {@link GlobalStore} on etcd v3 through jetcd. Every key lives under one prefix (default
 * {@value #DEFAULT_KEY_PREFIX}, after the path of the URL if it has one, as in libnetwork); values
 * are stored as given.
 *
 * <ul>
 *   <li>create-only put: a transaction {@code if create_revision(k) == 0 then put else get};
 *   <li>compare-and-set/delete: {@code if mod_revision(k) == expected then put|delete else get},
 *       so a conflict carries the current entry without a second round trip;
 *   <li>list: one prefix range read, returning the header revision of the snapshot;
 *   <li>watch: a prefix watch from a revision, re-established from the last delivered revision
 *       after any failure that jetcd does not recover from by itself.
 * </ul>
 *
 * <p>Every call has a client deadline ({@linkplain Builder#timeout default} 2 s: during a leader
 * loss etcd holds a write for about 7 s before answering). A write that times out or loses its
 * connection fails with outcome {@code UNKNOWN}; see {@link
 * dev.cnm.api.store.StoreUnavailableException}.
 *
 * <pre>{@code
 * try (EtcdGlobalStore store = EtcdGlobalStore.builder()
 *     .url("etcd://10.0.0.1:2379,10.0.0.2:2379,10.0.0.3:2379")
 *     .build()) {
 *   store.putIfAbsent("network/" + id, json);
 * }
 * }</pre>
 */
public final class EtcdGlobalStore implements GlobalStore {
  /** The default key prefix. */
  public static final String DEFAULT_KEY_PREFIX = "cnm/v1/";
  /** The default per-call deadline. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

  private static final System.Logger LOG = System.getLogger(EtcdGlobalStore.class.getName());
  private static final long WATCH_RETRY_MILLIS = 500;

  private final Client client;
  private final KV kv;
  private final String prefix;
  private final Duration timeout;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Set<EtcdWatch> watches = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService scheduler;

  private EtcdGlobalStore(List<URI> endpoints, String prefix, Duration timeout) {
    this.prefix = prefix;
    this.timeout = timeout;
    this.client =
        Client.builder()
            .endpoints(endpoints)
            .connectTimeout(timeout)
            // Fail fast while no member is reachable instead of queueing until the deadline:
            // a refused connection is then reported as a write that definitely FAILED.
            .waitForReady(false)
            // jetcd retries only reads and other safe requests; keep those retries in the deadline.
            .retryDelay(100)
            .retryMaxDelay(500)
            .retryMaxDuration(timeout)
            .build();
    this.kv = client.getKVClient();
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "cnm-etcd-watch-retry");
              t.setDaemon(true);
              return t;
            });
  }

  /** {@return a builder; {@link Builder#url} or {@link Builder#endpoints} is required} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Connects to {@code url} ({@code etcd://HOST:PORT[,HOST:PORT...][/PATH]}) with the defaults.
   *
   * @param url {@code etcd://HOST:PORT[,HOST:PORT...][/PATH]}
   * @return the store; connections are opened lazily
   * @throws InvalidParameterException if the URL is malformed
   */
  public static EtcdGlobalStore connect(String url) {
    return builder().url(url).build();
  }

  /** {@return the prefix put in front of every key, for example {@code cnm/v1/}} */
  public String keyPrefix() {
    return prefix;
  }

  // ---- reads

  @Override
  public Optional<Versioned> get(String key) {
    StoreKeys.checkKey(key);
    GetResponse r = await(() -> kv.get(bytes(key)), false, "get of " + key);
    return r.getKvs().isEmpty() ? Optional.empty() : Optional.of(versioned(r.getKvs().get(0)));
  }

  @Override
  public Listing list(String listPrefix) {
    StoreKeys.checkPrefix(listPrefix);
    GetResponse r =
        await(
            () -> kv.get(bytes(listPrefix), GetOption.builder().isPrefix(true).build()),
            false,
            "list of " + listPrefix);
    List<Versioned> entries = new ArrayList<>(r.getKvs().size());
    for (KeyValue e : r.getKvs()) {
      entries.add(versioned(e));
    }
    return Listing.of(entries, r.getHeader().getRevision());
  }

  // ---- conditional writes

  @Override
  public long putIfAbsent(String key, byte[] value) {
    StoreKeys.checkKey(key);
    StoreKeys.checkValue(value);
    ByteSequence k = bytes(key);
    TxnResponse r =
        await(
            () -> kv.txn()
                .If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.createRevision(0)))
                .Then(Op.put(k, ByteSequence.from(value), PutOption.DEFAULT))
                .Else(Op.get(k, GetOption.DEFAULT))
                .commit(),
            true,
            "create of " + key);
    if (!r.isSucceeded()) {
      throw new StoreConflictException(
          StoreConflictException.Reason.KEY_EXISTS, key, 0, current(r));
    }
    return r.getHeader().getRevision();
  }

  @Override
  public long compareAndSet(String key, long expectedModRevision, byte[] value) {
    StoreKeys.checkKey(key);
    StoreKeys.checkRevision(expectedModRevision);
    StoreKeys.checkValue(value);
    ByteSequence k = bytes(key);
    TxnResponse r =
        await(
            () -> kv.txn()
                .If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.modRevision(expectedModRevision)))
                .Then(Op.put(k, ByteSequence.from(value), PutOption.DEFAULT))
                .Else(Op.get(k, GetOption.DEFAULT))
                .commit(),
            true,
            "compare-and-set of " + key);
    if (!r.isSucceeded()) {
      throw new StoreConflictException(
          StoreConflictException.Reason.KEY_MODIFIED, key, expectedModRevision, current(r));
    }
    return r.getHeader().getRevision();
  }

  @Override
  public void compareAndDelete(String key, long expectedModRevision) {
    StoreKeys.checkKey(key);
    StoreKeys.checkRevision(expectedModRevision);
    ByteSequence k = bytes(key);
    // A missing key has mod_revision 0, so the compare fails for it as it should.
    TxnResponse r =
        await(
            () -> kv.txn()
                .If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.modRevision(expectedModRevision)))
                .Then(Op.delete(k, DeleteOption.DEFAULT))
                .Else(Op.get(k, GetOption.DEFAULT))
                .commit(),
            true,
            "compare-and-delete of " + key);
    if (!r.isSucceeded()) {
      throw new StoreConflictException(
          StoreConflictException.Reason.KEY_MODIFIED, key, expectedModRevision, current(r));
    }
  }

  @Override
  public long commit(StoreTxn txn) {
    requireNonNull(txn, "txn");
    Parts p = parts(txn);
    TxnResponse r = await(
        () -> kv.txn()
            .If(p.cmps())
            .Then(p.then())
            .Else(p.otherwise())
            .commit(),
        true,
        "transaction on " + txn.writes().get(0).key());
    if (!r.isSucceeded()) {
      throw conflict(txn, r);
    }
    return r.getHeader().getRevision();
  }

  /**
   * One etcd transaction: {@code if c0 then w0 else (if c1 then w1 else (... else reads of the
   * last alternative's keys))}; the response's nesting tells which branch was taken.
   */
  @Override
  public StoreTxn.Chosen commitFirst(List<StoreTxn> choices) {
    checkArgument(!choices.isEmpty(), "no transaction to commit");
    if (choices.size() == 1) {
      return new StoreTxn.Chosen(0, commit(choices.get(0)));
    }
    Parts last = parts(choices.get(choices.size() - 1));
    Op[] otherwise = last.otherwise();
    for (int i = choices.size() - 1; i >= 1; i--) {
      Parts p = i == choices.size() - 1 ? last : parts(choices.get(i));
      otherwise = new Op[] {Op.txn(p.cmps(), p.then(), otherwise)};
    }
    Parts first = parts(choices.get(0));
    Op[] elseBranch = otherwise;
    TxnResponse r = await(
        () -> kv.txn().If(first.cmps()).Then(first.then()).Else(elseBranch).commit(),
        true,
        "transaction on " + choices.get(0).writes().get(0).key()); // the first alternative names it
    long revision = r.getHeader().getRevision();
    TxnResponse at = r;
    for (int i = 0; i < choices.size(); i++) {
      if (at.isSucceeded()) {
        return new StoreTxn.Chosen(i, revision);
      }
      if (i < choices.size() - 1) {
        at = at.getTxnResponses().get(0);
      }
    }
    throw conflict(choices.get(choices.size() - 1), at);
  }

  /** A transaction's compares, its writes, and the reads that explain a failed compare. */
  private record Parts(Cmp[] cmps, Op[] then, Op[] otherwise) {}

  private Parts parts(StoreTxn txn) {
    List<Cmp> cmps = new ArrayList<>();
    List<Op> otherwise = new ArrayList<>();
    for (StoreTxn.Condition c : txn.conditions()) {
      ByteSequence k = bytes(c.key());
      switch (c.kind()) {
        case ABSENT -> {
          cmps.add(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.createRevision(0)));
          otherwise.add(Op.get(k, GetOption.DEFAULT));
        }
        case MOD_REVISION -> {
          cmps.add(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.modRevision(c.modRevision())));
          otherwise.add(Op.get(k, GetOption.DEFAULT));
        }
        case NO_KEY_WITH_PREFIX -> {
          cmps.add(CnmPrefixCmp.noKeyWithPrefix(k));
          otherwise.add(Op.get(k, GetOption.builder().isPrefix(true).withLimit(1).build()));
        }
      }
    }
    List<Op> then = new ArrayList<>();
    for (StoreTxn.Write w : txn.writes()) {
      ByteSequence k = bytes(w.key());
      then.add(w.isDelete() ? Op.delete(k, DeleteOption.DEFAULT)
          : Op.put(k, ByteSequence.from(w.value().get()), PutOption.DEFAULT));
    }
    return new Parts(cmps.toArray(new Cmp[0]), then.toArray(new Op[0]), otherwise.toArray(new Op[0]));
  }

  /** The first condition that failed, from the Else branch's reads (one per condition, in order). */
  private StoreConflictException conflict(StoreTxn txn, TxnResponse r) {
    List<GetResponse> reads = r.getGetResponses();
    for (int i = 0; i < txn.conditions().size() && i < reads.size(); i++) {
      StoreTxn.Condition c = txn.conditions().get(i);
      List<KeyValue> kvs = reads.get(i).getKvs();
      Versioned found = kvs.isEmpty() ? null : versioned(kvs.get(0));
      switch (c.kind()) {
        case ABSENT, NO_KEY_WITH_PREFIX -> {
          if (found != null) {
            return new StoreConflictException(StoreConflictException.Reason.KEY_EXISTS, found.key(), 0, found);
          }
        }
        case MOD_REVISION -> {
          if (found == null || found.modRevision() != c.modRevision()) {
            return new StoreConflictException(
                StoreConflictException.Reason.KEY_MODIFIED, c.key(), c.modRevision(), found);
          }
        }
      }
    }
    // Every condition held when read back: a key changed between the compare and the reads.
    StoreTxn.Condition first = txn.conditions().get(0);
    return new StoreConflictException(StoreConflictException.Reason.KEY_MODIFIED, first.key(), first.modRevision(), null);
  }

  @Override
  public long revision() {
    GetResponse r = await(
        () -> kv.get(bytes("cnm-revision-probe/"), GetOption.builder().withCountOnly(true).build()),
        false,
        "revision read");
    return r.getHeader().getRevision();
  }

  // ---- watch

  @Override
  public Watch watch(String watchPrefix, long fromRevision, WatchListener listener) {
    StoreKeys.checkPrefix(watchPrefix);
    requireNonNull(listener, "listener");
    long start = fromRevision;
    if (start <= 0) {
      // "From now" must become a concrete revision, so that a re-established watch resumes
      // exactly where this one would have started. This read also fails fast if etcd is down.
      GetResponse r =
          await(
              () -> kv.get(bytes(watchPrefix), GetOption.builder().withCountOnly(true).build()),
              false,
              "watch of " + watchPrefix);
      start = r.getHeader().getRevision() + 1;
    }
    EtcdWatch watch = new EtcdWatch(watchPrefix, start, listener);
    watches.add(watch);
    watch.start();
    return watch;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (EtcdWatch w : watches) {
      w.close();
    }
    scheduler.shutdownNow();
    client.close();
  }

  @Override
  public String toString() {
    return "EtcdGlobalStore(" + prefix + ")";
  }

  // ---- internals

  private ByteSequence bytes(String key) {
    return ByteSequence.from(prefix + key, UTF_8);
  }

  private String unprefixed(ByteSequence key) {
    String k = key.toString(UTF_8);
    checkState(k.startsWith(prefix), "etcd returned key %s outside prefix %s", k, prefix);
    return k.substring(prefix.length());
  }

  private Versioned versioned(KeyValue e) {
    return Versioned.of(unprefixed(e.getKey()), e.getValue().getBytes(), e.getModRevision());
  }

  private Versioned current(TxnResponse r) {
    if (r.getGetResponses().isEmpty() || r.getGetResponses().get(0).getKvs().isEmpty()) {
      return null;
    }
    return versioned(r.getGetResponses().get(0).getKvs().get(0));
  }

  /** Runs one call under the client deadline, mapping every failure to a typed exception. */
  private <T> T await(Supplier<CompletableFuture<T>> call, boolean write, String what) {
    checkState(!closed.get(), "store is closed");
    CompletableFuture<T> future = call.get();
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw EtcdErrors.timeout(timeout, write, what, e);
    } catch (ExecutionException e) {
      throw EtcdErrors.fromFailure(e, write, what);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      throw EtcdErrors.interrupted(write, what, e);
    }
  }

  /**
   * One store watch over a succession of jetcd watchers: when jetcd gives up on a watcher (no
   * leader, a halting error) a new one starts from the revision after the last delivered event.
   */
  private final class EtcdWatch implements Watch {
    private final String watchPrefix;
    private final WatchListener listener;
    // @GuardedBy("this")
    private long nextRevision;
    // @GuardedBy("this")
    private int generation;
    // @GuardedBy("this")
    private io.etcd.jetcd.Watch.Watcher watcher;
    // @GuardedBy("this")
    private boolean stopped;

    EtcdWatch(String watchPrefix, long fromRevision, WatchListener listener) {
      this.watchPrefix = watchPrefix;
      this.nextRevision = fromRevision;
      this.listener = listener;
    }

    synchronized void start() {
      if (stopped || closed.get()) {
        return;
      }
      int gen = ++generation;
      WatchOption option =
          WatchOption.builder()
              .isPrefix(true)
              .withRevision(nextRevision)
              // A member cut off from the leader cancels the watch instead of going silent.
              .withRequireLeader(true)
              .build();
      watcher =
          client
              .getWatchClient()
              .watch(
                  bytes(watchPrefix),
                  option,
                  io.etcd.jetcd.Watch.listener(r -> onNext(gen, r), t -> onError(gen, t)));
    }

    private synchronized void onNext(int gen, WatchResponse response) {
      if (stopped || gen != generation) {
        return;
      }
      // etcd sends all events of one revision (one transaction) in one response.
      long deliveredBefore = nextRevision;
      for (WatchEvent e : response.getEvents()) {
        KeyValue kv = e.getKeyValue();
        long rev = kv.getModRevision();
        if (rev < deliveredBefore) {
          continue; // already delivered before the watcher was re-established
        }
        String key = unprefixed(kv.getKey());
        StoreEvent event =
            e.getEventType() == WatchEvent.EventType.DELETE
                ? StoreEvent.delete(key, rev)
                : StoreEvent.put(key, kv.getValue().getBytes(), rev);
        // Several events can share a revision (one etcd txn); resume after the whole revision.
        nextRevision = rev + 1;
        try {
          listener.onEvent(event);
        } catch (RuntimeException ex) {
          LOG.log(System.Logger.Level.WARNING, "watch listener failed on " + event, ex);
        }
      }
    }

    private void onError(int gen, Throwable t) {
      synchronized (this) {
        if (stopped || gen != generation) {
          return;
        }
      }
      if (t instanceof CompactedException) {
        long compacted = ((CompactedException) t).getCompactedRevision();
        close();
        listener.onError(
            new NotFoundException(
                "etcdserver: mvcc: required revision has been compacted (compacted at "
                    + compacted
                    + ")"));
        return;
      }
      if (jetcdResumes(t)) {
        return; // jetcd re-creates this watcher from its last revision by itself
      }
      LOG.log(System.Logger.Level.DEBUG, "etcd watch on " + watchPrefix + " ended; restarting", t);
      synchronized (this) {
        if (watcher != null) {
          watcher.close();
          watcher = null;
        }
        generation++; // ignore anything the old watcher still says
      }
      if (!closed.get()) {
        try {
          scheduler.schedule(this::start, WATCH_RETRY_MILLIS, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException ignored) {
          // the store is closing
        }
      }
    }

    /** Mirrors jetcd's WatchImpl: it reschedules UNAVAILABLE and INTERNAL, except "no leader". */
    private boolean jetcdResumes(Throwable t) {
      if (!(t instanceof EtcdException)) {
        return false;
      }
      EtcdException e = (EtcdException) t;
      String name = e.getErrorCode() == null ? "" : e.getErrorCode().name();
      boolean transientCode = name.equals("UNAVAILABLE") || name.equals("INTERNAL");
      String message = e.getMessage() == null ? "" : e.getMessage();
      return transientCode && !message.contains("etcdserver: no leader");
    }

    @Override
    public void close() {
      synchronized (this) {
        if (stopped) {
          return;
        }
        stopped = true;
        if (watcher != null) {
          watcher.close();
          watcher = null;
        }
      }
      watches.remove(this);
    }
  }

  /**
   * Configures an {@link EtcdGlobalStore}.
   *
   * <pre>{@code
   * EtcdGlobalStore store = EtcdGlobalStore.builder()
   *     .url("etcd://127.0.0.1:2379")
   *     .keyPrefix("cnm/v1/")
   *     .timeout(Duration.ofSeconds(2))
   *     .build();
   * }</pre>
   */
  public static final class Builder {
    private List<URI> endpoints;
    private String path = "";
    private String keyPrefix = DEFAULT_KEY_PREFIX;
    private Duration timeout = DEFAULT_TIMEOUT;

    private Builder() {}

    /**
     * Sets the endpoints (and the optional path prefix) from {@code
     * etcd://HOST[:PORT][,HOST[:PORT]...][/PATH]}; the port defaults to 2379.
     *
     * @param url {@code etcd://HOST[:PORT][,HOST[:PORT]...][/PATH]}
     * @return this builder
     * @throws InvalidParameterException if the URL is malformed
     */
    public Builder url(String url) {
      EtcdUrl parsed = EtcdUrl.parse(url);
      this.endpoints = parsed.endpoints();
      this.path = parsed.path();
      return this;
    }

    /**
     * Sets the client endpoints directly, for example {@code http://127.0.0.1:2379}.
     *
     * @param endpoints the etcd members' client URLs
     * @return this builder
     */
    public Builder endpoints(List<URI> endpoints) {
      checkArgument(!endpoints.isEmpty(), "at least one endpoint is required");
      this.endpoints = List.copyOf(endpoints);
      return this;
    }

    /**
     * Sets the prefix of every key (default {@value EtcdGlobalStore#DEFAULT_KEY_PREFIX}); it goes
     * after the URL's path, if any. It must not start with {@code /}.
     *
     * @param keyPrefix the prefix, such as {@code cnm/v1/}
     * @return this builder
     */
    public Builder keyPrefix(String keyPrefix) {
      requireNonNull(keyPrefix, "keyPrefix");
      checkArgument(!keyPrefix.startsWith("/"), "key prefix must not start with '/': %s", keyPrefix);
      this.keyPrefix = keyPrefix;
      return this;
    }

    /**
     * Sets the deadline of every call (default 2 s).
     *
     * @param timeout the deadline of each call
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      requireNonNull(timeout, "timeout");
      checkArgument(!timeout.isNegative() && !timeout.isZero(), "timeout must be positive: %s", timeout);
      this.timeout = timeout;
      return this;
    }

    /**
     * Creates the store; connections are opened lazily, so an unreachable etcd is not an error yet.
     *
     * @return the store
     */
    public EtcdGlobalStore build() {
      checkState(endpoints != null, "no etcd endpoints: call url(...) or endpoints(...)");
      String prefix = path.isEmpty() ? keyPrefix : path + "/" + keyPrefix;
      return new EtcdGlobalStore(endpoints, prefix, timeout);
    }
  }
}
