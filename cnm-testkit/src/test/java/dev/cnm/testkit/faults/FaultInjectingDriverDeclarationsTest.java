package dev.cnm.testkit.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cnm.api.ContainerSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.IpamPoolSpec;
import dev.cnm.api.NetworkInfo;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.spi.NetworkDriver;
import dev.cnm.api.spi.NetworkDriverProvider;
import dev.cnm.core.Cnm;
import dev.cnm.drivers.ipvlan.IpvlanDriverProvider;
import dev.cnm.testkit.contract.TestDriverContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a driver declares (no gateway for ipvlan L3, no chosen MAC, its data plane) passes through
 * the fault injector's wrapper, so a wrapped driver gates the engine and the contracts as the
 * driver itself does.
 */
class FaultInjectingDriverDeclarationsTest {

  @Test
  void a_wrapped_driver_declares_what_the_driver_declares() {
    NetworkDriverProvider ipvlan = new IpvlanDriverProvider();
    NetworkDriver plain = ipvlan.create(TestDriverContext.seeded(1));
    NetworkDriver wrapped = FaultInjector.create().wrap(ipvlan).create(TestDriverContext.seeded(1));

    assertThat(wrapped.acceptsMacAddress()).isFalse().isEqualTo(plain.acceptsMacAddress());
    Map<String, String> l3 = Map.of("parent", "eth0", "ipvlan_mode", "l3");
    assertThat(wrapped.skipsGatewayAllocation(l3, false, false)).isTrue()
        .isEqualTo(plain.skipsGatewayAllocation(l3, false, false));
    assertThat(wrapped.skipsGatewayAllocation(Map.of("parent", "eth0"), false, false)).isFalse();
  }

  @Test
  void an_engine_over_a_wrapped_ipvlan_routes_l3_without_a_gateway() {
    FaultInjector faults = FaultInjector.create();
    Engine docker = Cnm.builder().seed(22).driversFromServiceLoader().driver(faults.wrap(new IpvlanDriverProvider())).build();

    NetworkInfo n = docker.createNetwork(NetworkSpec.builder().name("routed").driver("ipvlan")
        .putOption("parent", "eth0").putOption("ipvlan_mode", "l3")
        .addIpamConfig(IpamPoolSpec.ofSubnet(Subnet.parse("10.9.0.0/24"))).build());
    docker.run(ContainerSpec.builder().image("alpine").tty(true).name("c1").network("routed").build());

    assertThat(n.ipamConfigs().get(0).gateway()).isEmpty();
    assertThat(docker.exec("c1", List.of("ip", "route")).stdout()).isEqualTo("default dev eth0 scope link \n"
        + "10.9.0.0/24 dev eth0 scope link  src 10.9.0.1 \n");
    assertThat(faults.calls()).anyMatch(c -> c.qualifiedMethod().equals("ipvlan.createNetwork"));
  }
}
