package dev.cnm.drivers.none;

import dev.cnm.api.spi.NetworkDriverProvider;
import dev.cnm.drivers.NetworkDriverContract;

class NullDriverContractTest extends NetworkDriverContract {
  @Override
  protected NetworkDriverProvider provider() {
    return new NullDriverProvider();
  }
}
