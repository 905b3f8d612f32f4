package dev.cnm.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.EndpointInfo;
import dev.cnm.api.EndpointSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.RemoveOption;
import dev.cnm.api.net.IpAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The embedded DNS against an independent model built from what the engine reports: a name
 * resolves only where it is registered, a link alias only for its linking container, shared
 * aliases give exactly their owners' addresses, and a removed container leaves nothing behind.
 */
class DiscoveryProperties {
  private static final List<String> NETWORKS = List.of("n0", "n1", "n2");
  private static final List<String> ALIASES = List.of("a", "b", "c");

  @Property(tries = 60)
  void resolution_matches_the_records(
      @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 1, max = 7) Integer> networkMasks,
      @ForAll @Size(max = 6) List<@IntRange(min = 0, max = 7) Integer> aliasMasks,
      @ForAll @Size(max = 6) List<Boolean> linkToPrevious,
      @ForAll @Size(max = 3) List<@IntRange(min = 0, max = 5) Integer> removals) {
    Engine engine = TestDrivers.builder(7).build();
    NETWORKS.forEach(n -> engine.createNetwork(NetworkSpec.of(n)));
    List<String> names = new ArrayList<>();
    Map<String, Map<String, String>> links = new LinkedHashMap<>(); // container -> network -> alias -> target
    for (int i = 0; i < networkMasks.size(); i++) {
      String name = "c" + i;
      int mask = networkMasks.get(i);
      int aliasMask = i < aliasMasks.size() ? aliasMasks.get(i) : 0;
      ContainerSpec.Builder spec = ContainerSpec.builder().image("alpine").tty(true).name(name);
      String first = null;
      for (int n = 0; n < NETWORKS.size(); n++) {
        if ((mask & (1 << n)) == 0) {
          continue;
        }
        EndpointSpec.Builder ep = EndpointSpec.builder();
        for (int a = 0; a < ALIASES.size(); a++) {
          if ((aliasMask & (1 << a)) != 0) {
            ep.addAlias(ALIASES.get(a));
          }
        }
        if (first == null) {
          first = NETWORKS.get(n);
          spec.networkMode(NetworkMode.network(first));
          if (i > 0 && i - 1 < linkToPrevious.size() && linkToPrevious.get(i - 1)) {
            ep.addLink("c" + (i - 1) + ":lk" + i);
            links.computeIfAbsent(name, k -> new LinkedHashMap<>()).put(first, "c" + (i - 1));
          }
        }
        spec.putEndpoint(NETWORKS.get(n), ep.build());
      }
      engine.run(spec.build());
      names.add(name);
    }
    Set<String> removed = new HashSet<>();
    Set<IpAddress> removedIps = new HashSet<>();
    for (int r : removals) {
      if (r < names.size() && removed.add(names.get(r))) {
        engine.container(names.get(r)).networks().values()
            .forEach(a -> a.endpoint().flatMap(EndpointInfo::ipv4Address).ifPresent(s -> removedIps.add(s.address())));
        engine.removeContainer(names.get(r), RemoveOption.FORCE);
      }
    }
    List<String> queries = new ArrayList<>(names);
    queries.addAll(ALIASES);
    for (int i = 1; i <= names.size(); i++) {
      queries.add("lk" + i);
    }
    List<ContainerInfo> running = engine.containers();
    for (ContainerInfo asker : running) {
      for (String q : queries) {
        Set<IpAddress> expected = expected(asker, q, running, links);
        List<IpAddress> got = engine.resolve(asker.name(), q);
        assertThat(new HashSet<>(got)).as("%s asks %s", asker.name(), q).isEqualTo(expected);
        assertThat(got).doesNotHaveDuplicates();
        assertThat(got).as("addresses of removed containers").noneMatch(removedIps::contains);
        if (removed.contains(q)) {
          assertThat(got).isEmpty();
        }
      }
    }
  }

  /** The model: asker's networks by name; link-alias pass, then the records of the first network with a hit. */
  private static Set<IpAddress> expected(ContainerInfo asker, String q, List<ContainerInfo> all,
      Map<String, Map<String, String>> links) {
    List<String> mine = new ArrayList<>();
    NETWORKS.forEach(n -> {
      if (asker.endpoint(n).isPresent()) {
        mine.add(n);
      }
    });
    Map<String, String> myLinks = links.getOrDefault(asker.name(), Map.of());
    for (String n : mine) {
      String[] parts = myLinks.containsKey(n) ? new String[] {myLinks.get(n)} : new String[0];
      boolean isAlias = myLinks.containsKey(n) && q.equals("lk" + asker.name().substring(1));
      if (isAlias) {
        Set<IpAddress> hit = owners(parts[0], n, all);
        if (!hit.isEmpty()) {
          return hit;
        }
      }
    }
    for (String n : mine) {
      boolean isAlias = myLinks.containsKey(n) && q.equals("lk" + asker.name().substring(1));
      if (isAlias) {
        continue;
      }
      Set<IpAddress> hit = owners(q, n, all);
      if (!hit.isEmpty()) {
        return hit;
      }
    }
    return Set.of();
  }

  private static Set<IpAddress> owners(String name, String network, List<ContainerInfo> all) {
    Set<IpAddress> out = new HashSet<>();
    for (ContainerInfo c : all) {
      Optional<EndpointInfo> ep = c.endpoint(network);
      if (ep.isPresent() && ep.get().dnsNames().contains(name)) {
        ep.get().ipv4Address().ifPresent(s -> out.add(s.address()));
      }
    }
    return out;
  }
}
