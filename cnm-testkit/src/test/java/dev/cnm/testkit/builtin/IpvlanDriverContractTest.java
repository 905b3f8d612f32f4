package dev.cnm.testkit.builtin;

import dev.cnm.api.spi.NetworkDriverProvider;
import dev.cnm.drivers.ipvlan.IpvlanDriverProvider;
import dev.cnm.testkit.contract.NetworkDriverContract;

/**
 * The built-in {@code ipvlan} driver, on a dummy parent, passes the kit's network driver contract,
 * its refusal of a chosen MAC address included.
 */
class IpvlanDriverContractTest extends NetworkDriverContract {
  @Override
  protected NetworkDriverProvider provider() {
    return new IpvlanDriverProvider();
  }
}
