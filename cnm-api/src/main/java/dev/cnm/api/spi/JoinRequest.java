package dev.cnm.api.spi;

import dev.cnm.api.CnmStyle;
import java.util.Map;
import org.immutables.value.Value;

/**
 * The arguments of {@link NetworkDriver#join}: which endpoint joins which sandbox.
 *
 * <pre>{@code
 * public JoinInfo join(JoinRequest request) {
 *   return JoinInfo.builder().interfaceSourceName(veth).gateway(bridgeAddress).build();
 * }
 * }</pre>
 */
@Value.Immutable
@CnmStyle
public abstract class JoinRequest {
  JoinRequest() {}

  /** {@return the network's id} */
  public abstract String networkId();

  /** {@return the endpoint's id} */
  public abstract String endpointId();

  /** {@return the sandbox key, {@code /var/run/docker/netns/<id12>}} */
  public abstract String sandboxKey();

  /** {@return the id of the container that owns the sandbox} */
  public abstract String containerId();

  /**
   * Endpoint options.
   *
   * @return the endpoint's options
   */
  public abstract Map<String, String> options();

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link JoinRequest} values. */
  public static final class Builder extends ImmutableJoinRequest.Builder {}
}
