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

  /** The type of the drivers this provider creates. */
  String type();

  /** A new driver that uses {@code context} for every host service. */
  NetworkDriver create(DriverContext context);

  /** A provider from a type and a factory. */
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
