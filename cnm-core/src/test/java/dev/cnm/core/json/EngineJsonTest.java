package dev.cnm.core.json;

import static dev.cnm.core.json.ContainerJsonTest.keys;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.EndpointSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.Scope;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.MacAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.port.PortBinding;
import dev.cnm.api.port.PortSpec;
import dev.cnm.api.port.PublishedPort;
import dev.cnm.api.spi.DriverCapability;
import dev.cnm.api.spi.DriverContext;
import dev.cnm.api.spi.EndpointCreateRequest;
import dev.cnm.api.spi.EndpointInterface;
import dev.cnm.api.spi.ExternalConnectivityRequest;
import dev.cnm.api.spi.IpamData;
import dev.cnm.api.spi.JoinInfo;
import dev.cnm.api.spi.JoinRequest;
import dev.cnm.api.spi.NetworkCreateRequest;
import dev.cnm.api.spi.NetworkDriver;
import dev.cnm.api.spi.NetworkDriverProvider;
import dev.cnm.core.Cnm;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The views over snapshots the real engine produces (with minimal drivers: core's tests cannot
 * use cnm-drivers): the tutorial's shapes come out, and every document re-reads to the same bytes.
 */
class EngineJsonTest {
  Engine engine;

  @BeforeEach
  void newEngine() {
    engine =
        Cnm.builder()
            .seed(42)
            .driver(NetworkDriverProvider.of("bridge", MiniBridge::new))
            .driver(NetworkDriverProvider.of("host", ctx -> new Nothing("host")))
            .driver(NetworkDriverProvider.of("null", ctx -> new Nothing("null")))
            .build();
  }

  @Test
  void predefined_networks_look_like_dockers() {
    ObjectNode bridge = DockerJson.network(engine.network("bridge"));
    assertThat(keys(bridge.get("Options")))
        .containsExactly(
            "com.docker.network.bridge.default_bridge",
            "com.docker.network.bridge.enable_icc",
            "com.docker.network.bridge.enable_ip_masquerade",
            "com.docker.network.bridge.host_binding_ipv4",
            "com.docker.network.bridge.name",
            "com.docker.network.driver.mtu");
    assertThat(bridge.at("/Options/com.docker.network.bridge.name").textValue()).isEqualTo("docker0");
    assertThat(bridge.at("/IPAM/Options").isNull()).isTrue();
    assertThat(bridge.at("/IPAM/Config").toString()).isEqualTo("[{\"Subnet\":\"172.17.0.0/16\",\"Gateway\":\"172.17.0.1\"}]");
    for (String name : List.of("host", "none")) {
      ObjectNode n = DockerJson.network(engine.network(name));
      assertThat(n.at("/IPAM/Config").isNull()).as(name).isTrue();
      assertThat(n.get("Options").toString()).as(name).isEqualTo("{}");
      assertThat(n.get("Scope").textValue()).isEqualTo("local");
    }
    assertThat(DockerJson.network(engine.network("none")).get("Driver").textValue()).isEqualTo("null");
  }

