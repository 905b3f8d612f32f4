package dev.cnm.testkit.builtin;

import dev.cnm.api.spi.NetworkDriverProvider;
import dev.cnm.drivers.macvlan.MacvlanDriverProvider;
import dev.cnm.testkit.contract.NetworkDriverContract;

/** The built-in {@code macvlan} driver, on a dummy parent (no {@code -o parent}), passes the kit's network driver contract. */
class MacvlanDriverContractTest extends NetworkDriverContract {
  @Override
  protected NetworkDriverProvider provider() {
    return new MacvlanDriverProvider();
  }
}
