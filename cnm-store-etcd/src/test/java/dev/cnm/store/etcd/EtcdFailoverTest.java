package dev.cnm.store.etcd;

import dev.cnm.store.etcd.testing.EtcdCluster;
import dev.cnm.store.etcd.testing.EtcdMember;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cnm.api.store.GlobalStore;
import dev.cnm.api.store.StoreConflictException;
import dev.cnm.api.store.StoreEvent;
import dev.cnm.api.store.StoreUnavailableException;
import dev.cnm.api.store.Versioned;
import dev.cnm.api.store.Watch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Leader loss under concurrent allocation, the scenario that broke libnetwork's bit sequences: three
 * allocators, each with its own client on a different member of a 3-member cluster, take ordinals
 * from one shared bitmap-like document with compare-and-set. Mid-run the leader is killed with
 * SIGKILL and restarted. Every in-doubt write ({@code UNKNOWN}) is resolved by re-reading: the
 * allocation carries an operation id, so a re-read shows whether it landed.
 *
 * <p>Afterwards: no ordinal is held twice, no acknowledged allocation is lost, no operation was
 * applied twice, the ordinals are exactly 0..n-1, and a watch saw every change in order.
 */
@SuppressWarnings("try") // try-with-resources closes a watch the body does not name
class EtcdFailoverTest {
  private static final String KEY = "idm/ordinals";
  private static final int ALLOCATORS = 3;
  private static final int PER_ALLOCATOR = 60;
  private static final int KILL_AFTER = 40;
  private static final Duration RUN_LIMIT = Duration.ofSeconds(35);

  @Test
  @Timeout(value = 55, unit = TimeUnit.SECONDS)
  void leader_killed_mid_run_no_ordinal_twice_no_acknowledged_loss_every_doubt_resolved() throws Exception {
    try (EtcdCluster etcd = EtcdBinary.cluster(3)) {
      String prefix = "failover/" + System.nanoTime() + "/";
      List<GlobalStore> clients = new ArrayList<>();
      ExecutorService pool = Executors.newFixedThreadPool(ALLOCATORS);
      List<StoreEvent> watched = new CopyOnWriteArrayList<>();
      GlobalStore observer = store(etcd, etcd.clientUris().size(), prefix);
      clients.add(observer);
      EtcdCluster.awaitReachable(observer, Duration.ofSeconds(15));
      try (Watch w = observer.watch("", 0, watched::add)) {
        List<Allocator> allocators = new ArrayList<>();
        long deadline = System.nanoTime() + RUN_LIMIT.toNanos();
        for (int i = 0; i < ALLOCATORS; i++) {
          GlobalStore client = store(etcd, i, prefix);
          clients.add(client);
          EtcdCluster.awaitReachable(client, Duration.ofSeconds(15));
          allocators.add(new Allocator("a" + i, etcd.members().get(i), client, deadline));
        }
        List<Future<?>> running = new ArrayList<>();
        for (Allocator a : allocators) {
          running.add(pool.submit(a));
        }

        // when
        awaitAcknowledged(allocators, KILL_AFTER, deadline);
        EtcdMember leader = awaitLeader(etcd, deadline);
        leader.kill();
        int ackedAtKill = acknowledged(allocators);
        Thread.sleep(1000);
        leader.start();
        for (Future<?> f : running) {
          f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        etcd.awaitHealthy(Duration.ofSeconds(15));

        // then
        TreeMap<Integer, String> doc = parse(observer.get(KEY));
        Map<Integer, String> acked = new HashMap<>();
        for (Allocator a : allocators) {
          for (Map.Entry<Integer, String> e : a.acked.entrySet()) {
            assertThat(acked.put(e.getKey(), e.getValue())).as("ordinal %s acknowledged twice", e.getKey()).isNull();
          }
        }
        assertThat(acked).hasSize(ALLOCATORS * PER_ALLOCATOR);
        assertThat(doc).as("every acknowledged allocation is in the store").containsAllEntriesOf(acked);
        assertThat(doc).as("no operation applied twice, nothing leaked").hasSameSizeAs(acked);
        assertThat(new HashSet<>(doc.values())).hasSameSizeAs(doc.values());
        assertThat(doc.keySet()).containsExactlyElementsOf(
            IntStream.range(0, acked.size()).boxed().collect(Collectors.toList()));
        assertThat(ackedAtKill).isLessThan(ALLOCATORS * PER_ALLOCATOR); // the kill was mid-run
        for (Allocator a : allocators) {
          assertThat(a.pendingDoubt).as("%s left an in-doubt write unresolved", a.name).isFalse();
          assertThat(a.resolvedDoubts).isEqualTo(a.unknowns.get());
        }
        Allocator victim = allocators.get(etcd.members().indexOf(leader));
        assertThat(victim.unavailable.get())
            .as("the allocator whose member was killed saw the outage")
            .isPositive();

        // the watch survived the failover: every change once, in order, ending at the final state
        long finalRevision = observer.get(KEY).orElseThrow().modRevision();
        awaitWatched(watched, finalRevision);
        List<Long> revisions = watched.stream().map(StoreEvent::revision).collect(Collectors.toList());
        assertThat(revisions).isSorted().doesNotHaveDuplicates();
        assertThat(watched).hasSize(ALLOCATORS * PER_ALLOCATOR); // one successful write per allocation
        assertThat(parse(Optional.of(Versioned.of(KEY, watched.get(watched.size() - 1).value(), finalRevision))))
            .isEqualTo(doc);

        System.out.printf(
            "failover: killed %s at %d acknowledged; unknown outcomes %s, unavailable %s, conflicts %s%n",
            leader.name(),
            ackedAtKill,
            allocators.stream().map(a -> a.name + "=" + a.unknowns).collect(Collectors.toList()),
            allocators.stream().map(a -> a.name + "=" + a.unavailable).collect(Collectors.toList()),
            allocators.stream().map(a -> a.name + "=" + a.conflicts).collect(Collectors.toList()));
      } finally {
        pool.shutdownNow();
        for (GlobalStore c : clients) {
          c.close();
        }
      }
    }
  }

  /** A client on member {@code index}, or on every member when {@code index} is the size. */
  private static GlobalStore store(EtcdCluster etcd, int index, String prefix) {
    return EtcdGlobalStore.builder()
        .endpoints(index == etcd.members().size() ? etcd.clientUris() : List.of(etcd.clientUris().get(index)))
        .keyPrefix(prefix)
        .build();
  }

  /** Allocates ordinals, lowest free first, each under a unique operation id. */
  private static final class Allocator implements Runnable {
    final String name;
    final EtcdMember member;
    final GlobalStore store;
    final long deadline;
    final Map<Integer, String> acked = new TreeMap<>();
    final AtomicInteger unknowns = new AtomicInteger();
    final AtomicInteger unavailable = new AtomicInteger();
    final AtomicInteger conflicts = new AtomicInteger();
    volatile int ackedCount;
    volatile boolean pendingDoubt;
    volatile int resolvedDoubts;

    Allocator(String name, EtcdMember member, GlobalStore store, long deadline) {
      this.name = name;
      this.member = member;
      this.store = store;
      this.deadline = deadline;
    }

    @Override
    public void run() {
      for (int n = 0; n < PER_ALLOCATOR; n++) {
        allocate(name + "#" + n);
      }
    }

    private void allocate(String op) {
      while (true) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(name + " did not finish within " + RUN_LIMIT + " (at " + op + ")");
        }
        try {
          Optional<Versioned> current = store.get(KEY);
          if (pendingDoubt) { // the re-read that settles every earlier unknown outcome
            pendingDoubt = false;
            resolvedDoubts = unknowns.get();
          }
          TreeMap<Integer, String> doc = parse(current);
          Optional<Integer> mine = doc.entrySet().stream()
              .filter(e -> e.getValue().equals(op)).map(Map.Entry::getKey).findFirst();
          if (mine.isPresent()) { // an in-doubt write of ours did land
            ack(mine.get(), op);
            return;
          }
          // Not there: an in-doubt write of ours can still land only if the key is unchanged, and
          // then the write below conflicts with it (or wins and makes it fail): never both.
          int ordinal = 0;
          while (doc.containsKey(ordinal)) {
            ordinal++;
          }
          doc.put(ordinal, op);
          byte[] next = format(doc);
          if (current.isEmpty()) {
            store.putIfAbsent(KEY, next);
          } else {
            store.compareAndSet(KEY, current.get().modRevision(), next);
          }
          ack(ordinal, op);
          return;
        } catch (StoreConflictException e) {
          conflicts.incrementAndGet();
        } catch (StoreUnavailableException e) {
          unavailable.incrementAndGet();
          if (e.outcome() == StoreUnavailableException.Outcome.UNKNOWN) {
            unknowns.incrementAndGet();
            pendingDoubt = true;
          }
          sleep(50);
        }
      }
    }

