package dev.cnm.testkit.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.EndpointInfo;
import dev.cnm.api.Engine;
import dev.cnm.api.IpamPoolSpec;
import dev.cnm.api.NetworkInfo;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.Scope;
import dev.cnm.api.error.NotFoundException;
import dev.cnm.api.error.SystemException;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.MacAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.port.PortSpec;
import dev.cnm.core.Cnm;
import dev.cnm.plugins.PluginAddress;
import dev.cnm.plugins.PluginCall;
import dev.cnm.plugins.RemotePlugins;
import dev.cnm.testkit.EngineSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A remote plugin (a server the test starts, speaking JSON over HTTP on a unix socket) found by
 * the engine in its plugin directory, used as network and IPAM driver through the engine's public
 * API: libnetwork's calls in libnetwork's order with libnetwork's JSON, the plugin's answers taken
 * as Docker takes them.
 */
class RemotePluginEngineTest {
  private Path dir;
  private FakePlugin plugin;
  private final List<PluginCall> log = new CopyOnWriteArrayList<>();
  private Engine docker;

  @BeforeEach
  void start() throws IOException {
    dir = Files.createTempDirectory("cnmp");
    plugin = FakePlugin.start(dir.resolve("run").resolve("fake.sock"), "NetworkDriver", "IpamDriver");
    docker = Cnm.builder().seed(7).plugins(RemotePlugins.builder()
            .socketsDirectory(dir.resolve("run"))
            .specsDirectories(List.of(dir.resolve("etc")))
            .callTimeout(Duration.ofMillis(800))
            .retryWindow(Duration.ZERO)
            .listener(log::add)
            .build())
        .build();
  }

  @AfterEach
  void stop() throws IOException {
    plugin.close();
  }

  private NetworkInfo createFakeNetwork(String name) {
    return docker.createNetwork(NetworkSpec.builder().name(name).driver("fake").ipamDriver("fake").build());
  }

  private ContainerInfo run(String name, String network, String... ports) {
    ContainerSpec.Builder b = ContainerSpec.builder().image("nginx").name(name).networkMode(NetworkMode.network(network));
    for (String p : ports) {
      b.portBindings(PortSpec.parse(p));
    }
    return docker.run(b.build());
  }

  @Test
  void network_create_finds_the_plugin_by_name_and_uses_its_ipam() {
    NetworkInfo n = createFakeNetwork("fk");
    assertThat(n.driver()).isEqualTo("fake");
    assertThat(n.scope()).isEqualTo(Scope.LOCAL);
    assertThat(n.ipamDriver()).isEqualTo("fake");
    assertThat(n.ipamConfigs().get(0).subnet()).isEqualTo(Subnet.parse("10.77.0.0/24"));
    assertThat(n.ipamConfigs().get(0).gateway()).contains(IpAddress.parse("10.77.0.1"));
    assertThat(plugin.calls()).containsExactly(
        "Plugin.Activate", "NetworkDriver.GetCapabilities", "IpamDriver.GetCapabilities",
        "IpamDriver.GetDefaultAddressSpaces", "IpamDriver.GetDefaultAddressSpaces", "IpamDriver.RequestPool",
        "IpamDriver.RequestAddress", "NetworkDriver.CreateNetwork");
    JsonNode create = plugin.lastBody("NetworkDriver.CreateNetwork");
    assertThat(FakePlugin.fieldNames(create)).containsExactly("NetworkID", "Options", "IPv4Data", "IPv6Data");
    assertThat(create.get("NetworkID").asText()).isEqualTo(n.id());
    assertThat(create.get("Options").toString()).isEqualTo("{\"com.docker.network.enable_ipv4\":true,"
        + "\"com.docker.network.enable_ipv6\":false,\"com.docker.network.generic\":{}}");
    assertThat(create.get("IPv4Data").toString()).isEqualTo("[{\"AddressSpace\":\"fakelocal\","
        + "\"Gateway\":\"10.77.0.1/24\",\"Pool\":\"10.77.0.0/24\"}]");
    assertThat(create.get("IPv6Data").toString()).isEqualTo("[]");
    JsonNode pool = plugin.lastBody("IpamDriver.RequestPool");
    assertThat(pool.toString()).isEqualTo("{\"AddressSpace\":\"fakelocal\",\"Pool\":\"\",\"SubPool\":\"\","
        + "\"Options\":{},\"V6\":false}");
    assertThat(plugin.lastBody("IpamDriver.RequestAddress").toString()).isEqualTo("{\"PoolID\":\"fakelocal/10.77.0.0/24\","
        + "\"Address\":\"\",\"Options\":{\"RequestAddressType\":\"com.docker.network.gateway\"}}");
  }

