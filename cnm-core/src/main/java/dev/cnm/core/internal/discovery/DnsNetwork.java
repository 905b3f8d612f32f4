package dev.cnm.core.internal.discovery;

import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.spi.DataPlane;
import java.util.List;
import java.util.Objects;

/**
 * One network as discovery and the data plane see it: whether it has the embedded DNS
 * (user-defined), whether it is internal, its ICC and masquerade settings, its subnets and
 * gateways, the endpoints of its running containers (its DNS record table), and what its driver
 * says of its data plane.
 *
 * <pre>{@code
 * DnsNetwork dev = new DnsNetwork("1a2b...", "dev", "bridge", true, false, true, true, 1500,
 *     List.of(Subnet.parse("172.18.0.0/16")), List.of(IpAddress.parse("172.18.0.1")), List.of());
 * }</pre>
 *
 * @param id the network id
 * @param name the network name
 * @param driver the driver type ({@code bridge}, {@code host}, {@code null}, ...)
 * @param userDefined whether the network is user-defined (and so has the embedded DNS)
 * @param internal {@code --internal}: no traffic leaves it
 * @param icc {@code com.docker.network.bridge.enable_icc} (the daemon's {@code --icc} on the default bridge)
 * @param masquerade {@code com.docker.network.bridge.enable_ip_masquerade}
 * @param mtu the interface MTU
 * @param subnets the network's subnets
 * @param gateways the network's gateway addresses
 * @param endpoints the endpoints of running containers, in attachment order
 * @param dataPlane how the driver's data plane carries packets (peers, host, ARP, shared MAC)
 */
public record DnsNetwork(String id, String name, String driver, boolean userDefined, boolean internal, boolean icc,
    boolean masquerade, int mtu, List<Subnet> subnets, List<IpAddress> gateways, List<DnsEndpoint> endpoints,
    DataPlane dataPlane) {

  /**
   * Copies the lists.
   *
   * @param id the network id
   * @param name the network name
   * @param driver the driver type ({@code bridge}, {@code host}, {@code null}, ...)
   * @param userDefined whether the network is user-defined (and so has the embedded DNS)
   * @param internal {@code --internal}: no traffic leaves it
   * @param icc {@code com.docker.network.bridge.enable_icc} (the daemon's {@code --icc} on the
   *     default bridge)
   * @param masquerade {@code com.docker.network.bridge.enable_ip_masquerade}
   * @param mtu the interface MTU
   * @param subnets the network's subnets
   * @param gateways the network's gateway addresses
   * @param endpoints the endpoints of running containers, in attachment order
   * @param dataPlane how the driver's data plane carries packets
   */
  public DnsNetwork {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(dataPlane, "dataPlane");
    subnets = List.copyOf(subnets);
    gateways = List.copyOf(gateways);
    endpoints = List.copyOf(endpoints);
  }

  /**
   * A network with a bridge-like data plane ({@link DataPlane#standard()}).
   *
   * @param id the network id
   * @param name the network name
   * @param driver the driver type ({@code bridge}, {@code host}, {@code null}, ...)
   * @param userDefined whether the network is user-defined (and so has the embedded DNS)
   * @param internal {@code --internal}: no traffic leaves it
   * @param icc {@code com.docker.network.bridge.enable_icc} (the daemon's {@code --icc} on the
   *     default bridge)
   * @param masquerade {@code com.docker.network.bridge.enable_ip_masquerade}
   * @param mtu the interface MTU
   * @param subnets the network's subnets
   * @param gateways the network's gateway addresses
   * @param endpoints the endpoints of running containers, in attachment order
   */
  public DnsNetwork(String id, String name, String driver, boolean userDefined, boolean internal, boolean icc,
      boolean masquerade, int mtu, List<Subnet> subnets, List<IpAddress> gateways, List<DnsEndpoint> endpoints) {
    this(id, name, driver, userDefined, internal, icc, masquerade, mtu, subnets, gateways, endpoints,
        DataPlane.standard());
  }

  /**
   * {@return whether two containers of the network reach each other: its ICC setting and its data
   * plane agree}
   */
  public boolean peersReachable() {
    return icc && dataPlane.peersReachable();
  }

  /** {@return whether the driver is {@code host} or {@code null}} */
  public boolean isSpecial() {
    return driver.equals("host") || driver.equals("null");
  }
}
