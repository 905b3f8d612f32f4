package dev.cnm.testkit.guide;

import static dev.cnm.testkit.assertions.CnmAssertions.assertThat;
import static dev.cnm.testkit.assertions.CnmAssertions.assertThatEvents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.ContainerSpec;
import dev.cnm.api.EndpointSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.NetworkInfo;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.RemoveOption;
import dev.cnm.api.error.CnmException;
import dev.cnm.api.host.RuleTable;
import dev.cnm.api.port.PortSpec;
import dev.cnm.testkit.EngineSnapshot;
import dev.cnm.testkit.events.RecordingEngine;
import dev.cnm.testkit.faults.FaultInjector;
import dev.cnm.testkit.faults.SpiCall;
import dev.cnm.testkit.junit.CnmCluster;
import dev.cnm.testkit.junit.CnmTest;
import dev.cnm.testkit.junit.Seed;
import java.nio.charset.StandardCharsets;

/** The examples of docs/TESTING.md, run as tests ({@code TestingGuideTest} checks the guide quotes them verbatim). */
class GuideTest {

  // tag::first-test[]
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
  // end::first-test[]

  // tag::seed[]
  @CnmTest
  @Seed(42)
  void same_seed_same_ids(Engine docker) {
    String id = docker.createNetwork(NetworkSpec.of("dev")).id();
    Engine again = dev.cnm.core.Cnm.builder().seed(42).build();
    assertThat(again.createNetwork(NetworkSpec.of("dev")).id()).isEqualTo(id);
  }
  // end::seed[]

  // tag::failure-message[]
  @CnmTest
  void failures_show_the_model(Engine docker) {
    docker.run(ContainerSpec.builder().image("nginx").name("web").build());

    assertThatThrownBy(() -> assertThat(docker).hasContainer("web").isConnectedTo("dev"))
        .hasMessageContaining("Expecting an endpoint on dev but was:")
        .hasMessageContaining("bridge: address 172.17.0.2/16, gateway 172.17.0.1");
  }
  // end::failure-message[]

  // tag::fault[]
  @CnmTest
  void a_failed_join_leaves_nothing_behind(Engine docker, FaultInjector faults) {
    docker.createNetwork(NetworkSpec.of("dev"));
    docker.createContainer(ContainerSpec.builder().image("redis").name("db")
        .networkMode(NetworkMode.network("dev")).build());
    EngineSnapshot before = EngineSnapshot.of(docker, faults);

    faults.clearCalls();
    faults.failNth("bridge.join", 1);
    assertThatThrownBy(() -> docker.start("db")).isInstanceOf(CnmException.class)
        .hasMessageContaining("injected fault: bridge.join");

    assertThat(EngineSnapshot.of(docker, faults)).isEqualTo(before);
    assertThat(faults.calls()).extracting(SpiCall::qualifiedMethod).containsExactly(
        "ipam:default.requestAddress", "bridge.createEndpoint", "bridge.join",
        "bridge.deleteEndpoint", "ipam:default.releaseAddress");
  }
  // end::fault[]

  // tag::recording[]
  @CnmTest
  void records_what_the_engine_asked_the_driver(Engine docker, FaultInjector faults) {
    NetworkInfo dev = docker.createNetwork(NetworkSpec.of("dev"));

    SpiCall pool = faults.takeCall();
    assertThat(pool.qualifiedMethod()).isEqualTo("ipam:default.requestPool");
    assertThat(faults.takeCall().method()).isEqualTo("requestAddress");   // the gateway
    assertThat(faults.takeCall().qualifiedMethod()).isEqualTo("bridge.createNetwork");
    assertThat(faults.held()).contains("bridge network " + dev.id());
  }
  // end::recording[]

  // tag::rules[]
  @CnmTest
  void publishing_a_port_adds_a_dnat_rule(Engine docker, FaultInjector faults) {
    docker.run(ContainerSpec.builder().image("nginx").name("web").portBindings(PortSpec.parse("8080:80")).build());

    assertThat(faults.context("bridge").orElseThrow().rules())
        .hasChain(RuleTable.NAT, "DOCKER")
        .hasRule(RuleTable.NAT, "DOCKER", "! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80");
  }
  // end::rules[]

  // tag::events[]
  @CnmTest
  void events_come_in_dockers_order(RecordingEngine docker) {
    docker.createNetwork(NetworkSpec.of("dev"));
    docker.run(ContainerSpec.builder().image("nginx").name("web").networkMode(NetworkMode.network("dev")).build());
    docker.connect("bridge", "web", EndpointSpec.empty());
    docker.rename("web", "frontend");
    docker.removeContainer("frontend", RemoveOption.FORCE);

    assertThatEvents(docker).containsExactly(
        "network create dev",
        "image pull nginx",
        "container create web",
        "network connect dev",
        "container start web",
        "network connect bridge",
        "container rename frontend",
        "container kill frontend",
        "network disconnect dev",
        "network disconnect bridge",
        "container die frontend",
        "container destroy frontend");
    assertThat(docker.events().get(6).attribute("oldName")).isEqualTo("/web");
  }
  // end::events[]

