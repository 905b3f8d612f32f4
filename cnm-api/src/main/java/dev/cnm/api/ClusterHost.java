package dev.cnm.api;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One host of a cluster as the cluster store knows it: its registration (the id kept in its
 * state, its address, where its state lives) and its endpoints on global networks. A host whose
 * registration is gone but whose endpoints are still recorded is {@linkplain #registered() not
 * registered}: a host that was removed, or whose state was deleted, and whose endpoints block
 * {@code network rm} until they are cleared ({@link Engine#removeClusterHost}).
 *
 * <pre>{@code
 * engine.clusterHosts().stream().filter(h -> !h.registered()).forEach(h -> engine.removeClusterHost(h.name()));
 * }</pre>
 */
@Value.Immutable
@CnmStyle
public abstract class ClusterHost {
  ClusterHost() {}

  /** {@return the host's name ({@code --cluster-advertise})} */
  public abstract String name();

  /** {@return the host's id, kept in its state; absent when it is not registered} */
  public abstract Optional<String> id();

  /** {@return the host's address; absent when it is not registered} */
  public abstract Optional<String> address();

  /** {@return where the host keeps its state (a state directory, a process); absent when it is not registered} */
  public abstract Optional<String> location();

  /** {@return whether the host's registration is in the store} */
  public abstract boolean registered();

  /** {@return whether this is the engine asking} */
  public abstract boolean self();

  /** {@return the host's endpoints on global networks, in network id then endpoint id order} */
  public abstract List<ClusterEndpoint> endpoints();

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link ClusterHost} values. */
  public static final class Builder extends ImmutableClusterHost.Builder {}
}
