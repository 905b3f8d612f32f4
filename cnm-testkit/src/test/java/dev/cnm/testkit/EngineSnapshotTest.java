package dev.cnm.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cnm.api.ContainerSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.port.PortSpec;
import dev.cnm.testkit.faults.FaultInjector;
import dev.cnm.testkit.junit.CnmTest;

class EngineSnapshotTest {

  @CnmTest
  void untouchedEngine_snapshotsEqual(Engine docker, FaultInjector faults) {
    assertThat(EngineSnapshot.of(docker, faults)).isEqualTo(EngineSnapshot.of(docker, faults));
    assertThat(EngineSnapshot.of(docker)).isEqualTo(EngineSnapshot.of(docker));
  }

  @CnmTest
  void aNewNetwork_showsInStateRulesInterfacesAndHeld(Engine docker, FaultInjector faults) {
    EngineSnapshot before = EngineSnapshot.of(docker, faults);
    docker.createNetwork(NetworkSpec.of("dev"));

    assertThat(EngineSnapshot.of(docker, faults).differences(before))
        .anyMatch(d -> d.startsWith("engine state:"))
        .anyMatch(d -> d.startsWith("rules:"))
        .anyMatch(d -> d.startsWith("interfaces:"))
        .anyMatch(d -> d.startsWith("held by drivers:"))
        .noneMatch(d -> d.startsWith("host ports:"));
  }

  @CnmTest
  void aPublishedPort_showsInHostPorts(Engine docker, FaultInjector faults) {
    docker.createContainer(ContainerSpec.builder().image("nginx").name("web").portBindings(PortSpec.parse("8080:80")).build());
    EngineSnapshot before = EngineSnapshot.of(docker, faults);
    docker.start("web");

    EngineSnapshot after = EngineSnapshot.of(docker, faults);
    assertThat(after.hostPorts()).contains("0.0.0.0:8080/tcp");
    assertThat(after.differences(before)).anyMatch(d -> d.startsWith("host ports: was [], now [0.0.0.0:8080/tcp"));
    assertThat(after).isNotEqualTo(before);
  }
}
