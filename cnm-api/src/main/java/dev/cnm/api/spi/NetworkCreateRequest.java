package dev.cnm.api.spi;

import dev.cnm.api.CnmStyle;
import java.util.List;
import java.util.Map;
import org.immutables.value.Value;

/**
 * The arguments of {@link NetworkDriver#createNetwork}: the new network's id and name, its
 * generic flags, the driver options as the user gave them, and the pools IPAM allocated.
 *
 * <pre>{@code
 * public void createNetwork(NetworkCreateRequest request) {
 *   BridgeOptions options = BridgeOptions.parse(request.options());
 *   IpamData v4 = request.ipv4Data().get(0);
 *   ...
 * }
 * }</pre>
 */
@Value.Immutable
@CnmStyle
public abstract class NetworkCreateRequest {
  NetworkCreateRequest() {}

  /** {@return the 64-hex network id} */
  public abstract String networkId();

  /** {@return the network name} */
  public abstract String networkName();

  /**
   * Driver options ({@code -o}), raw; the driver parses them with Docker's errors.
   *
   * @return the driver options ({@code -o}) as given; the driver parses them, with Docker's errors
   */
  public abstract Map<String, String> options();

  /**
   * {@code --internal}.
   *
   * @return whether the network is internal ({@code --internal}): no external connectivity
   */
  @Value.Default
  public boolean internal() {
    return false;
  }

  /** {@return whether IPv4 is enabled} */
  @Value.Default
  public boolean enableIpv4() {
    return true;
  }

  /** {@return whether IPv6 is enabled} */
  @Value.Default
  public boolean enableIpv6() {
    return false;
  }

  /** {@return the IPv4 pools} */
  public abstract List<IpamData> ipv4Data();

  /** {@return the IPv6 pools} */
  public abstract List<IpamData> ipv6Data();

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link NetworkCreateRequest} values. */
  public static final class Builder extends ImmutableNetworkCreateRequest.Builder {}
}
