package dev.cnm.testkit.guide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.Engine;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.net.Subnet;
import dev.cnm.core.Cnm;
import dev.cnm.testkit.arbitraries.CnmArbitraries;
import dev.cnm.testkit.arbitraries.CnmDomain;
import dev.cnm.testkit.arbitraries.Topology;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.domains.Domain;

/** The property examples of docs/TESTING.md, run as properties. */
class GuideProperties {

  // tag::arbitraries[]
  @Property(tries = 50)
  void anyUserSubnetIsKeptAsGiven(@ForAll("subnets") Subnet subnet) {
    Engine docker = Cnm.builder().seed(1).build();
    NetworkSpec.Builder spec = NetworkSpec.builder();
    spec.name("dev").addIpamConfigs(dev.cnm.api.IpamPoolSpec.ofSubnet(subnet));

    assertThat(docker.createNetwork(spec.build()).ipamConfigs().get(0).subnet()).isEqualTo(subnet);
  }

  @Provide
  Arbitrary<Subnet> subnets() {
    return CnmArbitraries.subnets();
  }
  // end::arbitraries[]

  // tag::domain[]
  @Property(tries = 30)
  @Domain(CnmDomain.class)
  void everyContainerOfATopologyGetsOneUniqueAddressPerNetwork(@ForAll Topology topology) {
    Engine docker = Cnm.builder().seed(1).build();
    List<ContainerInfo> containers = topology.applyTo(docker);

    Set<String> addresses = new HashSet<>();
    for (ContainerInfo c : containers) {
      int networks = 1 + topology.extraNetworks().get(c.name()).size();
      assertThat(c.networks()).hasSize(networks);
      c.networks().values().forEach(n -> assertThat(addresses.add(n.endpoint().orElseThrow()
          .ipv4Address().orElseThrow().address().toString())).isTrue());
    }
  }
  // end::domain[]

  @Property(tries = 100)
  void portSpecsAreAcceptedByDocker(@ForAll("portSpecs") String spec) {
    assertThat(dev.cnm.api.port.PortSpec.parse(spec)).isNotEmpty();
  }

  @Provide
  Arbitrary<String> portSpecs() {
    return CnmArbitraries.portSpecs();
  }

  @Property(tries = 50)
  @Domain(CnmDomain.class)
  void generatedSpecsAreAccepted(@ForAll NetworkSpec network, @ForAll dev.cnm.api.ContainerSpec container) {
    Engine docker = Cnm.builder().seed(1).build();
    docker.createNetwork(network);
    assertThat(docker.run(container).name()).isEqualTo(container.name().orElseThrow());
  }

  @Property(tries = 100)
  void namesAndAliasesHaveDockersShape(@ForAll("names") String name, @ForAll("aliases") String alias) {
    assertThat(name).matches("[a-zA-Z0-9][a-zA-Z0-9_.-]+");
    assertThat(alias).matches("[a-z]([a-z0-9-]*[a-z])?");
  }

  @Provide
  Arbitrary<String> names() {
    return CnmArbitraries.containerNames();
  }

  @Provide
  Arbitrary<String> aliases() {
    return CnmArbitraries.aliases();
  }
}
