package dev.cnm.drivers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.EndpointSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.RemoveOption;
import dev.cnm.api.error.ConflictException;
import dev.cnm.api.error.SystemException;
import dev.cnm.api.port.ExposedPort;
import dev.cnm.api.port.PortSpec;
import dev.cnm.api.port.PublishedPort;
import dev.cnm.api.spi.DaemonSettings;
import dev.cnm.api.spi.DriverCapability;
import dev.cnm.api.spi.DriverContext;
import dev.cnm.api.spi.EndpointCreateRequest;
import dev.cnm.api.spi.EndpointInterface;
import dev.cnm.api.spi.ExternalConnectivityRequest;
import dev.cnm.api.spi.JoinInfo;
import dev.cnm.api.spi.JoinRequest;
import dev.cnm.api.spi.NetworkCreateRequest;
import dev.cnm.api.spi.NetworkDriver;
import dev.cnm.api.spi.NetworkDriverProvider;
import dev.cnm.core.Cnm;
import dev.cnm.core.EngineConfiguration;
import dev.cnm.drivers.bridge.BridgeDriverProvider;
import dev.cnm.drivers.host.HostDriverProvider;
import dev.cnm.drivers.none.NullDriverProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Engine behaviour that needs the real bridge driver: legacy links on a daemon with ICC off,
 * internal networks and the gateway, and {@code container:} mode when the target stops.
 */
class EngineModesTest {
  private final AtomicReference<DriverContext> context = new AtomicReference<>();

  private Engine engine(boolean icc) {
    BridgeDriverProvider bridge = new BridgeDriverProvider();
    return Cnm.builder().seed(11)
        .configuration(EngineConfiguration.builder().daemon(DaemonSettings.builder().icc(icc).build()).build())
        .driver(NetworkDriverProvider.of("bridge", ctx -> {
          context.set(ctx);
          return bridge.create(ctx);
        }))
        .driver(new HostDriverProvider()).driver(new NullDriverProvider())
        .build();
  }

  private String rules() {
    return context.get().rules().save();
  }

  private static String ip(ContainerInfo c, String network) {
    return c.endpoint(network).orElseThrow().ipv4Address().orElseThrow().address().toString();
  }

  // ---- legacy links with --icc=false ----

  @Test
  void with_icc_off_a_link_accepts_the_parents_traffic_to_the_childs_exposed_ports_until_either_stops() {
    Engine docker = engine(false);
    String noLinks = rules();
    ContainerInfo db = docker.run(ContainerSpec.builder().image("alpine").tty(true).name("db")
        .addExposedPorts(ExposedPort.tcp(5432)).build());
    ContainerInfo web = docker.run(ContainerSpec.builder().image("alpine").tty(true).name("web").addLinks("db:db").build());
    String accept = "-A DOCKER -s " + ip(web, "bridge") + "/32 -d " + ip(db, "bridge")
        + "/32 -i docker0 -o docker0 -p tcp -m tcp --dport 5432 -j ACCEPT";
    String back = "-A DOCKER -s " + ip(db, "bridge") + "/32 -d " + ip(web, "bridge")
        + "/32 -i docker0 -o docker0 -p tcp -m tcp --sport 5432 -j ACCEPT";
    assertThat(rules()).contains(accept, back).contains("-A FORWARD -i docker0 -o docker0 -j DROP");

    docker.stop("web");
    assertThat(rules()).doesNotContain(accept, back);
    docker.start("web");
    assertThat(rules()).contains(accept, back);

    docker.removeContainer("web", RemoveOption.FORCE);
    docker.removeContainer("db", RemoveOption.FORCE);
    assertThat(rules()).isEqualTo(noLinks);
  }