  // tag::reach[]
  @CnmTest
  void web_reaches_db_but_not_the_cache(Engine docker) {
    docker.createNetwork(NetworkSpec.of("front"));
    docker.createNetwork(NetworkSpec.of("back"));
    docker.run(ContainerSpec.builder().image("nginx").name("web").networkMode(NetworkMode.network("front")).build());
    docker.run(ContainerSpec.builder().image("postgres").name("db").networkMode(NetworkMode.network("front")).build());
    docker.connect("back", "db", EndpointSpec.empty());
    docker.run(ContainerSpec.builder().image("redis").name("cache").networkMode(NetworkMode.network("back")).build());

    assertThat(docker).resolves("db").from("web").to("172.18.0.3")
        .resolves("db").from("cache").toAddressIn("172.19.0.0/16");
    assertThat(docker).hasContainer("web").canReach("db", 5432).cannotReach("cache", 6379).doesNotResolve("cache");
    assertThat(docker).hasContainer("db").canReach("cache", 6379);

    assertThatThrownBy(() -> assertThat(docker).hasContainer("web").canReach("cache", 6379))
        .hasMessageContaining("cache does not resolve from web: web and cache share no network:"
            + " web is on [front], cache is on [back]");
    assertThatThrownBy(() -> assertThat(docker).hasContainer("web").canReach("db", 6379))
        .hasMessageContaining("db does not listen on 6379/tcp");
  }
  // end::reach[]

  // tag::icc[]
  @CnmTest
  void with_icc_off_neighbours_cannot_talk(Engine docker) {
    docker.createNetwork(NetworkSpec.builder().name("quiet")
        .putOption("com.docker.network.bridge.enable_icc", "false").build());
    docker.run(ContainerSpec.builder().image("nginx").name("web").networkMode(NetworkMode.network("quiet")).build());
    docker.run(ContainerSpec.builder().image("alpine").tty(true).name("probe").networkMode(NetworkMode.network("quiet")).build());

    assertThatThrownBy(() -> assertThat(docker).hasContainer("probe").canReach("web", 80))
        .hasMessageContaining("inter-container communication is disabled on network quiet");
  }
  // end::icc[]

  // tag::cluster[]
  @CnmTest
  void three_hosts(CnmCluster cluster) {
    assertThat(cluster.size()).isEqualTo(3);
    cluster.engine(0).createNetwork(NetworkSpec.of("dev"));
    assertThat(cluster.engine(1)).doesNotHaveNetwork("dev");   // local scope: each host its own
  }
  // end::cluster[]

  // tag::overlay[]
  @CnmTest
  void an_overlay_network_spans_the_hosts(CnmCluster cluster) {
    cluster.engine(0).createNetwork(NetworkSpec.builder().name("ov").driver("overlay").attachable(true).build());
    cluster.engine(1).run(ContainerSpec.builder().image("nginx").name("web").networkMode(NetworkMode.network("ov")).build());
    cluster.engine(2).run(ContainerSpec.builder().image("redis").name("db").networkMode(NetworkMode.network("ov")).build());

    assertThat(cluster.engine(0)).hasNetwork("ov").hasSubnet("10.0.0.0/24").hasGateway("10.0.0.1");
    assertThat(cluster.engine(1)).hasContainer("web").isConnectedTo("ov").hasAddress("10.0.0.2");
    assertThat(cluster.engine(2)).hasContainer("db").isConnectedTo("ov").hasAddress("10.0.0.3");
    assertThatThrownBy(() -> cluster.engine(2).createNetwork(NetworkSpec.builder().name("ov").driver("overlay").build()))
        .hasMessage("network with name ov already exists");
  }
  // end::overlay[]

  // tag::cluster-faults[]
  @CnmTest
  void a_failed_join_on_one_host_leaves_the_cluster_as_it_was(CnmCluster cluster) {
    cluster.engine(0).createNetwork(NetworkSpec.builder().name("ov").driver("overlay").attachable(true).build());
    cluster.engine(1).createContainer(ContainerSpec.builder().image("redis").name("db")
        .networkMode(NetworkMode.network("ov")).build());
    EngineSnapshot before = EngineSnapshot.of(cluster.engine(1), cluster.faults(1));
    String stored = new String(cluster.store().get("network/ov").orElseThrow().value(), StandardCharsets.UTF_8);

    cluster.faults(1).failNth("overlay.join", 1);
    assertThatThrownBy(() -> cluster.engine(1).start("db")).hasMessageContaining("injected fault: overlay.join");

    assertThat(EngineSnapshot.of(cluster.engine(1), cluster.faults(1))).isEqualTo(before);
    assertThat(new String(cluster.store().get("network/ov").orElseThrow().value(), StandardCharsets.UTF_8))
        .isEqualTo(stored);   // no endpoint left behind in the cluster's view of ov
  }
  // end::cluster-faults[]
}
