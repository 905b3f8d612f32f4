package dev.cnm.core.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.host.Rule;
import dev.cnm.api.host.RuleTable;
import org.junit.jupiter.api.Test;

class DefaultHostRulesTest {
  private final DefaultHostRules rules = DefaultHostRules.create();

  private static Rule filter(String chain, String spec) {
    return Rule.of(RuleTable.FILTER, chain, spec);
  }

  @Test
  void empty_host_saves_nothing() {
    assertThat(rules.save()).isEmpty();
    assertThat(rules.rules()).isEmpty();
    assertThat(rules.chains(RuleTable.NAT)).containsExactly("PREROUTING", "INPUT", "OUTPUT", "POSTROUTING");
  }

  @Test
  void save_format() {
    assertThat(rules.ensureChain(RuleTable.FILTER, "DOCKER-USER")).isTrue();
    assertThat(rules.ensureChain(RuleTable.FILTER, "DOCKER-USER")).isFalse();
    rules.ensureChain(RuleTable.FILTER, "DOCKER");
    rules.append(filter("DOCKER-USER", "-j RETURN"));
    rules.append(filter("FORWARD", "-o docker0 -j DOCKER"));
    rules.insert(filter("FORWARD", "-j DOCKER-USER"));
    rules.setPolicy(RuleTable.FILTER, "FORWARD", "DROP");
    rules.ensureChain(RuleTable.NAT, "DOCKER");
    assertThat(rules.save()).isEqualTo(String.join("\n",
        "*filter",
        ":INPUT ACCEPT [0:0]",
        ":FORWARD DROP [0:0]",
        ":OUTPUT ACCEPT [0:0]",
        ":DOCKER - [0:0]",
        ":DOCKER-USER - [0:0]",
        "-A FORWARD -j DOCKER-USER",
        "-A FORWARD -o docker0 -j DOCKER",
        "-A DOCKER-USER -j RETURN",
        "COMMIT",
        "*nat",
        ":PREROUTING ACCEPT [0:0]",
        ":INPUT ACCEPT [0:0]",
        ":OUTPUT ACCEPT [0:0]",
        ":POSTROUTING ACCEPT [0:0]",
        ":DOCKER - [0:0]",
        "COMMIT",
        ""));
    assertThat(rules.rules()).extracting(Rule::toString)
        .containsExactly("-A FORWARD -j DOCKER-USER", "-A FORWARD -o docker0 -j DOCKER", "-A DOCKER-USER -j RETURN");
    assertThat(rules.policy(RuleTable.FILTER, "FORWARD")).isEqualTo("DROP");
    assertThat(rules.policy(RuleTable.FILTER, "INPUT")).isEqualTo("ACCEPT");
  }

  @Test
  void insert_at_position_delete_first_match_exists() {
    rules.append(filter("FORWARD", "-i a -j ACCEPT"));
    rules.append(filter("FORWARD", "-i c -j ACCEPT"));
    rules.insert(2, filter("FORWARD", "-i b -j ACCEPT"));
    rules.append(filter("FORWARD", "-i a -j ACCEPT"));
    assertThat(rules.rules(RuleTable.FILTER, "FORWARD")).extracting(Rule::spec)
        .containsExactly("-i a -j ACCEPT", "-i b -j ACCEPT", "-i c -j ACCEPT", "-i a -j ACCEPT");
    assertThat(rules.delete(filter("FORWARD", "--in-interface a -j ACCEPT"))).isTrue();
    assertThat(rules.rules(RuleTable.FILTER, "FORWARD")).extracting(Rule::spec)
        .containsExactly("-i b -j ACCEPT", "-i c -j ACCEPT", "-i a -j ACCEPT");
    assertThat(rules.exists(filter("FORWARD", "-i c -j ACCEPT"))).isTrue();
    assertThat(rules.delete(filter("FORWARD", "-i z -j ACCEPT"))).isFalse();
    assertThat(rules.delete(filter("NOCHAIN", "-j ACCEPT"))).isFalse();
    assertThat(rules.exists(filter("NOCHAIN", "-j ACCEPT"))).isFalse();
  }

  @Test
  void chain_lifecycle() {
    rules.ensureChain(RuleTable.FILTER, "X");
    rules.append(filter("FORWARD", "-j X"));
    rules.append(filter("X", "-j RETURN"));
    assertThatThrownBy(() -> rules.deleteChain(RuleTable.FILTER, "X")).isInstanceOf(IllegalArgumentException.class);
    rules.flushChain(RuleTable.FILTER, "X");
    assertThatThrownBy(() -> rules.deleteChain(RuleTable.FILTER, "X")).isInstanceOf(IllegalArgumentException.class);
    rules.delete(filter("FORWARD", "-j X"));
    rules.deleteChain(RuleTable.FILTER, "X");
    assertThat(rules.chainExists(RuleTable.FILTER, "X")).isFalse();
    assertThat(rules.save()).isEmpty();
  }

  @Test
  void programming_mistakes() {
    assertThatThrownBy(() -> rules.append(filter("NOCHAIN", "-j ACCEPT"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("iptables: No chain/target/match by that name.");
    assertThatThrownBy(() -> rules.append(filter("FORWARD", "-j NOCHAIN")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> rules.insert(3, filter("FORWARD", "-j ACCEPT")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> rules.deleteChain(RuleTable.FILTER, "FORWARD"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> rules.setPolicy(RuleTable.FILTER, "FORWARD", "REJECT"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(rules.save()).isEmpty();
  }
}
