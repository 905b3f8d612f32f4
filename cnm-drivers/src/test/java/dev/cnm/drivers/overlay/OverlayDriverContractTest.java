package dev.cnm.drivers.overlay;

import dev.cnm.api.spi.NetworkDriverProvider;
import dev.cnm.core.store.InMemoryGlobalStore;
import dev.cnm.drivers.NetworkDriverContract;

class OverlayDriverContractTest extends NetworkDriverContract {
  private final InMemoryGlobalStore store = InMemoryGlobalStore.create();

  @Override
  protected NetworkDriverProvider provider() {
    return OverlayDriverProvider.withStore(store);
  }
}
