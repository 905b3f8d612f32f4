package dev.cnm.api.spi;

import dev.cnm.api.ipam.IpamDriver;
import java.util.Optional;

/**
 * Where an engine finds, by name, the network and IPAM drivers it was not built with: Docker's
 * plugin lookup when a network asks for a driver no built-in provides ({@code network create -d
 * NAME}, {@code --ipam-driver NAME}). The engine asks once per name and keeps the driver it gets,
 * as libnetwork's registry keeps a plugin's driver once activated. A plugin that is not found is
 * an empty answer (the engine then says {@code plugin "NAME" not found}); one that is found but
 * cannot be used (activation fails, it does not implement the driver) is a {@link
 * dev.cnm.api.error.CnmException} with Docker's message.
 *
 * <pre>{@code
 * Engine engine = Cnm.builder().plugins(RemotePlugins.dockerDefaults()).build();
 * engine.createNetwork(NetworkSpec.builder().name("weave").driver("weavemesh").build());
 * }</pre>
 */
public interface DriverPlugins {
  /** No plugins at all. */
  DriverPlugins NONE = new DriverPlugins() {
    @Override
    public Optional<NetworkDriver> networkDriver(String name, DriverContext context) {
      return Optional.empty();
    }

    @Override
    public Optional<IpamDriver> ipamDriver(String name) {
      return Optional.empty();
    }
  };

  /**
   * The network driver of plugin {@code name}, created for the engine whose host services are
   * {@code context}, or empty when there is no such plugin.
   *
   * @param name the plugin's name, as {@code network create -d NAME} gives it
   * @param context the host services of the engine the driver is created for
   * @return the plugin's network driver, or empty when no plugin has that name
   * @throws dev.cnm.api.error.CnmException when the plugin exists but cannot be used
   */
  Optional<NetworkDriver> networkDriver(String name, DriverContext context);

  /**
   * The IPAM driver of plugin {@code name}, or empty when there is no such plugin.
   *
   * @param name the plugin's name, as {@code --ipam-driver NAME} gives it
   * @return the plugin's IPAM driver, or empty when no plugin has that name
   * @throws dev.cnm.api.error.CnmException when the plugin exists but cannot be used
   */
  Optional<IpamDriver> ipamDriver(String name);
}
