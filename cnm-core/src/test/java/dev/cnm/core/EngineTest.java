package dev.cnm.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.ContainerStatus;
import dev.cnm.api.EndpointInfo;
import dev.cnm.api.EndpointSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.IpamPoolSpec;
import dev.cnm.api.NetworkInfo;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.RemoveOption;
import dev.cnm.api.error.ConflictException;
import dev.cnm.api.error.ErrorKind;
import dev.cnm.api.error.ForbiddenException;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.error.NotFoundException;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.port.PortSpec;
import dev.cnm.api.port.PublishedPort;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EngineTest {
  private Engine engine;

  @BeforeEach
  void setUp() {
    engine = TestDrivers.builder(42).build();
  }

  private ContainerInfo runOn(String network, String name) {
    return engine.run(ContainerSpec.builder().image("alpine").tty(true).name(name).networkMode(NetworkMode.network(network)).build());
  }

  private static String ipOf(ContainerInfo c, String network) {
    return c.endpoint(network).orElseThrow().ipv4Address().orElseThrow().address().toString();
  }

  @Test
  void predefined_networks_have_docker_defaults() {
    assertThat(engine.networks()).extracting(NetworkInfo::name).containsExactly("none", "host", "bridge");
    NetworkInfo bridge = engine.network("bridge");
    assertThat(bridge.driver()).isEqualTo("bridge");
    assertThat(bridge.ipamConfigs()).singleElement().satisfies(p -> {
      assertThat(p.subnet()).hasToString("172.17.0.0/16");
      assertThat(p.gateway()).contains(IpAddress.parse("172.17.0.1"));
    });
    assertThat(bridge.options()).containsEntry("com.docker.network.bridge.name", "docker0")
        .containsEntry("com.docker.network.bridge.default_bridge", "true")
        .containsEntry("com.docker.network.driver.mtu", "1500");
    assertThat(engine.network("host").ipamConfigs()).isEmpty();
    assertThat(engine.network("none").driver()).isEqualTo("null");
  }

  @Test
  void create_network_takes_lowest_free_predefined_pool() {
    NetworkInfo dev = engine.createNetwork(NetworkSpec.of("dev"));
    NetworkInfo prod = engine.createNetwork(NetworkSpec.of("prod"));
    assertThat(dev.ipamConfigs().get(0).subnet()).hasToString("172.18.0.0/16");
    assertThat(dev.ipamConfigs().get(0).gateway()).contains(IpAddress.parse("172.18.0.1"));
    assertThat(prod.ipamConfigs().get(0).subnet()).hasToString("172.19.0.0/16");
    engine.removeNetwork("dev");
    assertThat(engine.createNetwork(NetworkSpec.of("qa")).ipamConfigs().get(0).subnet()).hasToString("172.18.0.0/16");
  }

  @Test
  void create_network_refuses_duplicates_and_predefined_names() {
    engine.createNetwork(NetworkSpec.of("dev"));
    assertThatThrownBy(() -> engine.createNetwork(NetworkSpec.of("dev")))
        .isInstanceOf(ConflictException.class).hasMessage("network with name dev already exists");
    assertThatThrownBy(() -> engine.createNetwork(NetworkSpec.of("bridge")))
        .isInstanceOf(ForbiddenException.class).hasMessage("bridge is a pre-defined network and cannot be created");
    assertThatThrownBy(() -> engine.removeNetwork("host"))
        .isInstanceOf(ForbiddenException.class).hasMessage("host is a pre-defined network and cannot be removed");
    assertThatThrownBy(() -> engine.createNetwork(NetworkSpec.builder().name("x").driver("nosuch").build()))
        .isInstanceOf(NotFoundException.class).hasMessage("plugin \"nosuch\" not found");
  }

  @Test
  void create_network_validates_ipam_config_up_front() {
    NetworkSpec bad = NetworkSpec.builder().name("bad")
        .addIpamConfig(IpamPoolSpec.builder()
            .subnet(Subnet.parse("10.1.2.3/16"))
            .gateway(IpAddress.parse("10.2.0.1"))
            .build())
        .build();
    assertThatThrownBy(() -> engine.createNetwork(bad))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("invalid network config:\ninvalid subnet 10.1.2.3/16: it should be 10.1.0.0/16\n"
            + "invalid gateway 10.2.0.1: parent subnet 10.1.2.3/16 doesn't contain this address");
    assertThat(engine.findNetwork("bad")).isEmpty();
  }

  @Test
  void user_subnet_gateway_and_ip_range() {
    NetworkInfo n = engine.createNetwork(NetworkSpec.builder().name("custom")
        .addIpamConfig(IpamPoolSpec.builder()
            .subnet(Subnet.parse("10.10.0.0/16"))
            .ipRange(Subnet.parse("10.10.5.0/24"))
            .build())
        .build());
    // Docker's quirk: without --gateway the gateway is the first free address of the ip-range,
    // whose first ordinal is not reserved (only the master pool's network and broadcast are).
    assertThat(n.ipamConfigs().get(0).gateway()).contains(IpAddress.parse("10.10.5.0"));
    ContainerInfo c = runOn("custom", "web");
    assertThat(ipOf(c, "custom")).isEqualTo("10.10.5.1");
  }

  @Test
  void containers_get_addresses_only_while_running_and_reuse_lowest_free() {
    engine.createNetwork(NetworkSpec.of("dev"));
    ContainerInfo a = runOn("dev", "c1");
    ContainerInfo b = runOn("dev", "c2");
    assertThat(ipOf(a, "dev")).isEqualTo("172.18.0.2");
    assertThat(ipOf(b, "dev")).isEqualTo("172.18.0.3");
    ContainerInfo stopped = engine.stop("c1");
    assertThat(stopped.status()).isEqualTo(ContainerStatus.EXITED);
    assertThat(stopped.networks().get("dev").endpoint()).isEmpty();
    assertThat(engine.network("dev").endpoints()).extracting(EndpointInfo::name).containsExactly("c2");
    ContainerInfo c = runOn("dev", "c3");
    assertThat(ipOf(c, "dev")).isEqualTo("172.18.0.2");
    assertThat(ipOf(engine.start("c1"), "dev")).isEqualTo("172.18.0.4");
  }

  @Test
  void dns_names_follow_docker28() {
    engine.createNetwork(NetworkSpec.of("prod"));
    ContainerInfo c = engine.run(ContainerSpec.builder().image("elasticsearch").name("es")
        .networkMode(NetworkMode.network("prod"))
        .putEndpoint("prod", EndpointSpec.builder().addAlias("search").build())
        .build());
    assertThat(c.endpoint("prod").orElseThrow().dnsNames()).containsExactly("es", "search", c.shortId());
    ContainerInfo onBridge = engine.run(ContainerSpec.builder().image("alpine").tty(true).name("plain").build());
    assertThat(onBridge.endpoint("bridge").orElseThrow().dnsNames()).isEmpty();
    assertThat(ipOf(onBridge, "bridge")).isEqualTo("172.17.0.2");
  }

  @Test
  void names_follow_docker_rules() {
    ContainerInfo first = engine.createContainer(ContainerSpec.builder().image("jpetazzo/clock").name("ticktock").build());
    assertThatThrownBy(() -> engine.createContainer(ContainerSpec.builder().image("alpine").tty(true).name("ticktock").build()))
        .isInstanceOf(ConflictException.class)
        .hasMessage("Conflict. The container name \"/ticktock\" is already in use by container \"" + first.id()
            + "\". You have to remove (or rename) that container to be able to reuse that name.");
    assertThatThrownBy(() -> engine.createContainer(ContainerSpec.builder().image("alpine").tty(true).name("a").build()))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("Invalid container name (a), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
    ContainerInfo generated = engine.createContainer(ContainerSpec.of("alpine"));
    assertThat(generated.name()).matches("[a-z]+_[a-z]+\\d?");
    assertThat(generated.id()).matches("[0-9a-f]{64}");
    assertThat(generated.shortId()).doesNotMatch("\\d{12}");
    assertThat(generated.hostname()).isEqualTo(generated.shortId());
    assertThat(engine.container(first.id().substring(0, 8)).name()).isEqualTo("ticktock");
    assertThatThrownBy(() -> engine.container("nosuch"))
        .isInstanceOf(NotFoundException.class).hasMessage("No such container: nosuch");
    assertThatThrownBy(() -> engine.container(""))
        .isInstanceOf(InvalidParameterException.class).hasMessage("invalid name or ID supplied: \"\"");
  }

  @Test
  void ambiguous_prefix_is_invalid_parameter() {
    for (int i = 0; i < 40; i++) {
      engine.createContainer(ContainerSpec.of("alpine"));
    }
    String digit = engine.containers().stream().map(c -> c.id().substring(0, 1))
        .collect(Collectors.groupingBy(s -> s, Collectors.counting()))
        .entrySet().stream().filter(e -> e.getValue() > 1).findFirst().orElseThrow().getKey();
    assertThatThrownBy(() -> engine.container(digit))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("multiple IDs found with provided prefix: " + digit);
  }

  @Test
  void rename_rules() {
    ContainerInfo t = engine.createContainer(ContainerSpec.builder().image("alpine").tty(true).name("ticktock").build());
    engine.createContainer(ContainerSpec.builder().image("alpine").tty(true).name("other").build());
    assertThatThrownBy(() -> engine.rename("ticktock", "ticktock"))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("Renaming a container with the same name as its current name");
    assertThatThrownBy(() -> engine.rename("ticktock", "other"))
        .isInstanceOf(ConflictException.class)
        .hasMessageStartingWith("Error when allocating new name: Conflict. The container name \"/other\"");
    assertThat(engine.rename("ticktock", "oldticktock").name()).isEqualTo("oldticktock");
    assertThat(engine.container(t.id()).name()).isEqualTo("oldticktock");
    engine.createContainer(ContainerSpec.builder().image("alpine").tty(true).name("ticktock").build());
  }

  @Test
  void remove_running_needs_force() {
    runOn("bridge", "tocktick");
    assertThatThrownBy(() -> engine.removeContainer("tocktick"))
        .isInstanceOf(ConflictException.class)
        .hasMessage("cannot remove container \"/tocktick\": container is running: "
            + "stop the container before removing or force remove");
    engine.removeContainer("tocktick", RemoveOption.FORCE);
    assertThat(engine.findContainer("tocktick")).isEmpty();
    assertThat(engine.network("bridge").endpoints()).isEmpty();
  }

  @Test
  void remove_network_with_active_endpoints_lists_them() {
    engine.createNetwork(NetworkSpec.of("dev"));
    ContainerInfo web = runOn("dev", "web");
    String epId = web.endpoint("dev").orElseThrow().id().substring(0, 12);
    assertThatThrownBy(() -> engine.removeNetwork("dev"))
        .isInstanceOf(ForbiddenException.class)
        .hasMessage("error while removing network: network dev has active endpoints (name:\"web\" id:\"" + epId + "\")");
    engine.stop("web");
    engine.removeNetwork("dev");
    assertThatThrownBy(() -> engine.start("web"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageStartingWith("failed to set up container networking: network ");
  }

  @Test
  void unknown_network_fails_at_start_not_create() {
    ContainerInfo c = engine.createContainer(ContainerSpec.builder().image("alpine").tty(true).name("xx")
        .networkMode(NetworkMode.network("nosuch")).build());
    assertThat(c.status()).isEqualTo(ContainerStatus.CREATED);
    assertThatThrownBy(() -> engine.start("xx"))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("failed to set up container networking: network nosuch not found");
  }

  @Test
  void publishing_and_port_conflicts() {
    ContainerInfo web = engine.run(ContainerSpec.builder().image("nginx").name("web")
        .portBindings(PortSpec.parse("8080:80")).build());
    assertThat(PublishedPort.portLines(web.ports())).containsExactly("80/tcp -> 0.0.0.0:8080", "80/tcp -> [::]:8080");
    ContainerSpec clash = ContainerSpec.builder().image("nginx").name("web2").portBindings(PortSpec.parse("8080:80")).build();
    assertThatThrownBy(() -> engine.run(clash))
        .hasMessageMatching("failed to set up container networking: driver failed programming external connectivity "
            + "on endpoint web2 \\([0-9a-f]{64}\\): Bind for 0.0.0.0:8080 failed: port is already allocated")
        .satisfies(e -> assertThat(((dev.cnm.api.error.CnmException) e).kind()).isEqualTo(ErrorKind.SYSTEM));
    ContainerInfo web2 = engine.container("web2");
    assertThat(web2.status()).isEqualTo(ContainerStatus.CREATED);
    assertThat(web2.ports()).isEmpty();
    assertThat(engine.network("bridge").endpoints()).extracting(EndpointInfo::name).containsExactly("web");
    // Nothing was held: the next container gets the address web2 would have had.
    assertThat(ipOf(runOn("bridge", "next"), "bridge")).isEqualTo("172.17.0.3");
    engine.stop("web");
    assertThat(engine.start("web2").ports()).hasSize(2);
  }

  @Test
  void publish_all_uses_ephemeral_ports() {
    ContainerInfo c = engine.run(ContainerSpec.builder().image("nginx").publishAllPorts(true).build());
    assertThat(c.ports()).isNotEmpty();
    assertThat(c.ports()).allSatisfy(p -> assertThat(p.hostPort()).isBetween(32768, 60999));
    assertThat(c.ports().get(0).hostPort()).isEqualTo(32768);
  }

  @Test
  void internal_networks_publish_nothing() {
    engine.createNetwork(NetworkSpec.builder().name("secret").internal(true).build());
    ContainerInfo c = engine.run(ContainerSpec.builder().image("nginx").networkMode(NetworkMode.network("secret"))
        .portBindings(PortSpec.parse("9090:80")).build());
    assertThat(c.ports()).isEmpty();
  }

  @Test
  void connect_and_disconnect() {
    engine.createNetwork(NetworkSpec.of("dev"));
    engine.createNetwork(NetworkSpec.of("prod"));
    runOn("dev", "app");
    ContainerInfo both = engine.connect("prod", "app", EndpointSpec.builder().addAlias("api").build());
    assertThat(both.endpoint("prod").orElseThrow().interfaceName()).isEqualTo("eth1");
    assertThat(both.endpoint("prod").orElseThrow().dnsNames()).contains("api");
    assertThatThrownBy(() -> engine.connect("prod", "app", EndpointSpec.empty()))
        .isInstanceOf(ForbiddenException.class).hasMessage("endpoint with name app already exists in network prod");
    ContainerInfo one = engine.disconnect("prod", "app");
    assertThat(one.networks()).containsOnlyKeys("dev");
    assertThatThrownBy(() -> engine.disconnect("prod", "app"))
        .hasMessage("container " + one.id() + " is not connected to network prod");
    assertThat(engine.network("prod").endpoints()).isEmpty();
  }

  @Test
  void aliases_and_static_ips_only_on_user_networks() {
    assertThatThrownBy(() -> engine.createContainer(ContainerSpec.builder().image("alpine").tty(true)
            .putEndpoint("bridge", EndpointSpec.builder().addAlias("x").build()).build()))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("network-scoped aliases are only supported for user-defined networks");
    engine.createNetwork(NetworkSpec.builder().name("fixed")
        .addIpamConfig(IpamPoolSpec.ofSubnet(Subnet.parse("10.20.0.0/24"))).build());
    ContainerInfo c = engine.run(ContainerSpec.builder().image("alpine").tty(true).name("static")
        .networkMode(NetworkMode.network("fixed"))
        .putEndpoint("fixed", EndpointSpec.builder().ipv4Address(IpAddress.parse("10.20.0.50")).build())
        .build());
    assertThat(ipOf(c, "fixed")).isEqualTo("10.20.0.50");
  }

  @Test
  void container_mode_conflicts_and_target_rules() {
    runOn("bridge", "vpn");
    ContainerSpec.Builder base = ContainerSpec.builder().image("alpine").tty(true).networkMode(NetworkMode.container("vpn"));
    assertThatThrownBy(() -> engine.createContainer(base.hostname("h").build()))
        .hasMessage("conflicting options: hostname and the network mode");
    assertThatThrownBy(() -> engine.createContainer(ContainerSpec.builder().image("alpine").tty(true)
            .networkMode(NetworkMode.container("vpn")).portBindings(PortSpec.parse("80:80")).build()))
        .hasMessage("conflicting options: port publishing and the container type network mode");
    ContainerInfo sharer = engine.run(ContainerSpec.builder().image("alpine").tty(true).name("sharer")
        .networkMode(NetworkMode.container("vpn")).build());
    assertThat(sharer.networks()).isEmpty();
    engine.stop("sharer");
    engine.stop("vpn");
    assertThatThrownBy(() -> engine.start("sharer"))
        .isInstanceOf(ConflictException.class)
        .hasMessage("cannot join network namespace of a non running container: container vpn is exited");
  }

  @Test
  void failed_join_rolls_back_everything() {
    engine.createNetwork(NetworkSpec.of("dev"));
    ContainerInfo c = engine.createContainer(ContainerSpec.builder().image("nginx").name("web")
        .networkMode(NetworkMode.network("dev")).portBindings(PortSpec.parse("8080:80")).build());
    TestDrivers.Bridge.failNextJoin = true;
    assertThatThrownBy(() -> engine.start("web")).hasMessage("failed to set up container networking: join refused");
    assertThat(engine.container("web").status()).isEqualTo(ContainerStatus.CREATED);
    assertThat(engine.network("dev").endpoints()).isEmpty();
    ContainerInfo started = engine.start(c.id());
    assertThat(ipOf(started, "dev")).isEqualTo("172.18.0.2");
    assertThat(started.ports()).hasSize(2);
  }

  @Test
  void seeded_engines_are_deterministic() {
    Engine a = TestDrivers.builder(7).build();
    Engine b = TestDrivers.builder(7).build();
    ContainerInfo ca = a.run(ContainerSpec.of("nginx"));
    ContainerInfo cb = b.run(ContainerSpec.of("nginx"));
    assertThat(ca.id()).isEqualTo(cb.id());
    assertThat(ca.name()).isEqualTo(cb.name());
    assertThat(ca.created()).isEqualTo(cb.created());
    assertThat(ca.endpoint("bridge").orElseThrow().macAddress()).isEqualTo(cb.endpoint("bridge").orElseThrow().macAddress());
    assertThat(a.networks().stream().map(NetworkInfo::id).collect(Collectors.toList()))
        .isEqualTo(b.networks().stream().map(NetworkInfo::id).collect(Collectors.toList()));
    assertThat(List.of(ca.id())).doesNotContain(TestDrivers.builder(8).build().run(ContainerSpec.of("nginx")).id());
  }
}