  @Test
  void the_default_bridge_join_carries_the_links_endpoints_parents_and_children() {
    List<JoinRequest> joins = new ArrayList<>();
    BridgeDriverProvider bridge = new BridgeDriverProvider();
    Engine docker = Cnm.builder().seed(11)
        .driver(NetworkDriverProvider.of("bridge", ctx -> new Recording(bridge.create(ctx), joins)))
        .driver(new HostDriverProvider()).driver(new NullDriverProvider())
        .build();
    docker.createNetwork(NetworkSpec.of("dev"));
    ContainerInfo db = docker.run(ContainerSpec.builder().image("alpine").tty(true).name("db").build());
    ContainerInfo web = docker.run(ContainerSpec.builder().image("alpine").tty(true).name("web").addLinks("db:db").build());
    String dbEp = db.endpoint("bridge").orElseThrow().id();
    String webEp = web.endpoint("bridge").orElseThrow().id();
    assertThat(joins.get(0).options()).isEmpty();
    assertThat(joins.get(1).options()).containsExactly(Map.entry(BridgeDriverProvider.JOIN_CHILD_ENDPOINTS, dbEp));

    // The child restarting while its parent runs gets the parent's endpoint; other networks get nothing.
    docker.stop("db");
    db = docker.start("db");
    docker.connect("dev", "web", EndpointSpec.empty());
    assertThat(joins.get(2).endpointId()).isEqualTo(db.endpoint("bridge").orElseThrow().id());
    assertThat(joins.get(2).options()).containsExactly(Map.entry(BridgeDriverProvider.JOIN_PARENT_ENDPOINTS, webEp));
    assertThat(joins.get(3).options()).isEmpty();
  }

  /** Delegates to a driver and records its joins. */
  private static final class Recording implements NetworkDriver {
    private final NetworkDriver d;
    private final List<JoinRequest> joins;

    Recording(NetworkDriver d, List<JoinRequest> joins) {
      this.d = d;
      this.joins = joins;
    }

    @Override
    public String type() {
      return d.type();
    }

    @Override
    public DriverCapability capability() {
      return d.capability();
    }

    @Override
    public void createNetwork(NetworkCreateRequest request) {
      d.createNetwork(request);
    }

    @Override
    public void deleteNetwork(String networkId) {
      d.deleteNetwork(networkId);
    }

    @Override
    public EndpointInterface createEndpoint(EndpointCreateRequest request) {
      return d.createEndpoint(request);
    }

    @Override
    public void deleteEndpoint(String networkId, String endpointId) {
      d.deleteEndpoint(networkId, endpointId);
    }

    @Override
    public JoinInfo join(JoinRequest request) {
      joins.add(request);
      return d.join(request);
    }

    @Override
    public void leave(String networkId, String endpointId) {
      d.leave(networkId, endpointId);
    }

    @Override
    public List<PublishedPort> programExternalConnectivity(ExternalConnectivityRequest request) {
      return d.programExternalConnectivity(request);
    }

    @Override
    public void revokeExternalConnectivity(String networkId, String endpointId) {
      d.revokeExternalConnectivity(networkId, endpointId);
    }
  }

  @Test
  void with_icc_on_links_program_no_rules() {
    Engine docker = engine(true);
    docker.run(ContainerSpec.builder().image("alpine").tty(true).name("db").addExposedPorts(ExposedPort.tcp(5432)).build());
    String before = rules();
    docker.run(ContainerSpec.builder().image("alpine").tty(true).name("web").addLinks("db:db").build());
    assertThat(rules()).isEqualTo(before);
  }

  // ---- internal networks ----

  @Test
  void an_internal_bridge_network_offers_no_gateway_no_default_route_and_publishes_nothing() {
    Engine docker = engine(true);
    docker.createNetwork(NetworkSpec.builder().name("back").internal(true).build());
    ContainerInfo c = docker.run(ContainerSpec.builder().image("nginx").name("c1")
        .networkMode(NetworkMode.network("back")).portBindings(PortSpec.parse("8080:80")).build());
    assertThat(c.endpoint("back").orElseThrow().gateway()).isEmpty();
    assertThat(c.ports()).isEmpty();
    assertThat(docker.exec("c1", List.of("ip", "route")).stdout()).doesNotContain("default");
    assertThat(docker.networks()).extracting(n -> n.name()).doesNotContain("docker_gwbridge");
  }

