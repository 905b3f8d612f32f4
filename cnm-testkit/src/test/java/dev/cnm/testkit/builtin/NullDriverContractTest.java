package dev.cnm.testkit.builtin;

import dev.cnm.api.spi.NetworkDriverProvider;
import dev.cnm.drivers.none.NullDriverProvider;
import dev.cnm.testkit.contract.NetworkDriverContract;

/** The built-in {@code null} driver passes the kit's network driver contract. */
class NullDriverContractTest extends NetworkDriverContract {
  @Override
  protected NetworkDriverProvider provider() {
    return new NullDriverProvider();
  }
}
