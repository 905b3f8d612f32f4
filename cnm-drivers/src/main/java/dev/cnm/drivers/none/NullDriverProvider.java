package dev.cnm.drivers.none;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.spi.DriverContext;
import dev.cnm.api.spi.NetworkDriver;
import dev.cnm.api.spi.NetworkDriverProvider;
import dev.cnm.drivers.internal.SingleNetworkDriver;

/**
 * Provides the {@code null} network driver (the {@code none} network: containers get only loopback): one network per engine, never deleted, no
 * addresses, endpoint calls that do nothing. Also listed in {@code
 * META-INF/services/dev.cnm.api.spi.NetworkDriverProvider}.
 *
 * <pre>{@code
 * NetworkDriver driver = new NullDriverProvider().create(context);
 * driver.type(); // "null"
 * }</pre>
 */
public final class NullDriverProvider implements NetworkDriverProvider {

  /** A provider; it keeps no state, every driver it creates is independent. */
  public NullDriverProvider() {}

  @Override
  public String type() {
    return "null";
  }

  @Override
  public NetworkDriver create(DriverContext context) {
    requireNonNull(context, "context");
    return new SingleNetworkDriver("null");
  }

  @Override
  public String toString() {
    return "NullDriverProvider";
  }
}
