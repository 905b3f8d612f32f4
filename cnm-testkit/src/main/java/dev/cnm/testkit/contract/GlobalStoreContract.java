package dev.cnm.testkit.contract;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.store.GlobalStore;
import dev.cnm.api.store.Listing;
import dev.cnm.api.store.StoreConflictException;
import dev.cnm.api.store.StoreEvent;
import dev.cnm.api.store.StoreKeys;
import dev.cnm.api.store.StoreOps;
import dev.cnm.api.store.StoreTxn;
import dev.cnm.api.store.Versioned;
import dev.cnm.api.store.Watch;
import dev.cnm.api.store.WatchListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link GlobalStore} must show, run against each implementation: the
 * in-memory store (cnm-core) and the etcd store (cnm-store-etcd). A subclass supplies a fresh,
 * empty store per test. Adopted from cnm-api's test-jar, where the original stays for the
 * modules the kit cannot serve without a dependency cycle.
 *
 * <pre>{@code
 * class InMemoryGlobalStoreTest extends GlobalStoreContract {
 *   protected GlobalStore newStore() { return InMemoryGlobalStore.create(); }
 * }
 * }</pre>
 */
@SuppressWarnings("try") // try-with-resources closes watches the body does not name
public abstract class GlobalStoreContract {
  /** For subclasses. */
  protected GlobalStoreContract() {}

  /** How long to wait for an asynchronous watch event before failing. */
  protected static final Duration EVENT_TIMEOUT = Duration.ofSeconds(5);
  /** How long to wait to be reasonably sure no further event arrives, for asynchronous stores. */
  protected static final Duration QUIET_PERIOD = Duration.ofMillis(200);

  private final List<GlobalStore> opened = new ArrayList<>();
  /** The store under test, new for each test and closed after it. */
  protected GlobalStore store;

  /** {@return a fresh store whose key space is empty (for a shared server: a fresh key prefix)} */
  protected abstract GlobalStore newStore();

  /**
   * {@return another client on the same key space as {@code store}, for concurrency tests; the
   * default is the same instance (an in-memory store is its own only client)} Callers close what
   * they get.
   *
   * @param store the store under test
   */
  protected GlobalStore anotherClient(GlobalStore store) {
    return store;
  }

  @BeforeEach
  final void openStore() {
    store = track(newStore());
  }

  @AfterEach
  final void closeStores() {
    for (GlobalStore s : opened) {
      s.close();
    }
    opened.clear();
  }

  /**
   * {@return how long {@code assertQuiet} waits for an unexpected event; a store that delivers
   * synchronously may shorten it}
   */
  protected Duration quietPeriod() {
    return QUIET_PERIOD;
  }

  private Recorder recorder() {
    return new Recorder(quietPeriod());
  }

  /**
   * Registers a store to be closed after the test.
   *
   * @param s the store
   * @return the same store
   */
  protected final GlobalStore track(GlobalStore s) {
    opened.add(s);
    return s;
  }

  /**
   * Encodes {@code s} as UTF-8, the way the tests write values.
   *
   * @param s the text
   * @return its UTF-8 bytes
   */
  protected static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  // ---- get / putIfAbsent

  /** A key never written reads as empty. */
  @Test
  protected void get_absent_key_is_empty() {
    assertThat(store.get("nothing/here")).isEmpty();
  }

  /** A create-only put creates the key at the revision it returns. */
  @Test
  protected void put_if_absent_creates_key_at_returned_revision() {
    long rev = store.putIfAbsent("network/n1", bytes("v1"));

    Versioned v = store.get("network/n1").orElseThrow();
    assertThat(v.key()).isEqualTo("network/n1");
    assertThat(v.valueUtf8()).isEqualTo("v1");
    assertThat(v.modRevision()).isEqualTo(rev).isPositive();
  }

