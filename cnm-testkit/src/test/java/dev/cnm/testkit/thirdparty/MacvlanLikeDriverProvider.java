package dev.cnm.testkit.thirdparty;

import dev.cnm.api.spi.DriverContext;
import dev.cnm.api.spi.NetworkDriver;
import dev.cnm.api.spi.NetworkDriverProvider;

/**
 * Provides the third-party {@code macvlan-like} driver; listed in this module's test resources
 * under {@code META-INF/services/dev.cnm.api.spi.NetworkDriverProvider}, so {@code
 * ServiceLoader} finds it next to the built-in drivers.
 */
public final class MacvlanLikeDriverProvider implements NetworkDriverProvider {
  /** For ServiceLoader. */
  public MacvlanLikeDriverProvider() {}

  @Override
  public String type() {
    return MacvlanLikeDriver.TYPE;
  }

  @Override
  public NetworkDriver create(DriverContext context) {
    return new MacvlanLikeDriver(context);
  }
}
