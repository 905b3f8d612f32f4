package dev.cnm.testkit.builtin;

import dev.cnm.api.spi.NetworkDriverProvider;
import dev.cnm.core.store.InMemoryGlobalStore;
import dev.cnm.drivers.overlay.OverlayDriverProvider;
import dev.cnm.testkit.contract.NetworkDriverContract;

/** The built-in {@code overlay} driver, over an in-memory store, passes the kit's network driver contract. */
class OverlayDriverContractTest extends NetworkDriverContract {
  private final InMemoryGlobalStore store = InMemoryGlobalStore.create();

  @Override
  protected NetworkDriverProvider provider() {
    return OverlayDriverProvider.withStore(store);
  }
}
