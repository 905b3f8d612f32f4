package dev.cnm.core;

import dev.cnm.api.image.ImageCatalog;
import dev.cnm.api.image.PullPolicy;
import dev.cnm.api.ipam.IpamDriver;
import dev.cnm.api.spi.NetworkDriver;
import java.time.InstantSource;
import java.util.Map;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * What one engine is made of besides its state: the host services its drivers were created with,
 * the clock, the drivers, the IPAM drivers, the plugins that supply the drivers it was not built
 * with, the image catalog (the registry) and pull policy, the programs containers run and, in a
 * cluster, the global networks. Built once by {@link EngineBuilder}, in that order, and never
 * changed (the plugin registry keeps the drivers it finds, thread-safely).
 */
final class EngineServices {
  final HostServices host;
  final EngineConfiguration configuration;
  final RandomGenerator random;
  final InstantSource clock;
  /** The same clock as {@link #clock}, with the control over it. */
  final EngineTime time;
  /** The registry pulls come from. */
  final ImageCatalog images;
  /** Whether creating a container pulls its absent image first. */
  final PullPolicy pullPolicy;
  final Programs programs;
  final Map<String, NetworkDriver> drivers;
  final Map<String, IpamDriver> ipamDrivers;
  /** Where drivers the engine was not built with are looked up by name. */
  final PluginRegistry plugins;
  /** The global-scope networks shared through the cluster store; null for an engine without one. */
  final GlobalNetworks global;

  EngineServices(HostServices host, EngineTime time, ImageCatalog images, PullPolicy pullPolicy, Programs programs,
      Map<String, NetworkDriver> drivers, Map<String, IpamDriver> ipamDrivers, PluginRegistry plugins,
      GlobalNetworks global) {
    this.host = host;
    this.configuration = host.configuration;
    this.random = host.random;
    this.clock = host.clock;
    this.time = time;
    this.images = images;
    this.pullPolicy = pullPolicy;
    this.programs = programs;
    this.drivers = Map.copyOf(drivers);
    this.ipamDrivers = Map.copyOf(ipamDrivers);
    this.plugins = plugins;
    this.global = global;
  }

  /**
   * The network driver of type {@code type}: a built-in one, else a plugin's (looked up once, then
   * kept); null when there is none.
   *
   * @throws dev.cnm.api.error.CnmException when a plugin of that name exists but cannot be used
   */
  NetworkDriver driver(String type) {
    return lookup(drivers, plugins::networkDriver, type);
  }

  /** As {@link #driver}, for IPAM drivers. */
  IpamDriver ipamDriver(String name) {
    return lookup(ipamDrivers, plugins::ipamDriver, name);
  }

  /** The built-in driver named {@code name}, else the plugin's; null when neither has one. */
  static <D> D lookup(Map<String, D> builtIn, Function<String, D> plugins, String name) {
    D d = builtIn.get(name);
    return d != null ? d : plugins.apply(name);
  }
}
