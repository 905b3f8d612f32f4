package dev.cnm.testkit.thirdparty;

import static dev.cnm.testkit.assertions.CnmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.error.NotFoundException;
import dev.cnm.api.error.SystemException;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.spi.IpamDriverProvider;
import dev.cnm.core.Cnm;
import dev.cnm.testkit.faults.FaultInjector;
import dev.cnm.testkit.faults.SpiCall;
import dev.cnm.testkit.junit.ClusterSize;
import dev.cnm.testkit.junit.CnmCluster;
import dev.cnm.testkit.junit.CnmDrivers;
import dev.cnm.testkit.junit.CnmTest;
import dev.cnm.testkit.junit.ExtraDrivers;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A third-party driver and IPAM driver, defined in this module's test sources and listed in its
 * META-INF/services, in the engines and clusters the extension injects: explicitly with
 * {@code @CnmDrivers}, through ServiceLoader discovery, and with {@link CnmCluster#create} outside
 * the extension.
 */
class CustomDriversInTestsTest {
  private static NetworkSpec vlan(String name) {
    return NetworkSpec.builder().name(name).driver(MacvlanLikeDriver.TYPE).ipamDriver(MacvlanLikeIpam.NAME)
        .putOption("parent", "eth0.10").build();
  }

  private static ContainerInfo runOn(Engine docker, String name, String network) {
    return docker.run(ContainerSpec.builder().image("alpine").tty(true).name(name)
        .networkMode(NetworkMode.network(network)).build());
  }

  @CnmTest
  void without_drivers_a_third_party_driver_is_plugin_not_found(Engine docker) {
    assertThatThrownBy(() -> docker.createNetwork(vlan("vlan10")))
        .isInstanceOf(NotFoundException.class).hasMessage("plugin \"macvlan-like\" not found");
  }

  @CnmTest
  @CnmDrivers(network = MacvlanLikeDriverProvider.class, ipam = MacvlanLikeIpamProvider.class)
  void explicit_drivers_join_the_injected_engine_wrapped_by_its_fault_injector(Engine docker, FaultInjector faults) {
    docker.createNetwork(vlan("vlan10"));
    runOn(docker, "web", "vlan10");

    assertThat(docker).hasContainer("web").isConnectedTo("vlan10").hasAddress("192.168.0.2");
    assertThat(faults.calls().stream().map(SpiCall::qualifiedMethod).collect(Collectors.toList()))
        .contains("macvlan-like.createNetwork", "ipam:macvlan-like-ipam.requestPool", "macvlan-like.join");
    assertThat(docker.createNetwork(NetworkSpec.of("dev")).driver()).isEqualTo("bridge");
  }

  @CnmTest
  @CnmDrivers(network = MacvlanLikeDriverProvider.class, ipam = MacvlanLikeIpamProvider.class)
  void a_fault_in_a_custom_driver_rolls_back_as_a_built_in_ones_does(Engine docker, FaultInjector faults) {
    docker.createNetwork(vlan("vlan10"));
    var held = faults.held();
    faults.failNth("macvlan-like.join", 1);

    assertThatThrownBy(() -> runOn(docker, "web", "vlan10")).isInstanceOf(SystemException.class);
    assertThat(faults.held()).isEqualTo(held);
  }

  @CnmTest
  @CnmDrivers(discover = true)
  void discovered_drivers_join_the_injected_engine(Engine docker, FaultInjector faults) {
    docker.createNetwork(vlan("vlan10"));
    runOn(docker, "web", "vlan10");

    assertThat(docker).hasContainer("web").isConnectedTo("vlan10").hasAddress("192.168.0.2");
    assertThat(faults.calls()).extracting(SpiCall::qualifiedMethod).contains("macvlan-like.join");
  }

  @CnmTest
  @CnmDrivers(discover = true)
  @ClusterSize(2)
  void every_engine_of_an_injected_cluster_gets_its_own_drivers(CnmCluster cluster) {
    for (Engine e : cluster.engines()) {
      e.createNetwork(vlan("vlan10"));
      runOn(e, "web", "vlan10");
      assertThat(e).hasContainer("web").isConnectedTo("vlan10").hasAddress("192.168.0.2");
    }
    assertThat(cluster.faults(1).calls()).extracting(SpiCall::qualifiedMethod).contains("macvlan-like.join");
    assertThat(cluster.engine(0).createNetwork(NetworkSpec.builder().name("ov").driver("overlay").build()).driver())
        .isEqualTo("overlay");
  }

  @Test
  void a_cluster_built_outside_the_extension_takes_the_same_drivers() {
    CnmCluster cluster = CnmCluster.create(2, 9L, ExtraDrivers.builder()
        .network(new MacvlanLikeDriverProvider())
        .ipam(IpamDriverProvider.of(MacvlanLikeIpam.NAME, MacvlanLikeIpam::new))
        .build());

    cluster.engine(1).createNetwork(vlan("vlan10"));
    assertThat(runOn(cluster.engine(1), "web", "vlan10").endpoint("vlan10").orElseThrow().ipv4Address())
        .contains(Subnet.parse("192.168.0.2/24"));
    assertThat(cluster.faults(1).calls()).extracting(SpiCall::qualifiedMethod).contains("macvlan-like.createNetwork");
    assertThat(cluster.faults(0).calls()).isEmpty();
  }

  @Test
  void an_ipam_provider_naming_a_driver_otherwise_is_refused() {
    ExtraDrivers wrong = ExtraDrivers.builder().ipam(IpamDriverProvider.of("corp", MacvlanLikeIpam::new)).build();

    assertThatThrownBy(() -> CnmCluster.create(1, 1L, wrong)).isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("the IPAM driver provider \"corp\"").hasMessageContaining("made a driver named \"macvlan-like-ipam\"");
  }

  @Test
  void the_engine_builder_discovers_ipam_drivers_too() {
    Engine discovered = Cnm.builder().seed(6).driversFromServiceLoader().ipamDriversFromServiceLoader().build();

    discovered.createNetwork(vlan("vlan10"));
    assertThat(runOn(discovered, "web", "vlan10").endpoint("vlan10").orElseThrow().ipv4Address())
        .contains(Subnet.parse("192.168.0.2/24"));
    assertThat(List.of(discovered.network("vlan10").ipamDriver())).containsExactly(MacvlanLikeIpam.NAME);
  }
}