  @Test
  void an_internal_network_is_never_the_gateway_endpoint_even_when_it_sorts_first_by_name() {
    Engine docker = engine(true);
    docker.createNetwork(NetworkSpec.builder().name("aaa-internal").internal(true).build());
    docker.createNetwork(NetworkSpec.of("zzz-public"));
    ContainerInfo c = docker.run(ContainerSpec.builder().image("nginx").name("c1")
        .networkMode(NetworkMode.network("aaa-internal")).portBindings(PortSpec.parse("8080:80")).build());
    assertThat(c.ports()).isEmpty();
    c = docker.connect("zzz-public", "c1", EndpointSpec.empty());
    assertThat(c.ports()).extracting(PublishedPort::portLine).contains("80/tcp -> 0.0.0.0:8080");
    String gw = c.endpoint("zzz-public").orElseThrow().gateway().orElseThrow().toString();
    assertThat(docker.exec("c1", List.of("ip", "route")).stdout()).startsWith("default via " + gw + " dev eth1 \n");
    // Leaving the public network leaves the container without a default route again.
    c = docker.disconnect("zzz-public", "c1");
    assertThat(c.ports()).isEmpty();
    assertThat(docker.exec("c1", List.of("ip", "route")).stdout()).doesNotContain("default");
  }

  // ---- container: mode ----

  @Test
  void when_the_target_stops_the_sharer_keeps_running_with_loopback_only_even_after_the_target_restarts() {
    Engine docker = engine(true);
    docker.run(ContainerSpec.builder().image("nginx").name("app").portBindings(PortSpec.parse("8080:80")).build());
    docker.run(ContainerSpec.builder().image("alpine").tty(true).name("sidecar").networkMode(NetworkMode.container("app")).build());
    assertThat(docker.exec("sidecar", List.of("ip", "addr")).stdout()).contains("eth0");

    docker.stop("app");
    ContainerInfo sidecar = docker.container("sidecar");
    assertThat(sidecar.isRunning()).isTrue();
    assertThat(sidecar.networks()).isEmpty();
    assertThat(sidecar.ports()).isEmpty();
    String ipAddr = docker.exec("sidecar", List.of("ip", "addr")).stdout();
    assertThat(ipAddr).contains("1: lo:").doesNotContain("eth0");
    assertThat(docker.exec("sidecar", List.of("ip", "route")).stdout()).isEmpty();

    // The target's new sandbox is a new namespace: the sharer stays in the emptied one.
    docker.start("app");
    assertThat(docker.exec("sidecar", List.of("ip", "addr")).stdout()).isEqualTo(ipAddr);
    // Restarting the sharer joins the target's current namespace.
    docker.restart("sidecar");
    assertThat(docker.exec("sidecar", List.of("ip", "addr")).stdout()).contains("eth0");
  }

  @Test
  void a_sharer_restarted_while_the_target_is_stopped_fails_with_dockers_conflict() {
    Engine docker = engine(true);
    docker.run(ContainerSpec.builder().image("nginx").name("app").build());
    docker.run(ContainerSpec.builder().image("alpine").tty(true).name("sidecar").networkMode(NetworkMode.container("app")).build());
    docker.stop("app");
    // moby daemon/restart.go: fmt.Errorf("Cannot restart container %s: %v"), which drops the
    // conflict's class: the API answers 500
    assertThatThrownBy(() -> docker.restart("sidecar"))
        .isInstanceOf(SystemException.class)
        .hasMessage("Cannot restart container sidecar: cannot join network namespace of a non running container: "
            + "container app is exited")
        .hasCauseInstanceOf(ConflictException.class);
    assertThat(docker.container("sidecar").isRunning()).isFalse();
  }
}
