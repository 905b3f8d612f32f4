package dev.cnm.testkit.arbitraries;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.EndpointSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.NetworkSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A whole deployment: user networks (distinct names, subnets that do not overlap) and running
 * containers, each started on one of them and connected to some others. {@link #applyTo} creates
 * it on an engine the way {@code docker network create} then {@code docker run} then {@code
 * docker network connect} would.
 *
 * <pre>{@code
 * @Property
 * void every_container_gets_an_address(@ForAll("topologies") Topology t) {
 *   Engine docker = Cnm.builder().seed(1).build();
 *   t.applyTo(docker);
 * }
 * }</pre>
 */
public final class Topology {
  private final List<NetworkSpec> networks;
  private final List<ContainerSpec> containers;
  private final Map<String, List<String>> extraNetworks;

  Topology(List<NetworkSpec> networks, List<ContainerSpec> containers, Map<String, List<String>> extraNetworks) {
    this.networks = List.copyOf(networks);
    this.containers = List.copyOf(containers);
    this.extraNetworks = Map.copyOf(extraNetworks);
  }

  /** {@return the user networks, in creation order} */
  public List<NetworkSpec> networks() {
    return networks;
  }

  /** {@return the containers, in run order; each names its first network in its network mode} */
  public List<ContainerSpec> containers() {
    return containers;
  }

  /** {@return the networks each container (by name) is connected to after it runs} */
  public Map<String, List<String>> extraNetworks() {
    return extraNetworks;
  }

  /**
   * Creates the networks, runs the containers and connects them; returns the containers as they end
   * up.
   *
   * @param engine the engine to build the topology in, usually a fresh one
   * @return the containers as they end up, in run order
   */
  public List<ContainerInfo> applyTo(Engine engine) {
    requireNonNull(engine, "engine");
    networks.forEach(engine::createNetwork);
    List<ContainerInfo> result = new ArrayList<>();
    for (ContainerSpec c : containers) {
      ContainerInfo info = engine.run(c);
      for (String n : extraNetworks.getOrDefault(c.name().orElseThrow(), List.of())) {
        info = engine.connect(n, info.id(), EndpointSpec.empty());
      }
      result.add(info);
    }
    return result;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Topology{");
    networks.forEach(n -> sb.append("\n  network ").append(n.name()).append(' ')
        .append(n.ipamConfigs().isEmpty() ? "" : n.ipamConfigs().get(0).subnet().map(Object::toString).orElse("")));
    containers.forEach(c -> sb.append("\n  run --name ").append(c.name().orElse("")).append(" --network ")
        .append(c.networkMode()).append(" ").append(c.image())
        .append(extraNetworks.getOrDefault(c.name().orElse(""), List.of()).isEmpty() ? ""
            : " + connect " + extraNetworks.get(c.name().orElse(""))));
    return sb.append("\n}").toString();
  }
}
