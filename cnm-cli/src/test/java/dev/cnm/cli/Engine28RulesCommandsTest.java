package dev.cnm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cnm.core.ipam.DefaultAddressPool;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Docker Engine 25–28's address and namespace rules, as {@code cnm} reports them. */
class Engine28RulesCommandsTest {
  private Harness h;

  @BeforeEach
  void setUp() {
    h = new Harness();
  }

  @Test
  void static_ip_on_a_network_without_a_user_subnet_is_refused_by_run_and_creates_nothing() {
    h.ok("network create dev");

    Harness.Result r = h.run("run -d --name web --network dev --ip 172.18.0.5 nginx");

    assertThat(r.rc()).isEqualTo(125);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("cnm: Error response from daemon: invalid config for network dev: invalid endpoint "
        + "settings:\nuser specified IP address is supported only when connecting to networks with user configured "
        + "subnets\n\nRun 'cnm run --help' for more information\n");
    assertThat(h.ok("ps -a -q")).isEmpty();
  }

  @Test
  void static_ip_outside_every_subnet_is_refused_by_create_and_network_connect() {
    h.ok("network create --subnet 10.9.0.0/24 --ip-range 10.9.0.128/25 dev");

    Harness.Result r = h.run("create --name web --network dev --ip 10.8.0.5 nginx");
    assertThat(r.rc()).isEqualTo(125);
    assertThat(r.err()).isEqualTo("cnm: Error response from daemon: invalid config for network dev: invalid endpoint "
        + "settings:\nno configured subnet or ip-range contain the IP address 10.8.0.5\n\n"
        + "Run 'cnm create --help' for more information\n");
    assertThat(h.ok("ps -a -q")).isEmpty();

    h.ok("run -d --name web nginx");
    Harness.Result c = h.run("network connect --ip 10.8.0.5 dev web");
    assertThat(c.rc()).isEqualTo(1);
    assertThat(c.err()).isEqualTo("Error response from daemon: invalid endpoint settings:\n"
        + "no configured subnet or ip-range contain the IP address 10.8.0.5\n");
    h.ok("network connect --ip 10.9.0.5 dev web"); // in the subnet, outside the range: accepted
    assertThat(h.ok("inspect -f '{{.NetworkSettings.Networks.dev.IPAddress}}' web")).isEqualTo("10.9.0.5\n");
  }

  @Test
  void network_create_ipv6_without_a_subnet_gets_a_slash64_of_the_hosts_ula_pool() {
    h.ok("network create --ipv6 v6");

    String subnets = h.ok("network inspect -f '{{range .IPAM.Config}}{{.Subnet}} {{end}}' v6");

    String ula = DefaultAddressPool.derivedUla("localhost").base().network().toString();
    assertThat(subnets).isEqualTo("172.18.0.0/16 " + ula + "/64 \n");
    assertThat(ula).startsWith("fd");
    h.ok("run -d --name web --network v6 nginx");
    assertThat(h.ok("inspect -f '{{.NetworkSettings.Networks.v6.GlobalIPv6Address}}' web")).startsWith(ula);
  }

  @Test
  void run_in_the_namespace_of_a_stopped_container_fails_with_engine_28s_message() {
    h.ok("create --name vpn nginx");

    Harness.Result r = h.run("run -d --name app --network container:vpn alpine");

    assertThat(r.rc()).isEqualTo(125);
    assertThat(r.err()).isEqualTo("cnm: Error response from daemon: cannot join network namespace of a non running "
        + "container: container vpn is created\n\nRun 'cnm run --help' for more information\n");
    h.ok("start vpn");
    h.ok("stop vpn");
    assertThat(h.run("start app").err()).isEqualTo("Error response from daemon: cannot join network namespace of a "
        + "non running container: container vpn is exited\nError: failed to start containers: app\n");
  }
}
