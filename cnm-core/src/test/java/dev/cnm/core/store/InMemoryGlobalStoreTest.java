package dev.cnm.core.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.store.GlobalStore;
import dev.cnm.api.store.StoreEvent;
import dev.cnm.api.store.StoreUnavailableException;
import dev.cnm.api.store.StoreUnavailableException.Outcome;
import dev.cnm.api.store.Watch;
import dev.cnm.core.store.InMemoryGlobalStore.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What only the in-memory store promises: determinism and faults. The store contract itself runs
 * against it in cnm-testkit ({@code InMemoryGlobalStoreContractTest}), which core's tests cannot
 * depend on.
 */
@SuppressWarnings("try") // try-with-resources closes watches the body does not name
class InMemoryGlobalStoreTest {
  private GlobalStore store;

  @BeforeEach
  void newStore() {
    store = InMemoryGlobalStore.create();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  private InMemoryGlobalStore memory() {
    return (InMemoryGlobalStore) store;
  }

  @Test
  void revisions_start_at_one_and_count_writes_like_etcd() {
    assertThat(memory().revision()).isEqualTo(1);
    assertThat(store.list("").revision()).isEqualTo(1);

    long r = store.putIfAbsent("a", bytes("1"));

    assertThat(r).isEqualTo(2);
    assertThat(store.compareAndSet("a", r, bytes("2"))).isEqualTo(3);
    assertThat(memory().revision()).isEqualTo(3);
  }

  @Test
  void conflicts_do_not_advance_the_revision() {
    long r = store.putIfAbsent("a", bytes("1"));
    assertThatThrownBy(() -> store.putIfAbsent("a", bytes("2")));
    assertThatThrownBy(() -> store.compareAndSet("a", r + 7, bytes("2")));

    assertThat(memory().revision()).isEqualTo(r);
  }

  @Test
  void watch_delivers_synchronously_on_the_writers_thread() {
    List<StoreEvent> seen = new ArrayList<>();
    try (Watch w = store.watch("", 0, seen::add)) {
      long r = store.putIfAbsent("k", bytes("v"));

      assertThat(seen).containsExactly(StoreEvent.put("k", bytes("v"), r));
    }
  }

  @Test
  void watch_listener_that_writes_sees_its_own_event_after_the_current_one() {
    List<String> seen = new ArrayList<>();
    try (Watch w =
        store.watch(
            "",
            0,
            e -> {
              seen.add(e.key());
              if (e.key().equals("first")) {
                store.putIfAbsent("second", bytes("x"));
                seen.add("wrote second");
              }
            })) {
      store.putIfAbsent("first", bytes("x"));
    }

    assertThat(seen).containsExactly("first", "wrote second", "second");
  }

  @Test
  void watch_failing_listener_does_not_fail_the_write() {
    List<StoreEvent> seen = new ArrayList<>();
    try (Watch bad =
            store.watch(
                "",
                0,
                e -> {
                  throw new IllegalStateException("listener bug");
                });
        Watch good = store.watch("", 0, seen::add)) {
      store.putIfAbsent("k", bytes("v"));
      store.putIfAbsent("k2", bytes("v"));
    }

    assertThat(seen).hasSize(2);
  }

  @Test
  void close_stops_watches() {
    List<StoreEvent> seen = new ArrayList<>();
    store.watch("", 0, seen::add);

    store.close();

    assertThat(seen).isEmpty();
    assertThatThrownBy(() -> store.list("")).isInstanceOf(IllegalStateException.class);
  }

  // ---- faults

  @Test
  void unavailable_fails_every_call_with_outcome_failed_and_applies_nothing() {
    store.putIfAbsent("k", bytes("v"));
    memory().setFault(Fault.UNAVAILABLE);

    assertThatThrownBy(() -> store.get("k")).isInstanceOfSatisfying(
        StoreUnavailableException.class, e -> assertThat(e.outcome()).isEqualTo(Outcome.FAILED));
    assertThatThrownBy(() -> store.list("")).isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(() -> store.putIfAbsent("k2", bytes("v")))
        .isInstanceOfSatisfying(
            StoreUnavailableException.class, e -> assertThat(e.outcome()).isEqualTo(Outcome.FAILED))
        .hasMessage("global store unavailable (in-memory fault)");
    assertThatThrownBy(() -> store.watch("", 0, e -> {})).isInstanceOf(StoreUnavailableException.class);

    memory().setFault(Fault.NONE);
    assertThat(store.get("k2")).isEmpty();
    assertThat(memory().revision()).isEqualTo(2);
  }

  @Test
  void write_applied_unknown_applies_the_write_but_reports_unknown() {
    memory().failNextWrite(Fault.WRITE_APPLIED_UNKNOWN);

    assertThatThrownBy(() -> store.putIfAbsent("k", bytes("v")))
        .isInstanceOfSatisfying(
            StoreUnavailableException.class, e -> assertThat(e.outcome()).isEqualTo(Outcome.UNKNOWN));

    assertThat(store.get("k")).isPresent();
    store.putIfAbsent("k2", bytes("v")); // the one-shot fault is used up
  }

  @Test
  void write_lost_unknown_applies_nothing_but_reports_unknown() {
    memory().setFault(Fault.WRITE_LOST_UNKNOWN);

    assertThatThrownBy(() -> store.putIfAbsent("k", bytes("v")))
        .isInstanceOfSatisfying(
            StoreUnavailableException.class, e -> assertThat(e.outcome()).isEqualTo(Outcome.UNKNOWN));
    assertThatThrownBy(() -> store.putIfAbsent("k", bytes("v")))
        .isInstanceOf(StoreUnavailableException.class);

    assertThat(store.get("k")).isEmpty();
    assertThat(memory().revision()).isEqualTo(1);
  }

  @Test
  void fail_next_write_is_not_used_up_by_a_conflict() {
    long r = store.putIfAbsent("k", bytes("v"));
    memory().failNextWrite(Fault.WRITE_LOST_UNKNOWN);

    assertThatThrownBy(() -> store.putIfAbsent("k", bytes("v")))
        .isNotInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(() -> store.compareAndSet("k", r, bytes("w")))
        .isInstanceOf(StoreUnavailableException.class);
    assertThat(store.get("k").orElseThrow().valueUtf8()).isEqualTo("v");
  }

  static String utf8(byte[] b) {
    return new String(b, UTF_8);
  }
}
