package dev.cnm.testkit.builtin;

import dev.cnm.api.spi.NetworkCreateRequest;
import dev.cnm.api.spi.NetworkDriverProvider;
import dev.cnm.drivers.ipvlan.IpvlanDriverProvider;
import dev.cnm.testkit.contract.NetworkDriverContract;

/** The built-in {@code ipvlan} driver in L3 mode on the host's {@code eth0} passes the kit's network driver contract. */
class IpvlanL3ContractTest extends NetworkDriverContract {
  @Override
  protected NetworkDriverProvider provider() {
    return new IpvlanDriverProvider();
  }

  @Override
  protected NetworkCreateRequest networkRequest(String networkId) {
    NetworkCreateRequest r = super.networkRequest(networkId);
    return NetworkCreateRequest.builder().from(r).putOption("parent", "eth0").putOption("ipvlan_mode", "l3").build();
  }
}
