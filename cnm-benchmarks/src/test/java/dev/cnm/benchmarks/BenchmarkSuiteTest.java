package dev.cnm.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.Engine;
import dev.cnm.api.RemoveOption;
import dev.cnm.api.ipam.NoAvailableAddressException;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.port.PortProtocol;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Smoke tests: the JMH annotation processor generated the benchmark list, and the set-ups build
 * the anchor's shapes. No benchmark is run here (bin/bench runs them).
 */
class BenchmarkSuiteTest {

  @Test
  void every_benchmark_is_in_the_generated_list() throws IOException {
    String list;
    try (InputStream in = getClass().getResourceAsStream("/META-INF/BenchmarkList")) {
      assertThat(in).as("JMH's generated benchmark list").isNotNull();
      list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    for (String b : List.of("IpamBenchmarks.fill24", "IpamBenchmarks.fill16", "IpamBenchmarks.fill16Serial",
        "IpamBenchmarks.fill8", "IpamBenchmarks.churnFull16", "IpamBenchmarks.churnFrag90Batch",
        "IpamBenchmarks.churnFrag90BatchSerial", "IpamBenchmarks.specificEmpty16", "IpamBenchmarks.specificFrag90",
        "PortBenchmarks.fillEphemeral", "PortBenchmarks.churnFull", "PortBenchmarks.churn90",
        "PortBenchmarks.requestReleaseAny", "PortBenchmarks.specific", "EngineBenchmarks.freshEngine",
        "EngineBenchmarks.runRm", "EngineBenchmarks.resolve", "EngineBenchmarks.inspectJson", "EngineBenchmarks.formatTemplate",
        "PortRangeBenchmarks.runPublishRangeRm")) {
      // One line per benchmark, naming its generated class Class_method_jmhTest.
      assertThat(list).contains("dev.cnm.benchmarks.jmh_generated." + b.replace('.', '_') + "_jmhTest");
    }
  }

  @Test
  void dns_network_resolves_every_container_name_to_its_address() {
    dev.cnm.api.Engine e = Engines.dnsNetwork(1_200);   // more than a bridge takes
    assertThat(e.resolve("d0", "d1100")).containsExactly(IpAddress.parse("10.0.4.78"));
    assertThat(e.resolve("d0", "d1100.dns.")).containsExactly(IpAddress.parse("10.0.4.78"));
    assertThat(e.resolve("d0", "D7")).containsExactly(IpAddress.parse("10.0.0.9"));
    assertThat(e.resolve("d0", "d1200")).isEmpty();
  }

  @Test
  void fragmented_pool_is_ninety_percent_full_with_uniform_holes() {
    Pools.Pool p = Pools.fresh(16);
    IpAddress[][] split = p.fragment();
    assertThat(split[0]).hasSize(58_981);
    assertThat(split[1]).hasSize(6_553);
    Set<IpAddress> free = new HashSet<>(List.of(split[1]));
    assertThat(free).hasSize(6_553).doesNotContainAnyElementsOf(List.of(split[0]));
    // First-fit hands out the lowest hole.
    IpAddress lowest = free.stream().min(IpAddress::compareTo).orElseThrow();
    assertThat(p.ipam.requestAddress(p.any).address()).isEqualTo(lowest);
  }

  @Test
  void a_pool_fragmented_by_restore_holds_what_fragment_holds() {
    for (String poolIdArg : new String[] {Pools.SAME, Pools.EQUAL}) {
      Pools.Pool filled = Pools.fresh(16);
      IpAddress[][] byFill = filled.fragment();
      Pools.Pool restored = Pools.fresh(16, poolIdArg);
      IpAddress[][] byRestore = restored.fragmentByRestore();

      assertThat(byRestore[1]).as(poolIdArg).containsExactly(byFill[1]);
      assertThat(byRestore[0]).as(poolIdArg).containsExactlyInAnyOrder(byFill[0]);
      // The same free addresses, lowest first, and nothing else.
      for (int i = 0; i < 6_553; i++) {
        assertThat(restored.ipam.requestAddress(restored.any).address())
            .isEqualTo(filled.ipam.requestAddress(filled.any).address());
      }
      assertThatThrownBy(() -> restored.ipam.requestAddress(restored.any))
          .isInstanceOf(NoAvailableAddressException.class);
    }
  }

  @Test
  void a_restored_fragmented_pool_churns_as_a_freshly_built_one() {
    for (boolean serial : new boolean[] {false, true}) {
      Pools.Pool built = Pools.fresh(16);
      IpAddress[] builtAllocated = built.fragment()[0];
      Pools.Pool restored = Pools.fresh(16);
      IpAddress[] restoredAllocated = restored.fragment()[0];
      byte[] snapshot = restored.snapshot();
      // Churn the second pool away from its fragmented state, then put that state back.
      churn(restored, restoredAllocated.clone(), serial, new SplittableRandom(9));
      restored.restore(snapshot);
      assertThat(churn(restored, restoredAllocated, serial, new SplittableRandom(2)))
          .as(serial ? "serial" : "lowest free")
          .containsExactly(churn(built, builtAllocated, serial, new SplittableRandom(2)));
    }
  }

  /** What {@code churnFrag90Batch} does: 1 000 cycles of release random + request any. */
  private static IpAddress[] churn(Pools.Pool p, IpAddress[] allocated, boolean serial, SplittableRandom random) {
    IpAddress[] got = new IpAddress[1_000];
    for (int i = 0; i < got.length; i++) {
      int k = random.nextInt(allocated.length);
      p.ipam.releaseAddress(p.poolId, allocated[k]);
      got[i] = p.ipam.requestAddress(serial ? p.anySerial : p.any).address();
      allocated[k] = got[i];
    }
    return got;
  }

  @Test
  void fill_hands_out_every_address_in_order_then_fails() {
    Pools.Pool p = Pools.fresh(24);
    IpAddress[] all = p.fill();
    assertThat(all[0]).hasToString("10.0.0.1");
    assertThat(all[253]).hasToString("10.0.0.254");
    Assertions.assertThatThrownBy(() -> p.ipam.requestAddress(p.any)).isInstanceOf(NoAvailableAddressException.class);
  }

  @Test
  void fragmented_port_table_keeps_ninety_percent() {
    PortBenchmarks.Frag90 s = new PortBenchmarks.Frag90();
    s.setUp();
    assertThat(s.allocated).hasSize(PortBenchmarks.RANGE - 2_823);
    for (int port : s.allocated) {
      assertThat(s.ports.isAllocated(IpAddress.ANY_V4, PortProtocol.TCP, port)).isTrue();
    }
    assertThat(s.ports.allocatedPorts()).hasSize(PortBenchmarks.RANGE - 2_823);
  }

  @Test
  void populated_engine_runs_and_removes_the_probe() {
    Engine e = Engines.populated(1_010);
    assertThat(e.containers()).hasSize(1_010);
    assertThat(e.networks()).hasSize(3 + 2);
    String id = e.run(Engines.onNetwork("probe")).id();
    e.removeContainer(id, RemoveOption.FORCE);
    assertThat(e.containers()).hasSize(1_010);
  }

  @Test
  void heap_delta_sees_what_is_kept() {
    long before = Footprint.usedAfterGc();
    byte[][] kept = new byte[64][];
    for (int i = 0; i < kept.length; i++) {
      kept[i] = new byte[64 * 1024];
    }
    long after = Footprint.usedAfterGc();
    assertThat(after - before).isGreaterThanOrEqualTo(64L * 64 * 1024);
    assertThat(kept[63]).hasSize(64 * 1024);
  }
}
