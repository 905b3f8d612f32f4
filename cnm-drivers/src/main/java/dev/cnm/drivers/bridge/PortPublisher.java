package dev.cnm.drivers.bridge;

import dev.cnm.api.host.AllocatedPort;
import dev.cnm.api.host.HostPortAllocator;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.port.PortAlreadyAllocatedException;
import dev.cnm.api.port.PortBinding;
import dev.cnm.api.port.PublishedPort;
import dev.cnm.api.spi.DaemonSettings;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Books the host ports of one endpoint's bindings, the way Docker 28's bridge driver does
 * (libnetwork {@code drivers/bridge/port_mapping_linux.go}, §5.2 of the reference):
 *
 * <ul>
 *   <li>identical bindings count once;
 *   <li>a binding without a host IP goes to the network's default binding IP ({@code
 *       host_binding_ipv4}, else the daemon's {@code --ip}) and, when that address is {@code
 *       0.0.0.0}, also to {@code ::}, with the <em>same</em> port on both (one allocator call);
 *   <li>an IPv4 host IP binds only IPv4, an IPv6 host IP only IPv6;
 *   <li>an IPv4 binding needs a container IPv4 address; an IPv6 binding goes to the container's
 *       IPv6 address, or through the userland proxy to its IPv4 address, and is dropped when
 *       neither is possible;
 *   <li>an ephemeral or range request is retried up to 10 times, a fixed port never;
 *   <li>on any failure every port already booked for the endpoint is released and the bare
 *       allocator error propagates (the engine wraps it).
 * </ul>
 */
final class PortPublisher {
  /** libnetwork's {@code maxAllocatePortAttempts}. */
  static final int MAX_ALLOCATE_PORT_ATTEMPTS = 10;

  private final HostPortAllocator ports;
  private final DaemonSettings daemon;

  PortPublisher(HostPortAllocator ports, DaemonSettings daemon) {
    this.ports = ports;
    this.daemon = daemon;
  }

  /** What one call booked: the bindings in effect and the host ports behind them. */
  static final class Result {
    final List<PublishedPort> published;
    /** For each published port, the container address it leads to. */
    final List<IpAddress> targets;
    final List<AllocatedPort> booked;

    Result(List<PublishedPort> published, List<IpAddress> targets, List<AllocatedPort> booked) {
      this.published = List.copyOf(published);
      this.targets = List.copyOf(targets);
      this.booked = List.copyOf(booked);
    }
  }

  Result publish(BridgeNetwork network, List<PortBinding> bindings, Optional<IpAddress> containerIpv4,
      Optional<IpAddress> containerIpv6) {
    IpAddress defaultIp = network.options.hostBindingIpv4().orElse(daemon.defaultBindIp());
    boolean ipv6Reachable = containerIpv6.isPresent() || (containerIpv4.isPresent() && daemon.userlandProxy());
    List<PublishedPort> published = new ArrayList<>();
    List<IpAddress> targets = new ArrayList<>();
    List<AllocatedPort> booked = new ArrayList<>();
    try {
      for (PortBinding b : new LinkedHashSet<>(bindings)) {
        List<IpAddress> hostIps = new ArrayList<>(2);
        for (IpAddress ip : hostAddresses(b, defaultIp)) {
          if (ip.isV4() ? containerIpv4.isPresent() : ipv6Reachable) {
            hostIps.add(ip);
          }
        }
        if (hostIps.isEmpty()) {
          continue;
        }
        int port = book(hostIps, b);
        for (IpAddress ip : hostIps) {
          booked.add(AllocatedPort.of(ip, b.containerPort().protocol(), port));
          published.add(PublishedPort.of(b.containerPort(), ip, port));
          // An IPv6 binding to a container without IPv6 is relayed by the proxy to its IPv4.
          targets.add(ip.isV4() ? containerIpv4.get() : containerIpv6.orElseGet(containerIpv4::get));
        }
      }
    } catch (RuntimeException e) {
      release(booked);
      throw e;
    }
    return new Result(published, targets, booked);
  }

  /** The host addresses a binding is programmed on. */
  private static List<IpAddress> hostAddresses(PortBinding b, IpAddress defaultIp) {
    if (b.hostIp().isPresent()) {
      return List.of(b.hostIp().get());
    }
    // Only an unspecified IPv4 default also opens the IPv6 wildcard; a specific default
    // address (dockerd --ip=127.0.0.1) must not expose the port on every IPv6 address.
    if (defaultIp.isV4() && defaultIp.isUnspecified()) {
      return List.of(defaultIp, IpAddress.ANY_V6);
    }
    return List.of(defaultIp);
  }

  private int book(List<IpAddress> hostIps, PortBinding b) {
    int attempts = b.isFixed() ? 1 : MAX_ALLOCATE_PORT_ATTEMPTS;
    PortAlreadyAllocatedException last = null;
    for (int i = 0; i < attempts; i++) {
      try {
        return ports.requestPorts(hostIps, b.containerPort().protocol(), b.hostPortStart(), b.hostPortEnd());
      } catch (PortAlreadyAllocatedException e) {
        last = e; // a port taken between choice and bind: try another one
      }
    }
    throw last;
  }

  /** Books again ports that {@link #release} just freed (to undo a failed replacement). */
  void rebook(List<AllocatedPort> booked) {
    for (AllocatedPort p : booked) {
      ports.requestPort(p.hostIp(), p.protocol(), p.port());
    }
  }

  /** Frees every port in {@code booked}. */
  void release(List<AllocatedPort> booked) {
    for (AllocatedPort p : booked) {
      ports.releasePort(p.hostIp(), p.protocol(), p.port());
    }
  }
}
