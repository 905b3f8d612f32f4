package dev.cnm.core;

import dev.cnm.api.host.HostInterfaces;
import dev.cnm.api.host.HostPortAllocator;
import dev.cnm.api.host.HostRules;
import dev.cnm.api.image.ImageCatalog;
import dev.cnm.api.ipam.IpamDriver;
import dev.cnm.api.spi.DaemonSettings;
import dev.cnm.api.spi.DriverContext;
import dev.cnm.api.spi.DriverPlugins;
import dev.cnm.api.spi.NetworkDriver;
import java.time.InstantSource;
import dev.cnm.api.store.GlobalStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * What one engine is made of besides its state: the drivers, the IPAM drivers, the daemon
 * settings, the clock and the random source. It is also the {@link DriverContext} drivers get.
 */
final class EngineServices implements DriverContext {
  final EngineConfiguration configuration;
  final RandomGenerator random;
  final InstantSource clock;
  Map<String, NetworkDriver> drivers = Map.of();
  Map<String, IpamDriver> ipamDrivers = Map.of();
  final HostPortAllocator hostPorts;
  final ImageCatalog images;
  final HostRules rules;
  final HostInterfaces interfaces;
  /** The cluster store, if the engine is part of a cluster; set by the builder. */
  Optional<GlobalStore> globalStore = Optional.empty();
  /** The host name of this engine in its cluster. */
  String hostName = "localhost";
  /** The global-scope networks shared through {@link #globalStore}; null without a store. */
  GlobalNetworks global;
  /** Where drivers the engine was not built with are looked up by name; set by the builder. */
  DriverPlugins plugins = DriverPlugins.NONE;
  /** The plugin drivers found so far, kept as libnetwork's registry keeps an activated plugin's. */
  private final Map<String, NetworkDriver> pluginDrivers = new ConcurrentHashMap<>();
  private final Map<String, IpamDriver> pluginIpamDrivers = new ConcurrentHashMap<>();

  EngineServices(EngineConfiguration configuration, RandomGenerator random, InstantSource clock,
      HostPortAllocator hostPorts, HostRules rules, HostInterfaces interfaces, ImageCatalog images) {
    this.rules = rules;
    this.interfaces = interfaces;
    this.configuration = configuration;
    this.random = random;
    this.clock = clock;
    this.hostPorts = hostPorts;
    this.images = images;
  }

  /**
   * The network driver of type {@code type}: a built-in one, else a plugin's (looked up once, then
   * kept); null when there is none.
   *
   * @throws dev.cnm.api.error.CnmException when a plugin of that name exists but cannot be used
   */
  NetworkDriver driver(String type) {
    NetworkDriver d = drivers.get(type);
    if (d != null) {
      return d;
    }
    d = pluginDrivers.get(type);
    if (d != null) {
      return d;
    }
    synchronized (pluginDrivers) {
      d = pluginDrivers.get(type);
      if (d == null) {
        d = plugins.networkDriver(type, this).orElse(null);
        if (d != null) {
          pluginDrivers.put(type, d);
        }
      }
      return d;
    }
  }

  /** As {@link #driver}, for IPAM drivers. */
  IpamDriver ipamDriver(String name) {
    IpamDriver d = ipamDrivers.get(name);
    if (d != null) {
      return d;
    }
    d = pluginIpamDrivers.get(name);
    if (d != null) {
      return d;
    }
    synchronized (pluginIpamDrivers) {
      d = pluginIpamDrivers.get(name);
      if (d == null) {
        d = plugins.ipamDriver(name).orElse(null);
        if (d != null) {
          pluginIpamDrivers.put(name, d);
        }
      }
      return d;
    }
  }

  @Override
  public HostPortAllocator hostPorts() {
    return hostPorts;
  }

  @Override
  public HostRules rules() {
    return rules;
  }

  @Override
  public HostInterfaces interfaces() {
    return interfaces;
  }

  @Override
  public DaemonSettings daemon() {
    return configuration.daemon();
  }

  @Override
  public RandomGenerator random() {
    return random;
  }

  @Override
  public InstantSource clock() {
    return clock;
  }

  @Override
  public Optional<GlobalStore> globalStore() {
    return globalStore;
  }

  @Override
  public String hostName() {
    return hostName;
  }
}
