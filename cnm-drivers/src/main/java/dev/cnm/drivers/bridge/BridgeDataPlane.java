package dev.cnm.drivers.bridge;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.error.SystemException;
import dev.cnm.api.host.HostInterface;
import dev.cnm.api.host.HostInterfaces;
import dev.cnm.api.host.HostRules;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.port.ExposedPort;
import dev.cnm.api.port.PublishedPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the bridge driver does to the host: bridge devices and veths through {@link
 * HostInterfaces}, iptables rules through {@link BridgeFirewall}. Either service may be absent
 * (a context without a data plane), in which case its part is skipped. Every {@code add} has a
 * {@code remove} that undoes exactly it.
 */
final class BridgeDataPlane {
  /** Linux's {@code IFNAMSIZ - 1}. */
  private static final int MAX_NAME_LENGTH = 15;
  /** The kernel's smallest and largest MTU for a bridge or veth. */
  private static final int MIN_MTU = 68;
  private static final int MAX_MTU = 65535;

  private final Optional<HostInterfaces> interfaces;
  private final Optional<BridgeFirewall> firewall;
  private boolean chainsReady; // guarded by the driver's lock

  BridgeDataPlane(Optional<HostInterfaces> interfaces, Optional<HostRules> rules, boolean userlandProxy) {
    this.interfaces = requireNonNull(interfaces, "interfaces");
    this.firewall = requireNonNull(rules, "rules").map(r -> BridgeFirewall.create(r, userlandProxy));
  }

  /** Whether a host interface of this name exists (so a random veth name must not be used). */
  boolean interfaceExists(String name) {
    return interfaces.flatMap(i -> i.get(name)).isPresent();
  }

  /**
   * Checks, before anything changes, that the network's bridge can be set up: its name and MTU
   * must be acceptable to the kernel, and an existing interface of that name must be a bridge
   * (libnetwork {@code bridgeInterfaceExists}; Docker then uses it as it is).
   */
  void checkNetwork(BridgeNetwork n, int mtu) {
    String name = n.bridgeName;
    if (name.length() > MAX_NAME_LENGTH) {
      throw new SystemException("numerical result out of range"); // netlink's ERANGE for IFLA_IFNAME
    }
    if (name.chars().anyMatch(c -> c == '/' || c == ':' || Character.isWhitespace(c))) {
      throw new SystemException("invalid argument");
    }
    if (mtu < MIN_MTU || mtu > MAX_MTU) {
      throw new SystemException("invalid argument"); // the kernel refuses the MTU
    }
    Optional<HostInterface> existing = interfaces.flatMap(i -> i.get(name));
    if (existing.isPresent() && existing.get().kind() != HostInterface.Kind.BRIDGE) {
      throw new SystemException("existing interface " + name + " is not a bridge");
    }
  }

  /**
   * Creates the bridge (unless it already exists) with its addresses, and programs the network's
   * rules; returns whether the bridge was created here (and so must be deleted with the network).
   */
  boolean addNetwork(BridgeNetwork n, int mtu) {
    boolean created = false;
    if (interfaces.isPresent() && interfaces.get().get(n.bridgeName).isEmpty()) {
      interfaces.get().addBridge(n.bridgeName, bridgeAddresses(n), mtu);
      created = true;
    }
    if (firewall.isPresent() && n.poolIpv4.isPresent()) {
      if (!chainsReady) {
        firewall.get().setupChains();
        chainsReady = true;
      }
      firewall.get().addNetwork(n.bridgeName, n.poolIpv4.get(), n.options.enableIcc(),
          n.options.enableIpMasquerade(), n.internal, n.options.hostIpv4());
    }
    return created;
  }

  /** Undoes {@link #addNetwork}. */
  void removeNetwork(BridgeNetwork n, boolean createdBridge) {
    if (firewall.isPresent() && n.poolIpv4.isPresent()) {
      firewall.get().removeNetwork(n.bridgeName, n.poolIpv4.get(), n.options.enableIcc(),
          n.options.enableIpMasquerade(), n.internal, n.options.hostIpv4());
    }
    if (createdBridge && interfaces.isPresent()) {
      interfaces.get().removeBridge(n.bridgeName);
    }
  }

  /** The bridge's addresses: the gateway (unless {@code inhibit_ipv4}) and the IPv6 gateway. */
  private static List<Subnet> bridgeAddresses(BridgeNetwork n) {
    List<Subnet> out = new ArrayList<>(2);
    if (!n.options.inhibitIpv4()) {
      n.bridgeIpv4.ifPresent(out::add);
    }
    n.bridgeIpv6.ifPresent(out::add);
    return out;
  }

  /**
   * Creates the veth pair and attaches its host end to the bridge.
   *
   * @throws SystemException {@code adding interface <veth> to bridge <br> failed: exchange full}
   */
  void addVeth(BridgeNetwork n, String veth, String peer, int mtu) {
    interfaces.ifPresent(i -> i.addVeth(veth, peer, n.bridgeName, mtu));
  }

  /** Undoes {@link #addVeth}. */
  void removeVeth(String veth) {
    interfaces.ifPresent(i -> i.removeVeth(veth));
  }

  /** Programs the DNAT and filter rules of published ports, each towards its container address. */
  void publish(BridgeNetwork n, List<PublishedPort> ports, List<IpAddress> targets) {
    firewall.ifPresent(f -> {
      for (int i = 0; i < ports.size(); i++) {
        f.publish(n.bridgeName, ports.get(i), targets.get(i));
      }
    });
  }

  /** Adds (or with {@code enable} false removes) the link rules from {@code parent} to {@code child}. */
  void link(BridgeNetwork n, IpAddress parent, IpAddress child, List<ExposedPort> ports, boolean enable) {
    firewall.ifPresent(f -> {
      if (enable) {
        f.link(n.bridgeName, parent, child, ports);
      } else {
        f.unlink(n.bridgeName, parent, child, ports);
      }
    });
  }

  /** Undoes {@link #publish}. */
  void unpublish(BridgeNetwork n, List<PublishedPort> ports, List<IpAddress> targets) {
    firewall.ifPresent(f -> {
      for (int i = 0; i < ports.size(); i++) {
        f.unpublish(n.bridgeName, ports.get(i), targets.get(i));
      }
    });
  }
}
