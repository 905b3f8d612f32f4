package dev.cnm.testkit.builtin;

import dev.cnm.api.spi.NetworkCreateRequest;
import dev.cnm.api.spi.NetworkDriverProvider;
import dev.cnm.drivers.macvlan.MacvlanDriverProvider;
import dev.cnm.testkit.contract.NetworkDriverContract;

/** The built-in {@code macvlan} driver in private mode on a VLAN sub-interface it creates passes the contract. */
class MacvlanVlanParentContractTest extends NetworkDriverContract {
  @Override
  protected NetworkDriverProvider provider() {
    return new MacvlanDriverProvider();
  }

  @Override
  protected NetworkCreateRequest networkRequest(String networkId) {
    NetworkCreateRequest r = super.networkRequest(networkId);
    return NetworkCreateRequest.builder().from(r).putOption("parent", "eth0.10").putOption("macvlan_mode", "private")
        .build();
  }
}
