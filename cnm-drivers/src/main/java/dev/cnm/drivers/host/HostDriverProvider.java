package dev.cnm.drivers.host;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.spi.DriverContext;
import dev.cnm.api.spi.NetworkDriver;
import dev.cnm.api.spi.NetworkDriverProvider;
import dev.cnm.drivers.internal.SingleNetworkDriver;

/**
 * Provides the {@code host} network driver (the {@code host} network: containers share the host's namespace): one network per engine, never deleted, no
 * addresses, endpoint calls that do nothing. Also listed in {@code
 * META-INF/services/dev.cnm.api.spi.NetworkDriverProvider}.
 *
 * <pre>{@code
 * NetworkDriver driver = new HostDriverProvider().create(context);
 * driver.type(); // "host"
 * }</pre>
 */
public final class HostDriverProvider implements NetworkDriverProvider {

  /** A provider; it keeps no state, every driver it creates is independent. */
  public HostDriverProvider() {}

  @Override
  public String type() {
    return "host";
  }

  @Override
  public NetworkDriver create(DriverContext context) {
    requireNonNull(context, "context");
    return new SingleNetworkDriver("host");
  }

  @Override
  public String toString() {
    return "HostDriverProvider";
  }
}
