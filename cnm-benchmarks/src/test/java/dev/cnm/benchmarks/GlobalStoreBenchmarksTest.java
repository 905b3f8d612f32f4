package dev.cnm.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.NetworkInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Smoke test of the cluster benchmark on the in-memory store (bin/bench runs it on etcd). */
class GlobalStoreBenchmarksTest {

  @Test
  void is_in_the_generated_list() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/META-INF/BenchmarkList")) {
      assertThat(in).isNotNull();
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .contains("dev.cnm.benchmarks.jmh_generated.GlobalStoreBenchmarks_allocateRelease_jmhTest");
    }
  }

  @Test
  void three_engines_share_the_overlay_network_and_each_op_gives_its_address_back() throws Exception {
    GlobalStoreBenchmarks.Cluster cluster = new GlobalStoreBenchmarks.Cluster();
    cluster.store = "memory";
    cluster.setUp();
    try {
      GlobalStoreBenchmarks bench = new GlobalStoreBenchmarks();
      for (int i = 0; i < GlobalStoreBenchmarks.ENGINES; i++) {
        GlobalStoreBenchmarks.Host host = new GlobalStoreBenchmarks.Host();
        host.setUp(cluster);
        ContainerInfo c = bench.allocateRelease(host);
        assertThat(c.endpoint(GlobalStoreBenchmarks.NETWORK).orElseThrow().ipv4Address().orElseThrow())
            .hasToString("10.0.0.2/24"); // lowest free: the address the previous op gave back
        assertThat(host.engine.containers()).isEmpty();
      }
      NetworkInfo ov = cluster.engines.get(2).network(GlobalStoreBenchmarks.NETWORK);
      assertThat(ov.id()).isEqualTo(cluster.engines.get(0).network(GlobalStoreBenchmarks.NETWORK).id());
    } finally {
      cluster.tearDown();
    }
  }
}