  @Test
  void a_container_gets_the_plugins_mac_interface_and_gateway_in_libnetworks_call_order() {
    NetworkInfo n = createFakeNetwork("fk");
    plugin.clearCalls();
    ContainerInfo c = run("web", "fk", "8080:80");
    EndpointInfo ep = c.endpoint("fk").orElseThrow();
    assertThat(ep.ipv4Address()).contains(Subnet.parse("10.77.0.2/24"));
    assertThat(ep.macAddress()).contains(MacAddress.parse("02:fa:00:00:00:01"));
    assertThat(ep.gateway()).contains(IpAddress.parse("10.77.0.1"));
    assertThat(ep.interfaceName()).isEqualTo("eth0");
    assertThat(plugin.calls()).containsExactly("IpamDriver.RequestAddress", "NetworkDriver.CreateEndpoint",
        "NetworkDriver.Join", "NetworkDriver.ProgramExternalConnectivity");
    JsonNode create = plugin.lastBody("NetworkDriver.CreateEndpoint");
    assertThat(create.toString()).isEqualTo("{\"NetworkID\":\"" + n.id() + "\",\"EndpointID\":\"" + ep.id()
        + "\",\"Interface\":{\"Address\":\"10.77.0.2/24\",\"AddressIPv6\":\"\",\"MacAddress\":\"\"},\"Options\":{}}");
    JsonNode join = plugin.lastBody("NetworkDriver.Join");
    assertThat(FakePlugin.fieldNames(join)).containsExactly("NetworkID", "EndpointID", "SandboxKey", "Options");
    assertThat(join.get("SandboxKey").asText()).startsWith("/var/run/docker/netns/");
    assertThat(plugin.lastBody("NetworkDriver.ProgramExternalConnectivity").get("Options").toString())
        .isEqualTo("{\"com.docker.network.endpoint.exposedports\":[{\"Proto\":6,\"Port\":80}],"
            + "\"com.docker.network.portmap\":[{\"Proto\":6,\"IP\":\"\",\"Port\":80,\"HostIP\":\"\",\"HostPort\":8080,"
            + "\"HostPortEnd\":8080}]}");
    plugin.clearCalls();
    docker.stop("web");
    assertThat(plugin.calls()).containsExactly("NetworkDriver.RevokeExternalConnectivity", "NetworkDriver.Leave",
        "NetworkDriver.DeleteEndpoint", "IpamDriver.ReleaseAddress");
    docker.removeContainer("web", false);
    docker.removeNetwork("fk");
    assertThat(plugin.held()).isEmpty();
  }

  @Test
  void every_call_is_reported_with_its_json_and_what_docker_does_with_it() {
    createFakeNetwork("fk");
    run("web", "fk");
    PluginCall join = log.stream().filter(c -> c.method().equals("NetworkDriver.Join")).findFirst().orElseThrow();
    assertThat(join.status()).isEqualTo(200);
    assertThat(join.request()).startsWith("{\"NetworkID\":");
    assertThat(join.response()).contains("\"Gateway\":\"10.77.0.1\"");
    assertThat(join.verdict()).isEqualTo("Docker moves fk" + join.request().split("\"EndpointID\":\"")[1].substring(0, 8)
        + " into the container as eth<N>; default route via 10.77.0.1");
  }

