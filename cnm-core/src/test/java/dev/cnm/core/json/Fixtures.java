package dev.cnm.core.json;

import dev.cnm.api.AttachedNetwork;
import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.ContainerStatus;
import dev.cnm.api.EndpointInfo;
import dev.cnm.api.EndpointSpec;
import dev.cnm.api.IpamPoolInfo;
import dev.cnm.api.NetworkInfo;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.Scope;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.MacAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.port.ExposedPort;
import dev.cnm.api.port.PortBinding;
import dev.cnm.api.port.PublishedPort;
import java.time.Instant;
import java.util.List;

/** Snapshots shaped like the reference document's examples (docker-cli-api.md §A.2). */
final class Fixtures {
  static final String DEV_ID = "2925d07c283b0004d5eb2048f19fa400f8d0366996f4b93629fb7169153a265f";
  static final String BRIDGE_ID = "b2a0067a6b37c77905dbd2f1b79ed5d2c13bb4269564db92e06da3bfbf203fc3";
  static final String HOST_ID = "5214afbf7f466d14defa5b98352d0ccb264b45b1d40ff0aa0a912deb031b94b5";
  static final String NONE_ID = "14de7c982d86292a110bfd0cd4ed6fe1ae873265cb8ef9f3993db6be55682cab";
  static final String TICKTOCK_ID = "8c7b88e37af1cf2f8f9cece10ebde80fe38198867bec847a75cda2f05b8e46b8";
  static final String TICKTOCK_EP = "45cc8c5b463ab2885a35ed2e26350684c99260a1b4dc76636f9b647a401709b2";
  static final String WEB_ID = "953565d87e50b1c2a3f4e5d6c7b8a9f0e1d2c3b4a5f6e7d8c9b0a1f2e3d4c5b6";
  static final String WEB_EP = "7f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";
  static final String LNK_ID = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";
  static final String LNK_EP = "0d1c2b3a49586776859a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e";
  static final String STOPPED_ID = "5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f";

  static final Instant DAEMON_START = Instant.parse("2025-06-02T09:10:00.295512567Z");
  static final Instant DEV_CREATED = Instant.parse("2025-06-02T09:13:58.725856123Z");
  static final Instant TICKTOCK_CREATED = Instant.parse("2025-06-02T09:14:03.512345678Z");
  static final Instant TICKTOCK_STARTED = Instant.parse("2025-06-02T09:14:03.801234567Z");

  private Fixtures() {}

  // ---- networks ------------------------------------------------------------------------------

  static NetworkInfo bridge(EndpointInfo... endpoints) {
    return NetworkInfo.builder()
        .id(BRIDGE_ID)
        .name("bridge")
        .driver("bridge")
        .scope(Scope.LOCAL)
        .created(DAEMON_START)
        .enableIpv4(true)
        .enableIpv6(false)
        .ipamDriver("default")
        .addIpamConfig(
            IpamPoolInfo.builder()
                .subnet(Subnet.parse("172.17.0.0/16"))
                .gateway(IpAddress.parse("172.17.0.1"))
                .poolId("LocalDefault/172.17.0.0/16")
                .build())
        .internal(false)
        .attachable(false)
        .ingress(false)
        .putOption("com.docker.network.bridge.default_bridge", "true")
        .putOption("com.docker.network.bridge.enable_icc", "true")
        .putOption("com.docker.network.bridge.enable_ip_masquerade", "true")
        .putOption("com.docker.network.bridge.host_binding_ipv4", "0.0.0.0")
        .putOption("com.docker.network.bridge.name", "docker0")
        .putOption("com.docker.network.driver.mtu", "1500")
        .predefined(true)
        .addEndpoints(endpoints)
        .build();
  }

  static NetworkInfo host() {
    return predefined(HOST_ID, "host", "host");
  }

  static NetworkInfo none() {
    return predefined(NONE_ID, "none", "null");
  }

  private static NetworkInfo predefined(String id, String name, String driver) {
    return NetworkInfo.builder()
        .id(id)
        .name(name)
        .driver(driver)
        .scope(Scope.LOCAL)
        .created(DAEMON_START)
        .enableIpv4(true)
        .enableIpv6(false)
        .ipamDriver("default")
        .internal(false)
        .attachable(false)
        .ingress(false)
        .predefined(true)
        .build();
  }

