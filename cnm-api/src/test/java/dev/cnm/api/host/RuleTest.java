package dev.cnm.api.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RuleTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      // Docker's argument order on the left, iptables-save's on the right.
      "-p tcp -d 0/0 --dport 8080 -j DNAT --to-destination 172.17.0.2:80 ! -i docker0"
          + " | ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80",
      "! -i docker0 -o docker0 -p tcp -d 172.17.0.2 --dport 80 -j ACCEPT"
          + " | -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT",
      "-m addrtype --dst-type LOCAL -j DOCKER ! --dst 127.0.0.0/8"
          + " | ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER",
      "-o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT"
          + " | -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT",
      "-p sctp --sport 80 -j CHECKSUM --checksum-fill | -p sctp -m sctp --sport 80 -j CHECKSUM --checksum-fill",
      "-i br-x ! -d 10.0.0.0/24 -j DROP | ! -d 10.0.0.0/24 -i br-x -j DROP",
      "--source 10.1.2.3/24 --out-interface eth0 -j MASQUERADE | -s 10.1.2.0/24 -o eth0 -j MASQUERADE",
      "-p udp -s ::1 --destination-port 53 -j ACCEPT | -s ::1/128 -p udp -m udp --dport 53 -j ACCEPT",
      "-d 0.0.0.0/0 -j RETURN | -j RETURN",
      "-m addrtype ! --src-type LOCAL -j RETURN | -m addrtype ! --src-type LOCAL -j RETURN",
  })
  void canonical_form(String written, String saved) {
    Rule r = Rule.of(RuleTable.NAT, "DOCKER", written);
    assertThat(r.spec()).isEqualTo(saved);
    assertThat(r).isEqualTo(Rule.of(RuleTable.NAT, "DOCKER", saved)).hasToString("-A DOCKER " + saved);
  }

  @Test
  void fields() {
    Rule r = Rule.of(RuleTable.FILTER, "FORWARD", "-o docker0 -j DOCKER");
    assertThat(r.table()).isEqualTo(RuleTable.FILTER);
    assertThat(r.chain()).isEqualTo("FORWARD");
    assertThat(r.target()).contains("DOCKER");
    assertThat(r.args()).containsExactly("-o", "docker0", "-j", "DOCKER");
    assertThat(r).isNotEqualTo(Rule.of(RuleTable.NAT, "FORWARD", "-o docker0 -j DOCKER"));
    assertThat(Rule.of(RuleTable.FILTER, "X", "").target()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"-x foo", "-s", "-s nonsense -j DROP", "! ! -i a", "-i a !", "--dport 80 -j ACCEPT",
      "-s 1.2.3.4 -s 1.2.3.5", "! -d 0/0 -j DROP"})
  void malformed(String spec) {
    assertThatThrownBy(() -> Rule.of(RuleTable.FILTER, "FORWARD", spec)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tables() {
    assertThat(RuleTable.NAT).hasToString("nat");
    assertThat(RuleTable.FILTER.builtinChains()).containsExactly("INPUT", "FORWARD", "OUTPUT");
    assertThat(RuleTable.MANGLE.isBuiltin("POSTROUTING")).isTrue();
  }
}
