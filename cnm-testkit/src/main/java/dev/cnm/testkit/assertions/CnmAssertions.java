package dev.cnm.testkit.assertions;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.EndpointInfo;
import dev.cnm.api.Engine;
import dev.cnm.api.NetworkInfo;
import dev.cnm.api.host.HostRules;
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

  /** Assertions on a whole engine. */
  public static EngineAssert assertThat(Engine actual) {
    return new EngineAssert(actual);
  }

  /** Assertions on a network snapshot. */
  public static NetworkAssert assertThat(NetworkInfo actual) {
    return new NetworkAssert(actual);
  }

  /** Assertions on a container snapshot. */
  public static ContainerAssert assertThat(ContainerInfo actual) {
    return new ContainerAssert(actual);
  }

  /** Assertions on an endpoint. */
  public static EndpointAssert assertThat(EndpointInfo actual) {
    return new EndpointAssert(actual);
  }

  /** Assertions on the host's firewall rules. */
  public static RulesAssert assertThat(HostRules actual) {
    return new RulesAssert(actual);
  }

  /** Assertions on the events a recording engine recorded. */
  public static EventsAssert assertThatEvents(RecordingEngine actual) {
    return new EventsAssert(actual.events());
  }

  /** Assertions on recorded events. */
  public static EventsAssert assertThatEvents(List<EngineEvent> actual) {
    return new EventsAssert(actual);
  }
}
