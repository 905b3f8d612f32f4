package dev.cnm.core.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cnm.api.store.ForwardingGlobalStore;
import dev.cnm.api.store.GlobalStore;
import dev.cnm.api.store.StoreTxn;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How {@link ForwardingGlobalStore} passes a join's alternatives on: whole to the delegate by
 * default, or one by one through the decorator's own {@code commit} with {@code
 * standardCommitFirst}, so a fault or count put on {@code commit} can reach every transaction.
 */
class ForwardingGlobalStoreTest {
  private final GlobalStore memory = InMemoryGlobalStore.create();

  private static List<StoreTxn> lowestFree() {
    byte[] owner = "c1".getBytes(UTF_8);
    return List.of(
        StoreTxn.builder().requireAbsent("used/2").put("used/2", owner).build(),
        StoreTxn.builder().requireAbsent("used/3").put("used/3", owner).build());
  }

  /** Counts the transactions its {@code commit} sees. */
  private final class CountingCommits extends ForwardingGlobalStore {
    final List<StoreTxn> seen = new ArrayList<>();
    final boolean standard;

    CountingCommits(boolean standard) {
      this.standard = standard;
    }

    @Override
    protected GlobalStore delegate() {
      return memory;
    }

    @Override
    public long commit(StoreTxn txn) {
      seen.add(txn);
      return super.commit(txn);
    }

    @Override
    public StoreTxn.Chosen commitFirst(List<StoreTxn> choices) {
      return standard ? standardCommitFirst(choices) : super.commitFirst(choices);
    }
  }

  @Test
  void commit_first_goes_whole_to_the_delegate_past_an_overridden_commit() {
    memory.putIfAbsent("used/2", "c0".getBytes(UTF_8));
    CountingCommits store = new CountingCommits(false);

    StoreTxn.Chosen chosen = store.commitFirst(lowestFree());

    assertThat(chosen.index()).isEqualTo(1);
    assertThat(store.seen).isEmpty();
    assertThat(memory.get("used/3")).isPresent();
  }

  @Test
  void standard_commit_first_passes_each_alternative_through_commit_until_one_holds() {
    memory.putIfAbsent("used/2", "c0".getBytes(UTF_8));
    CountingCommits store = new CountingCommits(true);
    List<StoreTxn> choices = lowestFree();

    StoreTxn.Chosen chosen = store.commitFirst(choices);

    assertThat(chosen.index()).isEqualTo(1);
    assertThat(store.seen).containsExactlyElementsOf(choices);
    assertThat(new String(memory.get("used/3").orElseThrow().value(), UTF_8)).isEqualTo("c1");
  }
}
