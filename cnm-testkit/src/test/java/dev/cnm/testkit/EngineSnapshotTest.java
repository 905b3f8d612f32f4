package dev.cnm.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.cnm.api.ContainerSpec;
import dev.cnm.api.EndpointSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.IpamPoolSpec;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.RemoveOption;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.port.PortSpec;
import dev.cnm.core.Cnm;
import dev.cnm.testkit.assertions.CnmAssertions;
import dev.cnm.testkit.faults.FaultInjector;
import dev.cnm.testkit.junit.CnmTest;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineSnapshotTest {

  @CnmTest
  void untouched_engine_snapshots_equal(Engine docker, FaultInjector faults) {
    assertThat(EngineSnapshot.of(docker, faults)).isEqualTo(EngineSnapshot.of(docker, faults));
    assertThat(EngineSnapshot.of(docker)).isEqualTo(EngineSnapshot.of(docker));
  }

  @CnmTest
  void a_new_network_shows_in_state_rules_interfaces_and_held(Engine docker, FaultInjector faults) {
    EngineSnapshot before = EngineSnapshot.of(docker, faults);
    docker.createNetwork(NetworkSpec.of("dev"));

    assertThat(EngineSnapshot.of(docker, faults).differences(before))
        .anyMatch(d -> d.startsWith("engine state: added networks[dev]: {"))
        .anyMatch(d -> d.startsWith("rules:"))
        .anyMatch(d -> d.startsWith("interfaces:"))
        .anyMatch(d -> d.startsWith("held by drivers:"))
        .noneMatch(d -> d.startsWith("host ports:"));
  }

  @CnmTest
  void a_published_port_shows_in_host_ports(Engine docker, FaultInjector faults) {
    docker.createContainer(ContainerSpec.builder().image("nginx").name("web").portBindings(PortSpec.parse("8080:80")).build());
    EngineSnapshot before = EngineSnapshot.of(docker, faults);
    docker.start("web");

    EngineSnapshot after = EngineSnapshot.of(docker, faults);
    assertThat(after.hostPorts()).contains("0.0.0.0:8080/tcp");
    assertThat(after.differences(before)).contains("host ports: added 0.0.0.0:8080/tcp", "host ports: added [::]:8080/tcp");
    assertThat(after).isNotEqualTo(before);
  }

  private static Engine withWeb(String ip) {
    Engine docker = Cnm.builder().seed(3).build();
    docker.createNetwork(NetworkSpec.builder().name("dev").addIpamConfig(IpamPoolSpec.ofSubnet(Subnet.parse("10.9.0.0/24"))).build());
    docker.run(ContainerSpec.builder().image("nginx").name("web").network("dev")
        .putEndpoint("dev", EndpointSpec.builder().ipv4Address(IpAddress.parse(ip)).build()).build());
    return docker;
  }

  @Test
  void one_address_apart_gives_a_short_message_naming_the_paths() {
    EngineSnapshot was = EngineSnapshot.of(withWeb("10.9.0.5"));
    EngineSnapshot now = EngineSnapshot.of(withWeb("10.9.0.6"));

    assertThat(now.differences(was)).containsExactly(
        "engine state: changed containers[web].spec.endpoints.dev.ipv4Address: \"10.9.0.5\" -> \"10.9.0.6\"",
        "engine state: changed containers[web].attachments[dev].settings.ipv4Address: \"10.9.0.5\" -> \"10.9.0.6\"",
        "engine state: changed containers[web].endpoints[dev].ipv4: \"10.9.0.5\" -> \"10.9.0.6\"");
    Throwable failure = catchThrowable(() -> CnmAssertions.assertThat(now).isEqualTo(was));
    assertThat(failure).isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting the engine unchanged, but 3 things differ (before -> now):")
        .hasMessageContaining("containers[web].endpoints[dev].ipv4: \"10.9.0.5\" -> \"10.9.0.6\"");
    assertThat(failure.getMessage().lines().count()).isLessThan(10);
    assertThat(now.toString()).isEqualTo("EngineSnapshot{networks=[none, host, bridge, dev], containers=[web], "
        + "hostPorts=[], rules=0 lines, interfaces=0, held=0}");
    CnmAssertions.assertThat(now).isEqualTo(EngineSnapshot.of(withWeb("10.9.0.6"))).hasChangedSince(was);
  }

  @Test
  void reordered_and_removed_entries_are_named() {
    EngineSnapshot was = EngineSnapshot.of(withWeb("10.9.0.5"));
    Engine docker = withWeb("10.9.0.5");
    docker.removeContainer("web", RemoveOption.FORCE);

    List<String> d = EngineSnapshot.of(docker).differences(was);

    assertThat(d).singleElement().asString().startsWith("engine state: removed containers[web]: {\"id\":\"");
    assertThat(d.get(0).length()).isLessThan(200);
  }
}
