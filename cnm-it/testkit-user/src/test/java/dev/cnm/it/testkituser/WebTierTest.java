package dev.cnm.it.testkituser;

import static dev.cnm.testkit.assertions.CnmAssertions.assertThat;

import dev.cnm.api.ContainerSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.port.PortSpec;
import dev.cnm.testkit.junit.CnmTest;

/** docs/TESTING.md's first test, in a build that has only the README's dependencies. */
class WebTierTest {

  @CnmTest
  void web_gets_an_address_on_its_network(Engine docker) {
    docker.createNetwork(NetworkSpec.of("dev"));
    docker.run(ContainerSpec.builder().image("nginx").name("web")
        .networkMode(NetworkMode.network("dev")).portBindings(PortSpec.parse("8080:80")).build());

    assertThat(docker).hasNetwork("dev").hasSubnet("172.18.0.0/16").hasGateway("172.18.0.1");
    assertThat(docker).hasContainer("web").isRunning()
        .publishes(80).on(8080)
        .isConnectedTo("dev").hasAddress("172.18.0.2").hasDnsName("web");
  }
}
