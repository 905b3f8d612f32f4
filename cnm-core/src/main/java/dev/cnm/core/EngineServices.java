package dev.cnm.core;

import dev.cnm.api.ipam.IpamDriver;
import dev.cnm.api.spi.DaemonSettings;
import dev.cnm.api.spi.DriverContext;
import dev.cnm.api.spi.NetworkDriver;
import java.time.InstantSource;
import java.util.Map;
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

  EngineServices(EngineConfiguration configuration, RandomGenerator random, InstantSource clock) {
    this.configuration = configuration;
    this.random = random;
    this.clock = clock;
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
}