  /** A create-only put of an existing key conflicts ({@code KEY_EXISTS}) and leaves the value. */
  @Test
  protected void put_if_absent_existing_key_conflicts_with_key_exists_and_leaves_value() {
    long rev = store.putIfAbsent("k", bytes("first"));

    assertThatThrownBy(() -> store.putIfAbsent("k", bytes("second")))
        .isInstanceOfSatisfying(
            StoreConflictException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(StoreConflictException.Reason.KEY_EXISTS);
              assertThat(e.key()).isEqualTo("k");
              assertThat(e.expectedModRevision()).isZero();
              assertThat(e.current()).hasValueSatisfying(c -> assertThat(c.modRevision()).isEqualTo(rev));
              assertThat(e.current().orElseThrow().valueUtf8()).isEqualTo("first");
            })
        .hasMessage("Previous K/V pair exists, cannot complete Atomic operation");
    assertThat(store.get("k").orElseThrow().valueUtf8()).isEqualTo("first");
  }

  /** An empty value is a value: the key exists. */
  @Test
  protected void put_if_absent_empty_value_is_a_value() {
    store.putIfAbsent("empty", new byte[0]);

    assertThat(store.get("empty")).hasValueSatisfying(v -> assertThat(v.value()).isEmpty());
    assertThatThrownBy(() -> store.putIfAbsent("empty", new byte[0]))
        .isInstanceOf(StoreConflictException.class);
  }

  // ---- compareAndSet

  /** A compare-and-set at the current revision replaces the value under a newer revision. */
  @Test
  protected void compare_and_set_matching_revision_replaces_value_with_newer_revision() {
    long r1 = store.putIfAbsent("k", bytes("1"));

    long r2 = store.compareAndSet("k", r1, bytes("2"));

    assertThat(r2).isGreaterThan(r1);
    assertThat(store.get("k")).contains(Versioned.of("k", bytes("2"), r2));
  }

  /** A compare-and-set at a stale revision conflicts, carries the current entry and leaves the value. */
  @Test
  protected void compare_and_set_stale_revision_conflicts_carrying_current_and_leaves_value() {
    long r1 = store.putIfAbsent("k", bytes("1"));
    long r2 = store.compareAndSet("k", r1, bytes("2"));

    assertThatThrownBy(() -> store.compareAndSet("k", r1, bytes("3")))
        .isInstanceOfSatisfying(
            StoreConflictException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(StoreConflictException.Reason.KEY_MODIFIED);
              assertThat(e.expectedModRevision()).isEqualTo(r1);
              assertThat(e.current()).contains(Versioned.of("k", bytes("2"), r2));
            })
        .hasMessage("Unable to complete atomic operation, key modified");
    assertThat(store.get("k").orElseThrow().modRevision()).isEqualTo(r2);
  }

  /** A compare-and-set of an absent key conflicts with no current entry. */
  @Test
  protected void compare_and_set_absent_key_conflicts_with_no_current() {
    assertThatThrownBy(() -> store.compareAndSet("absent", 1, bytes("x")))
        .isInstanceOfSatisfying(
            StoreConflictException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(StoreConflictException.Reason.KEY_MODIFIED);
              assertThat(e.current()).isEmpty();
            });
    assertThat(store.get("absent")).isEmpty();
  }

  // ---- compareAndDelete

  /** A compare-and-delete at the current revision deletes the key. */
  @Test
  protected void compare_and_delete_matching_revision_deletes() {
    long r1 = store.putIfAbsent("k", bytes("1"));

    store.compareAndDelete("k", r1);

    assertThat(store.get("k")).isEmpty();
  }

  /** A compare-and-delete at a stale revision conflicts and keeps the key. */
  @Test
  protected void compare_and_delete_stale_revision_conflicts_and_keeps() {
    long r1 = store.putIfAbsent("k", bytes("1"));
    long r2 = store.compareAndSet("k", r1, bytes("2"));

    assertThatThrownBy(() -> store.compareAndDelete("k", r1))
        .isInstanceOfSatisfying(
            StoreConflictException.class,
            e -> assertThat(e.current().map(Versioned::modRevision)).contains(r2))
        .hasMessage("Unable to complete atomic operation, key modified");
    assertThat(store.get("k")).isPresent();
  }

  /** A compare-and-delete of an absent key conflicts. */
  @Test
  protected void compare_and_delete_absent_key_conflicts() {
    assertThatThrownBy(() -> store.compareAndDelete("absent", 5))
        .isInstanceOfSatisfying(
            StoreConflictException.class, e -> assertThat(e.current()).isEmpty());
  }

  /** A key deleted and created again gets a new revision; the old one never matches again (no ABA). */
  @Test
  protected void no_aba_recreated_key_gets_new_revision_and_old_revision_never_matches() {
    long r1 = store.putIfAbsent("k", bytes("same"));
    store.compareAndDelete("k", r1);

    long r2 = store.putIfAbsent("k", bytes("same"));

    assertThat(r2).isGreaterThan(r1);
    assertThatThrownBy(() -> store.compareAndSet("k", r1, bytes("stale writer")))
        .isInstanceOf(StoreConflictException.class);
    assertThatThrownBy(() -> store.compareAndDelete("k", r1))
        .isInstanceOf(StoreConflictException.class);
    assertThat(store.get("k").orElseThrow().modRevision()).isEqualTo(r2);
  }

  /** Revisions increase across all keys. */
  @Test
  protected void revisions_increase_across_keys() {
    long a = store.putIfAbsent("a", bytes("1"));
    long b = store.putIfAbsent("b", bytes("1"));
    long a2 = store.compareAndSet("a", a, bytes("2"));

    assertThat(b).isGreaterThan(a);
    assertThat(a2).isGreaterThan(b);
  }

  // ---- list

  /** A listing returns the prefix's entries sorted by key, with the revision of its snapshot. */
  @Test
  protected void list_returns_prefix_entries_sorted_with_the_revision_of_the_snapshot() {
    long r1 = store.putIfAbsent("net/b", bytes("B"));
    long r2 = store.putIfAbsent("net/a", bytes("A"));
    long r3 = store.putIfAbsent("netx/c", bytes("C"));
    store.putIfAbsent("other/d", bytes("D"));
    long last = store.compareAndSet("net/a", r2, bytes("A2"));

    Listing listing = store.list("net/");

    assertThat(listing.entries())
        .containsExactly(Versioned.of("net/a", bytes("A2"), last), Versioned.of("net/b", bytes("B"), r1));
    assertThat(listing.revision()).isEqualTo(last);
    assertThat(store.list("net").entries()).extracting(Versioned::key)
        .containsExactly("net/a", "net/b", "netx/c");
    assertThat(store.list("netx/").entries()).extracting(Versioned::modRevision).containsExactly(r3);
  }

  /** The empty prefix lists every key; an unknown prefix lists none. */
  @Test
  protected void list_empty_prefix_lists_everything_and_missing_prefix_nothing() {
    store.putIfAbsent("x/1", bytes("1"));
    store.putIfAbsent("y/1", bytes("1"));

    assertThat(store.list("").entries()).extracting(Versioned::key).containsExactly("x/1", "y/1");
    assertThat(store.list("z/").entries()).isEmpty();
  }

  /** A listing omits deleted keys. */
  @Test
  protected void list_omits_deleted_keys() {
    long r = store.putIfAbsent("p/1", bytes("1"));
    store.putIfAbsent("p/2", bytes("2"));
    store.compareAndDelete("p/1", r);

    assertThat(store.list("p/").entries()).extracting(Versioned::key).containsExactly("p/2");
  }

  // ---- commit (multi-key transactions) and revision

  @Test
  void commit_applies_every_write_at_one_revision() throws Exception {
    long r0 = store.putIfAbsent("t/owner", bytes("o1"));
    store.putIfAbsent("t/gone", bytes("x"));
    Recorder recorder = recorder();
    try (Watch w = store.watch("t/", 0, recorder)) {
      long rev = store.commit(StoreTxn.builder()
          .requireModRevision("t/owner", r0)
          .requireAbsent("t/held")
          .requireNoKeyWithPrefix("t/children/")
          .put("t/held", bytes("h"))
          .put("t/owner", bytes("o2"))
          .delete("t/gone")
          .build());
      assertThat(store.get("t/held").orElseThrow().modRevision()).isEqualTo(rev);
      assertThat(store.get("t/owner").orElseThrow().valueUtf8()).isEqualTo("o2");
      assertThat(store.get("t/gone")).isEmpty();
      assertThat(store.revision()).isGreaterThanOrEqualTo(rev);
      assertThat(recorder.take(3)).extracting(StoreEvent::revision).containsOnly(rev);
    }
  }

  @Test
  void commit_with_a_failed_condition_writes_nothing_and_names_the_key() {
    long r0 = store.putIfAbsent("c/owner", bytes("o1"));
    store.putIfAbsent("c/children/1", bytes("child"));
    long before = store.revision();

    assertThatThrownBy(() -> store.commit(StoreTxn.builder()
        .requireModRevision("c/owner", r0).requireNoKeyWithPrefix("c/children/").delete("c/owner").build()))
        .isInstanceOfSatisfying(StoreConflictException.class, e -> {
          assertThat(e.reason()).isEqualTo(StoreConflictException.Reason.KEY_EXISTS);
          assertThat(e.key()).isEqualTo("c/children/1");
        });
    assertThatThrownBy(() -> store.commit(StoreTxn.builder()
        .requireAbsent("c/new").requireModRevision("c/owner", r0 + 1000).put("c/new", bytes("n")).build()))
        .isInstanceOfSatisfying(StoreConflictException.class, e -> {
          assertThat(e.reason()).isEqualTo(StoreConflictException.Reason.KEY_MODIFIED);
          assertThat(e.key()).isEqualTo("c/owner");
          assertThat(e.current().orElseThrow().modRevision()).isEqualTo(r0);
        });
    assertThatThrownBy(() -> store.commit(StoreTxn.builder()
        .requireAbsent("c/owner").put("c/new", bytes("n")).build()))
        .isInstanceOfSatisfying(StoreConflictException.class,
            e -> assertThat(e.reason()).isEqualTo(StoreConflictException.Reason.KEY_EXISTS));
    assertThat(store.get("c/new")).isEmpty();
    assertThat(store.get("c/owner")).isPresent();
    assertThat(store.revision()).isEqualTo(before);
  }

  @Test
  void commit_first_commits_only_the_first_alternative_whose_conditions_hold() {
    store.putIfAbsent("f/used/2", bytes("other"));
    List<StoreTxn> choices = new ArrayList<>();
    for (int i = 2; i <= 4; i++) {
      choices.add(StoreTxn.builder().requireAbsent("f/used/" + i).put("f/used/" + i, bytes("mine"))
          .put("f/owner/" + i, bytes("o")).build());
    }

    StoreTxn.Chosen chosen = store.commitFirst(choices);

    assertThat(chosen.index()).isEqualTo(1);
    assertThat(store.get("f/used/3").orElseThrow().modRevision()).isEqualTo(chosen.revision());
    assertThat(store.get("f/owner/3").orElseThrow().modRevision()).isEqualTo(chosen.revision());
    assertThat(store.get("f/used/2").orElseThrow().valueUtf8()).isEqualTo("other");
    assertThat(store.get("f/used/4")).isEmpty();
    assertThat(store.get("f/owner/2")).isEmpty();
    assertThat(store.revision()).isEqualTo(chosen.revision());
  }

  @Test
  void commit_first_with_no_alternative_holding_writes_nothing_and_reports_the_last() {
    long owner = store.putIfAbsent("g/owner", bytes("o"));
    store.putIfAbsent("g/used/2", bytes("x"));
    store.putIfAbsent("g/used/3", bytes("y"));
    long before = store.revision();

    assertThatThrownBy(() -> store.commitFirst(List.of(
        StoreTxn.builder().requireModRevision("g/owner", owner).requireAbsent("g/used/2").put("g/used/2", bytes("m")).build(),
        StoreTxn.builder().requireModRevision("g/owner", owner).requireAbsent("g/used/3").put("g/used/3", bytes("m")).build())))
        .isInstanceOfSatisfying(StoreConflictException.class, e -> {
          assertThat(e.reason()).isEqualTo(StoreConflictException.Reason.KEY_EXISTS);
          assertThat(e.key()).isEqualTo("g/used/3");
        });
    assertThatThrownBy(() -> store.commitFirst(List.of(
        StoreTxn.builder().requireModRevision("g/owner", owner + 1000).requireAbsent("g/used/4").put("g/used/4", bytes("m")).build(),
        StoreTxn.builder().requireModRevision("g/owner", owner + 1000).requireAbsent("g/used/5").put("g/used/5", bytes("m")).build())))
        .isInstanceOfSatisfying(StoreConflictException.class, e -> {
          assertThat(e.reason()).isEqualTo(StoreConflictException.Reason.KEY_MODIFIED);
          assertThat(e.key()).isEqualTo("g/owner");
        });
    assertThat(store.revision()).isEqualTo(before);
    assertThat(store.list("g/used/").entries()).hasSize(2);
  }

  @Test
  void commit_prefix_condition_holds_once_the_last_key_is_gone() {
    long child = store.putIfAbsent("p/children/1", bytes("c"));
    long owner = store.putIfAbsent("p/owner", bytes("o"));
    store.compareAndDelete("p/children/1", child);
    store.commit(StoreTxn.builder().requireModRevision("p/owner", owner)
        .requireNoKeyWithPrefix("p/children/").delete("p/owner").build());
    assertThat(store.list("p/").entries()).isEmpty();
  }

  // ---- watch

  /**
   * A watch from a revision sees exactly the later events, in order, then live ones.
   *
   * @throws Exception when waiting for the store is interrupted, or the store fails
   */
  @Test
  protected void watch_from_revision_sees_exactly_the_later_events_in_order_then_live_ones() throws Exception {
    long r1 = store.putIfAbsent("w/1", bytes("a"));
    long r2 = store.putIfAbsent("w/2", bytes("b"));
    long r3 = store.compareAndSet("w/1", r1, bytes("c"));
    store.compareAndDelete("w/2", r2);
    long r4 = store.list("w/").revision(); // the delete's revision: the latest write
    Recorder recorder = recorder();

    try (Watch w = store.watch("w/", r2, recorder)) {
      assertThat(recorder.take(3))
          .containsExactly(
              StoreEvent.put("w/2", bytes("b"), r2),
              StoreEvent.put("w/1", bytes("c"), r3),
              StoreEvent.delete("w/2", r4));
      long r5 = store.putIfAbsent("w/3", bytes("d"));
      assertThat(recorder.take(1)).containsExactly(StoreEvent.put("w/3", bytes("d"), r5));
      recorder.assertQuiet();
    }
  }

  /**
   * A watch from a listing's revision plus one misses nothing and repeats nothing.
   *
   * @throws Exception when waiting for the store is interrupted, or the store fails
   */
  @Test
  protected void watch_from_listing_revision_plus_one_is_gap_free_without_duplicates() throws Exception {
    store.putIfAbsent("g/1", bytes("1"));
    Listing listing = store.list("g/");
    long r2 = store.putIfAbsent("g/2", bytes("2"));
    Recorder recorder = recorder();

    try (Watch w = store.watch("g/", listing.revision() + 1, recorder)) {
      assertThat(recorder.take(1)).containsExactly(StoreEvent.put("g/2", bytes("2"), r2));
      recorder.assertQuiet();
    }
  }

  /**
   * A watch sees only the keys under its prefix.
   *
   * @throws Exception when waiting for the store is interrupted, or the store fails
   */
  @Test
  protected void watch_sees_only_its_prefix() throws Exception {
    Recorder recorder = recorder();
    try (Watch w = store.watch("mine/", 0, recorder)) {
      store.putIfAbsent("other/1", bytes("x"));
      store.putIfAbsent("minex", bytes("x"));
      long r = store.putIfAbsent("mine/1", bytes("y"));

      assertThat(recorder.take(1)).containsExactly(StoreEvent.put("mine/1", bytes("y"), r));
      recorder.assertQuiet();
    }
  }

  /**
   * A watch from revision 0 sees only future events.
   *
   * @throws Exception when waiting for the store is interrupted, or the store fails
   */
  @Test
  protected void watch_from_zero_sees_only_future_events() throws Exception {
    store.putIfAbsent("f/old", bytes("x"));
    Recorder recorder = recorder();
    try (Watch w = store.watch("f/", 0, recorder)) {
      long r = store.putIfAbsent("f/new", bytes("y"));

      assertThat(recorder.take(1)).containsExactly(StoreEvent.put("f/new", bytes("y"), r));
      recorder.assertQuiet();
    }
  }

  /**
   * A watch from a future revision starts there.
   *
   * @throws Exception when waiting for the store is interrupted, or the store fails
   */
  @Test
  protected void watch_from_a_future_revision_starts_there() throws Exception {
    long now = store.putIfAbsent("fut/0", bytes("x"));
    Recorder recorder = recorder();
    try (Watch w = store.watch("fut/", now + 2, recorder)) {
      store.putIfAbsent("fut/1", bytes("skipped: revision now + 1"));
      long r = store.putIfAbsent("fut/2", bytes("seen"));

      assertThat(recorder.take(1)).containsExactly(StoreEvent.put("fut/2", bytes("seen"), r));
      recorder.assertQuiet();
    }
  }

  /**
   * A closed watch delivers nothing more.
   *
   * @throws Exception when waiting for the store is interrupted, or the store fails
   */
  @Test
  protected void watch_closed_delivers_nothing_more() throws Exception {
    Recorder recorder = recorder();
    Watch w = store.watch("c/", 0, recorder);
    long r = store.putIfAbsent("c/1", bytes("1"));
    assertThat(recorder.take(1)).extracting(StoreEvent::revision).containsExactly(r);

    w.close();
    w.close();
    store.putIfAbsent("c/2", bytes("2"));

    recorder.assertQuiet();
  }

  // ---- concurrency and the retry helper

  /**
   * Concurrent read-modify-write updates from several clients lose no update.
   *
   * @throws Exception when waiting for the store is interrupted, or the store fails
   */
  @Test
  protected void update_concurrent_increments_from_several_clients_lose_no_update() throws Exception {
    int threads = 4;
    int perThread = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        GlobalStore client = track(anotherClient(store));
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < perThread; i++) {
                    StoreOps.update(client, "counter", GlobalStoreContract::increment);
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(store.get("counter").orElseThrow().valueUtf8())
        .isEqualTo(Integer.toString(threads * perThread));
  }

  /** {@code StoreOps.update} creates, replaces and deletes. */
  @Test
  protected void update_creates_replaces_and_deletes() {
    Optional<Versioned> created = StoreOps.update(store, "u", cur -> bytes("v1"));
    Optional<Versioned> replaced = StoreOps.update(store, "u", cur -> bytes(new String(cur.orElseThrow(), UTF_8) + "+"));
    Optional<Versioned> unchanged = StoreOps.update(store, "u", cur -> cur.orElseThrow());
    Optional<Versioned> deleted = StoreOps.update(store, "u", cur -> null);

    assertThat(created.orElseThrow().valueUtf8()).isEqualTo("v1");
    assertThat(replaced.orElseThrow().valueUtf8()).isEqualTo("v1+");
    assertThat(replaced.orElseThrow().modRevision()).isGreaterThan(created.orElseThrow().modRevision());
    assertThat(unchanged).isEqualTo(replaced);
    assertThat(deleted).isEmpty();
    assertThat(store.get("u")).isEmpty();
    assertThat(StoreOps.update(store, "u", cur -> null)).isEmpty();
  }

  // ---- argument checks and lifecycle

  /** Malformed arguments are programming errors, not store failures. */
  @Test
  protected void malformed_arguments_are_programming_errors() {
    assertThatThrownBy(() -> store.get("")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("store key must not be empty");
    assertThatThrownBy(() -> store.putIfAbsent("/abs", bytes("x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("store key must not start with '/': /abs");
    assertThatThrownBy(() -> store.compareAndSet("k", 0, bytes("x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected mod revision must be positive (use putIfAbsent to create): 0");
    assertThatThrownBy(() -> store.compareAndDelete("k", -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.putIfAbsent("big", new byte[StoreKeys.MAX_VALUE_BYTES + 1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("store value of 1048577 bytes exceeds the limit of 1048576 bytes");
    assertThatThrownBy(() -> store.putIfAbsent("k", null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.watch("w/", 0, null)).isInstanceOf(NullPointerException.class);
    assertThat(store.get("k")).isEmpty();
  }

  /** A closed store refuses calls, and closing it twice is quiet. */
  @Test
  protected void closed_store_refuses_calls_and_closes_twice_quietly() {
    GlobalStore other = newStore();
    other.close();
    other.close();

    assertThatThrownBy(() -> other.get("k")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> other.putIfAbsent("k", bytes("v"))).isInstanceOf(IllegalStateException.class);
  }

  private static byte[] increment(Optional<byte[]> current) {
    int n = current.map(b -> Integer.parseInt(new String(b, UTF_8))).orElse(0);
    return bytes(Integer.toString(n + 1));
  }

  /** Records watch events for assertions; thread-safe. */
  protected static final class Recorder implements WatchListener {
    private final BlockingQueue<StoreEvent> events = new LinkedBlockingQueue<>();
    private final Duration quietPeriod;

    Recorder(Duration quietPeriod) {
      this.quietPeriod = quietPeriod;
    }

    @Override
    public void onEvent(StoreEvent event) {
      events.add(event);
    }

    /**
     * Waits for the next {@code n} events.
     *
     * @param n how many events to wait for
     * @return the events, in the order they arrived
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public List<StoreEvent> take(int n) throws InterruptedException {
      List<StoreEvent> taken = new ArrayList<>();
      long deadline = System.nanoTime() + EVENT_TIMEOUT.toNanos();
      while (taken.size() < n) {
        StoreEvent e = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (e == null) {
          throw new AssertionError("expected " + n + " events within " + EVENT_TIMEOUT + ", got " + taken);
        }
        taken.add(e);
      }
      return taken;
    }

    /**
     * Asserts that no further event arrives within the quiet period.
     *
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public void assertQuiet() throws InterruptedException {
      StoreEvent extra = events.poll(quietPeriod.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(extra).as("unexpected extra event").isNull();
    }
  }
}
