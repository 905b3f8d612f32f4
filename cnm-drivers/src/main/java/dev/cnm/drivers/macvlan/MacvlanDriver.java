package dev.cnm.drivers.macvlan;

import dev.cnm.api.error.SystemException;
import dev.cnm.api.net.MacAddress;
import dev.cnm.api.spi.DataPlane;
import dev.cnm.api.spi.DriverContext;
import dev.cnm.api.spi.EndpointInterface;
import dev.cnm.api.spi.JoinInfo;
import dev.cnm.drivers.internal.SubInterfaceDriver;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * libnetwork's {@code macvlan} driver on the host model: options {@code parent} and {@code
 * macvlan_mode} ({@code bridge} by default, {@code private}, {@code vepa}, {@code passthru}); a
 * missing {@code eth0.10} parent becomes a VLAN sub-interface, no parent a dummy {@code
 * dm-<id12>} and an internal network; any number of networks share a parent except in passthru
 * mode; each endpoint gets a random locally administered MAC unless the user chose one; the
 * container's gateway is the pool's (the LAN's router), and the host is out of its reach.
 */
final class MacvlanDriver extends SubInterfaceDriver {
  static final String TYPE = "macvlan";
  private static final String PASSTHRU = "passthru";
  private static final List<String> MODES = List.of("bridge", "private", PASSTHRU, "vepa");

  MacvlanDriver(DriverContext context) {
    super(TYPE, context, "dm-");
  }

  @Override
  protected Config parse(Map<String, String> options, boolean internal) {
    Config c = new Config();
    c.parent = options.getOrDefault("parent", "");
    c.mode = options.getOrDefault("macvlan_mode", "");
    c.internal = internal;
    if (c.mode.isEmpty()) {
      c.mode = "bridge";
    } else if (!MODES.contains(c.mode)) {
      throw new SystemException("requested macvlan mode '" + c.mode + "' is not valid, 'bridge' mode is the macvlan "
          + "driver default");
    }
    if (c.parent.equals("lo")) {
      throw new SystemException("loopback interface is not a valid macvlan parent link");
    }
    if (c.parent.isEmpty()) {
      c.internal = true;
    }
    return c;
  }

  @Override
  protected void checkParent(Config config, String networkId, List<SubNetwork> sameParent) {
    for (SubNetwork other : sameParent) {
      if (config.mode.equals(PASSTHRU)) {
        throw new SystemException("cannot use mode passthru, macvlan network " + other.id
            + " is already using parent interface " + config.parent);
      }
      if (other.config.mode.equals(PASSTHRU)) {
        throw new SystemException("macvlan network " + other.id + " is already using parent interface "
            + config.parent + " in mode passthru");
      }
    }
  }

  @Override
  protected boolean inheritsCreatedLink() {
    return true;
  }

  @Override
  protected boolean sharesParents() {
    return true;
  }

  @Override
  protected Optional<MacAddress> endpointMac(EndpointInterface iface) {
    return Optional.of(iface.macAddress().orElseGet(() -> MacAddress.randomLocallyAdministered(context.random())));
  }

  @Override
  protected void checkNewSubInterface(SubNetwork n) {
    // The kernel allows a single macvlan device on a passthru parent (macvlan_common_newlink: EINVAL).
    if (n.config.mode.equals(PASSTHRU) && joinedEndpoints(n) > 0) {
      throw new SystemException("failed to create the macvlan port: invalid argument");
    }
  }

  @Override
  protected void join(SubNetwork n, SubEndpoint ep, JoinInfo.Builder info) {
    if (n.config.internal) {
      // Without a parent libnetwork does not know the network is internal: no gateway endpoint.
      info.disableGatewayService(true);
      return;
    }
    if (!n.v4.isEmpty()) {
      info.gateway(gatewayFor(n.v4, ep.v4, ep.id, "ipv4"));
    }
    if (ep.v6.isPresent() && !n.v6.isEmpty()) {
      info.ipv6Gateway(gatewayFor(n.v6, ep.v6, ep.id, "ipv6"));
    }
    if (n.v4.isEmpty() && n.v6.isEmpty()) {
      info.disableGatewayService(true);
    }
  }

  @Override
  protected DataPlane dataPlane(SubNetwork n) {
    // private mode drops frames between macvlan devices of one parent; bridge switches them, and
    // vepa hairpins them on the VEPA-capable switch the mode is chosen for.
    return DataPlane.builder().peersReachable(!n.config.mode.equals("private")).hostReachable(false).build();
  }
}
