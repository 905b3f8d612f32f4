package dev.cnm.drivers.overlay;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.spi.DriverContext;
import dev.cnm.api.spi.NetworkDriver;
import dev.cnm.api.spi.NetworkDriverProvider;
import dev.cnm.api.store.GlobalStore;

/**
 * Provides the {@code overlay} network driver: global-scope networks whose VXLAN ids come from a
 * {@link GlobalStore} shared by every engine of a cluster. Register one provider per engine, all
 * over the same store; it is not discovered by {@code ServiceLoader} because it needs the store.
 *
 * <pre>{@code
 * GlobalStore store = ...; // shared by the cluster
 * Engine host1 = Cnm.builder().driversFromServiceLoader()
 *     .driver(OverlayDriverProvider.withStore(store)).build();
 * }</pre>
 */
public final class OverlayDriverProvider implements NetworkDriverProvider {
  private final GlobalStore store;

  private OverlayDriverProvider(GlobalStore store) {
    this.store = store;
  }

  /** A provider whose drivers keep their cluster-wide state in {@code store}. */
  public static OverlayDriverProvider withStore(GlobalStore store) {
    return new OverlayDriverProvider(requireNonNull(store, "store"));
  }

  @Override
  public String type() {
    return OverlayDriver.TYPE;
  }

  @Override
  public NetworkDriver create(DriverContext context) {
    return new OverlayDriver(requireNonNull(context, "context"), store);
  }

  @Override
  public String toString() {
    return "OverlayDriverProvider";
  }
}
