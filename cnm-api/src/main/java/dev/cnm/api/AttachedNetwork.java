package dev.cnm.api;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * One network a container is configured on ({@code NetworkSettings.Networks.<name>}): the
 * settings it asked for and, while it runs, the endpoint it holds.
 *
 * <pre>{@code
 * AttachedNetwork dev = engine.container("search").networks().get("dev");
 * dev.endpoint().map(EndpointInfo::ipv4Address); // present while running
 * }</pre>
 */
@Value.Immutable
@CnmStyle
public abstract class AttachedNetwork {
  AttachedNetwork() {}

  /** {@return the network's name} */
  public abstract String networkName();

  /** {@return the network's id} */
  public abstract String networkId();

  /** {@return what the container asked for on this network} */
  public abstract EndpointSpec settings();

  /** {@return the endpoint, present only while the container runs} */
  public abstract Optional<EndpointInfo> endpoint();

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link AttachedNetwork} values. */
  public static final class Builder extends ImmutableAttachedNetwork.Builder {}
}
