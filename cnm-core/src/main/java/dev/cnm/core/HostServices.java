package dev.cnm.core;

import dev.cnm.api.host.HostInterfaces;
import dev.cnm.api.host.HostPortAllocator;
import dev.cnm.api.host.HostRules;
import dev.cnm.api.spi.DaemonSettings;
import dev.cnm.api.spi.DriverContext;
import dev.cnm.api.store.GlobalStore;
import java.time.InstantSource;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The host services a driver may use ({@link DriverContext}): host ports, packet-filter rules,
 * host interfaces, the daemon settings, the clock, the random source and the cluster store. Built
 * before the drivers, since each driver is created with it.
 */
final class HostServices implements DriverContext {
  final EngineConfiguration configuration;
  final RandomGenerator random;
  final InstantSource clock;
  private final HostPortAllocator hostPorts;
  private final HostRules rules;
  private final HostInterfaces interfaces;
  private final Optional<GlobalStore> globalStore;
  private final String hostName;

  HostServices(EngineConfiguration configuration, RandomGenerator random, InstantSource clock,
      HostPortAllocator hostPorts, HostRules rules, HostInterfaces interfaces, Optional<GlobalStore> globalStore,
      String hostName) {
    this.configuration = configuration;
    this.random = random;
    this.clock = clock;
    this.hostPorts = hostPorts;
    this.rules = rules;
    this.interfaces = interfaces;
    this.globalStore = globalStore;
    this.hostName = hostName;
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
