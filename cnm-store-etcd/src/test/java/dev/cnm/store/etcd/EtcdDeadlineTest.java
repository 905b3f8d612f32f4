package dev.cnm.store.etcd;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.store.GlobalStore;
import dev.cnm.api.store.StoreUnavailableException;
import dev.cnm.api.store.StoreUnavailableException.Outcome;
import dev.cnm.store.etcd.testing.EtcdCluster;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The default 2 s client deadline against a member that hangs (SIGSTOP: the connection stays up,
 * nothing answers): a read fails at the deadline with outcome {@code FAILED}, a write with outcome
 * {@code UNKNOWN}, and the message says so. Once the member resumes (SIGCONT) the write that was
 * "unknown" may well have landed: a re-read tells.
 */
class EtcdDeadlineTest {

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void hung_member_calls_fail_at_the_two_second_deadline_a_write_with_unknown_outcome() throws Exception {
    try (EtcdCluster etcd = EtcdBinary.cluster(1);
        GlobalStore store = EtcdGlobalStore.builder().endpoints(etcd.clientUris())
            .keyPrefix("deadline/" + UUID.randomUUID() + "/").build()) {
      EtcdCluster.awaitReachable(store, Duration.ofSeconds(20));
      long pid = etcd.members().get(0).pid();
      signal("STOP", pid);
      try {
        long start = System.nanoTime();
        assertThatThrownBy(() -> store.get("k"))
            .isInstanceOfSatisfying(StoreUnavailableException.class, e -> assertThat(e.outcome()).isEqualTo(Outcome.FAILED))
            .hasMessage("etcd get of k failed: no answer within 2000 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start))
            .isBetween(Duration.ofMillis(1900), Duration.ofSeconds(5));

        assertThatThrownBy(() -> store.putIfAbsent("k", "v".getBytes(UTF_8)))
            .isInstanceOfSatisfying(StoreUnavailableException.class, e -> assertThat(e.outcome()).isEqualTo(Outcome.UNKNOWN))
            .hasMessage("etcd create of k failed: no answer within 2000 ms (outcome unknown)");
      } finally {
        signal("CONT", pid);
      }
      EtcdCluster.awaitReachable(store, Duration.ofSeconds(20));
      // The re-read settles the doubt either way; here etcd had the request and applies it late.
      assertThat(store.get("k").map(v -> v.valueUtf8())).satisfiesAnyOf(
          v -> assertThat(v).contains("v"), v -> assertThat(v).isEmpty());
    }
  }

  private static void signal(String signal, long pid) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).as("kill -%s %s", signal, pid).isZero();
  }
}
