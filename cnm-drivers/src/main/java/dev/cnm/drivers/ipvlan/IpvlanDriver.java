package dev.cnm.drivers.ipvlan;

import dev.cnm.api.error.SystemException;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.MacAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.spi.DataPlane;
import dev.cnm.api.spi.DriverContext;
import dev.cnm.api.spi.EndpointInterface;
import dev.cnm.api.spi.JoinInfo;
import dev.cnm.api.spi.StaticRoute;
import dev.cnm.drivers.internal.SubInterfaceDriver;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * libnetwork's {@code ipvlan} driver on the host model: options {@code parent}, {@code
 * ipvlan_mode} ({@code l2} by default, {@code l3}, {@code l3s}) and {@code ipvlan_flag} ({@code
 * bridge} by default, {@code private}, {@code vepa}); parents as macvlan's (a VLAN sub-interface
 * created when missing, a dummy {@code di-<id12>} when none is given) but one network per parent.
 * Every interface shares the parent's MAC address, so a custom one is refused; in L3 modes the
 * network has no gateway and the default route goes straight out of the interface, with no ARP.
 */
final class IpvlanDriver extends SubInterfaceDriver {
  static final String TYPE = "ipvlan";
  private static final List<String> MODES = List.of("l2", "l3", "l3s");
  private static final List<String> FLAGS = List.of("bridge", "private", "vepa");

  IpvlanDriver(DriverContext context) {
    super(TYPE, context, "di-");
  }

  @Override
  protected Config parse(Map<String, String> options, boolean internal) {
    Config c = new Config();
    c.parent = options.getOrDefault("parent", "");
    c.mode = options.getOrDefault("ipvlan_mode", "");
    c.flag = options.getOrDefault("ipvlan_flag", "");
    c.internal = internal;
    if (c.mode.isEmpty()) {
      c.mode = "l2";
    } else if (!MODES.contains(c.mode)) {
      throw new SystemException("requested ipvlan mode '" + c.mode + "' is not valid, 'l2' mode is the ipvlan driver "
          + "default");
    }
    if (c.flag.isEmpty()) {
      c.flag = "bridge";
    } else if (!FLAGS.contains(c.flag)) {
      throw new SystemException("requested ipvlan flag '" + c.flag + "' is not valid, 'bridge' is the ipvlan driver "
          + "default");
    }
    if (c.parent.equals("lo")) {
      throw new SystemException("loopback interface is not a valid ipvlan parent link");
    }
    if (c.parent.isEmpty()) {
      c.internal = true;
    }
    return c;
  }

  @Override
  protected void checkParent(Config config, String networkId, List<SubNetwork> sameParent) {
    for (SubNetwork other : sameParent) {
      throw new SystemException("network " + links.dummyName(other.id) + " is already using parent interface "
          + config.parent);
    }
  }

  @Override
  protected boolean inheritsCreatedLink() {
    return false;
  }

  @Override
  protected boolean sharesParents() {
    return false;
  }

  @Override
  public boolean skipsGatewayAllocation(Map<String, String> options, boolean internal, boolean ipv6) {
    Config c = parse(options, internal);
    // L3 ipvlans connect the default route to the interface: no gateway address.
    return c.mode.equals("l3") || c.mode.equals("l3s") || c.internal;
  }

  @Override
  public boolean acceptsMacAddress() {
    return false;
  }

  @Override
  protected Optional<MacAddress> endpointMac(EndpointInterface iface) {
    if (iface.macAddress().isPresent()) {
      throw new SystemException("ipvlan interfaces do not support custom mac address assignment");
    }
    return Optional.empty();
  }

  @Override
  protected void join(SubNetwork n, SubEndpoint ep, JoinInfo.Builder info) {
    if (n.config.internal) {
      info.disableGatewayService(true);
      return;
    }
    if (!n.config.mode.equals("l2")) {
      // disable gateway services to add a default route using the device only
      info.disableGatewayService(true);
      if (ep.v4.isPresent()) {
        info.addStaticRoute(StaticRoute.builder().destination(Subnet.parse("0.0.0.0/0"))
            .type(StaticRoute.Type.CONNECTED).nextHop(IpAddress.ANY_V4).build());
      }
      if (ep.v6.isPresent()) {
        info.addStaticRoute(StaticRoute.builder().destination(Subnet.parse("::/0"))
            .type(StaticRoute.Type.CONNECTED).nextHop(IpAddress.ANY_V6).build());
      }
      return;
    }
    if (!n.v4.isEmpty()) {
      info.gateway(gatewayFor(n.v4, ep.v4, ep.id, "ipv4"));
    }
    if (!n.v6.isEmpty()) {
      info.ipv6Gateway(gatewayFor(n.v6, ep.v6, ep.id, "ipv6"));
    }
    if (n.v4.isEmpty() && n.v6.isEmpty()) {
      info.disableGatewayService(true);
    }
  }

  @Override
  protected DataPlane dataPlane(SubNetwork n) {
    DataPlane.Builder b = DataPlane.builder()
        .peersReachable(!n.config.flag.equals("private"))
        .hostReachable(false)
        .arp(n.config.mode.equals("l2"));
    context.interfaces().get(n.config.parent).flatMap(i -> i.mac()).ifPresent(b::sharedMacAddress);
    return b.build();
  }
}
