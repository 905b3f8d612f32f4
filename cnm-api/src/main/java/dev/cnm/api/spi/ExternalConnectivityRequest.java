package dev.cnm.api.spi;

import dev.cnm.api.CnmStyle;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.port.ExposedPort;
import dev.cnm.api.port.PortBinding;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The arguments of {@link NetworkDriver#programExternalConnectivity}: the endpoint that became
 * its sandbox's gateway endpoint, the port bindings to publish on it (with {@code -P} already
 * expanded into ephemeral bindings), and the container's addresses the bindings lead to.
 *
 * <pre>{@code
 * for (PortBinding b : request.bindings()) {
 *   int port = context.hostPorts().requestPorts(List.of(IpAddress.ANY_V4, IpAddress.ANY_V6),
 *       b.containerPort().protocol(), b.hostPortStart(), b.hostPortEnd());
 * }
 * }</pre>
 */
@Value.Immutable
@CnmStyle
public abstract class ExternalConnectivityRequest {
  ExternalConnectivityRequest() {}

  /** {@return the network's id} */
  public abstract String networkId();

  /** {@return the endpoint's id} */
  public abstract String endpointId();

  /** {@return the bindings to publish, in order} */
  public abstract List<PortBinding> bindings();

  /** {@return the container's exposed ports (for link rules when ICC is off)} */
  public abstract List<ExposedPort> exposedPorts();

  /** {@return the container's IPv4 address on this network} */
  public abstract Optional<IpAddress> containerIpv4();

  /** {@return the container's IPv6 address on this network} */
  public abstract Optional<IpAddress> containerIpv6();

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link ExternalConnectivityRequest} values. */
  public static final class Builder extends ImmutableExternalConnectivityRequest.Builder {}
}