  /** {@code docker network create --subnet 172.18.0.0/16 --ip-range 172.18.5.0/24 --gateway 172.18.0.1 --aux-address host1=172.18.0.5 -o com.docker.network.bridge.name=br-dev --label env=dev dev}. */
  static NetworkInfo dev(EndpointInfo... endpoints) {
    return NetworkInfo.builder()
        .id(DEV_ID)
        .name("dev")
        .driver("bridge")
        .scope(Scope.LOCAL)
        .created(DEV_CREATED)
        .enableIpv4(true)
        .enableIpv6(false)
        .ipamDriver("default")
        .addIpamConfig(
            IpamPoolInfo.builder()
                .subnet(Subnet.parse("172.18.0.0/16"))
                .ipRange(Subnet.parse("172.18.5.0/24"))
                .gateway(IpAddress.parse("172.18.0.1"))
                .putAuxAddress("host1", IpAddress.parse("172.18.0.5"))
                .poolId("LocalDefault/172.18.0.0/16")
                .build())
        .internal(false)
        .attachable(false)
        .ingress(false)
        .putOption("com.docker.network.bridge.name", "br-dev")
        .putLabel("env", "dev")
        .predefined(false)
        .addEndpoints(endpoints)
        .build();
  }

  // ---- containers ----------------------------------------------------------------------------

  static final EndpointSpec SEARCH_ALIAS = EndpointSpec.builder().addAlias("search").build();

  static EndpointInfo ticktockEndpoint() {
    return EndpointInfo.builder()
        .id(TICKTOCK_EP)
        .name("ticktock")
        .containerId(TICKTOCK_ID)
        .networkId(DEV_ID)
        .networkName("dev")
        .ipv4Address(Subnet.parse("172.18.0.2/16"))
        .macAddress(MacAddress.parse("6a:1f:3e:9c:42:d0"))
        .gateway(IpAddress.parse("172.18.0.1"))
        .addAlias("search")
        .addDnsNames("ticktock", "search", "8c7b88e37af1")
        .interfaceName("eth0")
        .build();
  }

