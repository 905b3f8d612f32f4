package dev.cnm.testkit.builtin;

import dev.cnm.api.ipam.IpamDriver;
import dev.cnm.api.spi.NetworkDriverProvider;
import dev.cnm.core.ipam.DefaultIpamDriver;
import dev.cnm.drivers.bridge.BridgeDriverProvider;
import dev.cnm.drivers.ipvlan.IpvlanDriverProvider;
import dev.cnm.testkit.contract.IpamDriverContract;
import dev.cnm.testkit.contract.NetworkDriverContract;
import dev.cnm.testkit.faults.FaultInjector;
import org.junit.jupiter.api.Nested;

/** With no fault set, the kit's wrappers behave exactly like the drivers they wrap: they pass the same contracts. */
class FaultInjectingDriversContractTest {
  @Nested
  class WrappedBridge extends NetworkDriverContract {
    @Override
    protected NetworkDriverProvider provider() {
      return FaultInjector.create().wrap(new BridgeDriverProvider());
    }
  }

  /** ipvlan declares that it refuses a chosen MAC: the wrapper declares it too, and the contract gates on it. */
  @Nested
  class WrappedIpvlan extends NetworkDriverContract {
    @Override
    protected NetworkDriverProvider provider() {
      return FaultInjector.create().wrap(new IpvlanDriverProvider());
    }
  }

  @Nested
  class WrappedDefaultIpam extends IpamDriverContract {
    @Override
    protected IpamDriver ipamDriver() {
      return FaultInjector.create().wrap(DefaultIpamDriver.create());
    }
  }
}
