package dev.cnm.api.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SubnetTest {

  @Test
  void parse_keeps_address_as_written() {
    Subnet s = Subnet.parse("10.1.2.3/16");
    assertThat(s.isCanonical()).isFalse();
    assertThat(s.canonical()).hasToString("10.1.0.0/16");
    assertThat(s).hasToString("10.1.2.3/16");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "10.0.0.0", "10.0.0.0/", "10.0.0.0/33", "10.0.0.0/024", "10.0.0.0/a", "::/129",
      "foo/8", "10.0.0.0/-1", "10.0.0.0/1/2"})
  void parse_rejects_malformed(String text) {
    assertThat(Subnet.isValid(text)).isFalse();
    assertThatThrownBy(() -> Subnet.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'" + text + "' is not a CIDR string literal.");
  }

  @Test
  void bounds_and_ordinals() {
    Subnet s = Subnet.parse("172.17.0.0/16");
    assertThat(s.network()).hasToString("172.17.0.0");
    assertThat(s.lastAddress()).hasToString("172.17.255.255");
    assertThat(s.addressAt(1)).hasToString("172.17.0.1");
    assertThat(s.ordinalOf(IpAddress.parse("172.17.1.2"))).isEqualTo(258);
    assertThat(Subnet.parse("0.0.0.0/0").lastAddress()).hasToString("255.255.255.255");
    Subnet v6 = Subnet.parse("fd00:1::/64");
    assertThat(v6.lastAddress()).hasToString("fd00:1::ffff:ffff:ffff:ffff");
    assertThat(v6.addressAt(2)).hasToString("fd00:1::2");
    assertThat(Subnet.parse("fd00::/48").lastAddress()).hasToString("fd00::ffff:ffff:ffff:ffff:ffff");
    assertThat(Subnet.parse("2001:db8::1/128").lastAddress()).hasToString("2001:db8::1");
  }

  @Test
  void containment_and_overlap() {
    Subnet big = Subnet.parse("172.20.0.0/14");
    Subnet small = Subnet.parse("172.21.0.0/16");
    assertThat(big.contains(small)).isTrue();
    assertThat(small.contains(big)).isFalse();
    assertThat(small.overlaps(big)).isTrue();
    assertThat(Subnet.parse("172.17.0.0/16").overlaps(Subnet.parse("172.18.0.0/16"))).isFalse();
    assertThat(Subnet.parse("10.0.0.0/8").contains(IpAddress.parse("::a00:1"))).isFalse();
  }
}