    private void ack(int ordinal, String op) {
      acked.put(ordinal, op);
      ackedCount++;
    }
  }

  private static TreeMap<Integer, String> parse(Optional<Versioned> v) {
    TreeMap<Integer, String> doc = new TreeMap<>();
    if (v.isPresent()) {
      for (String line : v.get().valueUtf8().split("\n")) {
        if (!line.isEmpty()) {
          String[] parts = line.split(" ");
          assertThat(doc.put(Integer.parseInt(parts[0]), parts[1])).as("ordinal listed twice").isNull();
        }
      }
    }
    return doc;
  }

  private static byte[] format(TreeMap<Integer, String> doc) {
    StringBuilder sb = new StringBuilder();
    doc.forEach((ordinal, op) -> sb.append(ordinal).append(' ').append(op).append('\n'));
    return sb.toString().getBytes(UTF_8);
  }

  private static int acknowledged(List<Allocator> allocators) {
    return allocators.stream().mapToInt(a -> a.ackedCount).sum();
  }

  private static void awaitAcknowledged(List<Allocator> allocators, int n, long deadline) {
    while (acknowledged(allocators) < n) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("only " + acknowledged(allocators) + " allocations before the deadline");
      }
      sleep(5);
    }
  }

  private static EtcdMember awaitLeader(EtcdCluster etcd, long deadline) {
    while (true) {
      Optional<EtcdMember> leader = etcd.leader();
      if (leader.isPresent()) {
        return leader.get();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no leader found");
      }
      sleep(10);
    }
  }

  private static void awaitWatched(List<StoreEvent> watched, long revision) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (watched.isEmpty() || watched.get(watched.size() - 1).revision() < revision) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("watch did not reach revision " + revision + "; got " + watched.size() + " events");
      }
      sleep(10);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
