package dev.cnm.testkit.assertions;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.EndpointInfo;
import dev.cnm.api.Engine;
import dev.cnm.api.NetworkInfo;
import dev.cnm.api.host.HostRules;
import dev.cnm.testkit.EngineSnapshot;
import dev.cnm.testkit.events.EngineEvent;
import dev.cnm.testkit.events.RecordingEngine;
import java.util.List;

/**
 * Entry point of the cnm assertions, the AssertJ way: static {@code assertThat} methods for
 * engines, networks, containers, endpoints and host rules, and {@code assertThatEvents} for
 * recorded events. Failure messages show the relevant part of the model; the checks that ask the
 * model (name resolution, reachability) start from an engine.
 *
 * <pre>{@code
 * import static dev.cnm.testkit.assertions.CnmAssertions.assertThat;
 *
 * assertThat(docker).hasContainer("web").isRunning()
 *     .publishes(80).on(8080)
 *     .isConnectedTo("dev").hasAddressIn("172.18.0.0/16");
 * assertThat(docker).resolves("db").from("web").to("172.18.0.3");
 * assertThat(docker).hasContainer("web").canReach("db", 5432).cannotReach("cache", 6379);
 * }</pre>
 */
public final class CnmAssertions {
  private CnmAssertions() {}

  /**
   * Starts assertions on a whole engine.
   *
   * @param actual the engine
   * @return assertions on the engine
   */
  public static EngineAssert assertThat(Engine actual) {
    return new EngineAssert(actual);
  }

  /**
   * Starts assertions on a network snapshot.
   *
   * @param actual the network's snapshot
   * @return assertions on the network
   */
  public static NetworkAssert assertThat(NetworkInfo actual) {
    return new NetworkAssert(actual);
  }

  /**
   * Starts assertions on a container snapshot.
   *
   * @param actual the container's snapshot
   * @return assertions on the container
   */
  public static ContainerAssert assertThat(ContainerInfo actual) {
    return new ContainerAssert(actual);
  }

  /**
   * Starts assertions on an endpoint.
   *
   * @param actual the endpoint
   * @return assertions on the endpoint
   */
  public static EndpointAssert assertThat(EndpointInfo actual) {
    return new EndpointAssert(actual);
  }

  /**
   * Starts assertions on the host's firewall rules.
   *
   * @param actual the host's rules, such as a {@code TestDriverContext}'s
   * @return assertions on the rules
   */
  public static RulesAssert assertThat(HostRules actual) {
    return new RulesAssert(actual);
  }

  /**
   * Starts assertions on a snapshot of an engine; {@code isEqualTo(before)} fails with the list of
   * what changed.
   *
   * @param actual the snapshot
   * @return assertions on the snapshot
   */
  public static EngineSnapshotAssert assertThat(EngineSnapshot actual) {
    return new EngineSnapshotAssert(actual);
  }

  /**
   * Starts assertions on the events a recording engine recorded.
   *
   * @param actual the recording engine
   * @return assertions on its events
   */
  public static EventsAssert assertThatEvents(RecordingEngine actual) {
    return new EventsAssert(actual.events());
  }

  /**
   * Starts assertions on recorded events.
   *
   * @param actual the events, oldest first
   * @return assertions on the events
   */
  public static EventsAssert assertThatEvents(List<EngineEvent> actual) {
    return new EventsAssert(actual);
  }
}
