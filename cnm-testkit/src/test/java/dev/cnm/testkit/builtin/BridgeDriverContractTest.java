package dev.cnm.testkit.builtin;

import dev.cnm.api.spi.NetworkDriverProvider;
import dev.cnm.drivers.bridge.BridgeDriverProvider;
import dev.cnm.testkit.contract.NetworkDriverContract;

/** The built-in {@code bridge} driver passes the kit's network driver contract. */
class BridgeDriverContractTest extends NetworkDriverContract {
  @Override
  protected NetworkDriverProvider provider() {
    return new BridgeDriverProvider();
  }
}
