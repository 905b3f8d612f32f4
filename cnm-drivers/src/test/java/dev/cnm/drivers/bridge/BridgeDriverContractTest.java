package dev.cnm.drivers.bridge;

import dev.cnm.api.spi.NetworkDriverProvider;
import dev.cnm.drivers.NetworkDriverContract;

class BridgeDriverContractTest extends NetworkDriverContract {
  @Override
  protected NetworkDriverProvider provider() {
    return new BridgeDriverProvider();
  }
}
