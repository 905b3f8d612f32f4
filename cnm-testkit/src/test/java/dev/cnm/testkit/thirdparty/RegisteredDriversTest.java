package dev.cnm.testkit.thirdparty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.Engine;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.error.NotFoundException;
import dev.cnm.testkit.junit.CnmDrivers;
import dev.cnm.testkit.junit.CnmExtension;
import dev.cnm.testkit.junit.CnmTest;
import dev.cnm.testkit.junit.ExtraDrivers;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Drivers for a whole class through the extension's API, and {@code @CnmDrivers} on a method winning over them. */
class RegisteredDriversTest {
  @RegisterExtension
  static final CnmExtension CNM = CnmExtension.withDrivers(ExtraDrivers.builder()
      .network(new MacvlanLikeDriverProvider()).ipam(new MacvlanLikeIpamProvider()).build());

  private static NetworkSpec vlan() {
    return NetworkSpec.builder().name("vlan10").driver(MacvlanLikeDriver.TYPE).ipamDriver(MacvlanLikeIpam.NAME)
        .putOption("parent", "eth0.10").build();
  }

  @CnmTest
  void the_registered_extension_gives_every_engine_the_drivers(Engine docker) {
    assertThat(docker.createNetwork(vlan()).driver()).isEqualTo(MacvlanLikeDriver.TYPE);
  }

  @CnmTest
  @CnmDrivers
  void cnm_drivers_on_the_method_replaces_them(Engine docker) {
    assertThatThrownBy(() -> docker.createNetwork(vlan())).isInstanceOf(NotFoundException.class)
        .hasMessage("plugin \"macvlan-like\" not found");
  }
}
