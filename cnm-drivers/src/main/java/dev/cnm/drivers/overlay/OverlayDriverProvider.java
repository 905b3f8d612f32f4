package dev.cnm.drivers.overlay;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.error.ForbiddenException;
import dev.cnm.api.spi.DriverContext;
import dev.cnm.api.spi.NetworkDriver;
import dev.cnm.api.spi.NetworkDriverProvider;
import dev.cnm.api.store.GlobalStore;
import java.util.Optional;

/**
 * Provides the {@code overlay} network driver: global-scope networks whose VXLAN ids come from the
 * {@link GlobalStore} shared by every engine of a cluster. The no-argument provider (the one
 * {@code ServiceLoader} finds) takes the store from {@link DriverContext#globalStore()}, that is
 * from the engine builder's {@code globalStore}; {@link #withStore} pins a store explicitly.
 * Without a store, creating an overlay network fails as it does on a Docker host outside a swarm:
 * {@code This node is not a swarm manager. ...}.
 *
 * <pre>{@code
 * GlobalStore store = ...; // shared by the cluster
 * Engine host1 = Cnm.builder().driversFromServiceLoader().globalStore(store).hostName("host1").build();
 * }</pre>
 */
public final class OverlayDriverProvider implements NetworkDriverProvider {
  /** The daemon's refusal of overlay networks outside a swarm (moby {@code daemon/network.go}). */
  static final String NOT_A_MANAGER = "This node is not a swarm manager. Use \"docker swarm init\" or "
      + "\"docker swarm join\" to connect this node to swarm and try again.";

  private final Optional<GlobalStore> store;

  /** A provider whose drivers use the engine's global store ({@link DriverContext#globalStore()}). */
  public OverlayDriverProvider() {
    this.store = Optional.empty();
  }

  private OverlayDriverProvider(GlobalStore store) {
    this.store = Optional.of(store);
  }

  /**
   * {@return a provider whose drivers keep their cluster-wide state in {@code store}, whatever the
   * engine's}
   *
   * @param store the store the drivers keep their cluster-wide state in
   */
  public static OverlayDriverProvider withStore(GlobalStore store) {
    return new OverlayDriverProvider(requireNonNull(store, "store"));
  }

  @Override
  public String type() {
    return OverlayDriver.TYPE;
  }

  /**
   * A driver over the pinned store, else the context's; with neither, a driver whose {@code
   * createNetwork} is refused with Docker's {@code This node is not a swarm manager...} (403).
   */
  @Override
  public NetworkDriver create(DriverContext context) {
    requireNonNull(context, "context");
    Optional<GlobalStore> s = store.isPresent() ? store : context.globalStore();
    return new OverlayDriver(context, s);
  }

  /** The refusal of an overlay network on an engine without a global store. */
  static ForbiddenException notAManager() {
    return new ForbiddenException(NOT_A_MANAGER);
  }

  @Override
  public String toString() {
    return "OverlayDriverProvider";
  }
}
