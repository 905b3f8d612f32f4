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
  void any_user_subnet_is_kept_as_given(@ForAll("subnets") Subnet subnet) {
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
  void every_container_of_a_topology_gets_one_unique_address_per_network(@ForAll Topology topology) {
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
  void port_specs_are_accepted_by_docker(@ForAll("portSpecs") String spec) {
    assertThat(dev.cnm.api.port.PortSpec.parse(spec)).isNotEmpty();
  }

  @Provide
  Arbitrary<String> portSpecs() {
    return CnmArbitraries.portSpecs();
  }

  @Property(tries = 50)
  @Domain(CnmDomain.class)
  void generated_specs_are_accepted(@ForAll NetworkSpec network, @ForAll dev.cnm.api.ContainerSpec container) {
    Engine docker = Cnm.builder().seed(1).build();
    docker.createNetwork(network);
    assertThat(docker.run(container).name()).isEqualTo(container.name().orElseThrow());
  }

  @Property(tries = 100)
  void names_and_aliases_have_dockers_shape(@ForAll("names") String name, @ForAll("aliases") String alias) {
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
