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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random sequences of network creation and removal and of port publishing: after every step the
 * FORWARD chain starts with the DOCKER-USER and isolation jumps and every live network has its
 * rules; once everything is gone, the tables are back to what {@code setupChains} left.
 */
class BridgeFirewallProperties {
  /** A network the steps can create: bridge, subnet, icc, internal. */
  private static final class Net {
    final String bridge;
    final Subnet subnet;
    final boolean icc;
    final boolean internal;

    Net(String bridge, String subnet, boolean icc, boolean internal) {
      this.bridge = bridge;
      this.subnet = Subnet.parse(subnet);
      this.icc = icc;
      this.internal = internal;
    }
  }

  private static final List<Net> NETS = List.of(
      new Net("docker0", "172.17.0.0/16", true, false),
      new Net("br-aaaaaaaaaaaa", "172.18.0.0/16", false, false),
      new Net("br-bbbbbbbbbbbb", "172.19.0.0/16", true, true),
      new Net("br-cccccccccccc", "10.10.0.0/24", false, true));

  @Provide
  Arbitrary<List<int[]>> steps() {
    // {kind 0..2, network index, port seed}
    int nets = NETS.size();
    return Arbitraries.integers().between(0, 3 * nets * 8 - 1)
        .map(code -> new int[] {code % 3, (code / 3) % nets, code / (3 * nets)})
        .list().ofMaxSize(30);
  }

  @Property(tries = 100)
  void rules_follow_networks_and_bindings(@ForAll("steps") List<int[]> steps, @ForAll boolean userlandProxy) {
    DefaultHostRules rules = DefaultHostRules.create();
    BridgeFirewall fw = BridgeFirewall.create(rules, userlandProxy);
    fw.setupChains();
    String baseline = rules.save();
    Map<Net, List<PublishedPort>> live = new LinkedHashMap<>();
    for (int[] s : steps) {
      Net net = NETS.get(s[1]);
      switch (s[0]) {
        case 0:
          if (!live.containsKey(net)) {
            add(fw, net);
            live.put(net, new ArrayList<>());
          }
          break;
        case 1:
          if (live.containsKey(net)) {
            for (PublishedPort p : live.remove(net)) {
              fw.unpublish(net.bridge, p, container(net));
            }
            remove(fw, net);
          }
          break;
        default:
          if (live.containsKey(net) && !net.internal) {
            PortProtocol proto = PortProtocol.values()[s[2] % 3];
            PublishedPort p = PublishedPort.of(ExposedPort.of(80 + s[2], proto), IpAddress.ANY_V4, 8000 + s[2]);
            fw.publish(net.bridge, p, container(net));
            live.get(net).add(p);
          }
          break;
      }
      List<Rule> forward = rules.rules(RuleTable.FILTER, "FORWARD");
      assertThat(forward.subList(0, 2)).extracting(Rule::spec)
          .containsExactly("-j DOCKER-USER", "-j DOCKER-ISOLATION-STAGE-1");
      for (Net n : live.keySet()) {
        String icc = "-i " + n.bridge + " -o " + n.bridge + " -j " + (n.icc ? "ACCEPT" : "DROP");
        assertThat(forward).extracting(Rule::spec).contains(icc);
        if (!n.internal) {
          assertThat(forward).extracting(Rule::spec).contains("-o " + n.bridge + " -j DOCKER");
          assertThat(rules.rules(RuleTable.FILTER, "DOCKER-ISOLATION-STAGE-2")).extracting(Rule::spec)
              .contains("-o " + n.bridge + " -j DROP");
        }
      }
      assertThat(rules.rules(RuleTable.FILTER, "DOCKER-ISOLATION-STAGE-2")).last().extracting(Rule::spec)
          .isEqualTo("-j RETURN");
    }
    for (Map.Entry<Net, List<PublishedPort>> e : live.entrySet()) {
      for (PublishedPort p : e.getValue()) {
        fw.unpublish(e.getKey().bridge, p, container(e.getKey()));
      }
      remove(fw, e.getKey());
    }
    assertThat(rules.save()).isEqualTo(baseline);
  }

  private static IpAddress container(Net net) {
    return net.subnet.addressAt(2);
  }

  private static void add(BridgeFirewall fw, Net n) {
    fw.addNetwork(n.bridge, n.subnet, n.icc, true, n.internal, Optional.empty());
  }

  private static void remove(BridgeFirewall fw, Net n) {
    fw.removeNetwork(n.bridge, n.subnet, n.icc, true, n.internal, Optional.empty());
  }
}
