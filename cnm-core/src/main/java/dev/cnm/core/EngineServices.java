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
 * the clock, the drivers, the IPAM drivers, the image catalog (the registry) and pull policy, the
 * programs containers run and, in a cluster, the global networks. Built
 * once by {@link EngineBuilder}, in that order, and never changed.
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
  /** The global-scope networks shared through the cluster store; null for an engine without one. */
  final GlobalNetworks global;

  EngineServices(HostServices host, EngineTime time, ImageCatalog images, PullPolicy pullPolicy, Programs programs,
      Map<String, NetworkDriver> drivers, Map<String, IpamDriver> ipamDrivers, GlobalNetworks global) {
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
    this.global = global;
  }
}
