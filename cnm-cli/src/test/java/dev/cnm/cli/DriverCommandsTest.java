package dev.cnm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The macvlan and ipvlan drivers through the command line: Docker's messages and inspect output. */
class DriverCommandsTest {
  private final Harness h = new Harness();

  @Test
  void a_missing_macvlan_parent_prints_dockers_error() {
    Harness.Result r = h.run("network create -d macvlan -o parent=nonexistent lan");
    assertThat(r.rc()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("Error response from daemon: invalid subinterface vlan name nonexistent, example "
        + "formatting is eth0.10\n");
  }

  @Test
  void network_inspect_shows_the_parent_and_the_ipvlan_l3_network_has_no_gateway() {
    h.ok("network create -d macvlan -o parent=eth0.10 --subnet 10.10.0.0/24 lan");
    assertThat(h.ok("network inspect -f '{{json .Options}} {{.Driver}} {{.Scope}}' lan"))
        .isEqualTo("{\"parent\":\"eth0.10\"} macvlan local\n");
    h.ok("network create -d ipvlan -o parent=eth0 -o ipvlan_mode=l3 --subnet 10.20.0.0/24 routed");
    assertThat(h.ok("network inspect -f '{{json .IPAM.Config}}' routed")).isEqualTo("[{\"Subnet\":\"10.20.0.0/24\"}]\n");
  }

  @Test
  void ipvlan_refuses_a_chosen_mac_address_as_docker_does() {
    h.ok("network create -d ipvlan -o parent=eth0 --subnet 10.30.0.0/24 ipv");
    Harness.Result r = h.run("run -d --name c1 --network ipv --mac-address 02:00:00:00:00:01 alpine");
    assertThat(r.rc()).isEqualTo(125);
    assertThat(r.err()).isEqualTo("cnm: Error response from daemon: failed to set up container networking: failed to "
        + "create endpoint c1 on network ipv: ipvlan interfaces do not support custom mac address assignment\n\n"
        + "Run 'cnm run --help' for more information\n");
  }
}
