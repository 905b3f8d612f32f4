package dev.cnm.drivers.ipvlan;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.spi.DriverContext;
import dev.cnm.api.spi.NetworkDriver;
import dev.cnm.api.spi.NetworkDriverProvider;

/**
 * Provides the {@code ipvlan} network driver: containers share the parent interface's MAC
 * address and get their own IP addresses on its LAN ({@code ipvlan_mode=l2}, the default) or are
 * routed by the host ({@code l3}, {@code l3s}), with {@code ipvlan_flag} {@code bridge} (the
 * default), {@code private} or {@code vepa}. Also listed in {@code
 * META-INF/services/dev.cnm.api.spi.NetworkDriverProvider}.
 *
 * <pre>{@code
 * engine.createNetwork(NetworkSpec.builder().name("routed").driver("ipvlan")
 *     .putOption("parent", "eth0").putOption("ipvlan_mode", "l3")
 *     .addIpamConfig(IpamPoolSpec.builder().subnet(Subnet.parse("10.10.0.0/24")).build())
 *     .build());
 * }</pre>
 */
public final class IpvlanDriverProvider implements NetworkDriverProvider {

  /** A provider; each driver it creates keeps its own networks. */
  public IpvlanDriverProvider() {}

  @Override
  public String type() {
    return IpvlanDriver.TYPE;
  }

  @Override
  public NetworkDriver create(DriverContext context) {
    return new IpvlanDriver(requireNonNull(context, "context"));
  }

  @Override
  public String toString() {
    return "IpvlanDriverProvider";
  }
}