  @Test
  void a_custom_mac_goes_to_the_plugin_and_stays() {
    createFakeNetwork("fk");
    MacAddress mine = MacAddress.parse("02:00:00:00:00:aa");
    ContainerInfo c = docker.run(ContainerSpec.builder().image("nginx").name("web")
        .networkMode(NetworkMode.network("fk"))
        .putEndpoint("fk", dev.cnm.api.EndpointSpec.builder().macAddress(mine).build()).build());
    assertThat(c.endpoint("fk").orElseThrow().macAddress()).contains(mine);
    JsonNode create = plugin.lastBody("NetworkDriver.CreateEndpoint");
    assertThat(create.get("Interface").get("MacAddress").asText()).isEqualTo("02:00:00:00:00:aa");
    assertThat(create.get("Options").get("com.docker.network.endpoint.macaddress").asText()).isEqualTo("AgAAAACq");
  }

  @Test
  void an_unknown_plugin_is_not_found_at_once() {
    assertThatThrownBy(() -> docker.createNetwork(NetworkSpec.builder().name("x").driver("nope").build()))
        .isExactlyInstanceOf(NotFoundException.class).hasMessage("plugin \"nope\" not found");
    assertThatThrownBy(() -> docker.createNetwork(NetworkSpec.builder().name("x").ipamDriver("nope").build()))
        .isExactlyInstanceOf(NotFoundException.class).hasMessage("plugin \"nope\" not found");
  }

  @Test
  void a_spec_file_names_the_plugins_address() throws IOException {
    Files.createDirectories(dir.resolve("etc"));
    Files.writeString(dir.resolve("etc").resolve("byspec.spec"), plugin.address() + "\n");
    Files.writeString(dir.resolve("etc").resolve("byjson.json"), "{\"Name\":\"byjson\",\"Addr\":\"" + plugin.address()
        + "\"}");
    Files.writeString(dir.resolve("etc").resolve("noscheme.spec"), "/just/a/path\n");
    assertThat(docker.createNetwork(NetworkSpec.builder().name("a").driver("byspec").build()).driver())
        .isEqualTo("byspec");
    assertThat(docker.createNetwork(NetworkSpec.builder().name("b").driver("byjson").build()).driver())
        .isEqualTo("byjson");
    Files.writeString(dir.resolve("etc").resolve("bad.spec"), "plugin.example:1234\n");
    assertThatThrownBy(() -> docker.createNetwork(NetworkSpec.builder().name("c").driver("bad").build()))
        .isExactlyInstanceOf(SystemException.class).hasMessageStartingWith("legacy plugin: ");
  }

  @Test
  void a_plugin_that_is_no_network_driver_is_refused_with_dockers_message() throws IOException {
    try (FakePlugin ipamOnly = FakePlugin.start(dir.resolve("run").resolve("ipamonly.sock"), "IpamDriver")) {
      assertThatThrownBy(() -> docker.createNetwork(NetworkSpec.builder().name("x").driver("ipamonly").build()))
          .isExactlyInstanceOf(SystemException.class)
          .hasMessage("legacy plugin: Plugin does not implement the requested driver: plugin=\"ipamonly\", "
              + "requested implementation=\"NetworkDriver\"");
      assertThat(ipamOnly.calls()).containsExactly("Plugin.Activate");
    }
  }

  @Test
  void a_plugin_with_a_bad_capability_is_not_registered() throws IOException {
    plugin.scope = "cluster";
    EngineSnapshot before = EngineSnapshot.of(docker);
    assertThatThrownBy(() -> createFakeNetwork("fk"))
        .isExactlyInstanceOf(SystemException.class)
        .hasMessage("could not resolve driver fake in registry")
        .cause().hasMessage("invalid capability: expecting 'local' or 'global', got cluster");
    assertThat(EngineSnapshot.of(docker)).isEqualTo(before);
  }