  @Test
  void a_container_on_a_user_network_with_alias_and_published_port() {
    engine.createNetwork(NetworkSpec.builder().name("dev").build());
    ContainerInfo c = engine.run(
        ContainerSpec.builder()
            .image("alpine").tty(true)
            .name("ticktock")
            .networkMode(NetworkMode.network("dev"))
            .putEndpoint("dev", EndpointSpec.builder().addAlias("search").build())
            .addAllPortBindings(PortSpec.parse("8080:80"))
            .build());
    ObjectNode doc = DockerJson.container(c);
    assertThat(doc.get("Name").textValue()).isEqualTo("/ticktock");
    assertThat(doc.at("/State/Status").textValue()).isEqualTo("running");
    assertThat(doc.at("/HostConfig/PortBindings").toString()).isEqualTo("{\"80/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"8080\"}]}");
    assertThat(doc.at("/Config/ExposedPorts").toString()).isEqualTo("{\"80/tcp\":{}}");
    assertThat(doc.at("/NetworkSettings/Ports").toString())
        .isEqualTo("{\"80/tcp\":[{\"HostIp\":\"0.0.0.0\",\"HostPort\":\"8080\"},{\"HostIp\":\"::\",\"HostPort\":\"8080\"}]}");
    JsonNode dev = doc.at("/NetworkSettings/Networks/dev");
    assertThat(dev.get("Aliases").toString()).isEqualTo("[\"search\"]");
    assertThat(dev.get("IPAddress").textValue()).isEqualTo("172.18.0.2");
    assertThat(dev.get("IPPrefixLen").intValue()).isEqualTo(16);
    assertThat(dev.get("Gateway").textValue()).isEqualTo("172.18.0.1");
    assertThat(dev.get("DNSNames").get(0).textValue()).isEqualTo("ticktock");
    assertThat(doc.at("/NetworkSettings/IPAddress").textValue()).isEmpty();

    ObjectNode network = DockerJson.network(engine.network("dev"));
    assertThat(network.at("/Containers/" + c.id() + "/Name").textValue()).isEqualTo("ticktock");
    assertThat(network.at("/Containers/" + c.id() + "/IPv4Address").textValue()).isEqualTo("172.18.0.2/16");
    assertThat(DockerJson.networkSummary(engine.network("dev")).get("Containers").toString()).isEqualTo("{}");

    ObjectNode item = DockerJson.containerSummary(c, ContainerJsonInput.none(), c.startedAt().orElseThrow().plusSeconds(5));
    assertThat(item.get("Status").textValue()).isEqualTo("Up 5 seconds");
    assertThat(item.get("Ports").toString())
        .isEqualTo("[{\"IP\":\"0.0.0.0\",\"PrivatePort\":80,\"PublicPort\":8080,\"Type\":\"tcp\"},"
            + "{\"IP\":\"::\",\"PrivatePort\":80,\"PublicPort\":8080,\"Type\":\"tcp\"}]");
    roundTrips(doc, network, item);
  }

  @Test
  void a_stopped_container_follows_dockers_rules() {
    engine.createNetwork(NetworkSpec.builder().name("dev").build());
    engine.run(ContainerSpec.builder().image("alpine").tty(true).name("db").networkMode(NetworkMode.network("dev"))
        .putEndpoint("dev", EndpointSpec.builder().addAlias("data").build())
        .addAllPortBindings(PortSpec.parse("5432:5432")).build());
    ContainerInfo stopped = engine.stop("db");
    ObjectNode doc = DockerJson.container(stopped);
    assertThat(doc.at("/State/Status").textValue()).isEqualTo("exited");
    assertThat(doc.at("/NetworkSettings/Ports").toString()).isEqualTo("{}");
    JsonNode dev = doc.at("/NetworkSettings/Networks/dev");
    assertThat(dev.get("Aliases").toString()).isEqualTo("[\"data\"]");
    assertThat(dev.get("IPAddress").textValue()).isEmpty();
    assertThat(dev.get("EndpointID").textValue()).isEmpty();
    assertThat(dev.get("IPPrefixLen").intValue()).isZero();
    assertThat(DockerJson.network(engine.network("dev")).get("Containers").toString()).isEqualTo("{}");
    ObjectNode item = DockerJson.containerSummary(stopped, ContainerJsonInput.none(), stopped.finishedAt().orElseThrow().plusSeconds(2));
    assertThat(item.get("Status").textValue()).startsWith("Exited (").endsWith(") 2 seconds ago");
    assertThat(item.get("Ports").toString()).isEqualTo("[]");
    roundTrips(doc, item);
  }

  @Test
  void a_default_bridge_container_fills_the_legacy_fields() {
    engine.run(ContainerSpec.builder().image("nginx").name("web").build());
    ContainerInfo lnk = engine.run(ContainerSpec.builder().image("busybox").name("lnk").addLink("web:w").build());
    ObjectNode doc = DockerJson.container(lnk);
    JsonNode settings = doc.get("NetworkSettings");
    assertThat(settings.get("IPAddress").textValue()).isEqualTo(settings.at("/Networks/bridge/IPAddress").textValue()).isNotEmpty();
    assertThat(settings.get("MacAddress").textValue()).isEqualTo(settings.at("/Networks/bridge/MacAddress").textValue());
    assertThat(settings.at("/Networks/bridge/DNSNames").isNull()).isTrue();
    assertThat(doc.at("/HostConfig/Links").toString()).isEqualTo("[\"/web:/lnk/w\"]");
    roundTrips(doc, DockerJson.network(engine.network("bridge")));
  }

