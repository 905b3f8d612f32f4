package dev.cnm.core.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.store.ForwardingGlobalStore;
import dev.cnm.api.store.GlobalStore;
import dev.cnm.api.store.StoreConflictException;
import dev.cnm.api.store.StoreOps;
import dev.cnm.api.store.StoreUnavailableException;
import dev.cnm.api.store.StoreUnavailableException.Outcome;
import dev.cnm.api.store.Versioned;
import dev.cnm.core.store.InMemoryGlobalStore.Fault;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@link StoreOps#update} against the in-memory store's faults: conflicts are retried, unknown
 * outcomes are resolved by re-reading, and a function that recognises its own write (an operation
 * id in the document) is applied exactly once.
 */
class StoreOpsTest {
  private final InMemoryGlobalStore store = InMemoryGlobalStore.create();

  /** Adds {@code opId} to a set of lines unless it is already there: idempotent by operation id. */
  private static Function<Optional<byte[]>, byte[]> addOp(String opId, AtomicInteger calls) {
    return current -> {
      calls.incrementAndGet();
      Set<String> ops = new LinkedHashSet<>();
      current.ifPresent(b -> ops.addAll(List.of(new String(b, UTF_8).split("\n"))));
      ops.remove("");
      ops.add(opId);
      return String.join("\n", ops).getBytes(UTF_8);
    };
  }

  @Test
  void update_write_applied_but_unknown_re_reads_and_does_not_apply_twice() {
    store.putIfAbsent("ops", "a".getBytes(UTF_8));
    store.failNextWrite(Fault.WRITE_APPLIED_UNKNOWN);
    AtomicInteger calls = new AtomicInteger();

    Optional<Versioned> after = StoreOps.update(store, "ops", addOp("b", calls));

    assertThat(calls).hasValue(2); // once to write, once after re-reading
    assertThat(after.orElseThrow().valueUtf8()).isEqualTo("a\nb");
    assertThat(store.revision()).isEqualTo(3); // one put, one update: nothing written twice
  }

  @Test
  void update_write_lost_with_unknown_outcome_is_written_after_re_reading() {
    store.failNextWrite(Fault.WRITE_LOST_UNKNOWN);
    AtomicInteger calls = new AtomicInteger();

    Optional<Versioned> after = StoreOps.update(store, "ops", addOp("a", calls));

    assertThat(calls).hasValue(2);
    assertThat(after.orElseThrow().valueUtf8()).isEqualTo("a");
    assertThat(store.get("ops")).isEqualTo(after);
  }

  @Test
  void update_conflicting_writer_in_between_is_retried_on_fresh_value() {
    store.putIfAbsent("ops", "a".getBytes(UTF_8));
    AtomicInteger calls = new AtomicInteger();
    Function<Optional<byte[]>, byte[]> inner = addOp("b", calls);

    StoreOps.update(
        store,
        "ops",
        current -> {
          if (calls.get() == 0) { // a competing writer lands between our read and our write
            StoreOps.update(store, "ops", addOp("x", new AtomicInteger()));
          }
          return inner.apply(current);
        });

    assertThat(calls).hasValue(2);
    assertThat(store.get("ops").orElseThrow().valueUtf8()).isEqualTo("a\nx\nb");
  }

  @Test
  void update_store_unavailable_rethrows_failed() {
    store.setFault(Fault.UNAVAILABLE);

    assertThatThrownBy(() -> StoreOps.update(store, "k", c -> new byte[] {1}))
        .isInstanceOfSatisfying(
            StoreUnavailableException.class, e -> assertThat(e.outcome()).isEqualTo(Outcome.FAILED));
  }

  @Test
  void update_re_read_fails_after_unknown_write_reports_unknown() {
    GlobalStore failsSecondGet = new FailingGetStore(store, 2);
    store.failNextWrite(Fault.WRITE_APPLIED_UNKNOWN);

    assertThatThrownBy(() -> StoreOps.update(failsSecondGet, "k", c -> new byte[] {1}))
        .isInstanceOfSatisfying(
            StoreUnavailableException.class, e -> assertThat(e.outcome()).isEqualTo(Outcome.UNKNOWN))
        .hasMessageStartingWith("outcome of the update of k is unknown: ");
    assertThat(store.get("k")).isPresent(); // it did land: the caller must re-read to learn that
  }

  @Test
  void update_endless_conflicts_give_up_with_the_last_conflict() {
    AtomicInteger n = new AtomicInteger();
    GlobalStore alwaysConflicts = new FailingGetStore(store, Integer.MAX_VALUE) {
      @Override
      public long putIfAbsent(String key, byte[] value) {
        n.incrementAndGet();
        throw new StoreConflictException(StoreConflictException.Reason.KEY_EXISTS, key, 0, null);
      }
    };

    assertThatThrownBy(() -> StoreOps.update(alwaysConflicts, "k", c -> new byte[] {1}))
        .isInstanceOf(StoreConflictException.class);
    assertThat(n).hasValue(StoreOps.MAX_ATTEMPTS);
  }

  /** Delegates to a store, but its {@code failingGet}-th get fails as unavailable. */
  private static class FailingGetStore extends ForwardingGlobalStore {
    private final GlobalStore delegate;
    private final int failingGet;
    private int gets;

    FailingGetStore(GlobalStore delegate, int failingGet) {
      this.delegate = delegate;
      this.failingGet = failingGet;
    }

    @Override
    public Optional<Versioned> get(String key) {
      if (++gets == failingGet) {
        throw new StoreUnavailableException(Outcome.FAILED, "connection refused");
      }
      return super.get(key);
    }

    @Override
    protected GlobalStore delegate() {
      return delegate;
    }
  }
}
