package dev.cnm.api.spi;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.ipam.IpamDriver;
import java.util.function.Supplier;

/**
 * Creates an IPAM driver for one engine, the IPAM side of {@link NetworkDriverProvider}: an IPAM
 * driver holds its pools and addresses, so each engine needs its own. List providers in {@code
 * META-INF/services/dev.cnm.api.spi.IpamDriverProvider} for discovery ({@code
 * EngineBuilder.ipamDriversFromServiceLoader()}, the test kit's {@code @CnmDrivers(discover =
 * true)}); sorted by name, duplicates refused.
 *
 * <pre>{@code
 * IpamDriverProvider p = IpamDriverProvider.of("infoblox", InfobloxIpam::new);
 * }</pre>
 */
public interface IpamDriverProvider {

  /** {@return the name of the drivers this provider creates, the name {@code --ipam-driver} uses} */
  String name();

  /** {@return a new driver, with no pools} */
  IpamDriver create();

  /**
   * {@return a provider from a name and a factory}
   *
   * @param name the driver's name, which every driver the factory makes must have
   * @param factory makes a new driver for an engine
   */
  static IpamDriverProvider of(String name, Supplier<? extends IpamDriver> factory) {
    requireNonNull(name, "name");
    requireNonNull(factory, "factory");
    return new IpamDriverProvider() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public IpamDriver create() {
        return factory.get();
      }
    };
  }
}
