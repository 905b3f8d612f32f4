package dev.cnm.core.filter;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.Engine;
import dev.cnm.api.NetworkInfo;
import dev.cnm.api.error.CnmException;
import java.time.Instant;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Docker's prune requests with their filters, after moby's {@code daemon/prune.go}: {@code docker
 * network prune} ({@code POST /networks/prune}) and {@code POST /containers/prune}. Both accept
 * {@code until} (a timestamp, or a Go duration before {@code now}: only what was created at or
 * before it), {@code label} and {@code label!} ({@code key} or {@code key=value}: every {@code
 * label} must be present; what carries every {@code label!} is kept).
 *
 * <p>The filters are checked before anything is removed. Each removal then goes through the
 * {@link Engine} on its own, as the daemon deletes one network at a time: one that cannot be
 * removed (a container started on it meanwhile) is skipped, as the daemon skips it with a warning.
 *
 * <pre>{@code
 * FilterArgs temp = FilterArgs.builder().addFlag("label=temp").addFlag("until=24h").build();
 * List<String> deleted = Prune.networks(engine, temp, Clock.systemDefaultZone()); // names
 * }</pre>
 */
public final class Prune {
  private static final Set<String> ACCEPTED = Set.of("label", "label!", "until");

  private Prune() {}

  /**
   * Removes the custom networks no running container uses that {@code filters} select; returns
   * their names in the engine's order ({@code NetworksDeleted}).
   *
   * @param engine the engine to prune
   * @param filters {@code label}, {@code label!} and {@code until}
   * @return the names of the networks removed
   * @param clock the time a duration in {@code until} counts back from, and the zone a timestamp
   *     without one is read in (asked for only then)
   * @throws dev.cnm.api.error.InvalidParameterException for a key other than {@code label},
   *     {@code label!} and {@code until} ({@code invalid filter 'foo'}), more than one {@code
   *     until}, or an {@code until} that is neither a time nor a duration ({@code failed to parse
   *     value as time or duration: "notatime"})
   */
  public static List<String> networks(Engine engine, FilterArgs filters, Clock clock) {
    Instant until = check(engine, filters, clock);
    List<String> deleted = new ArrayList<>();
    for (NetworkInfo n : engine.networks()) {
      if (until != null && n.created().isAfter(until)) {
        continue;
      }
      if (!labelsMatch(filters, n.labels()) || n.predefined() || !n.endpoints().isEmpty()) {
        continue;
      }
      try {
        engine.removeNetwork(n.id());
      } catch (CnmException e) {
        continue; // in use by now, or gone: the daemon logs it and goes on
      }
      deleted.add(n.name());
    }
    return List.copyOf(deleted);
  }

  /**
   * Removes the containers that do not run and that {@code filters} select; returns their ids in
   * creation order ({@code ContainersDeleted}).
   *
   * @param engine the engine to prune
   * @param filters {@code label}, {@code label!} and {@code until}
   * @param clock the time a duration in {@code until} counts back from
   * @return the ids of the containers removed
   * @throws dev.cnm.api.error.InvalidParameterException as {@link #networks} does
   */
  public static List<String> containers(Engine engine, FilterArgs filters, Clock clock) {
    Instant until = check(engine, filters, clock);
    List<String> deleted = new ArrayList<>();
    for (ContainerInfo c : engine.containers()) {
      if (ContainerFacts.running(c) || (until != null && c.created().isAfter(until)) || !labelsMatch(filters, c.labels())) {
        continue;
      }
      try {
        engine.removeContainer(c.id(), false);
      } catch (CnmException e) {
        continue; // started or removed meanwhile: skipped, as the daemon does
      }
      deleted.add(c.id());
    }
    return List.copyOf(deleted);
  }

  private static Instant check(Engine engine, FilterArgs filters, Clock clock) {
    requireNonNull(engine, "engine");
    requireNonNull(filters, "filters");
    requireNonNull(clock, "clock");
    filters.validate(ACCEPTED);
    return filters.contains("until") ? Timestamps.until(filters, clock) : null;
  }

  /** moby's {@code matchLabels}: every {@code label}, and not every {@code label!}. */
  private static boolean labelsMatch(FilterArgs filters, Map<String, String> labels) {
    if (!filters.matchKeyValues("label", labels)) {
      return false;
    }
    // matchKeyValues holds when a key has no values: label! must be there to exclude anything.
    return !(filters.contains("label!") && filters.matchKeyValues("label!", labels));
  }
}
