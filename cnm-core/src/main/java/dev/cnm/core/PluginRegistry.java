package dev.cnm.core;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.ipam.IpamDriver;
import dev.cnm.api.spi.DriverContext;
import dev.cnm.api.spi.DriverPlugins;
import dev.cnm.api.spi.NetworkDriver;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The drivers an engine was not built with, found by name through its {@link DriverPlugins} and
 * kept once found, as libnetwork's registry keeps an activated plugin's driver: a second network
 * of the same plugin reuses the driver (and its state) instead of activating the plugin again.
 * Thread-safe: a name is looked up by one thread at a time, so a plugin is never activated twice,
 * while a name already found is answered without a lock. A lookup that fails, or finds nothing,
 * keeps nothing, so a plugin that appears later is found then.
 */
final class PluginRegistry {
  private final DriverPlugins plugins;
  private final DriverContext context;
  private final Map<String, NetworkDriver> networkDrivers = new ConcurrentHashMap<>();
  private final Map<String, IpamDriver> ipamDrivers = new ConcurrentHashMap<>();

  /**
   * A registry that asks {@code plugins}, creating network drivers for the engine whose host
   * services are {@code context}.
   */
  PluginRegistry(DriverPlugins plugins, DriverContext context) {
    this.plugins = requireNonNull(plugins, "plugins");
    this.context = requireNonNull(context, "context");
  }

  /**
   * The network driver of plugin {@code name}, looked up once and then kept; null when there is none.
   *
   * @throws dev.cnm.api.error.CnmException when the plugin exists but cannot be used
   */
  NetworkDriver networkDriver(String name) {
    NetworkDriver d = networkDrivers.get(name);
    if (d != null) {
      return d;
    }
    // Not computeIfAbsent: activating a plugin is a remote call, too long to hold a map bin's lock.
    synchronized (networkDrivers) {
      d = networkDrivers.get(name);
      if (d == null) {
        d = plugins.networkDriver(name, context).orElse(null);
        if (d != null) {
          networkDrivers.put(name, d);
        }
      }
      return d;
    }
  }

  /**
   * The IPAM driver of plugin {@code name}, looked up once and then kept; null when there is none.
   *
   * @throws dev.cnm.api.error.CnmException when the plugin exists but cannot be used
   */
  IpamDriver ipamDriver(String name) {
    IpamDriver d = ipamDrivers.get(name);
    if (d != null) {
      return d;
    }
    synchronized (ipamDrivers) {
      d = ipamDrivers.get(name);
      if (d == null) {
        d = plugins.ipamDriver(name).orElse(null);
        if (d != null) {
          ipamDrivers.put(name, d);
        }
      }
      return d;
    }
  }
}
