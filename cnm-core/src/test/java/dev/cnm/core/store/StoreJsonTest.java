package dev.cnm.core.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.error.SystemException;
import dev.cnm.core.store.InMemoryGlobalStore.Fault;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StoreJsonTest {
  /** A document shaped like libnetwork's endpoint count, with the ids of the operations applied. */
  record Count(int count, List<String> ops) {
    Count plus(String op) {
      if (ops.contains(op)) {
        return this; // already applied: an in-doubt write that landed
      }
      List<String> next = new ArrayList<>(ops);
      next.add(op);
      return new Count(count + 1, next);
    }
  }

  private final InMemoryGlobalStore store = InMemoryGlobalStore.create();
  private final StoreJson json = StoreJson.create();

  @Test
  void update_createsReplacesAndDeletesTypedDocuments() {
    StoreJson.Document<Count> created =
        json.update(store, "endpoint_count/n1", Count.class,
            c -> Optional.of(c.orElse(new Count(0, List.of())).plus("op1"))).orElseThrow();
    StoreJson.Document<Count> replaced =
        json.update(store, "endpoint_count/n1", Count.class, c -> Optional.of(c.orElseThrow().plus("op2")))
            .orElseThrow();

    assertThat(created.value()).isEqualTo(new Count(1, List.of("op1")));
    assertThat(replaced.value()).isEqualTo(new Count(2, List.of("op1", "op2")));
    assertThat(replaced.modRevision()).isGreaterThan(created.modRevision());
    assertThat(store.get("endpoint_count/n1").orElseThrow().valueUtf8())
        .isEqualTo("{\"count\":2,\"ops\":[\"op1\",\"op2\"]}");
    assertThat(json.read(store, "endpoint_count/n1", Count.class).orElseThrow().modRevision())
        .isEqualTo(replaced.modRevision());

    assertThat(json.update(store, "endpoint_count/n1", Count.class, c -> Optional.empty())).isEmpty();
    assertThat(store.get("endpoint_count/n1")).isEmpty();
  }

  @Test
  void update_inDoubtWriteThatLanded_isNotAppliedTwice() {
    json.update(store, "c", Count.class, c -> Optional.of(new Count(0, List.of())));
    store.failNextWrite(Fault.WRITE_APPLIED_UNKNOWN);

    StoreJson.Document<Count> after =
        json.update(store, "c", Count.class, c -> Optional.of(c.orElseThrow().plus("op1"))).orElseThrow();

    assertThat(after.value().count()).isEqualTo(1);
    assertThat(store.revision()).isEqualTo(3); // create + one update: the retry wrote nothing
  }

  @Test
  void read_corruptDocument_isASystemErrorNamingTheKey() {
    store.putIfAbsent("bad", "{not json".getBytes(UTF_8));

    assertThatThrownBy(() -> json.read(store, "bad", Count.class))
        .isInstanceOf(SystemException.class)
        .hasMessageStartingWith("corrupt store document at bad: ");
  }

  @Test
  void read_absentKey_isEmpty() {
    assertThat(json.read(store, "none", Count.class)).isEmpty();
  }
}
