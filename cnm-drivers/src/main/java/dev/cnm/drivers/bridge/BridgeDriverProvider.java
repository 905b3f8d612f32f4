package dev.cnm.drivers.bridge;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.spi.DriverContext;
import dev.cnm.api.spi.NetworkDriver;
import dev.cnm.api.spi.NetworkDriverProvider;

/**
 * Provides the {@code bridge} network driver (Docker's default): one bridge device per network
 * with the gateway address on it, a veth pair per endpoint, a random locally administered MAC
 * per endpoint, and Docker's option parsing and conflict rules (see {@link BridgeOptions}). Also
 * listed in {@code META-INF/services/dev.cnm.api.spi.NetworkDriverProvider}.
 *
 * <pre>{@code
 * NetworkDriver bridge = new BridgeDriverProvider().create(context);
 * bridge.createNetwork(NetworkCreateRequest.builder()
 *     .networkId(id).networkName("dev")
 *     .addIpv4Data(IpamData.builder().addressSpace("LocalDefault")
 *         .pool(Subnet.parse("172.18.0.0/16")).gateway(Subnet.parse("172.18.0.1/16")).build())
 *     .build());
 * }</pre>
 */
public final class BridgeDriverProvider implements NetworkDriverProvider {
  /**
   * {@link dev.cnm.api.spi.JoinRequest} option: the comma-separated ids of the endpoints, on the
   * same network, of the containers that link to the joining one ({@code --link}). On a network
   * with ICC off the driver then accepts their traffic to the joining container's exposed ports.
   * (libnetwork passes these in its generic join data as {@code ParentEndpoints}.)
   */
  public static final String JOIN_PARENT_ENDPOINTS = "dev.cnm.bridge.parent_endpoints";

  /**
   * {@link dev.cnm.api.spi.JoinRequest} option: the comma-separated ids of the endpoints, on the
   * same network, of the containers the joining one links to ({@code ChildEndpoints}).
   */
  public static final String JOIN_CHILD_ENDPOINTS = "dev.cnm.bridge.child_endpoints";

  /** A provider; it keeps no state, every driver it creates is independent. */
  public BridgeDriverProvider() {}

  @Override
  public String type() {
    return BridgeDriver.TYPE;
  }

  @Override
  public NetworkDriver create(DriverContext context) {
    requireNonNull(context, "context");
    return new BridgeDriver(context);
  }

  @Override
  public String toString() {
    return "BridgeDriverProvider";
  }
}
