package dev.cnm.testkit.builtin;

import dev.cnm.api.spi.NetworkDriverProvider;
import dev.cnm.drivers.host.HostDriverProvider;
import dev.cnm.testkit.contract.NetworkDriverContract;

/** The built-in {@code host} driver passes the kit's network driver contract. */
class HostDriverContractTest extends NetworkDriverContract {
  @Override
  protected NetworkDriverProvider provider() {
    return new HostDriverProvider();
  }
}
