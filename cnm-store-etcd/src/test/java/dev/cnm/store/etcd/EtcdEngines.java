package dev.cnm.store.etcd;

import dev.cnm.api.Engine;
import dev.cnm.api.store.GlobalStore;
import dev.cnm.core.Cnm;

/** The one place the etcd tests wire an engine to a cluster store. */
final class EtcdEngines {
  private EtcdEngines() {}

  /**
   * An engine of the cluster on {@code store}, as host {@code hostName}: the built-in drivers, the
   * overlay driver on the store, and the store for global-scope networks and IPAM.
   */
  static Engine engine(GlobalStore store, String hostName, long seed) {
    // The overlay driver comes from ServiceLoader and takes the engine's global store.
    return Cnm.builder().seed(seed).driversFromServiceLoader().globalStore(store).hostName(hostName).build();
  }
}
