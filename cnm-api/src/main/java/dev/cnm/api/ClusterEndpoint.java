package dev.cnm.api;

import dev.cnm.api.net.Subnet;
import dev.cnm.api.port.ExposedPort;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One endpoint a host of a cluster has on a global network, as the cluster store records it: what
 * {@code cnm cluster host ls} shows and {@code network disconnect -f} removes for a host that is
 * gone.
 *
 * <pre>{@code
 * for (ClusterHost h : engine.clusterHosts()) {
 *   h.endpoints().forEach(e -> System.out.println(h.name() + " " + e.name() + " " + e.ipv4Address()));
 * }
 * }</pre>
 */
@Value.Immutable
@CnmStyle
public abstract class ClusterEndpoint {
  ClusterEndpoint() {}

  /** {@return the endpoint's 64-hex id} */
  public abstract String id();

  /** {@return the endpoint's name: its container's name, without a slash} */
  public abstract String name();

  /** {@return the id of the network it is on} */
  public abstract String networkId();

  /** {@return the name of the network it is on} */
  public abstract String networkName();

  /** {@return the id of the container that holds it, on its host} */
  public abstract String containerId();

  /** {@return its IPv4 address with the prefix length} */
  public abstract Optional<Subnet> ipv4Address();

  /** {@return its IPv6 address with the prefix length} */
  public abstract Optional<Subnet> ipv6Address();

  /**
   * {@return the ports its container listens on, as the model has it: the ports it exposes (image
   * {@code EXPOSE}, {@code --expose}, the container ports of {@code -p}), as on its own host}
   */
  public abstract List<ExposedPort> exposedPorts();

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link ClusterEndpoint} values. */
  public static final class Builder extends ImmutableClusterEndpoint.Builder {}
}
