package dev.cnm.it.testkituser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cnm.api.Engine;
import dev.cnm.api.IpamPoolSpec;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.net.Subnet;
import dev.cnm.core.Cnm;
import dev.cnm.testkit.arbitraries.CnmArbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A jqwik property in a class named as the kit names its own: it runs only with jqwik's engine on
 * the class path (the kit brings it) and {@code *Properties} in surefire's includes (docs/TESTING.md).
 */
class SubnetProperties {

  @Property(tries = 20)
  void a_user_subnet_is_kept_as_given(@ForAll("subnets") Subnet subnet) {
    Engine docker = Cnm.builder().seed(1).build();

    assertThat(docker.createNetwork(NetworkSpec.builder().name("dev")
        .addIpamConfigs(IpamPoolSpec.ofSubnet(subnet)).build()).ipamConfigs().get(0).subnet())
        .isEqualTo(subnet);
  }

  @Provide
  Arbitrary<Subnet> subnets() {
    return CnmArbitraries.subnets();
  }
}
