package dev.cnm.testkit.builtin;

import dev.cnm.api.ipam.IpamDriver;
import dev.cnm.core.ipam.DefaultIpamDriver;
import dev.cnm.testkit.contract.IpamDriverContract;

/** The built-in {@code default} IPAM driver passes the kit's IPAM contract. */
class DefaultIpamContractTest extends IpamDriverContract {
  @Override
  protected IpamDriver ipamDriver() {
    return DefaultIpamDriver.create();
  }
}
