package dev.cnm.testkit.assertions;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.Engine;
import dev.cnm.api.NetworkInfo;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a whole {@link Engine}; failures list its networks and containers.
 *
 * <pre>{@code
 * assertThat(docker).hasNetwork("dev").hasSubnet("172.18.0.0/16");
 * assertThat(docker).hasContainer("web").isRunning().isConnectedTo("dev");
 * assertThat(docker).resolves("db").from("web").to("172.18.0.3");
 * assertThat(docker).hasContainer("web").canReach("db", 5432);
 * }</pre>
 */
public final class EngineAssert extends AbstractAssert<EngineAssert, Engine> {
  EngineAssert(Engine actual) {
    super(actual, EngineAssert.class);
  }

  /**
   * Checks that the engine has a network with this name or id; continues with it.
   *
   * @param ref the network's name or id
   * @return assertions on the network
   */
  public NetworkAssert hasNetwork(String ref) {
    isNotNull();
    Optional<NetworkInfo> n = actual.findNetwork(ref);
    if (n.isEmpty()) {
      failWithMessage("Expecting a network %s but the networks were %s", ref, networkNames());
    }
    return new NetworkAssert(n.orElseThrow());
  }

  /**
   * Checks that the engine has no network with this name or id.
   *
   * @param ref the network's name or id
   * @return this assertion
   */
  public EngineAssert doesNotHaveNetwork(String ref) {
    isNotNull();
    if (actual.findNetwork(ref).isPresent()) {
      failWithMessage("Expecting no network %s but found:%n%s", ref, Describe.network(actual.network(ref)));
    }
    return this;
  }

  /**
   * Checks that the engine's networks are exactly these names, in any order.
   *
   * @param names the expected names, the predefined networks included
   * @return this assertion
   */
  public EngineAssert hasNetworkNames(String... names) {
    isNotNull();
    if (!networkNames().stream().sorted().collect(Collectors.toList())
        .equals(List.of(names).stream().sorted().collect(Collectors.toList()))) {
      failWithMessage("Expecting exactly the networks %s but were %s", List.of(names), networkNames());
    }
    return this;
  }

  /**
   * Checks that the engine has a container with this name or id; continues with it.
   *
   * @param ref the container's name or id
   * @return assertions on the container
   */
  public ContainerAssert hasContainer(String ref) {
    isNotNull();
    Optional<ContainerInfo> c = actual.findContainer(ref);
    if (c.isEmpty()) {
      failWithMessage("Expecting a container %s but the containers were %s", ref,
          actual.containers().stream().map(ContainerInfo::name).collect(Collectors.toList()));
    }
    return new ContainerAssert(c.orElseThrow(), actual);
  }

  /**
   * Checks that the engine has no container with this name or id.
   *
   * @param ref the container's name or id
   * @return this assertion
   */
  public EngineAssert doesNotHaveContainer(String ref) {
    isNotNull();
    if (actual.findContainer(ref).isPresent()) {
      failWithMessage("Expecting no container %s but found:%n%s", ref, Describe.container(actual.container(ref)));
    }
    return this;
  }

  /**
   * The name {@code name} (a container name, alias or DNS name) resolves inside a container; say
   * which with {@link ResolvesAssert#from}, then to what with {@link ResolutionAssert#to}.
   *
   * <pre>{@code
   * assertThat(docker).resolves("db").from("web").to("172.18.0.3");
   * }</pre>
   *
   * @param name a container name, alias or DNS name
   * @return assertions on the resolution, to continue with {@link ResolvesAssert#from}
   */
  public ResolvesAssert resolves(String name) {
    isNotNull();
    return new ResolvesAssert(this, actual, java.util.Objects.requireNonNull(name, "name"));
  }

  private List<String> networkNames() {
    return actual.networks().stream().map(NetworkInfo::name).collect(Collectors.toList());
  }
}
