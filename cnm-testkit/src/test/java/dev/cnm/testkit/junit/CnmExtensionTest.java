package dev.cnm.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cnm.api.Engine;
import dev.cnm.api.NetworkSpec;
import dev.cnm.core.Cnm;
import dev.cnm.testkit.events.RecordingEngine;
import dev.cnm.testkit.faults.FaultInjector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(CnmExtension.class)
@Seed(11)
class CnmExtensionTest {

  @Test
  void one_test_gets_one_engine_whatever_the_parameter_type(Engine engine, RecordingEngine recording, FaultInjector faults) {
    assertThat(engine).isSameAs(recording);
    engine.createNetwork(NetworkSpec.of("dev"));
    assertThat(recording.events()).hasSize(1);
    assertThat(faults.calls()).isNotEmpty();
  }

  @Test
  void class_seed_is_used(Engine engine) {
    assertThat(engine.createNetwork(NetworkSpec.of("dev")).id())
        .isEqualTo(Cnm.builder().seed(11).build().createNetwork(NetworkSpec.of("dev")).id());
  }

  @Test
  @Seed(12)
  void method_seed_wins_over_the_class_seed(Engine engine) {
    assertThat(engine.createNetwork(NetworkSpec.of("dev")).id())
        .isEqualTo(Cnm.builder().seed(12).build().createNetwork(NetworkSpec.of("dev")).id());
  }

  @Test
  void cluster_has_three_engines_by_default_seeded_in_turn(CnmCluster cluster) {
    assertThat(cluster.size()).isEqualTo(3);
    assertThat(cluster.seed()).isEqualTo(11);
    assertThat(cluster.engine(2).createNetwork(NetworkSpec.of("x")).id())
        .isEqualTo(Cnm.builder().seed(13).build().createNetwork(NetworkSpec.of("x")).id());
    assertThat(cluster.store()).isSameAs(cluster.inMemoryStore());
  }

  @Test
  void cluster_size_on_the_parameter(@ClusterSize(5) CnmCluster cluster) {
    assertThat(cluster.engines()).hasSize(5).doesNotHaveDuplicates();
  }

  @CnmTest
  void cnm_test_is_a_test_with_the_extension(Engine engine) {
    assertThat(engine.networks()).hasSize(3);
  }
}
