package dev.cnm.drivers.overlay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.api.error.SystemException;
import dev.cnm.api.store.GlobalStore;
import dev.cnm.api.store.StoreOps;
import dev.cnm.api.store.StoreUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The cluster's VXLAN network identifiers, kept in the global store so that every engine sharing
 * it hands out distinct ids (swarm's {@code ovmanager}): serial allocation from {@value #FIRST} to
 * {@value #LAST}, each search starting after the last id handed out, and user-chosen ids
 * ({@code com.docker.network.driver.overlay.vxlanid_list}) reserved as given. Every change is one
 * compare-and-set of one key, retried on conflict ({@link StoreOps#update}).
 *
 * <p>The value is a versioned JSON document ({@link OverlayDocuments}): {@code last}, the last id
 * handed out; {@code used}, the ids in use as ascending ranges {@code "a-b"} or single ids; and
 * {@code ops}, the tokens of the last {@value #RECENT_OPS} allocations and reservations (newest
 * last), so that one whose write has an unknown outcome recognises it when it re-reads (an allocation does not
 * take a second set of ids, which would leak the first; a reservation does not refuse its own
 * ids), and, if the store is gone before it can re-read, gives the ids back at its next call.
 * A release the store refuses outright (outcome {@code FAILED}) is made at the next call too: the
 * ids stay marked in use meanwhile, so no engine can take them, and nothing leaks once the store
 * is back.
 */
final class VxlanIds {
  /** The first id swarm's manager hands out. */
  static final int FIRST = 4096;
  /** The last valid VXLAN id, 2^24 - 1. */
  static final int LAST = (1 << 24) - 1;
  /** The store key of the table. */
  static final String KEY = "overlay/vxlan-ids";

  /** How many allocation tokens the table remembers. */
  static final int RECENT_OPS = 16;

  private final GlobalStore store;
  /** Allocations left in doubt by an unavailable store, given back at the next call. */
  private final Queue<InDoubt> inDoubt = new ConcurrentLinkedQueue<>();
  /** Releases the store refused (outcome {@code FAILED}), made at the next call. */
  private final Queue<List<Integer>> refusedReleases = new ConcurrentLinkedQueue<>();

  /** An allocation or reservation whose write had an unknown outcome: its token and ids. */
  private record InDoubt(String token, List<Integer> ids) {}

  VxlanIds(GlobalStore store) {
    this.store = store;
  }

  /** Takes {@code count} free ids, next after the last one handed out (wrapping around). */
  List<Integer> allocate(int count) {
    retryInDoubt();
    String token = newToken();
    List<List<Integer>> taken = new ArrayList<>(1);
    try {
      StoreOps.update(store, KEY, current -> {
        Table t = Table.parse(current);
        if (t.ops.contains(token)) {
          return current.orElseThrow(); // our earlier write, whose outcome was unknown, landed
        }
        t.addOp(token);
        List<Integer> got = new ArrayList<>(count);
        int candidate = t.last;
        for (int i = 0; i < count; i++) {
          candidate = t.nextFree(candidate);
          t.used.add(candidate);
          got.add(candidate);
        }
        t.last = candidate;
        taken.clear();
        taken.add(got);
        return t.encode();
      });
    } catch (StoreUnavailableException e) {
      if (e.outcome() == StoreUnavailableException.Outcome.UNKNOWN && !taken.isEmpty()) {
        inDoubt.add(new InDoubt(token, taken.get(0)));
      }
      throw e;
    }
    return taken.get(0);
  }

  /**
   * Makes the releases the store refused, then gives back the ids of allocations whose outcome was
   * unknown and that did land (their token is in the table); stops at the first the store cannot
   * settle.
   */
  private void retryInDoubt() {
    List<Integer> refused;
    while ((refused = refusedReleases.peek()) != null) {
      List<Integer> ids = refused;
      try {
        StoreOps.update(store, KEY, current -> {
          Table t = Table.parse(current);
          t.used.removeAll(ids);
          return t.encode();
        });
      } catch (StoreUnavailableException e) {
        if (e.outcome() == StoreUnavailableException.Outcome.FAILED) {
          return;
        }
        // It may have landed, and another engine may have taken the ids since: trying again could
        // free theirs. A leak is the lesser harm than an id held twice.
      }
      refusedReleases.remove(refused);
    }
    InDoubt p;
    while ((p = inDoubt.peek()) != null) {
      String token = p.token();
      List<Integer> ids = p.ids();
      try {
        StoreOps.update(store, KEY, current -> {
          Table t = Table.parse(current);
          if (!t.ops.remove(token)) {
            return current.orElse(null); // never landed
          }
          t.used.removeAll(ids);
          return t.encode();
        });
      } catch (StoreUnavailableException e) {
        return;
      }
      inDoubt.remove(p);
    }
  }

  /** Reserves exactly {@code ids}, all or none. */
  void reserve(List<Integer> ids, List<String> pools) {
    retryInDoubt();
    String token = newToken();
    try {
      StoreOps.update(store, KEY, current -> {
        Table t = Table.parse(current);
        if (t.ops.contains(token)) {
          return current.orElseThrow(); // our earlier write, whose outcome was unknown, landed
        }
        for (int i = 0; i < ids.size(); i++) {
          int id = ids.get(i);
          if (t.used.contains(id)) {
            throw new SystemException("could not obtain vxlan id " + id + " for pool " + pools.get(i)
                + ": requested bit is already allocated");
          }
        }
        t.used.addAll(ids);
        t.addOp(token);
        return t.encode();
      });
    } catch (StoreUnavailableException e) {
      if (e.outcome() == StoreUnavailableException.Outcome.UNKNOWN) {
        inDoubt.add(new InDoubt(token, List.copyOf(ids)));
      }
      throw e;
    }
  }

  private static String newToken() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  /**
   * Frees {@code ids}; freeing an id that is not in use does nothing. When the store refuses the
   * write (outcome {@code FAILED}), the release is made at the next call instead.
   *
   * @throws StoreUnavailableException with outcome {@code UNKNOWN} when the write may have landed:
   *     retrying it later could free ids another engine took since, so they are left as they are
   */
  void release(List<Integer> ids) {
    retryInDoubt();
    try {
      StoreOps.update(store, KEY, current -> {
        Table t = Table.parse(current);
        t.used.removeAll(ids);
        return t.encode();
      });
    } catch (StoreUnavailableException e) {
      if (e.outcome() != StoreUnavailableException.Outcome.FAILED) {
        throw e;
      }
      refusedReleases.add(List.copyOf(ids));
    }
  }

  /** The ids in use, ascending. */
  List<Integer> inUse() {
    return new ArrayList<>(Table.parse(store.get(KEY).map(v -> v.value())).used);
  }

  /** The decoded table; a fresh copy per update attempt. */
  private static final class Table {
    int last = FIRST - 1;
    /** The tokens of the last allocations, oldest first; kept by reserve and release. */
    final List<String> ops = new ArrayList<>();

    /** Remembers allocation {@code token}, forgetting the oldest past {@link #RECENT_OPS}. */
    void addOp(String token) {
      ops.add(token);
      while (ops.size() > RECENT_OPS) {
        ops.remove(0);
      }
    }
    final TreeSet<Integer> used = new TreeSet<>();

    static Table parse(Optional<byte[]> bytes) {
      Table t = new Table();
      if (bytes.isEmpty()) {
        return t;
      }
      ObjectNode doc = OverlayDocuments.read(KEY, bytes.get());
      t.last = doc.path("last").asInt(FIRST - 1);
      doc.path("ops").forEach(op -> t.ops.add(op.asText()));
      for (JsonNode run : doc.path("used")) {
        String text = run.asText();
        int dash = text.indexOf('-');
        int a = Integer.parseInt(dash < 0 ? text : text.substring(0, dash));
        int b = dash < 0 ? a : Integer.parseInt(text.substring(dash + 1));
        for (int i = a; i <= b; i++) {
          t.used.add(i);
        }
      }
      return t;
    }

    /** The first free id after {@code after} in FIRST..LAST, wrapping; {@code no bit available}. */
    int nextFree(int after) {
      int size = LAST - FIRST + 1;
      int start = after < FIRST || after >= LAST ? FIRST : after + 1;
      for (int i = 0; i < size; i++) {
        int id = FIRST + (start - FIRST + i) % size;
        if (!used.contains(id)) {
          return id;
        }
      }
      throw new SystemException("no bit available");
    }

    byte[] encode() {
      ObjectNode doc = OverlayDocuments.newDocument();
      doc.put("last", last);
      ArrayNode opsNode = doc.putArray("ops");
      ops.forEach(opsNode::add);
      ArrayNode runs = doc.putArray("used");
      int runStart = -1;
      int prev = -1;
      for (int id : used) {
        if (runStart >= 0 && id == prev + 1) {
          prev = id;
          continue;
        }
        addRun(runs, runStart, prev);
        runStart = id;
        prev = id;
      }
      addRun(runs, runStart, prev);
      return OverlayDocuments.bytes(doc);
    }

    private static void addRun(ArrayNode runs, int a, int b) {
      if (a >= 0) {
        runs.add(a == b ? Integer.toString(a) : a + "-" + b);
      }
    }
  }
}
