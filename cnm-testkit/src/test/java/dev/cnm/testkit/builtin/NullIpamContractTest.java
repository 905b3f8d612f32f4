package dev.cnm.testkit.builtin;

import dev.cnm.api.ipam.IpamDriver;
import dev.cnm.core.ipam.NullIpamDriver;
import dev.cnm.testkit.contract.IpamDriverContract;

/** The built-in {@code null} IPAM driver passes the kit's IPAM contract (its address tests are skipped). */
class NullIpamContractTest extends IpamDriverContract {
  @Override
  protected IpamDriver ipamDriver() {
    return NullIpamDriver.INSTANCE;
  }
}
