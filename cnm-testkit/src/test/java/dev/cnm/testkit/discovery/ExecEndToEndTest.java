package dev.cnm.testkit.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.ExecResult;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.spi.DaemonSettings;
import dev.cnm.core.Cnm;
import dev.cnm.core.EngineConfiguration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What containers see, against the real bridge driver: ping through ICC, isolation and masquerade. */
class ExecEndToEndTest {
  private Engine docker;

  @BeforeEach
  void setUp() {
    docker = Cnm.builder().seed(42).build();
  }

  private ContainerInfo run(String image, String name, String network) {
    return docker.run(ContainerSpec.builder().image(image).tty(true).name(name).networkMode(NetworkMode.network(network))
        .build());
  }

  private ExecResult exec(String c, String... cmd) {
    return docker.exec(c, List.of(cmd));
  }

  private static String ip(ContainerInfo c, String network) {
    return c.endpoint(network).orElseThrow().ipv4Address().orElseThrow().address().toString();
  }

  @Test
  void tutorial_trainingwheels_finds_redis_only_once_redis_exists() {
    docker.createNetwork(NetworkSpec.of("dev"));
    docker.run(ContainerSpec.builder().image("jpetazzo/trainingwheels").name("tw")
        .networkMode(NetworkMode.network("dev")).publishAllPorts(true).build());
    assertThat(exec("tw", "ping", "-c", "1", "redis")).isEqualTo(ExecResult.of("", "ping: bad address 'redis'\n", 1));
    ContainerInfo redis = run("redis", "redis", "dev");
    ExecResult ping = exec("tw", "ping", "-c", "2", "redis");
    assertThat(ping.exitCode()).isZero();
    assertThat(ping.stdout()).isEqualTo("PING redis (" + ip(redis, "dev") + "): 56 data bytes\n"
        + "64 bytes from " + ip(redis, "dev") + ": seq=0 ttl=64 time=0.080 ms\n"
        + "64 bytes from " + ip(redis, "dev") + ": seq=1 ttl=64 time=0.080 ms\n"
        + "\n--- redis ping statistics ---\n"
        + "2 packets transmitted, 2 packets received, 0% packet loss\n"
        + "round-trip min/avg/max = 0.080/0.080/0.080 ms\n");
  }

  @Test
  void isolation_between_bridge_networks_and_icc_off() {
    docker.createNetwork(NetworkSpec.of("a"));
    docker.createNetwork(NetworkSpec.of("b"));
    docker.createNetwork(NetworkSpec.builder().name("quiet")
        .putOption("com.docker.network.bridge.enable_icc", "false").build());
    ContainerInfo a1 = run("alpine", "a1", "a");
    run("alpine", "a2", "a");
    run("alpine", "b1", "b");
    ContainerInfo q1 = run("alpine", "q1", "quiet");
    run("alpine", "q2", "quiet");
    assertThat(exec("a2", "ping", "-c", "1", ip(a1, "a")).exitCode()).isZero();
    ExecResult isolated = exec("b1", "ping", "-c", "1", ip(a1, "a"));
    assertThat(isolated.exitCode()).isEqualTo(1);
    assertThat(isolated.stdout()).endsWith("1 packets transmitted, 0 packets received, 100% packet loss\n");
    assertThat(exec("q2", "ping", "-c", "1", "q1").exitCode()).isEqualTo(1);
    assertThat(exec("q2", "ping", "-c", "1", ip(q1, "quiet")).exitCode()).isEqualTo(1);
    assertThat(exec("q2", "ping", "-c", "1", "8.8.8.8").exitCode()).isZero();
  }

  @Test
  void internal_network_has_no_way_out_but_reaches_its_members() {
    docker.createNetwork(NetworkSpec.builder().name("backend").internal(true).build());
    run("postgres", "db", "backend");
    run("alpine", "app", "backend");
    assertThat(exec("app", "ping", "-c", "1", "db").exitCode()).isZero();
    assertThat(exec("app", "ping", "-c", "1", "8.8.8.8").exitCode()).isEqualTo(1);
    assertThat(exec("app", "ip", "route").stdout()).doesNotContain("default");
  }

