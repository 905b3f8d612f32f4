package dev.cnm.api.spi;

import dev.cnm.api.CnmStyle;
import java.util.Map;
import org.immutables.value.Value;

/**
 * The arguments of {@link NetworkDriver#createEndpoint}.
 *
 * <pre>{@code
 * public EndpointInterface createEndpoint(EndpointCreateRequest request) {
 *   Network n = networks.get(request.networkId());
 *   ...
 * }
 * }</pre>
 */
@Value.Immutable
@CnmStyle
public abstract class EndpointCreateRequest {
  EndpointCreateRequest() {}

  /** {@return the network's id} */
  public abstract String networkId();

  /** {@return the new endpoint's 64-hex id} */
  public abstract String endpointId();

  /** {@return the endpoint's name (the container's name)} */
  public abstract String endpointName();

  /** {@return the interface as IPAM and the user defined it} */
  public abstract EndpointInterface iface();

  /**
   * Endpoint driver options.
   *
   * @return the endpoint's driver options
   */
  public abstract Map<String, String> options();

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link EndpointCreateRequest} values. */
  public static final class Builder extends ImmutableEndpointCreateRequest.Builder {}
}
