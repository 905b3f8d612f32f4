package dev.cnm.drivers.macvlan;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.spi.DriverContext;
import dev.cnm.api.spi.NetworkDriver;
import dev.cnm.api.spi.NetworkDriverProvider;

/**
 * Provides the {@code macvlan} network driver: containers get their own MAC address on the
 * parent interface's LAN ({@code -o parent=eth0}, or a VLAN sub-interface such as {@code
 * eth0.10}, created when missing), in {@code macvlan_mode} {@code bridge} (the default), {@code
 * private}, {@code vepa} or {@code passthru}. Also listed in {@code
 * META-INF/services/dev.cnm.api.spi.NetworkDriverProvider}.
 *
 * <pre>{@code
 * engine.createNetwork(NetworkSpec.builder().name("lan").driver("macvlan")
 *     .putOption("parent", "eth0.10")
 *     .addIpamConfig(IpamPoolSpec.builder().subnet(Subnet.parse("192.168.10.0/24")).build())
 *     .build());
 * }</pre>
 */
public final class MacvlanDriverProvider implements NetworkDriverProvider {

  /** A provider; each driver it creates keeps its own networks. */
  public MacvlanDriverProvider() {}

  @Override
  public String type() {
    return MacvlanDriver.TYPE;
  }

  @Override
  public NetworkDriver create(DriverContext context) {
    return new MacvlanDriver(requireNonNull(context, "context"));
  }

  @Override
  public String toString() {
    return "MacvlanDriverProvider";
  }
}
