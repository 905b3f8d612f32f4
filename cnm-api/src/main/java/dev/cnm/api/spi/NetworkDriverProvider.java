package dev.cnm.api.spi;

import static java.util.Objects.requireNonNull;

import java.util.function.Function;

/**
 * Creates a network driver for one engine. Register providers explicitly with the engine builder,
 * or list them in {@code META-INF/services/dev.cnm.api.spi.NetworkDriverProvider} for discovery
 * (sorted by type; duplicates are refused).
 *
 * <pre>{@code
 * NetworkDriverProvider p = NetworkDriverProvider.of("macvlan", MacvlanDriver::new);
 * }</pre>
 */
public interface NetworkDriverProvider {

  /** {@return the type of the drivers this provider creates} */
  String type();

  /**
   * {@return a new driver that uses {@code context} for every host service}
   *
   * @param context the engine's host services: daemon settings, random source, clock, ports, rules,
   *     interfaces, store
   */
  NetworkDriver create(DriverContext context);

  /**
   * {@return a provider from a type and a factory}
   *
   * @param type the driver's type, the name {@code --driver} uses
   * @param factory makes a driver for an engine's context
   */
  static NetworkDriverProvider of(String type, Function<DriverContext, NetworkDriver> factory) {
    requireNonNull(type, "type");
    requireNonNull(factory, "factory");
    return new NetworkDriverProvider() {
      @Override
      public String type() {
        return type;
      }

      @Override
      public NetworkDriver create(DriverContext context) {
        return factory.apply(context);
      }
    };
  }
}
