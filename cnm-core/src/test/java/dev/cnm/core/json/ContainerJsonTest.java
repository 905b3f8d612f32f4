package dev.cnm.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.api.AttachedNetwork;
import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.ContainerStatus;
import dev.cnm.api.EndpointSpec;
import dev.cnm.api.NetworkMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContainerJsonTest {
  static final Instant NOW = Instant.parse("2025-06-02T09:45:00Z");

  static List<String> keys(JsonNode node) {
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  // ---- key order -----------------------------------------------------------------------------

  @Test
  void inspect_keys_are_in_go_struct_order() {
    ObjectNode doc = DockerJson.container(Fixtures.ticktock(), Fixtures.ticktockPorts());
    assertThat(keys(doc))
        .containsExactly(
            "Id", "Created", "Path", "Args", "State", "Image", "ResolvConfPath", "HostnamePath",
            "HostsPath", "LogPath", "Name", "RestartCount", "Driver", "Platform", "MountLabel",
            "ProcessLabel", "AppArmorProfile", "ExecIDs", "HostConfig", "GraphDriver", "Mounts",
            "Config", "NetworkSettings");
    assertThat(keys(doc.get("State")))
        .containsExactly(
            "Status", "Running", "Paused", "Restarting", "OOMKilled", "Dead", "Pid", "ExitCode",
            "Error", "StartedAt", "FinishedAt");
    assertThat(keys(doc.get("Config")))
        .containsExactly(
            "Hostname", "Domainname", "User", "AttachStdin", "AttachStdout", "AttachStderr",
            "ExposedPorts", "Tty", "OpenStdin", "StdinOnce", "Env", "Cmd", "Image", "Volumes",
            "WorkingDir", "Entrypoint", "OnBuild", "Labels");
    assertThat(keys(doc.get("NetworkSettings")))
        .containsExactly(
            "Bridge", "SandboxID", "SandboxKey", "Ports", "HairpinMode", "LinkLocalIPv6Address",
            "LinkLocalIPv6PrefixLen", "SecondaryIPAddresses", "SecondaryIPv6Addresses",
            "EndpointID", "Gateway", "GlobalIPv6Address", "GlobalIPv6PrefixLen", "IPAddress",
            "IPPrefixLen", "IPv6Gateway", "MacAddress", "Networks");
    assertThat(keys(doc.at("/NetworkSettings/Networks/dev")))
        .containsExactly(
            "IPAMConfig", "Links", "Aliases", "MacAddress", "DriverOpts", "GwPriority", "NetworkID",
            "EndpointID", "Gateway", "IPAddress", "IPPrefixLen", "IPv6Gateway", "GlobalIPv6Address",
            "GlobalIPv6PrefixLen", "DNSNames");
    List<String> hostConfig = keys(doc.get("HostConfig"));
    assertThat(hostConfig)
        .containsSubsequence(
            "Binds", "ContainerIDFile", "LogConfig", "NetworkMode", "PortBindings", "RestartPolicy",
            "AutoRemove", "VolumeDriver", "VolumesFrom", "ConsoleSize", "CapAdd", "CapDrop",
            "CgroupnsMode", "Dns", "DnsOptions", "DnsSearch", "ExtraHosts", "GroupAdd", "IpcMode",
            "Cgroup", "Links", "OomScoreAdj", "PidMode", "Privileged", "PublishAllPorts",
            "ReadonlyRootfs", "SecurityOpt", "UTSMode", "UsernsMode", "ShmSize", "Runtime",
            "Isolation", "CpuShares", "Memory", "NanoCpus", "CgroupParent", "BlkioWeight",
            "MemoryReservation", "MemorySwap", "MemorySwappiness", "OomKillDisable", "PidsLimit",
            "Ulimits", "CpuCount", "CpuPercent", "IOMaximumIOps", "IOMaximumBandwidth",
            "MaskedPaths", "ReadonlyPaths");
    assertThat(hostConfig).hasSize(63);
  }

  @Test
  void summary_keys_are_in_go_struct_order() {
    ObjectNode item = DockerJson.containerSummary(Fixtures.ticktock(), Fixtures.ticktockPorts(), NOW);
    assertThat(keys(item))
        .containsExactly(
            "Id", "Names", "Image", "ImageID", "Command", "Created", "Ports", "Labels", "State",
            "Status", "HostConfig", "NetworkSettings", "Mounts");
    assertThat(keys(item.get("Ports").get(0))).containsExactly("IP", "PrivatePort", "PublicPort", "Type");
  }

  // ---- null versus empty ---------------------------------------------------------------------

  @Test
  void nil_slices_and_maps_are_null_empty_ones_are_empty() {
    ObjectNode doc = DockerJson.container(Fixtures.ticktock());
    assertThat(doc.get("ExecIDs").isNull()).isTrue();
    assertThat(doc.at("/HostConfig/Links").isNull()).isTrue();
    assertThat(doc.at("/HostConfig/ExtraHosts").isNull()).isTrue();
    assertThat(doc.at("/HostConfig/Binds").isNull()).isTrue();
    assertThat(doc.at("/HostConfig/Dns").toString()).isEqualTo("[]");
    assertThat(doc.at("/HostConfig/DnsOptions").toString()).isEqualTo("[]");
    assertThat(DockerJson.container(Fixtures.created()).at("/HostConfig/PortBindings").toString()).isEqualTo("{}");
    assertThat(doc.at("/GraphDriver/Data").isNull()).isTrue();
    assertThat(doc.get("Mounts").toString()).isEqualTo("[]");
    assertThat(doc.get("Args").toString()).isEqualTo("[]");
    assertThat(doc.at("/Config/Labels").toString()).isEqualTo("{}");
    assertThat(doc.at("/Config/Volumes").isNull()).isTrue();
    assertThat(doc.at("/Config/Entrypoint").isNull()).isTrue();
    assertThat(doc.at("/NetworkSettings/SecondaryIPAddresses").isNull()).isTrue();
    JsonNode dev = doc.at("/NetworkSettings/Networks/dev");
    assertThat(dev.get("IPAMConfig").isNull()).isTrue();
    assertThat(dev.get("Links").isNull()).isTrue();
    assertThat(dev.get("DriverOpts").isNull()).isTrue();
  }

  @Test
  void ports_come_from_the_snapshot_or_the_input_alike() {
    ContainerInfo bare = ContainerInfo.builder().from(Fixtures.ticktock()).exposedPorts(List.of()).ports(List.of())
        .spec(ContainerSpec.builder().from(Fixtures.ticktock().spec()).portBindings(List.of()).build()).build();
    assertThat(DockerJson.toJson(DockerJson.container(bare, Fixtures.ticktockPorts())))
        .isEqualTo(DockerJson.toJson(DockerJson.container(Fixtures.ticktock())));
    assertThat(DockerJson.toJson(DockerJson.containerSummary(bare, Fixtures.ticktockPorts(), NOW)))
        .isEqualTo(DockerJson.toJson(DockerJson.containerSummary(Fixtures.ticktock(), ContainerJsonInput.none(), NOW)));
  }

  @Test
  void port_bindings_show_the_request_as_given() {
    ContainerInfo c = ContainerInfo.builder().from(Fixtures.linked())
        .spec(ContainerSpec.builder().from(Fixtures.linked().spec())
            .addPortBinding(dev.cnm.api.port.PortBinding.ephemeral(dev.cnm.api.port.ExposedPort.tcp(443)))
            .addPortBinding(dev.cnm.api.port.PortBinding.of(dev.cnm.api.port.ExposedPort.udp(53), dev.cnm.api.net.IpAddress.parse("127.0.0.1"), 5353))
            .addPortBinding(dev.cnm.api.port.PortBinding.of(dev.cnm.api.port.ExposedPort.tcp(443), 8443))
            .publishAllPorts(true)
            .build()).build();
    JsonNode h = DockerJson.container(c).get("HostConfig");
    assertThat(h.get("PortBindings").toString())
        .isEqualTo("{\"443/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"\"},{\"HostIp\":\"\",\"HostPort\":\"8443\"}],"
            + "\"53/udp\":[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"5353\"}]}");
    assertThat(h.get("PublishAllPorts").booleanValue()).isTrue();
  }

  @Test
  void exposed_ports_are_omitted_when_empty() {
    assertThat(DockerJson.container(Fixtures.linked()).get("Config").has("ExposedPorts")).isFalse();
    assertThat(DockerJson.container(Fixtures.ticktock(), Fixtures.ticktockPorts()).at("/Config/ExposedPorts").toString())
        .isEqualTo("{\"80/tcp\":{}}");
  }

  @Test
  void endpoint_settings_show_what_was_asked_for() {
    EndpointSpec spec =
        EndpointSpec.builder()
            .addAlias("b")
            .addAlias("a")
            .addLink("web:w")
            .putDriverOption("z", "1")
            .putDriverOption("a", "2")
            .ipv6Address(dev.cnm.api.net.IpAddress.parse("fd00::9"))
            .gwPriority(7)
            .build();
    ContainerInfo c = withDevSettings(Fixtures.created(), spec);
    JsonNode dev = DockerJson.container(c).at("/NetworkSettings/Networks/dev");
    assertThat(dev.get("Aliases").toString()).isEqualTo("[\"b\",\"a\"]"); // as given, not sorted
    assertThat(dev.get("Links").toString()).isEqualTo("[\"web:w\"]");
    assertThat(dev.get("DriverOpts").toString()).isEqualTo("{\"a\":\"2\",\"z\":\"1\"}"); // a Go map: sorted
    assertThat(dev.get("IPAMConfig").toString()).isEqualTo("{\"IPv6Address\":\"fd00::9\"}");
    assertThat(dev.get("GwPriority").intValue()).isEqualTo(7);
  }

  // ---- running, stopped, created -------------------------------------------------------------

  @Test
  void running_container_lists_exposed_only_ports_as_null() {
    ContainerJsonInput ports =
        ContainerJsonInput.builder()
            .from(Fixtures.ticktockPorts())
            .addExposedPort("443/tcp")
            .addExposedPort("53/udp")
            .build();
    JsonNode p = DockerJson.container(Fixtures.ticktock(), ports).at("/NetworkSettings/Ports");
    assertThat(keys(p)).containsExactly("443/tcp", "53/udp", "80/tcp"); // Go sorts map keys as strings
    assertThat(p.get("443/tcp").isNull()).isTrue();
    assertThat(p.get("80/tcp").size()).isEqualTo(2);
  }

  @Test
  void stopped_container_keeps_its_request_and_loses_operational_data() {
    ObjectNode doc = DockerJson.container(Fixtures.stopped(), Fixtures.ticktockPorts());
    assertThat(doc.at("/NetworkSettings/Ports").toString()).isEqualTo("{}");
    assertThat(doc.at("/HostConfig/PortBindings").toString()).isEqualTo("{\"80/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"8080\"}]}");
    JsonNode dev = doc.at("/NetworkSettings/Networks/dev");
    assertThat(dev.get("Aliases").toString()).isEqualTo("[\"data\"]");
    assertThat(dev.get("IPAMConfig").toString()).isEqualTo("{\"IPv4Address\":\"172.18.5.9\"}");
    assertThat(dev.get("NetworkID").textValue()).isEqualTo(Fixtures.DEV_ID);
    for (String emptied : List.of("EndpointID", "IPAddress", "Gateway", "MacAddress", "IPv6Gateway", "GlobalIPv6Address")) {
      assertThat(dev.get(emptied).textValue()).as(emptied).isEmpty();
    }
    assertThat(dev.get("IPPrefixLen").intValue()).isZero();
    assertThat(dev.get("DNSNames").toString()).isEqualTo("[\"db\",\"data\",\"5e6f7a8b9c0d\"]");
    assertThat(doc.at("/State/Pid").intValue()).isZero();
    assertThat(doc.at("/State/Running").booleanValue()).isFalse();
    assertThat(doc.at("/State/FinishedAt").textValue()).isEqualTo("2025-06-02T09:25:10.123456789Z");
  }

  @Test
  void stopped_container_ignores_an_endpoint_left_in_the_snapshot() {
    ContainerInfo stale = ContainerInfo.builder().from(Fixtures.ticktock()).status(ContainerStatus.EXITED)
        .finishedAt(NOW).build();
    JsonNode dev = DockerJson.container(stale, Fixtures.ticktockPorts()).at("/NetworkSettings/Networks/dev");
    assertThat(dev.get("IPAddress").textValue()).isEmpty();
    assertThat(dev.get("EndpointID").textValue()).isEmpty();
  }

  @Test
  void created_container_has_no_runtime_state() {
    ObjectNode doc = DockerJson.container(Fixtures.created());
    assertThat(doc.at("/State/StartedAt").textValue()).isEqualTo("0001-01-01T00:00:00Z");
    assertThat(doc.at("/State/FinishedAt").textValue()).isEqualTo("0001-01-01T00:00:00Z");
    assertThat(doc.get("LogPath").textValue()).isEmpty();
    assertThat(doc.get("HostsPath").textValue()).isEmpty();
    assertThat(doc.at("/NetworkSettings/SandboxID").textValue()).isEmpty();
    assertThat(doc.at("/NetworkSettings/SandboxKey").textValue()).isEmpty();
    JsonNode dev = doc.at("/NetworkSettings/Networks/dev");
    assertThat(dev.get("NetworkID").textValue()).isEmpty();
    assertThat(dev.get("DNSNames").isNull()).isTrue();
  }

  @Test
  void every_sub_object_is_present_in_every_state() {
    for (ContainerInfo c : List.of(Fixtures.ticktock(), Fixtures.stopped(), Fixtures.created(), Fixtures.linked())) {
      ObjectNode doc = DockerJson.container(c);
      for (String path : List.of("/State", "/HostConfig", "/Config", "/NetworkSettings", "/NetworkSettings/Ports", "/NetworkSettings/Networks", "/GraphDriver")) {
        assertThat(doc.at(path).isObject()).as("%s of %s", path, c.name()).isTrue();
      }
    }
  }

  // ---- default bridge, legacy fields, links --------------------------------------------------

  @Test
  void legacy_top_level_fields_mirror_the_default_bridge_only() {
    JsonNode onBridge = DockerJson.container(Fixtures.linked()).get("NetworkSettings");
    assertThat(onBridge.get("IPAddress").textValue()).isEqualTo("172.17.0.3");
    assertThat(onBridge.get("IPPrefixLen").intValue()).isEqualTo(16);
    assertThat(onBridge.get("Gateway").textValue()).isEqualTo("172.17.0.1");
    assertThat(onBridge.get("MacAddress").textValue()).isEqualTo("5a:0e:77:c4:19:8b");
    assertThat(onBridge.get("EndpointID").textValue()).isEqualTo(Fixtures.LNK_EP);

    JsonNode onDev = DockerJson.container(Fixtures.ticktock()).get("NetworkSettings");
    assertThat(onDev.get("IPAddress").textValue()).isEmpty();
    assertThat(onDev.get("IPPrefixLen").intValue()).isZero();
    assertThat(onDev.get("EndpointID").textValue()).isEmpty();
  }

  @Test
  void dns_names_only_on_user_defined_networks() {
    assertThat(DockerJson.container(Fixtures.linked()).at("/NetworkSettings/Networks/bridge/DNSNames").isNull()).isTrue();
    assertThat(DockerJson.container(Fixtures.ticktock()).at("/NetworkSettings/Networks/dev/DNSNames").toString())
        .isEqualTo("[\"ticktock\",\"search\",\"8c7b88e37af1\"]");
  }

  @Test
  void legacy_links_use_dockers_internal_form() {
    ObjectNode doc = DockerJson.container(Fixtures.linked());
    assertThat(doc.at("/HostConfig/Links").toString()).isEqualTo("[\"/web:/lnk/w\"]");
    assertThat(doc.at("/HostConfig/ExtraHosts").toString()).isEqualTo("[\"db.local:10.0.0.7\"]");
    assertThat(doc.at("/HostConfig/Dns").toString()).isEqualTo("[\"1.1.1.1\"]");
  }

  @ParameterizedTest(name = "--link {0}")
  @CsvSource({"web:w, /web:/lnk/w", "web, /web:/lnk/web", "/web:/w, /web:/lnk/w"})
  void link_without_alias_uses_the_name(String link, String expected) {
    ContainerInfo c = ContainerInfo.builder().from(Fixtures.linked())
        .spec(ContainerSpec.builder().from(Fixtures.linked().spec()).links(List.of(link)).build()).build();
    assertThat(ContainerView.hostConfigLinks(c, ContainerJsonInput.none())).containsExactly(expected);
  }

  @Test
  void links_on_a_user_network_are_not_host_config_links() {
    ContainerInfo c = ContainerInfo.builder().from(Fixtures.ticktock())
        .spec(ContainerSpec.builder().from(Fixtures.ticktock().spec()).addLink("web:w").build()).build();
    assertThat(DockerJson.container(c).at("/HostConfig/Links").isNull()).isTrue();
  }

  @Test
  void resolved_links_from_the_engine_win() {
    ContainerJsonInput in = ContainerJsonInput.builder().addHostConfigLinks("/web:/lnk/w", "/db:/lnk/d").build();
    assertThat(DockerJson.container(Fixtures.linked(), in).at("/HostConfig/Links").toString())
        .isEqualTo("[\"/web:/lnk/w\",\"/db:/lnk/d\"]");
  }

  // ---- summaries -----------------------------------------------------------------------------

  @Test
  void summary_names_include_legacy_link_names() {
    ObjectNode item = DockerJson.containerSummary(Fixtures.linked(), ContainerJsonInput.builder().addLinkName("/other/alias").build(), NOW);
    assertThat(item.get("Names").toString()).isEqualTo("[\"/lnk\",\"/other/alias\"]");
  }

  @Test
  void summary_ports_flatten_bindings_and_omit_empty_fields() {
    ContainerJsonInput in =
        ContainerJsonInput.builder()
            .from(Fixtures.ticktockPorts())
            .addExposedPort("443/tcp")
            .putPublishedPort("53/udp", List.of(HostBinding.of("127.0.0.1", "5353")))
            .build();
    ObjectNode item = DockerJson.containerSummary(Fixtures.ticktock(), in, NOW);
    assertThat(item.get("Ports").toString())
        .isEqualTo(
            "[{\"PrivatePort\":443,\"Type\":\"tcp\"},"
                + "{\"IP\":\"127.0.0.1\",\"PrivatePort\":53,\"PublicPort\":5353,\"Type\":\"udp\"},"
                + "{\"IP\":\"0.0.0.0\",\"PrivatePort\":80,\"PublicPort\":8080,\"Type\":\"tcp\"},"
                + "{\"IP\":\"::\",\"PrivatePort\":80,\"PublicPort\":8080,\"Type\":\"tcp\"}]");
    ObjectNode stopped = DockerJson.containerSummary(Fixtures.stopped(), in, NOW);
    assertThat(stopped.get("Ports").toString()).isEqualTo("[]");
  }

  @Test
  void summary_created_is_unix_seconds() {
    assertThat(DockerJson.containerSummary(Fixtures.ticktock(), ContainerJsonInput.none(), NOW).get("Created").longValue())
        .isEqualTo(1748855643L);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "sleep,1000           | sleep 1000",
        "/bin/sh,-c,echo hi   | /bin/sh -c 'echo hi'",
        "nginx                | nginx",
      })
  void summary_command_quotes_arguments_with_spaces(String command, String expected) {
    assertThat(ContainerView.command(List.of(command.split(",")))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "running, started 5 s before now   | 5     | Up 5 seconds",
        "running, started 1 s before now   | 1     | Up 1 second",
        "running, started just now         | 0     | Up Less than a second",
        "running, started 2 h before now   | 7200  | Up 2 hours",
      })
  void status_of_a_running_container(String name, long secondsAgo, String expected) {
    ContainerInfo c = ContainerInfo.builder().from(Fixtures.ticktock()).startedAt(NOW.minusSeconds(secondsAgo)).build();
    assertThat(DockerJson.status(c, NOW)).isEqualTo(expected);
  }

  @Test
  void status_of_stopped_and_created_containers() {
    ContainerInfo exited = ContainerInfo.builder().from(Fixtures.stopped()).exitCode(137).finishedAt(NOW.minusSeconds(2)).build();
    assertThat(DockerJson.status(exited, NOW)).isEqualTo("Exited (137) 2 seconds ago");
    ContainerInfo aMinute = ContainerInfo.builder().from(Fixtures.stopped()).finishedAt(NOW.minusSeconds(90)).build();
    assertThat(DockerJson.status(aMinute, NOW)).isEqualTo("Exited (0) About a minute ago");
    assertThat(DockerJson.status(Fixtures.created(), NOW)).isEqualTo("Created");
  }

  // ---- deterministic stand-ins ---------------------------------------------------------------

  @Test
  void image_id_is_derived_from_the_normalised_name() {
    assertThat(DockerJson.imageId("alpine")).isEqualTo(DockerJson.imageId("alpine:latest")).startsWith("sha256:").hasSize(71);
    assertThat(DockerJson.imageId("alpine:3.20")).isNotEqualTo(DockerJson.imageId("alpine"));
    assertThat(DockerJson.imageId("localhost:5000/app")).isEqualTo(DockerJson.imageId("localhost:5000/app:latest"));
    assertThat(DockerJson.imageId("docker.io/library/alpine")).isEqualTo(DockerJson.imageId("alpine"));
    assertThat(DockerJson.container(Fixtures.ticktock(), ContainerJsonInput.builder().imageId("sha256:abc").build()).get("Image").textValue())
        .isEqualTo("sha256:abc");
  }

  @Test
  void same_snapshot_gives_the_same_bytes() {
    String once = DockerJson.toJson(DockerJson.container(Fixtures.ticktock(), Fixtures.ticktockPorts()));
    String twice = DockerJson.toJson(DockerJson.container(Fixtures.ticktock(), Fixtures.ticktockPorts()));
    assertThat(once).isEqualTo(twice);
    ContainerInfo restarted = ContainerInfo.builder().from(Fixtures.ticktock()).startedAt(NOW).build();
    assertThat(DockerJson.container(restarted).at("/NetworkSettings/SandboxID"))
        .isNotEqualTo(DockerJson.container(Fixtures.ticktock()).at("/NetworkSettings/SandboxID"));
  }

  @Test
  void container_mode_has_no_networks() {
    ContainerInfo c = ContainerInfo.builder().from(Fixtures.created()).networkMode(NetworkMode.container("web"))
        .networks(java.util.Map.of()).build();
    ObjectNode doc = DockerJson.container(c);
    assertThat(doc.at("/HostConfig/NetworkMode").textValue()).isEqualTo("container:web");
    assertThat(doc.at("/NetworkSettings/Networks").toString()).isEqualTo("{}");
  }

  private static ContainerInfo withDevSettings(ContainerInfo c, EndpointSpec spec) {
    return ContainerInfo.builder().from(c)
        .networks(java.util.Map.of("dev", AttachedNetwork.builder().networkName("dev").networkId(Fixtures.DEV_ID).settings(spec).build()))
        .build();
  }
}
