package dev.cnm.testkit.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.NetworkInfo;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.error.SystemException;
import dev.cnm.core.Cnm;
import dev.cnm.core.store.InMemoryGlobalStore;
import dev.cnm.drivers.bridge.BridgeDriverProvider;
import dev.cnm.drivers.host.HostDriverProvider;
import dev.cnm.drivers.none.NullDriverProvider;
import dev.cnm.drivers.overlay.OverlayDriverProvider;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Failures while adding the docker_gwbridge endpoint: libnetwork's wrapping ({@code container
 * <id>: endpoint create|join on GW Network failed: ...}) under the daemon's, and a rollback that
 * leaves no endpoint, no driver state and no docker_gwbridge network behind.
 */
class GatewayBridgeFaultTest {
  private final FaultInjector faults = FaultInjector.create();
  private Engine docker;
  private String id;
  private List<NetworkInfo> networksBefore;
  private List<String> heldBefore;

  @BeforeEach
  void setUp() {
    InMemoryGlobalStore store = InMemoryGlobalStore.create();
    docker = Cnm.builder().seed(9)
        .driver(faults.wrap(new BridgeDriverProvider())).driver(new HostDriverProvider())
        .driver(new NullDriverProvider()).driver(faults.wrap(new OverlayDriverProvider()))
        .globalStore(store).build();
    docker.createNetwork(NetworkSpec.builder().name("ov").driver("overlay").build());
    ContainerInfo c = docker.createContainer(ContainerSpec.builder().image("nginx").name("web")
        .networkMode(NetworkMode.network("ov")).build());
    id = c.id();
    networksBefore = docker.networks();
    heldBefore = faults.held();
  }

  private void assertNothingChanged() {
    assertThat(docker.networks()).isEqualTo(networksBefore);
    assertThat(faults.held()).isEqualTo(heldBefore);
    assertThat(docker.container("web").isRunning()).isFalse();
  }

  @Test
  void the_gateway_endpoints_creation_fails_wrapped_as_libnetwork_does() {
    faults.failNth("bridge.createEndpoint", 1);
    assertThatThrownBy(() -> docker.start("web"))
        .isInstanceOf(SystemException.class)
        .hasMessageMatching("failed to set up container networking: container " + id
            + ": endpoint create on GW Network failed: failed to create endpoint gateway_" + id.substring(0, 12)
            + " on network docker_gwbridge: injected fault: bridge\\.createEndpoint \\(call #\\d+\\)");
    assertNothingChanged();
  }

  @Test
  void the_gateway_endpoints_join_fails_wrapped_as_libnetwork_does() {
    faults.failNth("bridge.join", 1);
    assertThatThrownBy(() -> docker.start("web"))
        .isInstanceOf(SystemException.class)
        .hasMessageMatching("failed to set up container networking: container " + id
            + ": endpoint join on GW Network failed: injected fault: bridge\\.join \\(call #\\d+\\)");
    assertNothingChanged();
  }

  @Test
  void the_gateway_endpoints_external_connectivity_fails_wrapped_in_both() {
    faults.failNth("bridge.programExternalConnectivity", 1);
    assertThatThrownBy(() -> docker.start("web"))
        .isInstanceOf(SystemException.class)
        .hasMessageStartingWith("failed to set up container networking: container " + id
            + ": endpoint join on GW Network failed: driver failed programming external connectivity on endpoint gateway_"
            + id.substring(0, 12) + " (");
    assertNothingChanged();
    // Once the fault is gone, the start works and the calls follow libnetwork's order.
    faults.clearCalls();
    docker.start("web");
    assertThat(faults.calls()).extracting(SpiCall::qualifiedMethod).containsExactly(
        "overlay.createEndpoint", "overlay.join",
        "bridge.createNetwork", "bridge.createEndpoint", "bridge.join", "bridge.programExternalConnectivity");
  }
}
