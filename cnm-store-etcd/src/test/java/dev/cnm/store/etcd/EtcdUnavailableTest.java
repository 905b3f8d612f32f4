package dev.cnm.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.ContainerStatus;
import dev.cnm.api.EndpointSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.NetworkInfo;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.RemoveOption;
import dev.cnm.api.error.ErrorKind;
import dev.cnm.api.error.UnavailableException;
import dev.cnm.api.store.GlobalStore;
import dev.cnm.api.store.StoreUnavailableException;
import dev.cnm.api.store.Versioned;
import dev.cnm.store.etcd.testing.EtcdCluster;
import dev.cnm.store.etcd.testing.EtcdMember;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The promise on a real etcd: with every member stopped, global-scope operations (overlay
 * create, connect, start, remove) fail fast with Docker's "unavailable" kind and a message naming
 * etcd and the failed call, and leave the engine and the store unchanged; local-scope operations
 * (a bridge network, a container on it) keep working; once etcd is back the same global operation
 * succeeds.
 */
class EtcdUnavailableTest {
  private static final Duration FAIL_WITHIN = Duration.ofSeconds(6);

  @Test
  @Timeout(value = 90, unit = java.util.concurrent.TimeUnit.SECONDS)
  void all_members_stopped_global_operations_unavailable_and_state_unchanged_local_operations_work() throws Exception {
    try (EtcdCluster etcd = EtcdBinary.cluster(1);
        GlobalStore store = EtcdGlobalStore.builder().endpoints(etcd.clientUris())
            .keyPrefix("unavailable/" + UUID.randomUUID() + "/").build()) {
      EtcdCluster.awaitReachable(store, Duration.ofSeconds(20));
      Engine a = EtcdEngines.engine(store, "host-a", 900);
      a.createNetwork(NetworkSpec.builder().name("ov").driver("overlay").build());
      a.createNetwork(NetworkSpec.builder().name("empty").driver("overlay").build());
      a.run(ContainerSpec.builder().image("alpine").tty(true).name("up").networkMode(NetworkMode.network("ov")).build());
      a.createContainer(ContainerSpec.builder().image("alpine").tty(true).name("cc").networkMode(NetworkMode.network("ov")).build());
      a.createNetwork(NetworkSpec.builder().name("br").driver("bridge").build());
      a.run(ContainerSpec.builder().image("alpine").tty(true).name("lone").networkMode(NetworkMode.network("br")).build());
      Map<String, Long> storedBefore = snapshot(store);
      List<String> networksBefore = networks(a);
      String ovBefore = a.network("ov").endpoints().toString();

      // when
      for (EtcdMember m : etcd.members()) {
        m.stop();
      }

      // then: global-scope operations fail with the unavailable kind, naming etcd and the call
      assertUnavailable(() -> a.createNetwork(NetworkSpec.builder().name("other").driver("overlay").build()));
      assertUnavailable(() -> a.connect("ov", "lone", EndpointSpec.empty()));
      assertUnavailable(() -> a.start("cc"));
      assertUnavailable(() -> a.removeNetwork("empty"));
      assertThat(networks(a)).isEqualTo(networksBefore);
      assertThat(a.network("ov").endpoints().toString()).isEqualTo(ovBefore);
      assertThat(a.container("cc").status()).isEqualTo(ContainerStatus.CREATED);
      assertThat(a.container("lone").networks()).containsOnlyKeys("br");

      // local-scope operations keep working
      a.createNetwork(NetworkSpec.builder().name("local").driver("bridge").build());
      ContainerInfo ll = a.run(ContainerSpec.builder().image("alpine").tty(true).name("ll")
          .networkMode(NetworkMode.network("local")).build());
      assertThat(ll.status()).isEqualTo(ContainerStatus.RUNNING);
      a.connect("br", "ll", EndpointSpec.empty());
      a.disconnect("br", "ll");
      a.removeContainer("ll", RemoveOption.FORCE);
      a.removeNetwork("local");
      assertThat(networks(a)).isEqualTo(networksBefore);

      // etcd back: nothing was written meanwhile, and the refused operation now succeeds
      for (EtcdMember m : etcd.members()) {
        m.start();
      }
      etcd.awaitHealthy(Duration.ofSeconds(20));
      EtcdCluster.awaitReachable(store, Duration.ofSeconds(20));
      assertThat(snapshot(store)).isEqualTo(storedBefore);
      assertThat(a.start("cc").status()).isEqualTo(ContainerStatus.RUNNING);
      assertThat(a.network("ov").endpoints()).hasSize(2);
    }
  }

  private static void assertUnavailable(ThrowingCallable call) {
    long start = System.nanoTime();
    assertThatThrownBy(call)
        .isInstanceOf(UnavailableException.class)
        .satisfies(e -> assertThat(((UnavailableException) e).kind()).isEqualTo(ErrorKind.UNAVAILABLE))
        .hasMessageMatching(
            "(?s)(.*: )?etcd ((get|list|create|compare-and-set|compare-and-delete) of|transaction on) \\S+ failed: .+")
        .hasRootCauseInstanceOf(Throwable.class)
        .satisfies(e -> assertThat(e).isInstanceOf(StoreUnavailableException.class));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("failed fast").isLessThan(FAIL_WITHIN);
  }

  /** Every key of the store with its mod revision. */
  private static Map<String, Long> snapshot(GlobalStore store) {
    return store.list("").entries().stream()
        .collect(Collectors.toMap(Versioned::key, Versioned::modRevision, (x, y) -> x, TreeMap::new));
  }

  private static List<String> networks(Engine e) {
    return e.networks().stream().map(NetworkInfo::name).sorted().collect(Collectors.toList());
  }
}
