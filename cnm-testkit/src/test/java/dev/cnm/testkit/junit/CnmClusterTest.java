package dev.cnm.testkit.junit;

import static dev.cnm.testkit.assertions.CnmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.ContainerSpec;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.Scope;
import dev.cnm.api.error.CnmException;
import dev.cnm.testkit.EngineSnapshot;
import dev.cnm.testkit.faults.SpiCall;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The injected cluster is a real one: overlay networks span its engines through the shared store. */
@Seed(5)
class CnmClusterTest {

  @CnmTest
  void an_overlay_network_spans_the_engines_with_addresses_that_never_collide(CnmCluster cluster) {
    cluster.engine(0).createNetwork(NetworkSpec.builder().name("ov").driver("overlay").build());
    for (int i = 0; i < 3; i++) {
      cluster.engine(i).run(ContainerSpec.builder().image("alpine").tty(true).name("app" + i)
          .addExposedPorts(dev.cnm.api.port.ExposedPort.tcp(80)).networkMode(NetworkMode.network("ov")).build());
    }

    assertThat(cluster.engine(2).network("ov").scope()).isEqualTo(Scope.GLOBAL);
    assertThat(cluster.engine(0)).hasContainer("app0").isConnectedTo("ov").hasAddress("10.0.0.2");
    assertThat(cluster.engine(1)).hasContainer("app1").isConnectedTo("ov").hasAddress("10.0.0.3");
    assertThat(cluster.engine(2)).hasContainer("app2").isConnectedTo("ov").hasAddress("10.0.0.4");
    assertThat(cluster.store().list("").entries().stream().map(v -> v.key()).collect(Collectors.toList()))
        .contains("network/ov");
    assertThatThrownBy(() -> cluster.engine(1).createNetwork(NetworkSpec.builder().name("ov").driver("overlay").build()))
        .hasMessage("network with name ov already exists");
    assertThat(cluster.engine(0)).hasContainer("app0").canReach("10.0.0.1", 80);
    // other hosts' containers resolve and answer, by name and by address
    assertThat(cluster.engine(0)).resolves("app2").from("app0").to("10.0.0.4");
    assertThat(cluster.engine(0)).hasContainer("app0").canReach("app1", 80).canReach("10.0.0.3", 80);
    // another host's container listens on the ports it exposes there, as a local one does
    assertThat(cluster.engine(0)).hasContainer("app0").cannotReach("app2", 81);
    assertThatThrownBy(() -> assertThat(cluster.engine(0)).hasContainer("app0").canReach("app2", 81))
        .hasMessageContaining("app2 on ov of host-2 (another host of the cluster) and answers ping, but app2 does"
            + " not listen on 81/tcp")
        .hasMessageContaining("app2 exposes [80/tcp]");
    assertThatThrownBy(() -> assertThat(cluster.engine(0)).hasContainer("app0").canReach("10.0.0.9", 80))
        .hasMessageContaining("10.0.0.9 is not an endpoint of any host on global network ov");
    cluster.engine(1).stop("app1");
    assertThatThrownBy(() -> assertThat(cluster.engine(0)).hasContainer("app0").canReach("app1", 80))
        .hasMessageContaining("app1 does not resolve from app0");
  }

  @CnmTest
  void each_engine_has_its_own_injector_recording_overlay_and_store_backed_ipam_calls(CnmCluster cluster) {
    cluster.engine(0).createNetwork(NetworkSpec.builder().name("ov").driver("overlay").build());
    cluster.engine(1).createContainer(ContainerSpec.builder().image("alpine").tty(true).name("app")
        .networkMode(NetworkMode.network("ov")).build());
    EngineSnapshot before = EngineSnapshot.of(cluster.engine(1), cluster.faults(1));

    cluster.faults(1).failNth("overlay.join", 1);
    assertThatThrownBy(() -> cluster.engine(1).start("app")).isInstanceOf(CnmException.class)
        .hasMessageContaining("injected fault: overlay.join");

    assertThat(EngineSnapshot.of(cluster.engine(1), cluster.faults(1))).isEqualTo(before);
    assertThat(cluster.faults(0).calls()).extracting(SpiCall::qualifiedMethod)
        .containsExactly("ipam:default.requestPool", "ipam:default.requestAddress", "overlay.createNetwork");
    assertThat(cluster.faults(2).calls()).isEmpty();
  }

  @Test
  void create_builds_one_outside_the_extension() {
    CnmCluster cluster = CnmCluster.create(2, 40);
    assertThat(cluster.size()).isEqualTo(2);
    assertThat(cluster.seed()).isEqualTo(40);
    assertThatThrownBy(() -> CnmCluster.create(0, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a cluster has at least one engine: 0");
  }
}
