package dev.cnm.store.etcd;

import dev.cnm.store.etcd.testing.EtcdCluster;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.store.GlobalStore;
import dev.cnm.testkit.contract.GlobalStoreContract;
import dev.cnm.api.store.StoreUnavailableException;
import dev.cnm.api.store.StoreUnavailableException.Outcome;
import dev.cnm.api.error.CnmException;
import dev.cnm.api.error.NotFoundException;
import dev.cnm.api.store.StoreEvent;
import dev.cnm.api.store.Watch;
import dev.cnm.api.store.WatchListener;
import io.etcd.jetcd.Client;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store contract against a real single-member etcd (started once for the class), each test in
 * its own key prefix, plus what is specific to etcd: URL paths as key prefixes and the errors of an
 * unreachable server.
 */
class EtcdGlobalStoreTest extends GlobalStoreContract {
  private static EtcdCluster etcd;

  @BeforeAll
  static void startEtcd() throws Exception {
    // Without etcd every test is skipped one by one (in newStore) so the skips and their reason
    // show in the report; an abort here would report the class as zero tests run.
    if (EtcdBinary.find().isPresent()) {
      etcd = EtcdBinary.cluster(1);
      try (GlobalStore warmUp = EtcdGlobalStore.builder().endpoints(etcd.clientUris()).build()) {
        EtcdCluster.awaitReachable(warmUp, Duration.ofSeconds(15));
      }
    }
  }

  @AfterAll
  static void stopEtcd() throws Exception {
    if (etcd != null) {
      etcd.close();
    }
  }

  private static EtcdGlobalStore.Builder builder() {
    if (etcd == null) {
      EtcdBinary.require(); // skips with the reason (fails when CI=true)
    }
    return EtcdGlobalStore.builder().endpoints(etcd.clientUris());
  }

  @Override
  protected GlobalStore newStore() {
    return builder().keyPrefix("test/" + UUID.randomUUID() + "/").build();
  }

  @Override
  protected GlobalStore anotherClient(GlobalStore store) {
    return builder().keyPrefix(((EtcdGlobalStore) store).keyPrefix()).build();
  }

  @Test
  void keys_live_under_the_url_path_and_the_key_prefix() {
    String root = "root" + UUID.randomUUID().toString().substring(0, 8);
    EtcdGlobalStore scoped =
        (EtcdGlobalStore) track(EtcdGlobalStore.connect("etcd://127.0.0.1:" + etcd.members().get(0).clientPort() + "/" + root + "/"));
    EtcdGlobalStore raw = (EtcdGlobalStore) track(builder().keyPrefix("").build());

    long rev = scoped.putIfAbsent("network/n1", bytes("{}"));

    assertThat(scoped.keyPrefix()).isEqualTo(root + "/cnm/v1/");
    assertThat(raw.get(root + "/cnm/v1/network/n1").orElseThrow().modRevision()).isEqualTo(rev);
    assertThat(scoped.list("").entries()).extracting(v -> v.key()).containsExactly("network/n1");
  }

  @Test
  void keys_live_under_cnm_v1_by_default() {
    String name = "n" + UUID.randomUUID();
    EtcdGlobalStore defaults = (EtcdGlobalStore) track(EtcdGlobalStore.builder().endpoints(etcd.clientUris()).build());
    EtcdGlobalStore raw = (EtcdGlobalStore) track(builder().keyPrefix("").build());

    long rev = defaults.putIfAbsent("network/" + name, bytes("{}"));

    assertThat(defaults.keyPrefix()).isEqualTo("cnm/v1/").isEqualTo(EtcdGlobalStore.DEFAULT_KEY_PREFIX);
    assertThat(raw.get("cnm/v1/network/" + name).orElseThrow().modRevision()).isEqualTo(rev);
    defaults.compareAndDelete("network/" + name, rev);
  }

  @Test
  void watch_from_compacted_revision_ends_with_on_error_and_no_events() throws Exception {
    long r1 = store.putIfAbsent("h/1", bytes("1"));
    long r2 = store.compareAndSet("h/1", r1, bytes("2"));
    try (Client raw = Client.builder().endpoints(etcd.clientUris()).build()) {
      raw.getKVClient().compact(r2).get(5, TimeUnit.SECONDS);
    }
    BlockingQueue<CnmException> errors = new LinkedBlockingQueue<>();
    List<StoreEvent> events = new CopyOnWriteArrayList<>();

    Watch w =
        store.watch(
            "h/",
            r1,
            new WatchListener() {
              @Override
              public void onEvent(StoreEvent event) {
                events.add(event);
              }

              @Override
              public void onError(CnmException error) {
                errors.add(error);
              }
            });

    CnmException error = errors.poll(5, TimeUnit.SECONDS);
    assertThat(error)
        .isInstanceOf(NotFoundException.class)
        .hasMessage("etcdserver: mvcc: required revision has been compacted (compacted at " + r2 + ")");
    store.compareAndSet("h/1", r2, bytes("3"));
    Thread.sleep(QUIET_PERIOD.toMillis());
    assertThat(events).isEmpty();
    w.close();
  }

  @Test
  void unreachable_etcd_fails_within_the_deadline_and_says_the_write_failed() throws Exception {
    int deadPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      deadPort = s.getLocalPort();
    }
    GlobalStore dead =
        track(
            EtcdGlobalStore.builder()
                .endpoints(List.of(URI.create("http://127.0.0.1:" + deadPort)))
                .timeout(Duration.ofSeconds(1))
                .build());

    long start = System.nanoTime();
    assertThatThrownBy(() -> dead.get("k"))
        .isInstanceOfSatisfying(
            StoreUnavailableException.class, e -> assertThat(e.outcome()).isEqualTo(Outcome.FAILED))
        .hasMessageStartingWith("etcd get of k failed: ");
    assertThatThrownBy(() -> dead.putIfAbsent("k", bytes("v")))
        .isInstanceOfSatisfying(
            StoreUnavailableException.class,
            // Connection refused: nothing was sent, so the write definitely failed.
            e -> assertThat(e.outcome()).isEqualTo(Outcome.FAILED))
        .hasMessageStartingWith("etcd create of k failed: ")
        .hasMessageEndingWith(" (not applied)");
    assertThatThrownBy(() -> dead.watch("", 0, e -> {}))
        .isInstanceOf(StoreUnavailableException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }
}
