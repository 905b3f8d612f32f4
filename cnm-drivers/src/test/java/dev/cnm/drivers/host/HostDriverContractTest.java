package dev.cnm.drivers.host;

import dev.cnm.api.spi.NetworkDriverProvider;
import dev.cnm.drivers.NetworkDriverContract;

class HostDriverContractTest extends NetworkDriverContract {
  @Override
  protected NetworkDriverProvider provider() {
    return new HostDriverProvider();
  }
}
