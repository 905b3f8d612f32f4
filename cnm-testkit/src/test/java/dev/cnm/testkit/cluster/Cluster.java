package dev.cnm.testkit.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cnm.api.Engine;
import dev.cnm.api.store.GlobalStore;
import dev.cnm.api.store.Versioned;
import dev.cnm.core.Cnm;
import dev.cnm.drivers.overlay.OverlayDriverProvider;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Engines with the real drivers sharing one store, and what the store holds, for cluster tests. */
final class Cluster {
  private Cluster() {}

  static Engine engine(GlobalStore store, String host, long seed) {
    return Cnm.builder().seed(seed).driversFromServiceLoader()
        .driver(OverlayDriverProvider.withStore(store))
        .globalStore(store).hostName(host).build();
  }

  static List<Engine> engines(GlobalStore store, int count) {
    List<Engine> engines = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      engines.add(engine(store, "host-" + i, 1000 + i));
    }
    return engines;
  }

  /** The VXLAN ids the overlay networks in the store hold, in one consistent listing. */
  static List<Integer> vxlanIdsHeld(GlobalStore store) {
    List<Integer> ids = new ArrayList<>();
    for (Versioned v : store.list("overlay/network/").entries()) {
      json(v.value()).path("vxlanIds").forEach(id -> ids.add(id.asInt()));
    }
    return ids;
  }

  /** The VXLAN ids the cluster-wide table marks as used. */
  static Set<Integer> vxlanIdsUsed(GlobalStore store) {
    Set<Integer> used = new HashSet<>();
    store.get("overlay/vxlan-ids").ifPresent(v -> {
      for (JsonNode run : json(v.value()).path("used")) {
        String line = run.asText();
        int dash = line.indexOf('-');
        int a = Integer.parseInt(dash < 0 ? line : line.substring(0, dash));
        int b = dash < 0 ? a : Integer.parseInt(line.substring(dash + 1));
        for (int i = a; i <= b; i++) {
          used.add(i);
        }
      }
    });
    return used;
  }

  /**
   * Every key in the store except the VXLAN table itself (which keeps its last id) and the hosts'
   * registrations (which outlive every network).
   */
  static List<String> keysBesidesVxlanTable(GlobalStore store) {
    List<String> keys = new ArrayList<>();
    store.list("").entries().stream().filter(v -> !v.key().startsWith("hosts/")).forEach(v -> keys.add(v.key()));
    keys.remove("overlay/vxlan-ids");
    return keys;
  }

  private static JsonNode json(byte[] value) {
    try {
      return new ObjectMapper().readTree(value);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
