package dev.cnm.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.ContainerStatus;
import dev.cnm.api.Engine;
import dev.cnm.api.NetworkInfo;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.RemoveOption;
import dev.cnm.api.Scope;
import dev.cnm.api.error.ConflictException;
import dev.cnm.api.error.ErrorKind;
import dev.cnm.api.error.ForbiddenException;
import dev.cnm.api.error.NotFoundException;
import dev.cnm.api.error.UnavailableException;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.error.SystemException;
import dev.cnm.api.ipam.IpamDriver;
import dev.cnm.api.spi.DriverContext;
import dev.cnm.api.spi.DriverPlugins;
import dev.cnm.api.spi.NetworkDriver;
import dev.cnm.api.spi.NetworkDriverProvider;
import dev.cnm.api.store.GlobalStore;
import dev.cnm.api.store.StoreTxn;
import dev.cnm.api.store.Listing;
import dev.cnm.api.store.StoreUnavailableException;
import dev.cnm.api.store.Versioned;
import dev.cnm.api.store.Watch;
import dev.cnm.api.store.WatchListener;
import dev.cnm.core.ipam.IpamConfiguration;
import dev.cnm.core.ipam.StoreBackedIpam;
import dev.cnm.core.store.InMemoryGlobalStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GlobalNetworksTest {
  private InMemoryGlobalStore store;
  private Engine a;
  private Engine b;

  @BeforeEach
  void setUp() {
    store = InMemoryGlobalStore.create();
    a = engine("host-a", 1);
    b = engine("host-b", 2);
  }

  private Engine engine(String host, long seed) {
    return TestDrivers.builder(seed)
        .driver(NetworkDriverProvider.of("overlay", ctx -> new TestDrivers.Global()))
        .globalStore(store).hostName(host).build();
  }

  private static NetworkSpec overlay(String name) {
    return NetworkSpec.builder().name(name).driver("overlay").build();
  }

  private static ContainerInfo run(Engine e, String network, String name) {
    return e.run(ContainerSpec.builder().image("alpine").tty(true).name(name).networkMode(NetworkMode.network(network)).build());
  }

  private static Subnet address(ContainerInfo c, String network) {
    return c.endpoint(network).orElseThrow().ipv4Address().orElseThrow();
  }

  private static List<String> names(Engine e) {
    return e.networks().stream().map(NetworkInfo::name).collect(Collectors.toList());
  }

  @Test
  void an_overlay_network_created_on_one_engine_is_seen_by_the_others_with_the_same_id_and_pool() {
    NetworkInfo created = a.createNetwork(overlay("ov"));
    assertThat(created.scope()).isEqualTo(Scope.GLOBAL);
    assertThat(created.ipamConfigs().get(0).subnet()).isEqualTo(Subnet.parse("10.0.0.0/24"));

    NetworkInfo seen = b.network("ov");
    assertThat(seen.id()).isEqualTo(created.id());
    assertThat(seen.ipamConfigs()).isEqualTo(created.ipamConfigs());
    assertThat(b.network(created.id().substring(0, 12)).name()).isEqualTo("ov");
    assertThat(names(b)).contains("ov");
  }

  @Test
  void addresses_are_handed_out_lowest_free_whichever_engine_asks() {
    a.createNetwork(overlay("ov"));
    ContainerInfo c1 = run(a, "ov", "c1");
    ContainerInfo c2 = run(b, "ov", "c2");
    a.removeContainer("c1", RemoveOption.FORCE);
    ContainerInfo c3 = run(b, "ov", "c3"); // the address host a freed, taken by host b
    ContainerInfo c4 = run(a, "ov", "c4");
    assertThat(List.of(address(c1, "ov"), address(c2, "ov"), address(c3, "ov"), address(c4, "ov")))
        .containsExactly(Subnet.parse("10.0.0.2/24"), Subnet.parse("10.0.0.3/24"), Subnet.parse("10.0.0.2/24"),
            Subnet.parse("10.0.0.4/24"));
  }

  @Test
  void a_join_takes_its_address_and_records_its_endpoint_in_one_transaction() {
    List<StoreTxn> commits = new ArrayList<>();
    GlobalStore counting = new dev.cnm.api.store.ForwardingGlobalStore() {
      @Override
      protected GlobalStore delegate() {
        return store;
      }

      @Override
      public long commit(StoreTxn txn) {
        commits.add(txn);
        return store.commit(txn);
      }

      @Override
      public StoreTxn.Chosen commitFirst(List<StoreTxn> choices) {
        StoreTxn.Chosen chosen = store.commitFirst(choices);
        commits.add(choices.get(chosen.index()));
        return chosen;
      }
    };
    Engine c = TestDrivers.builder(3).driver(NetworkDriverProvider.of("overlay", ctx -> new TestDrivers.Global()))
        .globalStore(counting).hostName("host-c").build();
    a.createNetwork(overlay("ov"));
    c.network("ov");
    commits.clear();

    ContainerInfo web = run(c, "ov", "web");

    assertThat(commits).hasSize(1);
    assertThat(commits.get(0).writes()).extracting(StoreTxn.Write::key).containsExactlyInAnyOrder(
        "ipam/GlobalDefault/used/10.0.0.0-24/2", "endpoint/" + web.endpoint("ov").orElseThrow().networkId() + "/"
            + web.endpoint("ov").orElseThrow().id());
    commits.clear();
    c.removeContainer("web", RemoveOption.FORCE);
    assertThat(commits).hasSize(1);
    assertThat(store.list("endpoint/").entries()).isEmpty();
    assertThat(store.list(StoreBackedIpam.USED_PREFIX).entries()).hasSize(1); // the gateway's
  }

  @Test
  void a_forced_remove_reads_nothing_and_is_in_the_store_when_it_returns() {
    Counting counting = new Counting(store);
    List<String> calls = counting.calls;
    Engine c = counted(counting);
    a.createNetwork(overlay("ov"));
    ContainerInfo web = run(c, "ov", "web");
    String endpointKey = "endpoint/" + web.endpoint("ov").orElseThrow().networkId() + "/"
        + web.endpoint("ov").orElseThrow().id();
    assertThat(store.get(endpointKey)).isPresent();
    calls.clear();

    c.removeContainer("web", RemoveOption.FORCE);

    // One transaction, answered before the remove returned; no read of the other hosts' records.
    assertThat(calls).containsExactly("commit");
    assertThat(store.get(endpointKey)).isEmpty();
    assertThat(store.get("ipam/GlobalDefault/used/10.0.0.0-24/2")).isEmpty();
    // Another host's next run sees the address freed, lowest first.
    assertThat(address(run(b, "ov", "next"), "ov")).isEqualTo(Subnet.parse("10.0.0.2/24"));
  }

  /** A store client that logs every call that reaches the store: one entry per round trip. */
  private static final class Counting extends dev.cnm.api.store.ForwardingGlobalStore {
    final GlobalStore to;
    final List<String> calls = new ArrayList<>();

    Counting(GlobalStore to) {
      this.to = to;
    }

    @Override
    protected GlobalStore delegate() {
      return to;
    }

    @Override
    public Optional<Versioned> get(String key) {
      calls.add("get " + key);
      return to.get(key);
    }

    @Override
    public Listing list(String prefix) {
      calls.add("list " + prefix);
      return to.list(prefix);
    }

    @Override
    public long putIfAbsent(String key, byte[] value) {
      calls.add("create " + key);
      return to.putIfAbsent(key, value);
    }

    @Override
    public long compareAndSet(String key, long expectedModRevision, byte[] value) {
      calls.add("set " + key);
      return to.compareAndSet(key, expectedModRevision, value);
    }

    @Override
    public void compareAndDelete(String key, long expectedModRevision) {
      calls.add("delete " + key);
      to.compareAndDelete(key, expectedModRevision);
    }

    @Override
    public long revision() {
      calls.add("revision");
      return to.revision();
    }

    @Override
    public long commit(StoreTxn txn) {
      calls.add("commit");
      return to.commit(txn);
    }

    @Override
    public StoreTxn.Chosen commitFirst(List<StoreTxn> choices) {
      calls.add("commit");
      return to.commitFirst(choices);
    }
  }

  private Engine counted(Counting counting) {
    return TestDrivers.builder(3).driver(NetworkDriverProvider.of("overlay", ctx -> new TestDrivers.Global()))
        .globalStore(counting).hostName("host-c").build();
  }

  /** A run and remove on {@code c}, so that its IPAM has read the pool's document (kept from then on). */
  private static void warm(Engine c, String network) {
    run(c, network, "warm");
    c.removeContainer("warm", RemoveOption.FORCE);
  }

  private static final String USED = "list ipam/GlobalDefault/used/10.0.0.0-24/";

  @Test
  void a_run_on_a_network_the_engine_knows_is_one_round_trip_and_a_forced_remove_one() {
    Counting counting = new Counting(store);
    Engine c = counted(counting);
    a.createNetwork(overlay("ov"));
    run(a, "ov", "other");
    c.network("ov");
    warm(c, "ov");
    for (int i = 0; i < 3; i++) {
      counting.calls.clear();
      ContainerInfo web = run(c, "ov", "web" + i);
      assertThat(counting.calls).containsExactly("commit");
      assertThat(address(web, "ov")).isEqualTo(Subnet.parse("10.0.0.3/24"));
      counting.calls.clear();
      c.removeContainer("web" + i, RemoveOption.FORCE);
      assertThat(counting.calls).containsExactly("commit");
    }
  }

  @Test
  void an_address_another_host_freed_a_moment_ago_is_the_one_a_run_takes_without_a_listing() {
    Counting counting = new Counting(store);
    Engine c = counted(counting);
    a.createNetwork(overlay("ov"));
    warm(c, "ov");
    run(a, "ov", "web");
    run(a, "ov", "db");
    c.network("ov"); // c's view: .2 and .3 in use
    a.removeContainer("web", RemoveOption.FORCE); // .2 free, acknowledged

    counting.calls.clear();
    assertThat(address(run(c, "ov", "next"), "ov")).isEqualTo(Subnet.parse("10.0.0.2/24"));
    assertThat(counting.calls).containsExactly("commit");
    assertThat(address(run(b, "ov", "after"), "ov")).isEqualTo(Subnet.parse("10.0.0.4/24"));
  }

  @Test
  void a_run_whose_view_missed_every_address_of_its_range_being_taken_lists_the_pool_and_takes_the_lowest_free() {
    Counting counting = new Counting(store);
    Engine c = counted(counting);
    a.createNetwork(overlay("ov"));
    warm(c, "ov"); // c's view: the gateway only, so its range is .1 to .4
    for (int i = 0; i < 3; i++) {
      run(a, "ov", "web" + i); // .2, .3, .4
    }

    counting.calls.clear();
    assertThat(address(run(c, "ov", "next"), "ov")).isEqualTo(Subnet.parse("10.0.0.5/24"));
    assertThat(counting.calls).containsExactly("commit", USED, "commit");
    counting.calls.clear();
    assertThat(address(run(c, "ov", "then"), "ov")).isEqualTo(Subnet.parse("10.0.0.6/24"));
    assertThat(counting.calls).containsExactly("commit"); // the refusal taught the view
  }

  @Test
  void a_run_whose_range_would_pass_the_bound_lists_the_pool_instead() {
    Counting counting = new Counting(store);
    Engine c = counted(counting);
    a.createNetwork(overlay("ov"));
    warm(c, "ov");
    for (int i = 0; i < 28; i++) {
      run(a, "ov", "web" + i); // .2 to .29; with the gateway, .1 to .29 in use
    }
    c.network("ov");

    counting.calls.clear();
    // .1 to .32, the third free in the view: 32 alternatives, the most one join offers
    assertThat(address(run(c, "ov", "next"), "ov")).isEqualTo(Subnet.parse("10.0.0.30/24"));
    assertThat(counting.calls).containsExactly("commit");
    counting.calls.clear();
    // .1 to .33 would be 33: the pool is listed, and the three lowest free offered
    assertThat(address(run(c, "ov", "last"), "ov")).isEqualTo(Subnet.parse("10.0.0.31/24"));
    assertThat(counting.calls).containsExactly(USED, "commit");
  }

  @Test
  void a_run_on_a_network_another_host_removed_and_created_again_joins_the_new_one() {
    Counting counting = new Counting(store);
    Engine c = counted(counting);
    NetworkInfo first = a.createNetwork(overlay("ov"));
    warm(c, "ov");
    a.removeNetwork("ov");
    NetworkInfo second = a.createNetwork(overlay("ov"));
    List<dev.cnm.api.event.Event> before = c.events(dev.cnm.api.event.EventQuery.all());

    ContainerInfo web = run(c, "ov", "web");

    assertThat(second.id()).isNotEqualTo(first.id());
    assertThat(web.endpoint("ov").orElseThrow().networkId()).isEqualTo(second.id());
    assertThat(address(web, "ov")).isEqualTo(Subnet.parse("10.0.0.2/24"));
    assertThat(c.network("ov").id()).isEqualTo(second.id());
    List<String> actions = c.events(dev.cnm.api.event.EventQuery.all()).stream().skip(before.size())
        .filter(e -> e.type() == dev.cnm.api.event.EventType.CONTAINER).map(dev.cnm.api.event.Event::action)
        .collect(Collectors.toList());
    assertThat(actions).containsExactly("create", "start"); // the attempt on the old view left none
  }

  @Test
  void a_run_on_a_network_another_host_removed_answers_as_after_a_read_of_the_store() {
    Counting counting = new Counting(store);
    Engine c = counted(counting);
    a.createNetwork(overlay("ov"));
    warm(c, "ov");
    a.removeNetwork("ov");
    List<dev.cnm.api.event.Event> before = c.events(dev.cnm.api.event.EventQuery.all());

    assertThatThrownBy(() -> run(c, "ov", "web"))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("failed to set up container networking: network ov not found");
    // The container is created and not started, once, as by a run that read the store first.
    assertThat(c.containers()).extracting(ContainerInfo::name).containsExactly("web");
    assertThat(c.container("web").status()).isEqualTo(ContainerStatus.CREATED);
    assertThat(c.events(dev.cnm.api.event.EventQuery.all()).stream().skip(before.size())
        .filter(e -> e.type() == dev.cnm.api.event.EventType.CONTAINER).map(dev.cnm.api.event.Event::action))
        .containsExactly("create");
    assertThat(names(c)).doesNotContain("ov");
  }

  @Test
  void a_run_on_a_network_the_engine_does_not_know_reads_the_store_before_answering() {
    Counting counting = new Counting(store);
    Engine c = counted(counting);
    a.createNetwork(overlay("ov"));

    counting.calls.clear();
    assertThat(address(run(c, "ov", "web"), "ov")).isEqualTo(Subnet.parse("10.0.0.2/24"));
    assertThat(counting.calls).startsWith("list ");
    counting.calls.clear();
    assertThatThrownBy(() -> run(c, "nowhere", "db"))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("failed to set up container networking: network nowhere not found");
    assertThat(counting.calls).contains("list ");
  }

  @Test
  void a_removal_in_doubt_that_another_engine_won_does_not_release_the_pools_a_second_time() {
    boolean[] raced = {false};
    GlobalStore racing = new dev.cnm.api.store.ForwardingGlobalStore() {
      @Override
      protected GlobalStore delegate() {
        return store;
      }

      @Override
      public long commit(StoreTxn txn) {
        if (!raced[0] && txn.writes().stream().anyMatch(w -> w.isDelete() && w.key().equals("network/ov"))) {
          raced[0] = true;
          // Our delete is lost, the answer with it; meanwhile host-b removes the network and a
          // new one takes the same pool.
          b.removeNetwork("ov");
          b.createNetwork(overlay("next"));
          throw new StoreUnavailableException(StoreUnavailableException.Outcome.UNKNOWN, "timed out");
        }
        return store.commit(txn);
      }
    };
    Engine c = TestDrivers.builder(3).driver(NetworkDriverProvider.of("overlay", ctx -> new TestDrivers.Global()))
        .globalStore(racing).hostName("host-c").build();
    c.createNetwork(overlay("ov"));
    b.network("ov");

    c.removeNetwork("ov");

    assertThat(raced[0]).isTrue();
    assertThat(b.network("next").ipamConfigs().get(0).subnet()).isEqualTo(Subnet.parse("10.0.0.0/24"));
    assertThat(store.get("ipam/GlobalDefault/pools").orElseThrow().valueUtf8()).contains("10.0.0.0/24");
    assertThat(a.createNetwork(overlay("third")).ipamConfigs().get(0).subnet()).isEqualTo(Subnet.parse("10.0.1.0/24"));
    assertThat(store.list("removed-network/").entries()).isEmpty();
  }

  /**
   * A store over {@link #store} that, at the first write {@code hit} picks, applies it, reports its
   * outcome unknown and goes away (the in-memory store's fault), as a leader killed just after
   * committing does.
   */
  private GlobalStore goneAfter(java.util.function.Predicate<String> hit) {
    boolean[] done = {false};
    return new dev.cnm.api.store.ForwardingGlobalStore() {
      @Override
      protected GlobalStore delegate() {
        return store;
      }

      private <T> T landedThenGone(String key, java.util.function.Supplier<T> write) {
        T result = write.get();
        if (!done[0] && hit.test(key)) {
          done[0] = true;
          store.setFault(InMemoryGlobalStore.Fault.UNAVAILABLE);
          throw new StoreUnavailableException(StoreUnavailableException.Outcome.UNKNOWN, "leader lost");
        }
        return result;
      }

      @Override
      public long compareAndSet(String key, long expectedModRevision, byte[] value) {
        return landedThenGone(key, () -> store.compareAndSet(key, expectedModRevision, value));
      }

      @Override
      public void compareAndDelete(String key, long expectedModRevision) {
        landedThenGone(key, () -> {
          store.compareAndDelete(key, expectedModRevision);
          return null;
        });
      }

      @Override
      public long commit(StoreTxn txn) {
        return landedThenGone(txn.writes().get(0).key(), () -> store.commit(txn));
      }
    };
  }

  private static StoreUnavailableException.Outcome outcome(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StoreUnavailableException u) {
        return u.outcome();
      }
    }
    throw new AssertionError("no store failure in " + e);
  }

  @Test
  void a_removal_that_landed_in_doubt_before_the_store_went_releases_the_pools_once_it_is_back() {
    Engine c = TestDrivers.builder(3).driver(NetworkDriverProvider.of("overlay", ctx -> new TestDrivers.Global()))
        .globalStore(goneAfter(k -> k.equals("network/ov"))).hostName("host-c").build();
    c.createNetwork(overlay("ov"));

    // The delete lands, its answer is lost, and the re-read finds no store: the outcome is unknown.
    assertThatThrownBy(() -> c.removeNetwork("ov"))
        .isInstanceOf(UnavailableException.class)
        .satisfies(e -> assertThat(outcome(e)).isEqualTo(StoreUnavailableException.Outcome.UNKNOWN));
    store.setFault(InMemoryGlobalStore.Fault.NONE);

    assertThat(names(c)).doesNotContain("ov");
    assertThat(networkData()).isEmpty();
    assertThat(c.createNetwork(overlay("next")).ipamConfigs().get(0).subnet()).isEqualTo(Subnet.parse("10.0.0.0/24"));
  }

  @Test
  void a_pool_release_retried_after_an_in_doubt_one_landed_leaves_the_pool_to_the_network_that_took_it_since() {
    Engine c = TestDrivers.builder(3).driver(NetworkDriverProvider.of("overlay", ctx -> new TestDrivers.Global()))
        .globalStore(goneAfter(k -> k.equals(StoreBackedIpam.POOLS_KEY))).hostName("host-c").build();
    c.createNetwork(overlay("ov"));
    c.removeNetwork("ov"); // the pool table's write lands, its answer is lost: the release stays pending
    store.setFault(InMemoryGlobalStore.Fault.NONE);
    b.createNetwork(overlay("next"));
    assertThat(b.network("next").ipamConfigs().get(0).subnet()).isEqualTo(Subnet.parse("10.0.0.0/24"));

    // c's next IPAM call retries the release: it finds the pool taken under another token.
    assertThat(c.createNetwork(overlay("other")).ipamConfigs().get(0).subnet()).isEqualTo(Subnet.parse("10.0.1.0/24"));
    assertThat(store.get("ipam/GlobalDefault/pools").orElseThrow().valueUtf8()).contains("10.0.0.0/24");
    assertThat(store.get("ipam/GlobalDefault/addresses/10.0.0.0-24")).isPresent();
    assertThat(address(run(b, "next", "web"), "next")).isEqualTo(Subnet.parse("10.0.0.2/24"));
  }

  @Test
  void pools_are_lowest_free_across_the_cluster() {
    a.createNetwork(overlay("one"));
    b.createNetwork(overlay("two"));
    a.createNetwork(overlay("three"));
    assertThat(b.network("three").ipamConfigs().get(0).subnet()).isEqualTo(Subnet.parse("10.0.2.0/24"));
    b.removeNetwork("two");
    assertThat(a.createNetwork(overlay("four")).ipamConfigs().get(0).subnet()).isEqualTo(Subnet.parse("10.0.1.0/24"));
  }

  @Test
  void a_name_taken_on_another_engine_is_refused_and_nothing_leaks() {
    a.createNetwork(overlay("ov"));
    assertThatThrownBy(() -> b.createNetwork(overlay("ov")))
        .isInstanceOf(ConflictException.class).hasMessage("network with name ov already exists");
    String pools = store.get(StoreBackedIpam.POOLS_KEY).orElseThrow().valueUtf8();
    assertThat(pools).contains("\"10.0.0.0/24\"").doesNotContain("10.0.1.0");
    assertThat(store.list(StoreBackedIpam.ADDRESSES_PREFIX).entries()).hasSize(1);
    assertThat(names(b)).containsOnlyOnce("ov");
  }

  /** Everything in the store but the hosts' registrations, which outlive their networks. */
  private List<Versioned> networkData() {
    return store.list("").entries().stream().filter(v -> !v.key().startsWith(GlobalNetworks.HOST_PREFIX)).toList();
  }

  @Test
  void every_stored_document_is_versioned_json() {
    a.createNetwork(overlay("ov"));
    run(b, "ov", "web");
    assertThat(store.list("").entries())
        .isNotEmpty()
        .allSatisfy(v -> assertThat(v.valueUtf8()).as(v.key()).startsWith("{\"version\":1,"));
  }

  @Test
  void prune_skips_a_global_network_another_engine_uses_and_removes_the_rest() {
    a.createNetwork(overlay("ov"));
    a.createNetwork(NetworkSpec.of("local"));
    run(b, "ov", "web");
    assertThat(a.pruneNetworks()).containsExactly("local"); // moby's prune logs the other and walks on
    assertThat(names(a)).contains("ov").doesNotContain("local");
  }

  @Test
  void a_network_with_endpoints_on_another_engine_cannot_be_removed() {
    String id = a.createNetwork(overlay("ov")).id();
    ContainerInfo c = run(b, "ov", "web");
    String epId = c.endpoint("ov").orElseThrow().id();
    assertThatThrownBy(() -> a.removeNetwork("ov"))
        .isInstanceOf(ForbiddenException.class)
        .hasMessage("error while removing network: network ov has active endpoints (name:\"web\" id:\""
            + epId.substring(0, 12) + "\")");
    b.stop("web");
    a.removeNetwork("ov");
    assertThat(names(b)).doesNotContain("ov");
    assertThat(networkData()).isEmpty();
    assertThatThrownBy(() -> b.start("web"))
        .isInstanceOf(NotFoundException.class).hasMessage("failed to set up container networking: network " + id + " not found");
  }

  @Test
  void prune_skips_an_overlay_network_with_endpoints_on_another_engine_and_removes_the_rest() {
    // ClusterFaultProperties, seed 8168034015657342043: prune stopped at such a network with
    // "has active endpoints", after removing the unused networks before it.
    a.createNetwork(overlay("idle"));
    String id = a.createNetwork(overlay("ov")).id();
    a.createNetwork(overlay("spare"));
    ContainerInfo web = run(b, "ov", "web");
    String stored = store.get(GlobalNetworks.key("ov")).orElseThrow().valueUtf8();

    assertThat(a.pruneNetworks()).containsExactly("idle", "spare");

    assertThat(names(a)).contains("ov").doesNotContain("idle", "spare");
    assertThat(names(b)).contains("ov").doesNotContain("idle", "spare");
    assertThat(store.get(GlobalNetworks.key("ov")).orElseThrow().valueUtf8()).isEqualTo(stored);
    assertThat(b.container("web").endpoint("ov").orElseThrow().id()).isEqualTo(web.endpoint("ov").orElseThrow().id());
    b.stop("web");
    assertThat(a.pruneNetworks()).containsExactly("ov");
    assertThat(store.get(GlobalNetworks.key("ov"))).isEmpty();
    assertThatThrownBy(() -> b.start("web"))
        .isInstanceOf(NotFoundException.class).hasMessage("failed to set up container networking: network " + id + " not found");
  }

  @Test
  void removing_a_network_another_engine_removed_and_created_again_leaves_the_new_one_its_pool() {
    // The race OverlayClusterProperties' threads reach about once in a few hundred runs: c reads
    // the store for its removal, then finds the name held by a network created again on the same
    // pool. Giving back the old network's pool would free the new one's pool and addresses.
    Runnable[] beforeRead = {null};
    GlobalStore racing = new GlobalStore() {
      @Override
      public Optional<Versioned> get(String key) {
        Runnable r = beforeRead[0];
        if (r != null && key.equals(GlobalNetworks.key("ov"))) {
          beforeRead[0] = null;
          r.run();
        }
        return store.get(key);
      }

      @Override
      public Listing list(String prefix) {
        return store.list(prefix);
      }

      @Override
      public long putIfAbsent(String key, byte[] value) {
        return store.putIfAbsent(key, value);
      }

      @Override
      public long compareAndSet(String key, long expectedModRevision, byte[] value) {
        return store.compareAndSet(key, expectedModRevision, value);
      }

      @Override
      public void compareAndDelete(String key, long expectedModRevision) {
        store.compareAndDelete(key, expectedModRevision);
      }

      @Override
      public long commit(dev.cnm.api.store.StoreTxn txn) {
        return store.commit(txn);
      }

      @Override
      public Watch watch(String prefix, long fromRevision, WatchListener listener) {
        return store.watch(prefix, fromRevision, listener);
      }

      @Override
      public void close() {}
    };
    Engine c = TestDrivers.builder(3)
        .driver(NetworkDriverProvider.of("overlay", ctx -> new TestDrivers.Global()))
        .globalStore(racing).hostName("host-c").build();
    String old = a.createNetwork(overlay("ov")).id();
    assertThat(c.network("ov").id()).isEqualTo(old);
    // After c has read the store for its removal: b removes ov, creates it again (the same pool
    // comes back) and runs a container on it.
    beforeRead[0] = () -> {
      b.removeNetwork("ov");
      b.createNetwork(overlay("ov"));
      run(b, "ov", "web");
    };

    c.removeNetwork("ov");

    assertThat(beforeRead[0]).isNull();
    NetworkInfo again = b.network("ov");
    assertThat(again.id()).isNotEqualTo(old);
    assertThat(again.ipamConfigs().get(0).subnet()).isEqualTo(Subnet.parse("10.0.0.0/24"));
    assertThat(StoreBackedIpam.create(IpamConfiguration.dockerDefaults(), store).addressesInUse(again.ipamConfigs().get(0).poolId()))
        .extracting(Object::toString).containsExactly("10.0.0.1", "10.0.0.2");
    assertThat(store.get(StoreBackedIpam.POOLS_KEY).orElseThrow().valueUtf8()).contains("\"10.0.0.0/24\"");
    assertThat(names(c)).contains("ov");
    assertThat(c.network("ov").id()).isEqualTo(again.id());
    b.removeContainer("web", RemoveOption.FORCE);
    c.removeNetwork("ov");
    assertThat(store.list("").entries()).allMatch(e -> e.key().startsWith("hosts/")); // only the hosts are left
  }

  @Test
  void removing_from_any_engine_releases_everything_in_the_store() {
    a.createNetwork(overlay("ov"));
    run(a, "ov", "c1");
    run(b, "ov", "c2");
    a.removeContainer("c1", RemoveOption.FORCE);
    b.removeContainer("c2", RemoveOption.FORCE);
    b.removeNetwork("ov");
    assertThat(networkData()).isEmpty();
    // docker_gwbridge, created for c1's external connectivity, stays, as in Docker.
    assertThat(names(a)).containsExactlyInAnyOrder("bridge", "host", "none", "docker_gwbridge");
    assertThat(a.network("docker_gwbridge").endpoints()).isEmpty();
  }

  @Test
  void when_the_store_is_unavailable_global_operations_fail_and_local_ones_work() {
    a.createNetwork(overlay("ov"));
    a.createContainer(ContainerSpec.builder().image("alpine").tty(true).name("cc").networkMode(NetworkMode.network("ov")).build());
    long revision = store.revision();
    store.setFault(InMemoryGlobalStore.Fault.UNAVAILABLE);

    assertThatThrownBy(() -> a.createNetwork(overlay("other")))
        .isInstanceOf(UnavailableException.class)
        .satisfies(e -> assertThat(((UnavailableException) e).kind()).isEqualTo(ErrorKind.UNAVAILABLE));
    assertThat(names(a)).containsExactlyInAnyOrder("bridge", "host", "none", "ov");

    assertThatThrownBy(() -> a.start("cc")).isInstanceOf(UnavailableException.class)
        .hasMessageStartingWith("failed to set up container networking: ");
    assertThat(a.container("cc").status()).isEqualTo(ContainerStatus.CREATED);
    assertThat(a.network("ov").endpoints()).isEmpty();

    assertThatThrownBy(() -> a.removeNetwork("ov")).isInstanceOf(UnavailableException.class);
    assertThat(names(a)).contains("ov");

    a.createNetwork(NetworkSpec.builder().name("local").driver("bridge").build());
    assertThat(run(a, "local", "ll").isRunning()).isTrue();

    store.setFault(InMemoryGlobalStore.Fault.NONE);
    assertThat(store.revision()).isEqualTo(revision);
    assertThat(a.start("cc").isRunning()).isTrue();
    assertThat(address(a.container("cc"), "ov")).isEqualTo(Subnet.parse("10.0.0.2/24"));
  }

  @Test
  void what_a_container_held_when_it_stopped_during_an_outage_is_given_back_afterwards() {
    a.createNetwork(overlay("ov"));
    run(a, "ov", "web");
    run(b, "ov", "db");
    store.setFault(InMemoryGlobalStore.Fault.UNAVAILABLE);
    a.stop("web");
    b.removeContainer("db", RemoveOption.FORCE);
    store.setFault(InMemoryGlobalStore.Fault.NONE);

    // Host b's release of db's address, retried first, lands before the join's commit: the lowest
    // free address at the commit is .3; web's (.2) is given back at host a's next operation.
    assertThat(address(run(b, "ov", "again"), "ov")).isEqualTo(Subnet.parse("10.0.0.3/24"));
    b.removeContainer("again", RemoveOption.FORCE);
    a.removeNetwork("ov");
    assertThat(networkData()).isEmpty();
  }

  @Test
  void writes_with_an_unknown_outcome_are_resolved_by_re_reading_never_applied_twice() {
    store.failNextWrite(InMemoryGlobalStore.Fault.WRITE_APPLIED_UNKNOWN);
    a.createNetwork(overlay("ov")); // the pool table write lands but is reported in doubt
    for (int i = 0; i < 6; i++) {
      // every write of the network creation and the runs, landed or lost, in turn
      store.failNextWrite(i % 2 == 0 ? InMemoryGlobalStore.Fault.WRITE_APPLIED_UNKNOWN
          : InMemoryGlobalStore.Fault.WRITE_LOST_UNKNOWN);
      run(i % 2 == 0 ? a : b, "ov", "c" + i);
    }
    store.failNextWrite(InMemoryGlobalStore.Fault.WRITE_APPLIED_UNKNOWN);
    a.createNetwork(overlay("ov2"));
    assertThat(b.network("ov2").ipamConfigs().get(0).subnet()).isEqualTo(Subnet.parse("10.0.1.0/24"));
    List<Subnet> addresses = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      addresses.add(address((i % 2 == 0 ? a : b).container("c" + i), "ov"));
    }
    assertThat(addresses).extracting(Subnet::toString).containsExactly("10.0.0.2/24", "10.0.0.3/24", "10.0.0.4/24",
        "10.0.0.5/24", "10.0.0.6/24", "10.0.0.7/24");
    for (int i = 0; i < 6; i++) {
      (i % 2 == 0 ? a : b).removeContainer("c" + i, RemoveOption.FORCE);
    }
    b.removeNetwork("ov");
    a.removeNetwork("ov2");
    assertThat(networkData()).isEmpty();
  }

  @Test
  void a_network_document_whose_creation_landed_in_doubt_is_kept_and_not_reported_as_taken() {
    // A store that applies the first create of a network document, then reports its outcome unknown.
    GlobalStore flaky = new GlobalStore() {
      private boolean failed;

      @Override
      public Optional<Versioned> get(String key) {
        return store.get(key);
      }

      @Override
      public Listing list(String prefix) {
        return store.list(prefix);
      }

      @Override
      public long putIfAbsent(String key, byte[] value) {
        long rev = store.putIfAbsent(key, value);
        if (key.startsWith("network/") && !failed) {
          failed = true;
          throw new StoreUnavailableException(
              StoreUnavailableException.Outcome.UNKNOWN, "leader lost");
        }
        return rev;
      }

      @Override
      public long compareAndSet(String key, long expectedModRevision, byte[] value) {
        return store.compareAndSet(key, expectedModRevision, value);
      }

      @Override
      public void compareAndDelete(String key, long expectedModRevision) {
        store.compareAndDelete(key, expectedModRevision);
      }

      @Override
      public Watch watch(String prefix, long fromRevision, WatchListener listener) {
        return store.watch(prefix, fromRevision, listener);
      }

      @Override
      public long commit(StoreTxn txn) {
        return store.commit(txn);
      }

      @Override
      public void close() {}
    };
    Engine c = TestDrivers.builder(3)
        .driver(NetworkDriverProvider.of("overlay", ctx -> new TestDrivers.Global()))
        .globalStore(flaky).hostName("host-c").build();
    NetworkInfo ov = c.createNetwork(overlay("ov"));
    assertThat(a.network("ov").id()).isEqualTo(ov.id());
    assertThatThrownBy(() -> a.createNetwork(overlay("ov")))
        .isInstanceOf(ConflictException.class).hasMessage("network with name ov already exists");
    c.removeNetwork("ov");
    assertThat(networkData()).isEmpty();
  }

  @Test
  void each_operation_reads_the_network_documents_once_however_many_lookups_it_makes() {
    int[] networkLists = {0};
    GlobalStore counting = new GlobalStore() {
      @Override
      public Optional<Versioned> get(String key) {
        return store.get(key);
      }

      @Override
      public Listing list(String prefix) {
        if (prefix.isEmpty()) {
          networkLists[0]++;
        }
        return store.list(prefix);
      }

      @Override
      public long putIfAbsent(String key, byte[] value) {
        return store.putIfAbsent(key, value);
      }

      @Override
      public long compareAndSet(String key, long expectedModRevision, byte[] value) {
        return store.compareAndSet(key, expectedModRevision, value);
      }

      @Override
      public void compareAndDelete(String key, long expectedModRevision) {
        store.compareAndDelete(key, expectedModRevision);
      }

      @Override
      public Watch watch(String prefix, long fromRevision, WatchListener listener) {
        return store.watch(prefix, fromRevision, listener);
      }

      @Override
      public long commit(StoreTxn txn) {
        return store.commit(txn);
      }

      @Override
      public void close() {}
    };
    Engine c = TestDrivers.builder(3)
        .driver(NetworkDriverProvider.of("overlay", ctx -> new TestDrivers.Global()))
        .globalStore(counting).hostName("host-c").build();
    a.createNetwork(overlay("ov"));

    networkLists[0] = 0;
    // nginx exits on its stop signal, so its stop is one operation too
    c.run(ContainerSpec.builder().image("nginx").name("web").networkMode(NetworkMode.network("ov")).build());
    assertThat(networkLists[0]).isEqualTo(1);
    networkLists[0] = 0;
    c.connect("bridge", "web", dev.cnm.api.EndpointSpec.empty());
    c.networks();
    c.stop("web");
    assertThat(networkLists[0]).isEqualTo(3);
  }

  @Test
  void network_prune_skips_a_global_network_in_use_on_another_host_and_prunes_the_rest() {
    a.createNetwork(overlay("used"));
    a.createNetwork(overlay("unused"));
    run(a, "used", "web");

    assertThat(b.pruneNetworks()).containsExactly("unused");

    assertThat(names(b)).contains("used").doesNotContain("unused");
    assertThat(names(a)).contains("used").doesNotContain("unused");
    assertThat(a.container("web").endpoint("used")).isPresent();
  }

  /** Plugins of one host: a global-scope network driver named {@code gplug}, counting its lookups. */
  private static final class GlobalPlugin implements DriverPlugins {
    final TestDrivers.Global driver = new TestDrivers.Global("gplug");
    int lookups;
    boolean broken;

    @Override
    public Optional<NetworkDriver> networkDriver(String name, DriverContext context) {
      if (!name.equals("gplug")) {
        return Optional.empty();
      }
      lookups++;
      if (broken) {
        throw new SystemException("legacy plugin: dial unix /run/docker/plugins/gplug.sock: connect: connection refused");
      }
      return Optional.of(driver);
    }

    @Override
    public Optional<IpamDriver> ipamDriver(String name) {
      return Optional.empty();
    }
  }

  private Engine withPlugins(String host, long seed, DriverPlugins plugins) {
    return TestDrivers.builder(seed).plugins(plugins).globalStore(store).hostName(host).build();
  }

  @Test
  void a_network_of_a_plugins_global_driver_is_adopted_through_the_other_hosts_plugin() {
    GlobalPlugin onA = new GlobalPlugin();
    GlobalPlugin onB = new GlobalPlugin();
    Engine pa = withPlugins("host-a", 11, onA);
    Engine pb = withPlugins("host-b", 12, onB);
    NetworkInfo created = pa.createNetwork(NetworkSpec.builder().name("gp").driver("gplug").build());
    assertThat(created.scope()).isEqualTo(Scope.GLOBAL);

    NetworkInfo seen = pb.network("gp");
    assertThat(seen.id()).isEqualTo(created.id());
    assertThat(seen.driver()).isEqualTo("gplug");
    assertThat(onB.driver.networks).containsExactly(created.id());
    ContainerInfo web = run(pb, "gp", "web");
    assertThat(address(web, "gp").canonical()).isEqualTo(created.ipamConfigs().get(0).subnet());
    assertThatThrownBy(() -> pa.removeNetwork("gp")).isInstanceOf(ForbiddenException.class)
        .hasMessageStartingWith("error while removing network: network gp has active endpoints (name:\"web\"");
  }

  @Test
  void a_plugin_that_cannot_be_used_leaves_the_network_out_until_it_can() {
    GlobalPlugin onA = new GlobalPlugin();
    GlobalPlugin onB = new GlobalPlugin();
    onB.broken = true;
    Engine pa = withPlugins("host-a", 11, onA);
    Engine pb = withPlugins("host-b", 12, onB);
    pa.createNetwork(NetworkSpec.builder().name("gp").driver("gplug").build());

    assertThat(names(pb)).doesNotContain("gp");
    assertThat(onB.lookups).isPositive();

    onB.broken = false;
    assertThat(names(pb)).contains("gp");
    assertThat(onB.driver.networks).hasSize(1);
  }

  @Test
  void a_host_without_the_plugin_does_not_see_its_network() {
    a.createNetwork(overlay("ov"));
    Engine pa = withPlugins("host-p", 11, new GlobalPlugin());
    pa.createNetwork(NetworkSpec.builder().name("gp").driver("gplug").build());

    assertThat(names(b)).contains("ov").doesNotContain("gp");
    assertThatThrownBy(() -> b.network("gp")).isInstanceOf(NotFoundException.class)
        .hasMessage("network gp not found");
  }
}
