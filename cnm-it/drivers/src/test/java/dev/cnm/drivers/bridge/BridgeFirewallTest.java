package dev.cnm.drivers.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cnm.api.host.Rule;
import dev.cnm.api.host.RuleTable;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.port.ExposedPort;
import dev.cnm.api.port.PortProtocol;
import dev.cnm.api.port.PublishedPort;
import dev.cnm.core.host.DefaultHostRules;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BridgeFirewallTest {
  private static final Subnet DEFAULT = Subnet.parse("172.17.0.0/16");
  private static final Subnet DEV = Subnet.parse("172.18.0.0/16");
  private static final Subnet PROD = Subnet.parse("172.19.0.0/16");
  private static final Subnet SECRET = Subnet.parse("172.20.0.0/16");
  private static final IpAddress WEB = IpAddress.parse("172.17.0.2");
  private static final IpAddress SEARCH = IpAddress.parse("172.18.0.3");
  private static final IpAddress DNS = IpAddress.parse("172.19.0.2");
  private static final IpAddress CLIENT = IpAddress.parse("172.19.0.3");

  private final DefaultHostRules rules = DefaultHostRules.create();
  private final BridgeFirewall fw = BridgeFirewall.create(rules, true);

  /**
   * The default bridge, two user networks (ICC off on "prod"), one internal network, published
   * ports over tcp, udp (on one host IP) and sctp, an IPv6 binding (no IPv4 rules) and a link.
   */
  private void scenario() {
    fw.setupChains();
    fw.addNetwork("docker0", DEFAULT, true, true, false, Optional.empty());
    fw.addNetwork("br-0123456789ab", DEV, true, true, false, Optional.empty());
    fw.addNetwork("br-23456789abcd", PROD, false, true, false, Optional.empty());
    fw.addNetwork("br-456789abcdef", SECRET, true, true, true, Optional.empty());
    fw.publish("docker0", PublishedPort.of(ExposedPort.tcp(80), IpAddress.ANY_V4, 8080), WEB);
    fw.publish("docker0", PublishedPort.of(ExposedPort.tcp(80), IpAddress.ANY_V6, 8080), WEB);
    fw.publish("br-0123456789ab", PublishedPort.of(ExposedPort.of(9999, PortProtocol.SCTP), IpAddress.ANY_V4, 32768),
        SEARCH);
    fw.publish("br-23456789abcd", PublishedPort.of(ExposedPort.udp(53), IpAddress.parse("127.0.0.1"), 5353), DNS);
    fw.link("br-23456789abcd", CLIENT, DNS, List.of(ExposedPort.udp(53)));
  }

  @Test
  void golden_iptables_save() throws IOException {
    scenario();
    assertThat(rules.save()).isEqualTo(resource("golden/bridge-firewall.iptables-save"));
  }

  @Test
  void everything_removed_back_to_the_baseline() {
    fw.setupChains();
    String baseline = rules.save();
    scenario();
    fw.unlink("br-23456789abcd", CLIENT, DNS, List.of(ExposedPort.udp(53)));
    fw.unpublish("br-23456789abcd", PublishedPort.of(ExposedPort.udp(53), IpAddress.parse("127.0.0.1"), 5353), DNS);
    fw.unpublish("br-0123456789ab",
        PublishedPort.of(ExposedPort.of(9999, PortProtocol.SCTP), IpAddress.ANY_V4, 32768), SEARCH);
    fw.unpublish("docker0", PublishedPort.of(ExposedPort.tcp(80), IpAddress.ANY_V6, 8080), WEB);
    fw.unpublish("docker0", PublishedPort.of(ExposedPort.tcp(80), IpAddress.ANY_V4, 8080), WEB);
    fw.removeNetwork("br-456789abcdef", SECRET, true, true, true, Optional.empty());
    fw.removeNetwork("br-23456789abcd", PROD, false, true, false, Optional.empty());
    fw.removeNetwork("br-0123456789ab", DEV, true, true, false, Optional.empty());
    fw.removeNetwork("docker0", DEFAULT, true, true, false, Optional.empty());
    assertThat(rules.save()).isEqualTo(baseline);
  }

  @Test
  void setup_and_add_are_idempotent() {
    scenario();
    String once = rules.save();
    scenario();
    assertThat(rules.save()).isEqualTo(once);
  }

  @Test
  void hairpin_mode_without_userland_proxy() {
    DefaultHostRules r = DefaultHostRules.create();
    BridgeFirewall hairpin = BridgeFirewall.create(r, false);
    hairpin.setupChains();
    hairpin.addNetwork("docker0", DEFAULT, true, true, false, Optional.empty());
    hairpin.publish("docker0", PublishedPort.of(ExposedPort.tcp(80), IpAddress.ANY_V4, 8080), WEB);
    assertThat(r.rules(RuleTable.NAT, "OUTPUT")).containsExactly(
        Rule.of(RuleTable.NAT, "OUTPUT", "-m addrtype --dst-type LOCAL -j DOCKER"));
    assertThat(r.rules(RuleTable.NAT, "DOCKER")).extracting(Rule::toString).containsExactly(
        "-A DOCKER -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80");
    assertThat(r.rules(RuleTable.NAT, "POSTROUTING")).extracting(Rule::toString).containsExactly(
        "-A POSTROUTING -o docker0 -m addrtype --src-type LOCAL -j MASQUERADE",
        "-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE",
        "-A POSTROUTING -s 172.17.0.2/32 -d 172.17.0.2/32 -p tcp -m tcp --dport 80 -j MASQUERADE");
  }

  @Test
  void host_ipv4_snat_instead_of_masquerade_and_no_masquerade_when_disabled() {
    fw.setupChains();
    fw.addNetwork("br-1", DEV, true, true, false, Optional.of(IpAddress.parse("192.168.1.10")));
    fw.addNetwork("br-2", PROD, true, false, false, Optional.empty());
    assertThat(rules.rules(RuleTable.NAT, "POSTROUTING")).extracting(Rule::toString).containsExactly(
        "-A POSTROUTING -s 172.18.0.0/16 ! -o br-1 -j SNAT --to-source 192.168.1.10");
    assertThat(rules.rules(RuleTable.NAT, "DOCKER")).extracting(Rule::toString).containsExactly(
        "-A DOCKER -i br-1 -j RETURN");
  }

  @Test
  void shared_binding_rules_go_with_the_first_unpublish_as_in_docker() {
    fw.setupChains();
    fw.addNetwork("docker0", DEFAULT, true, true, false, Optional.empty());
    fw.publish("docker0", PublishedPort.of(ExposedPort.tcp(80), IpAddress.ANY_V4, 8080), WEB);
    fw.publish("docker0", PublishedPort.of(ExposedPort.tcp(80), IpAddress.ANY_V4, 8888), WEB);
    assertThat(rules.rules(RuleTable.FILTER, "DOCKER")).hasSize(1);
    assertThat(rules.rules(RuleTable.NAT, "DOCKER")).hasSize(3);
    fw.unpublish("docker0", PublishedPort.of(ExposedPort.tcp(80), IpAddress.ANY_V4, 8888), WEB);
    assertThat(rules.rules(RuleTable.FILTER, "DOCKER")).isEmpty();
    assertThat(rules.rules(RuleTable.NAT, "DOCKER")).extracting(Rule::toString).containsExactly(
        "-A DOCKER -i docker0 -j RETURN",
        "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80");
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = BridgeFirewallTest.class.getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
