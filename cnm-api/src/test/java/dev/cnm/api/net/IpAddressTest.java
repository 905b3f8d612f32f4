package dev.cnm.api.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {

  @ParameterizedTest
  @CsvSource({
    "0.0.0.0, 0.0.0.0",
    "172.17.0.1, 172.17.0.1",
    "255.255.255.255, 255.255.255.255",
    "::, ::",
    "::1, ::1",
    "2001:DB8::1, 2001:db8::1",
    "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
    "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
    "fe80::1:2:3:4, fe80::1:2:3:4",
    "1:0:0:0:0:0:0:0, 1::",
    "::ffff:1.2.3.4, ::ffff:102:304",
    "1:2:3:4:5:6:7:8, 1:2:3:4:5:6:7:8",
    "1:0:2:3:4:5:6:7, 1:0:2:3:4:5:6:7",
  })
  void parse_prints_canonical_form(String text, String printed) {
    assertThat(IpAddress.parse(text).toString()).isEqualTo(printed);
    assertThat(IpAddress.isValid(text)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.-4", "a.b.c.d", "1..2.3",
      "1.2.3.4 ", ":::", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::", "1:2", "fe80::1%eth0", "[::1]", "::1:",
      "1.2.3.4/24", "g::1", "1:2:3:4:5:6:7::8", "::1.2.3"})
  void parse_rejects_malformed(String text) {
    assertThat(IpAddress.isValid(text)).isFalse();
    assertThat(IpAddress.tryParse(text)).isEmpty();
    assertThatThrownBy(() -> IpAddress.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'" + text + "' is not an IP string literal.");
  }

  @Test
  void plus_wraps_across_halves() {
    assertThat(IpAddress.parse("172.17.0.255").plus(1)).isEqualTo(IpAddress.parse("172.17.1.0"));
    assertThat(IpAddress.parse("::ffff:ffff:ffff:ffff").plus(1)).isEqualTo(IpAddress.parse("0:0:0:1::"));
    assertThat(IpAddress.parse("0:0:0:1::").plus(-1)).isEqualTo(IpAddress.parse("::ffff:ffff:ffff:ffff"));
  }

  @Test
  void bytes_round_trip() {
    for (String s : new String[] {"10.0.0.1", "2001:db8::ff00:42:8329"}) {
      IpAddress a = IpAddress.parse(s);
      assertThat(IpAddress.ofBytes(a.toBytes())).isEqualTo(a);
    }
  }

  @Test
  void order_is_v4_before_v6_then_unsigned() {
    assertThat(IpAddress.parse("200.0.0.1")).isGreaterThan(IpAddress.parse("10.0.0.1"));
    assertThat(IpAddress.parse("::")).isGreaterThan(IpAddress.parse("255.255.255.255"));
    assertThat(IpAddress.parse("ff00::")).isGreaterThan(IpAddress.parse("1::"));
  }

  @Test
  void classification() {
    assertThat(IpAddress.parse("127.0.0.11").isLoopback()).isTrue();
    assertThat(IpAddress.parse("::1").isLoopback()).isTrue();
    assertThat(IpAddress.parse("169.254.1.1").isLinkLocalUnicast()).isTrue();
    assertThat(IpAddress.parse("fe80::1").isLinkLocalUnicast()).isTrue();
    assertThat(IpAddress.parse("fec0::1").isLinkLocalUnicast()).isFalse();
    assertThat(IpAddress.ANY_V4.isUnspecified()).isTrue();
  }
}