  /** {@code docker run -d --name ticktock --net dev --network-alias search -p 8080:80 alpine}. */
  static ContainerInfo ticktock() {
    ContainerSpec spec =
        ContainerSpec.builder()
            .image("alpine")
            .name("ticktock")
            .networkMode(NetworkMode.network("dev"))
            .putEndpoint("dev", SEARCH_ALIAS)
            .addPortBinding(PortBinding.of(ExposedPort.tcp(80), 8080))
            .build();
    return ContainerInfo.builder()
        .id(TICKTOCK_ID)
        .addExposedPort(ExposedPort.tcp(80))
        .addPort(PublishedPort.of(ExposedPort.tcp(80), IpAddress.ANY_V4, 8080))
        .addPort(PublishedPort.of(ExposedPort.tcp(80), IpAddress.ANY_V6, 8080))
        .name("ticktock")
        .image("alpine")
        .addCommand("/bin/sh")
        .addEnv("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
        .hostname("8c7b88e37af1")
        .domainname("")
        .status(ContainerStatus.RUNNING)
        .created(TICKTOCK_CREATED)
        .startedAt(TICKTOCK_STARTED)
        .spec(spec)
        .networkMode(NetworkMode.network("dev"))
        .putNetwork(
            "dev",
            AttachedNetwork.builder()
                .networkName("dev")
                .networkId(DEV_ID)
                .settings(SEARCH_ALIAS)
                .endpoint(ticktockEndpoint())
                .build())
        .build();
  }

  /** The same ports as {@link #ticktock()} carries, given as an explicit input. */
  static ContainerJsonInput ticktockPorts() {
    return ContainerJsonInput.builder()
        .addExposedPort("80/tcp")
        .putPortBinding("80/tcp", List.of(HostBinding.of("", "8080")))
        .putPublishedPort("80/tcp", List.of(HostBinding.of("0.0.0.0", "8080"), HostBinding.of("::", "8080")))
        .build();
  }

  /**
   * {@code docker run -d --name db --net dev --network-alias data --ip 172.18.5.9 postgres
   * postgres -c 'log_statement=all'}, then {@code docker stop db} (exit code 0).
   */
  static ContainerInfo stopped() {
    EndpointSpec settings =
        EndpointSpec.builder().addAlias("data").ipv4Address(IpAddress.parse("172.18.5.9")).build();
    ContainerSpec spec =
        ContainerSpec.builder()
            .image("postgres:16")
            .name("db")
            .addCommand("postgres", "-c", "log_statement = all")
            .networkMode(NetworkMode.network("dev"))
            .putEndpoint("dev", settings)
            .putLabel("tier", "data")
            .build();
    return ContainerInfo.builder()
        .id(STOPPED_ID)
        .addExposedPort(ExposedPort.tcp(5432))
        .name("db")
        .image("postgres:16")
        .addCommand("postgres", "-c", "log_statement = all")
        .addEnv("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "PGDATA=/var/lib/postgresql/data")
        .putLabel("tier", "data")
        .hostname("5e6f7a8b9c0d")
        .domainname("")
        .status(ContainerStatus.EXITED)
        .created(Instant.parse("2025-06-02T09:20:00Z"))
        .startedAt(Instant.parse("2025-06-02T09:20:00.5Z"))
        .finishedAt(Instant.parse("2025-06-02T09:25:10.123456789Z"))
        .exitCode(0)
        .spec(spec)
        .networkMode(NetworkMode.network("dev"))
        .putNetwork("dev", AttachedNetwork.builder().networkName("dev").networkId(DEV_ID).settings(settings).build())
        .build();
  }

  static EndpointInfo webEndpoint() {
    return EndpointInfo.builder()
        .id(WEB_EP)
        .name("web")
        .containerId(WEB_ID)
        .networkId(BRIDGE_ID)
        .networkName("bridge")
        .ipv4Address(Subnet.parse("172.17.0.2/16"))
        .macAddress(MacAddress.parse("b2:51:c0:11:7e:03"))
        .gateway(IpAddress.parse("172.17.0.1"))
        .interfaceName("eth0")
        .build();
  }

  static EndpointInfo lnkEndpoint() {
    return EndpointInfo.builder()
        .id(LNK_EP)
        .name("lnk")
        .containerId(LNK_ID)
        .networkId(BRIDGE_ID)
        .networkName("bridge")
        .ipv4Address(Subnet.parse("172.17.0.3/16"))
        .macAddress(MacAddress.parse("5a:0e:77:c4:19:8b"))
        .gateway(IpAddress.parse("172.17.0.1"))
        .interfaceName("eth0")
        .build();
  }

  /** {@code docker run -d --name lnk --link web:w --add-host db.local:10.0.0.7 --dns 1.1.1.1 busybox sleep 1000}. */
  static ContainerInfo linked() {
    ContainerSpec spec =
        ContainerSpec.builder()
            .image("busybox")
            .name("lnk")
            .addCommand("sleep", "1000")
            .addLink("web:w")
            .addExtraHost("db.local:10.0.0.7")
            .addDns("1.1.1.1")
            .build();
    return ContainerInfo.builder()
        .id(LNK_ID)
        .name("lnk")
        .image("busybox")
        .addCommand("sleep", "1000")
        .addEnv("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
        .hostname("a1b2c3d4e5f6")
        .domainname("")
        .status(ContainerStatus.RUNNING)
        .created(Instant.parse("2025-06-02T09:30:00.000000001Z"))
        .startedAt(Instant.parse("2025-06-02T09:30:00.25Z"))
        .spec(spec)
        .networkMode(NetworkMode.bridge())
        .putNetwork(
            "bridge",
            AttachedNetwork.builder()
                .networkName("bridge")
                .networkId(BRIDGE_ID)
                .settings(EndpointSpec.empty())
                .endpoint(lnkEndpoint())
                .build())
        .build();
  }

  /** {@code docker create --name fresh --net dev alpine}: never started. */
  static ContainerInfo created() {
    ContainerSpec spec =
        ContainerSpec.builder().image("alpine").name("fresh").networkMode(NetworkMode.network("dev")).build();
    return ContainerInfo.builder()
        .id("c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00")
        .name("fresh")
        .image("alpine")
        .addCommand("/bin/sh")
        .hostname("c0ffee00c0ff")
        .domainname("")
        .status(ContainerStatus.CREATED)
        .created(Instant.parse("2025-06-02T09:40:00Z"))
        .spec(spec)
        .networkMode(NetworkMode.network("dev"))
        .putNetwork(
            "dev",
            AttachedNetwork.builder().networkName("dev").networkId(DEV_ID).settings(EndpointSpec.empty()).build())
        .build();
  }
}
