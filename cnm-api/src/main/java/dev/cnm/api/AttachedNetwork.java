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

  /** The network's name. */
  public abstract String networkName();

  /** The network's id. */
  public abstract String networkId();

  /** What the container asked for on this network. */
  public abstract EndpointSpec settings();

  /** The endpoint, present only while the container runs. */
  public abstract Optional<EndpointInfo> endpoint();

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link AttachedNetwork} values. */
  public static final class Builder extends ImmutableAttachedNetwork.Builder {}
}