  private static void roundTrips(JsonNode... documents) {
    for (JsonNode d : documents) {
      String wire = DockerJson.toJson(d);
      assertThat(DockerJson.toJson(DockerJson.parse(wire))).isEqualTo(wire);
    }
  }

  // ---- minimal drivers -----------------------------------------------------------------------

  /** Gateways, random MACs and port publishing on every host address; nothing else. */
  static final class MiniBridge implements NetworkDriver {
    private final DriverContext context;
    private final Map<String, Optional<IpAddress>> gateways = new HashMap<>();
    private final Map<String, List<PublishedPort>> published = new HashMap<>();

    MiniBridge(DriverContext context) {
      this.context = context;
    }

    @Override
    public String type() {
      return "bridge";
    }

    @Override
    public DriverCapability capability() {
      return DriverCapability.local();
    }

    @Override
    public synchronized void createNetwork(NetworkCreateRequest request) {
      gateways.put(request.networkId(),
          request.ipv4Data().stream().findFirst().flatMap(IpamData::gateway).map(Subnet::address));
    }

    @Override
    public synchronized void deleteNetwork(String networkId) {
      gateways.remove(networkId);
    }

    @Override
    public EndpointInterface createEndpoint(EndpointCreateRequest request) {
      EndpointInterface iface = request.iface();
      return iface.macAddress().isPresent() ? iface
          : iface.withMacAddress(MacAddress.randomLocallyAdministered(context.random()));
    }

    @Override
    public void deleteEndpoint(String networkId, String endpointId) {}

    @Override
    public synchronized JoinInfo join(JoinRequest request) {
      return JoinInfo.builder().interfaceSourceName("veth0000000").gateway(gateways.get(request.networkId())).build();
    }

    @Override
    public void leave(String networkId, String endpointId) {}

    @Override
    public synchronized List<PublishedPort> programExternalConnectivity(ExternalConnectivityRequest request) {
      List<PublishedPort> done = new ArrayList<>();
      for (PortBinding b : request.bindings()) {
        List<IpAddress> ips = b.hostIp().map(List::of).orElse(List.of(IpAddress.ANY_V4, IpAddress.ANY_V6));
        int port = context.hostPorts().requestPorts(ips, b.containerPort().protocol(), b.hostPortStart(), b.hostPortEnd());
        ips.forEach(ip -> done.add(PublishedPort.of(b.containerPort(), ip, port)));
      }
      published.put(request.endpointId(), done);
      return done;
    }

    @Override
    public synchronized void revokeExternalConnectivity(String networkId, String endpointId) {
      published.getOrDefault(endpointId, List.of())
          .forEach(p -> context.hostPorts().releasePort(p.hostIp(), p.containerPort().protocol(), p.hostPort()));
      published.remove(endpointId);
    }
  }

  /** Host and null: no interfaces, no gateway. */
  static final class Nothing implements NetworkDriver {
    private final String type;

    Nothing(String type) {
      this.type = type;
    }

    @Override
    public String type() {
      return type;
    }

    @Override
    public DriverCapability capability() {
      return DriverCapability.of(Scope.LOCAL, Scope.LOCAL);
    }

    @Override
    public void createNetwork(NetworkCreateRequest request) {}

    @Override
    public void deleteNetwork(String networkId) {}

    @Override
    public EndpointInterface createEndpoint(EndpointCreateRequest request) {
      return request.iface();
    }

    @Override
    public void deleteEndpoint(String networkId, String endpointId) {}

    @Override
    public JoinInfo join(JoinRequest request) {
      return JoinInfo.none();
    }

    @Override
    public void leave(String networkId, String endpointId) {}
  }
}
