package dev.cnm.core;

import dev.cnm.api.Scope;
import dev.cnm.api.error.ForbiddenException;
import dev.cnm.api.error.NotFoundException;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.MacAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.port.PortBinding;
import dev.cnm.api.port.PublishedPort;
import dev.cnm.api.spi.DriverCapability;
import dev.cnm.api.spi.DriverContext;
import dev.cnm.api.spi.EndpointCreateRequest;
import dev.cnm.api.spi.EndpointInterface;
import dev.cnm.api.spi.ExternalConnectivityRequest;
import dev.cnm.api.spi.IpamData;
import dev.cnm.api.spi.JoinInfo;
import dev.cnm.api.spi.JoinRequest;
import dev.cnm.api.spi.NetworkCreateRequest;
import dev.cnm.api.spi.NetworkDriver;
import dev.cnm.api.spi.NetworkDriverProvider;
import dev.cnm.core.EngineBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Small drivers for the engine's own tests (core cannot depend on cnm-drivers): a bridge-like
 * driver with gateways, MACs and port publishing, and host and null drivers. They keep exact
 * state so that leaks show.
 */
final class TestDrivers {
  private TestDrivers() {}

  static EngineBuilder builder(long seed) {
    return Cnm.builder().seed(seed)
        .driver(NetworkDriverProvider.of("bridge", Bridge::new))
        .driver(NetworkDriverProvider.of("host", ctx -> new Special("host")))
        .driver(NetworkDriverProvider.of("null", ctx -> new Special("null")));
  }

  /** A bridge-like driver; {@link #failNextJoin} makes the next join fail once. */
  static final class Bridge implements NetworkDriver {
    final DriverContext context;
    final Map<String, Optional<IpAddress>> gateways = new HashMap<>();
    final Set<String> endpoints = new HashSet<>();
    final Map<String, List<PublishedPort>> published = new HashMap<>();
    static volatile boolean failNextJoin;

    Bridge(DriverContext context) {
      this.context = context;
    }

    @Override
    public String type() {
      return "bridge";
    }

    @Override
    public DriverCapability capability() {
      return DriverCapability.local();
    }

    @Override
    public synchronized void createNetwork(NetworkCreateRequest request) {
      gateways.put(request.networkId(), request.ipv4Data().stream().findFirst()
          .flatMap(IpamData::gateway).map(Subnet::address));
    }

    @Override
    public synchronized void deleteNetwork(String networkId) {
      if (gateways.remove(networkId) == null) {
        throw new NotFoundException("No network (" + networkId + ") exists");
      }
    }

    @Override
    public synchronized EndpointInterface createEndpoint(EndpointCreateRequest request) {
      if (!gateways.containsKey(request.networkId())) {
        throw new NotFoundException("No network (" + request.networkId() + ") exists");
      }
      endpoints.add(request.endpointId());
      EndpointInterface iface = request.iface();
      return iface.macAddress().isPresent() ? iface
          : iface.withMacAddress(MacAddress.randomLocallyAdministered(context.random()));
    }

    @Override
    public synchronized void deleteEndpoint(String networkId, String endpointId) {
      if (!endpoints.remove(endpointId)) {
        throw new NotFoundException("No endpoint (" + endpointId + ") exists");
      }
    }

    @Override
    public synchronized JoinInfo join(JoinRequest request) {
      if (failNextJoin) {
        failNextJoin = false;
        throw new ForbiddenException("join refused");
      }
      return JoinInfo.builder().interfaceSourceName("veth0000000").gateway(gateways.get(request.networkId())).build();
    }

    @Override
    public void leave(String networkId, String endpointId) {}

    @Override
    public synchronized List<PublishedPort> programExternalConnectivity(ExternalConnectivityRequest request) {
      List<PublishedPort> done = new ArrayList<>();
      try {
        for (PortBinding b : request.bindings()) {
          List<IpAddress> ips = b.hostIp().map(List::of).orElse(List.of(IpAddress.ANY_V4, IpAddress.ANY_V6));
          int port = context.hostPorts().requestPorts(ips, b.containerPort().protocol(), b.hostPortStart(), b.hostPortEnd());
          for (IpAddress ip : ips) {
            done.add(PublishedPort.of(b.containerPort(), ip, port));
          }
        }
      } catch (RuntimeException e) {
        release(done);
        throw e;
      }
      published.put(request.endpointId(), done);
      return done;
    }

    @Override
    public synchronized void revokeExternalConnectivity(String networkId, String endpointId) {
      release(published.getOrDefault(endpointId, List.of()));
      published.remove(endpointId);
    }

    private void release(List<PublishedPort> ports) {
      ports.forEach(p -> context.hostPorts().releasePort(p.hostIp(), p.containerPort().protocol(), p.hostPort()));
    }
  }

  /** Host and null: one network, never deleted, no interfaces. */
  static final class Special implements NetworkDriver {
    private final String type;
    private String network;

    Special(String type) {
      this.type = type;
    }

    @Override
    public String type() {
      return type;
    }

    @Override
    public DriverCapability capability() {
      return DriverCapability.of(Scope.LOCAL, Scope.LOCAL);
    }

    @Override
    public synchronized void createNetwork(NetworkCreateRequest request) {
      if (network != null) {
        throw new ForbiddenException("only one instance of \"" + type + "\" network is allowed");
      }
      network = request.networkId();
    }

    @Override
    public void deleteNetwork(String networkId) {
      throw new ForbiddenException("network of type \"" + type + "\" cannot be deleted");
    }

    @Override
    public EndpointInterface createEndpoint(EndpointCreateRequest request) {
      return request.iface();
    }

    @Override
    public void deleteEndpoint(String networkId, String endpointId) {}

    @Override
    public JoinInfo join(JoinRequest request) {
      return JoinInfo.none();
    }

    @Override
    public void leave(String networkId, String endpointId) {}
  }

  /** A global-scope driver (overlay-like, no gateway); tracks its networks and endpoints. */
  static final class Global implements NetworkDriver {
    final Set<String> networks = new HashSet<>();
    final Set<String> endpoints = new HashSet<>();
    private final String type;

    Global() {
      this("overlay");
    }

    /** A global-scope driver of type {@code type}, as a plugin of that name would be. */
    Global(String type) {
      this.type = type;
    }

    @Override
    public String type() {
      return type;
    }

    @Override
    public DriverCapability capability() {
      return DriverCapability.of(Scope.GLOBAL, Scope.GLOBAL);
    }

    @Override
    public synchronized void createNetwork(NetworkCreateRequest request) {
      if (!networks.add(request.networkId())) {
        throw new ForbiddenException("network " + request.networkId() + " exists");
      }
    }

    @Override
    public synchronized void deleteNetwork(String networkId) {
      if (!networks.remove(networkId)) {
        throw new NotFoundException("No network (" + networkId + ") exists");
      }
    }

    @Override
    public synchronized EndpointInterface createEndpoint(EndpointCreateRequest request) {
      if (!networks.contains(request.networkId())) {
        throw new NotFoundException("No network (" + request.networkId() + ") exists");
      }
      endpoints.add(request.endpointId());
      return request.iface();
    }

    @Override
    public synchronized void deleteEndpoint(String networkId, String endpointId) {
      if (!endpoints.remove(endpointId)) {
        throw new NotFoundException("No endpoint (" + endpointId + ") exists");
      }
    }

    @Override
    public JoinInfo join(JoinRequest request) {
      return JoinInfo.builder().interfaceSourceName("veth0000000").build();
    }

    @Override
    public void leave(String networkId, String endpointId) {}
  }
}
