package dev.cnm.core;

import dev.cnm.api.image.ImageCatalog;
import dev.cnm.api.image.PullPolicy;
import dev.cnm.api.ipam.IpamDriver;
import dev.cnm.api.spi.NetworkDriver;
import java.time.InstantSource;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * What one engine is made of besides its state: the host services its drivers were created with,
 * the drivers, the IPAM drivers, the image catalog (the registry) and pull policy and, in a cluster, the global networks. Built
 * once by {@link EngineBuilder}, in that order, and never changed.
 */
final class EngineServices {
  final HostServices host;
  final EngineConfiguration configuration;
  final RandomGenerator random;
  final InstantSource clock;
  /** The registry pulls come from. */
  final ImageCatalog images;
  /** Whether creating a container pulls its absent image first. */
  final PullPolicy pullPolicy;
  final Map<String, NetworkDriver> drivers;
  final Map<String, IpamDriver> ipamDrivers;
  /** The global-scope networks shared through the cluster store; null for an engine without one. */
  final GlobalNetworks global;

  EngineServices(HostServices host, ImageCatalog images, PullPolicy pullPolicy, Map<String, NetworkDriver> drivers,
      Map<String, IpamDriver> ipamDrivers, GlobalNetworks global) {
    this.host = host;
    this.configuration = host.configuration;
    this.random = host.random;
    this.clock = host.clock;
    this.images = images;
    this.pullPolicy = pullPolicy;
    this.drivers = Map.copyOf(drivers);
    this.ipamDrivers = Map.copyOf(ipamDrivers);
    this.global = global;
  }
}