  @Test
  void masquerade_off_external_unreachable() {
    docker.createNetwork(NetworkSpec.builder().name("nomasq")
        .putOption("com.docker.network.bridge.enable_ip_masquerade", "false").build());
    run("alpine", "cc", "nomasq");
    assertThat(exec("cc", "ping", "-c", "1", "1.1.1.1").exitCode()).isEqualTo(1);
  }

  @Test
  void default_bridge_icc_off_daemon_flag() {
    Engine quiet = Cnm.builder().seed(1).configuration(EngineConfiguration.builder()
        .daemon(DaemonSettings.builder().icc(false).build()).build()).build();
    ContainerInfo x = quiet.run(ContainerSpec.builder().image("alpine").tty(true).name("xx").build());
    quiet.run(ContainerSpec.builder().image("alpine").tty(true).name("yy").build());
    assertThat(quiet.exec("yy", List.of("ping", "-c", "1", ip(x, "bridge"))).exitCode()).isEqualTo(1);
    assertThat(quiet.exec("yy", List.of("ping", "-c", "1", "172.17.0.1")).exitCode()).isZero();
  }

  @Test
  void add_host_host_gateway_and_ip_addr() {
    ContainerInfo c = docker.run(ContainerSpec.builder().image("alpine").tty(true).name("cc")
        .addExtraHost("host.docker.internal:host-gateway").addExtraHost("db.local:10.0.0.5").build());
    assertThat(exec("cc", "cat", "/etc/hosts").stdout()).isEqualTo("127.0.0.1\tlocalhost\n"
        + "::1\tlocalhost ip6-localhost ip6-loopback\n"
        + "fe00::0\tip6-localnet\n"
        + "ff00::0\tip6-mcastprefix\n"
        + "ff02::1\tip6-allnodes\n"
        + "ff02::2\tip6-allrouters\n"
        + "172.17.0.1\thost.docker.internal\n"
        + "10.0.0.5\tdb.local\n"
        + ip(c, "bridge") + "\t" + c.hostname() + "\n");
    String mac = c.endpoint("bridge").orElseThrow().macAddress().orElseThrow().toString();
    assertThat(exec("cc", "ip", "addr").stdout()).isEqualTo(
        "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000\n"
            + "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"
            + "    inet 127.0.0.1/8 scope host lo\n"
            + "       valid_lft forever preferred_lft forever\n"
            + "    inet6 ::1/128 scope host \n"
            + "       valid_lft forever preferred_lft forever\n"
            + "2: eth0@if3: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue state UP \n"
            + "    link/ether " + mac + " brd ff:ff:ff:ff:ff:ff\n"
            + "    inet " + ip(c, "bridge") + "/16 brd 172.17.255.255 scope global eth0\n"
            + "       valid_lft forever preferred_lft forever\n");
    assertThat(exec("cc", "ip", "route").stdout()).isEqualTo("default via 172.17.0.1 dev eth0 \n"
        + "172.17.0.0/16 dev eth0 scope link  src " + ip(c, "bridge") + " \n");
    assertThat(exec("cc", "ping", "-c", "1", "host.docker.internal").exitCode()).isZero();
  }

  @Test
  void host_mode_copies_host_files() {
    docker.run(ContainerSpec.builder().image("alpine").tty(true).name("hh").networkMode(NetworkMode.host()).build());
    assertThat(exec("hh", "cat", "/etc/resolv.conf").stdout()).isEqualTo("nameserver 192.168.1.1\n");
    assertThat(exec("hh", "cat", "/etc/hosts").stdout()).startsWith("127.0.0.1\tlocalhost\n127.0.1.1\t");
    assertThat(exec("hh", "ping", "-c", "1", "8.8.8.8").exitCode()).isZero();
  }
}
