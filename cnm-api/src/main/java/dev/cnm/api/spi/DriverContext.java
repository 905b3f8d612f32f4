package dev.cnm.api.spi;

import dev.cnm.api.host.HostInterfaces;
import dev.cnm.api.host.HostPortAllocator;
import dev.cnm.api.host.HostRules;
import dev.cnm.api.store.GlobalStore;
import java.time.InstantSource;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The host services a driver may use, handed to it by the engine that creates it: the daemon
 * settings, the engine's clock and random source (so that a seeded engine stays deterministic),
 * and the host's data plane (ports, rules, interfaces) and global store as they become available.
 * A third-party driver gets exactly what a built-in one gets.
 *
 * <pre>{@code
 * public NetworkDriver create(DriverContext context) {
 *   return new MyDriver(context.random(), context.daemon().mtu());
 * }
 * }</pre>
 */
public interface DriverContext {

  /** {@return the daemon-wide settings} */
  DaemonSettings daemon();

  /**
   * {@return the engine's random source; use it for every random choice (MACs, interface names)}
   */
  RandomGenerator random();

  /** {@return the engine's clock} */
  InstantSource clock();

  /** {@return the host's port allocator, shared by every driver of the engine} */
  HostPortAllocator hostPorts();

  /** {@return the host's packet-filter rules (iptables), shared by every driver of the engine} */
  HostRules rules();

  /** {@return the host's network interfaces: lo, eth0, bridges and veths} */
  HostInterfaces interfaces();

  /**
   * {@return the cluster's global store, shared by every engine of the cluster, if the engine was
   * built with one; global-scope drivers (overlay) keep their cluster-wide state there}
   */
  default Optional<GlobalStore> globalStore() {
    return Optional.empty();
  }

  /** {@return the name of the host this engine models, unique in its cluster} */
  default String hostName() {
    return "localhost";
  }
}