  @Test
  void a_dead_plugins_activation_fails_as_a_legacy_plugin() throws IOException {
    plugin.close();
    Files.createDirectories(dir.resolve("etc"));
    Files.writeString(dir.resolve("etc").resolve("gone.spec"), "unix://" + dir.resolve("gone.sock") + "\n");
    assertThatThrownBy(() -> docker.createNetwork(NetworkSpec.builder().name("x").driver("gone").build()))
        .isExactlyInstanceOf(SystemException.class)
        .hasMessage("legacy plugin: Post \"http://plugin.moby.localhost/Plugin.Activate\": dial unix "
            + dir.resolve("gone.sock") + ": connect: no such file or directory");
  }

  @Test
  void a_user_subnet_goes_to_the_plugins_ipam_as_the_preferred_pool() {
    docker.createNetwork(NetworkSpec.builder().name("fk").driver("fake").ipamDriver("fake")
        .addIpamConfig(IpamPoolSpec.builder().subnet(Subnet.parse("10.77.9.0/24")).build()).build());
    assertThat(plugin.lastBody("IpamDriver.RequestPool").get("Pool").asText()).isEqualTo("10.77.9.0/24");
    docker.removeNetwork("fk");
    assertThat(plugin.held()).isEmpty();
  }

  @Test
  void the_default_ipam_serves_a_plugin_network_driver() {
    NetworkInfo n = docker.createNetwork(NetworkSpec.builder().name("fk").driver("fake").build());
    assertThat(n.ipamConfigs().get(0).subnet()).isEqualTo(Subnet.parse("172.18.0.0/16"));
    assertThat(plugin.lastBody("NetworkDriver.CreateNetwork").get("IPv4Data").toString())
        .isEqualTo("[{\"AddressSpace\":\"LocalDefault\",\"Gateway\":\"172.18.0.1/16\",\"Pool\":\"172.18.0.0/16\"}]");
  }

  @Test
  void an_explicitly_registered_plugin_is_found_without_directories_and_wins_over_them() throws IOException {
    Engine registered = Cnm.builder().seed(8).plugins(RemotePlugins.builder().noDirectories()
            .register("mine", PluginAddress.parse(plugin.address()))
            .callTimeout(Duration.ofMillis(800)).retryWindow(Duration.ZERO).build())
        .build();
    NetworkInfo n = registered.createNetwork(NetworkSpec.builder().name("m").driver("mine").ipamDriver("mine").build());
    assertThat(n.driver()).isEqualTo("mine");
    assertThat(n.ipamConfigs().get(0).subnet()).isEqualTo(Subnet.parse("10.77.0.0/24"));
    assertThat(plugin.calls()).startsWith("Plugin.Activate", "NetworkDriver.GetCapabilities");
    assertThatThrownBy(() -> registered.createNetwork(NetworkSpec.builder().name("f").driver("fake").build()))
        .isInstanceOf(NotFoundException.class).hasMessage("plugin \"fake\" not found");

    // A spec file of the same name pointing nowhere: the registration is used, not the file.
    Files.createDirectories(dir.resolve("etc"));
    Files.writeString(dir.resolve("etc").resolve("mine.spec"), "tcp://127.0.0.1:1\n");
    Engine both = Cnm.builder().seed(9).plugins(RemotePlugins.builder()
            .socketsDirectory(dir.resolve("run"))
            .specsDirectories(List.of(dir.resolve("etc")))
            .register("mine", PluginAddress.parse(plugin.address()))
            .callTimeout(Duration.ofMillis(800)).retryWindow(Duration.ZERO).build())
        .build();
    assertThat(both.createNetwork(NetworkSpec.builder().name("m2").driver("mine").build()).driver()).isEqualTo("mine");
  }
}
