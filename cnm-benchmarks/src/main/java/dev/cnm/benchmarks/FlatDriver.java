package dev.cnm.benchmarks;

import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.MacAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.spi.DriverCapability;
import dev.cnm.api.spi.DriverContext;
import dev.cnm.api.spi.EndpointCreateRequest;
import dev.cnm.api.spi.EndpointInterface;
import dev.cnm.api.spi.IpamData;
import dev.cnm.api.spi.JoinInfo;
import dev.cnm.api.spi.JoinRequest;
import dev.cnm.api.spi.NetworkCreateRequest;
import dev.cnm.api.spi.NetworkDriver;
import dev.cnm.api.spi.NetworkDriverProvider;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A local-scope driver ({@code flat}) with gateways and MACs but no data plane, for networks
 * larger than a Linux bridge allows (the bridge driver refuses a 1 024th port, as Linux does):
 * the DNS benchmark needs one network of 10 000 containers. The engine's own work (endpoints,
 * addresses, DNS names, the embedded DNS) is the same as on a bridge network.
 *
 * <pre>{@code
 * Cnm.builder().driver(FlatDriver.PROVIDER)...
 * }</pre>
 */
final class FlatDriver implements NetworkDriver {
  static final NetworkDriverProvider PROVIDER = NetworkDriverProvider.of("flat", FlatDriver::new);

  private final DriverContext context;
  private final Map<String, Optional<IpAddress>> gateways = new HashMap<>();

  private FlatDriver(DriverContext context) {
    this.context = context;
  }

  @Override
  public String type() {
    return "flat";
  }

  @Override
  public DriverCapability capability() {
    return DriverCapability.local();
  }

  @Override
  public void createNetwork(NetworkCreateRequest request) {
    gateways.put(request.networkId(), request.ipv4Data().stream().findFirst()
        .flatMap(IpamData::gateway).map(Subnet::address));
  }

  @Override
  public void deleteNetwork(String networkId) {
    gateways.remove(networkId);
  }

  @Override
  public EndpointInterface createEndpoint(EndpointCreateRequest request) {
    EndpointInterface iface = request.iface();
    return iface.macAddress().isPresent() ? iface
        : iface.withMacAddress(MacAddress.randomLocallyAdministered(context.random()));
  }

  @Override
  public void deleteEndpoint(String networkId, String endpointId) {}

  @Override
  public JoinInfo join(JoinRequest request) {
    return JoinInfo.builder().interfaceSourceName("veth0000000").gateway(gateways.get(request.networkId())).build();
  }

  @Override
  public void leave(String networkId, String endpointId) {}
}
