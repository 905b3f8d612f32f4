package dev.cnm.testkit.builtin;

import dev.cnm.api.ipam.IpamDriver;
import dev.cnm.core.ipam.IpamConfiguration;
import dev.cnm.core.ipam.StoreBackedIpam;
import dev.cnm.core.store.InMemoryGlobalStore;
import dev.cnm.testkit.contract.IpamDriverContract;

/** The {@code default} IPAM driver of an engine in a cluster (global space in a store) passes the kit's IPAM contract. */
class StoreBackedIpamContractTest extends IpamDriverContract {
  @Override
  protected IpamDriver ipamDriver() {
    return StoreBackedIpam.create(IpamConfiguration.dockerDefaults(), InMemoryGlobalStore.create());
  }
}
