package dev.cnm.testkit.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cnm.core.store.InMemoryGlobalStore;
import dev.cnm.testkit.EngineSnapshot;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * The cluster variant of {@link EngineFaultProperties}: three engines (hosts) and one in-memory
 * store; random operations go to random hosts with a fault at a random acquiring SPI call, and a
 * failed operation must leave every host, and the store, exactly as before.
 *
 * <p>What is missing for the full proof: cnm-core's builder cannot give engines the shared store
 * and there is no global-scope (overlay) driver on main, so today the hosts share nothing and the
 * store stays empty; the property then checks isolation (a failure on one host touches no other).
 * When the store and the overlay driver land, building the hosts with the store and adding overlay
 * networks to {@link EngineFaultProperties#createNetwork()} makes this the real cluster proof.
 */
class ClusterFaultProperties {
  /** Three hosts, each with its own injector, and the store they would share. */
  static final class Cluster {
    final InMemoryGlobalStore store = InMemoryGlobalStore.create();
    final List<EngineFaultProperties.World> hosts = new ArrayList<>();

    Cluster() {
      for (int i = 0; i < 3; i++) {
        hosts.add(new EngineFaultProperties.World());
      }
    }

    void step(int host, EngineFaultProperties.Op op, int faultAt) {
      List<EngineSnapshot> before = snapshots();
      long revision = store.revision();
      EngineFaultProperties.World w = hosts.get(host);
      int failed = w.failed;
      w.step(op, faultAt); // checks the host the operation ran on
      if (w.failed > failed) {
        List<EngineSnapshot> after = snapshots();
        for (int i = 0; i < hosts.size(); i++) {
          if (i != host) {
            assertThat(after.get(i).differences(before.get(i))).as("host %s after a failure on host %s", i, host).isEmpty();
          }
        }
        assertThat(store.revision()).isEqualTo(revision);
      }
    }

    List<EngineSnapshot> snapshots() {
      List<EngineSnapshot> s = new ArrayList<>();
      for (EngineFaultProperties.World w : hosts) {
        s.add(EngineSnapshot.of(w.engine, w.faults));
      }
      return s;
    }
  }

  @Property(tries = 10)
  void aFailedOperationOnOneHost_changesNoHostAndNotTheStore(@ForAll("chains") ActionChain<Cluster> chain) {
    chain.run();
  }

  @Provide
  Arbitrary<ActionChain<Cluster>> chains() {
    Arbitrary<EngineFaultProperties.Op> ops = Arbitraries.oneOf(EngineFaultProperties.createNetwork(),
        EngineFaultProperties.run(), EngineFaultProperties.connect(), EngineFaultProperties.lifecycle());
    Arbitrary<Integer> host = Arbitraries.integers().between(0, 2);
    Arbitrary<Integer> faultAt = Arbitraries.integers().between(-1, 4).map(i -> Math.max(i, 0));
    Action.Independent<Cluster> step = () -> Combinators.combine(host, ops, faultAt)
        .as((h, o, f) -> Transformer.mutate("host " + h + ": " + o.description + (f == 0 ? "" : " (fault at SPI call " + f + ")"),
            (Cluster c) -> c.step(h, o, f)));
    return ActionChain.<Cluster>startWith(Cluster::new).withAction(step).withMaxTransformations(20);
  }
}
