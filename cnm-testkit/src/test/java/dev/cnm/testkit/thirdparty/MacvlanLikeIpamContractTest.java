package dev.cnm.testkit.thirdparty;

import dev.cnm.api.ipam.IpamDriver;
import dev.cnm.testkit.contract.IpamDriverContract;

/** The third-party driver's own IPAM passes the kit's IPAM contract. */
class MacvlanLikeIpamContractTest extends IpamDriverContract {
  @Override
  protected IpamDriver ipamDriver() {
    return new MacvlanLikeIpam();
  }
}
