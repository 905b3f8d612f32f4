package dev.cnm.drivers.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.error.ErrorKind;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.net.IpAddress;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BridgeOptionsTest {
  private static final String ID = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  @Test
  void defaults_are_dockers() {
    BridgeOptions o = BridgeOptions.parse(Map.of());
    assertThat(o.bridgeName()).isEmpty();
    assertThat(o.bridgeName(ID)).isEqualTo("br-0123456789ab");
    assertThat(o.enableIcc()).isTrue();
    assertThat(o.enableIpMasquerade()).isTrue();
    assertThat(o.hostBindingIpv4()).isEmpty();
    assertThat(o.mtu()).isZero();
    assertThat(o.containerIfacePrefix()).isEqualTo("eth");
    assertThat(o.inhibitIpv4()).isFalse();
    assertThat(o.defaultBridge()).isFalse();
    assertThat(o.hostIpv4()).isEmpty();
    assertThat(o.raw()).isEmpty();
    assertThat(o).isEqualTo(BridgeOptions.defaults());
  }

  @Test
  void every_option_is_parsed() {
    BridgeOptions o = BridgeOptions.parse(Map.of(
        BridgeOptions.BRIDGE_NAME, "br-dev",
        BridgeOptions.ENABLE_ICC, "false",
        BridgeOptions.ENABLE_IP_MASQUERADE, "0",
        BridgeOptions.HOST_BINDING_IPV4, "127.0.0.1",
        BridgeOptions.MTU, "1400",
        BridgeOptions.CONTAINER_IFACE_PREFIX, "ens",
        BridgeOptions.INHIBIT_IPV4, "T",
        BridgeOptions.DEFAULT_BRIDGE, "True",
        BridgeOptions.HOST_IPV4, "192.168.1.10"));
    assertThat(o.bridgeName()).contains("br-dev");
    assertThat(o.bridgeName(ID)).isEqualTo("br-dev");
    assertThat(o.enableIcc()).isFalse();
    assertThat(o.enableIpMasquerade()).isFalse();
    assertThat(o.hostBindingIpv4()).contains(IpAddress.parse("127.0.0.1"));
    assertThat(o.mtu()).isEqualTo(1400);
    assertThat(o.containerIfacePrefix()).isEqualTo("ens");
    assertThat(o.inhibitIpv4()).isTrue();
    assertThat(o.defaultBridge()).isTrue();
    assertThat(o.hostIpv4()).contains(IpAddress.parse("192.168.1.10"));
  }

  @Test
  void empty_name_and_prefix_mean_the_defaults() {
    BridgeOptions o = BridgeOptions.parse(Map.of(BridgeOptions.BRIDGE_NAME, "", BridgeOptions.CONTAINER_IFACE_PREFIX, ""));
    assertThat(o.bridgeName(ID)).isEqualTo("br-0123456789ab");
    assertThat(o.containerIfacePrefix()).isEqualTo("eth");
  }

  @Test
  void default_bridge_without_name_is_docker0() {
    assertThat(BridgeOptions.parse(Map.of(BridgeOptions.DEFAULT_BRIDGE, "true")).bridgeName(ID)).isEqualTo("docker0");
  }

  @Test
  void unknown_keys_are_ignored_but_kept_raw() {
    BridgeOptions o = BridgeOptions.parse(Map.of("com.example.foo", "bar", BridgeOptions.ENABLE_ICC, "true"));
    assertThat(o.raw()).containsExactly(Map.entry(BridgeOptions.ENABLE_ICC, "true"), Map.entry("com.example.foo", "bar"));
    assertThat(o.enableIcc()).isTrue();
  }

  @Test
  void raw_is_immutable() {
    Map<String, String> in = new HashMap<>(Map.of(BridgeOptions.MTU, "1400"));
    BridgeOptions o = BridgeOptions.parse(in);
    in.put(BridgeOptions.MTU, "9000");
    assertThat(o.raw()).containsEntry(BridgeOptions.MTU, "1400");
    assertThatThrownBy(() -> o.raw().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      1     | true
      t     | true
      T     | true
      TRUE  | true
      true  | true
      True  | true
      0     | false
      f     | false
      F     | false
      FALSE | false
      false | false
      False | false
      """)
  void booleans_accept_gos_spellings(String text, boolean expected) {
    assertThat(BridgeOptions.parse(Map.of(BridgeOptions.ENABLE_ICC, text)).enableIcc()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
      com.docker.network.bridge.enable_icc             | maybe     | failed to parse com.docker.network.bridge.enable_icc value: maybe (strconv.ParseBool: parsing "maybe": invalid syntax)
      com.docker.network.bridge.enable_icc             | yes       | failed to parse com.docker.network.bridge.enable_icc value: yes (strconv.ParseBool: parsing "yes": invalid syntax)
      com.docker.network.bridge.enable_icc             | tRUE      | failed to parse com.docker.network.bridge.enable_icc value: tRUE (strconv.ParseBool: parsing "tRUE": invalid syntax)
      com.docker.network.bridge.enable_icc             | ''        | failed to parse com.docker.network.bridge.enable_icc value:  (strconv.ParseBool: parsing "": invalid syntax)
      com.docker.network.bridge.enable_ip_masquerade   | no        | failed to parse com.docker.network.bridge.enable_ip_masquerade value: no (strconv.ParseBool: parsing "no": invalid syntax)
      com.docker.network.bridge.inhibit_ipv4           | 2         | failed to parse com.docker.network.bridge.inhibit_ipv4 value: 2 (strconv.ParseBool: parsing "2": invalid syntax)
      com.docker.network.bridge.default_bridge         | on        | failed to parse com.docker.network.bridge.default_bridge value: on (strconv.ParseBool: parsing "on": invalid syntax)
      com.docker.network.driver.mtu                    | abc       | failed to parse com.docker.network.driver.mtu value: abc (strconv.Atoi: parsing "abc": invalid syntax)
      com.docker.network.driver.mtu                    | 1500.0    | failed to parse com.docker.network.driver.mtu value: 1500.0 (strconv.Atoi: parsing "1500.0": invalid syntax)
      com.docker.network.driver.mtu                    | ' 1500'   | failed to parse com.docker.network.driver.mtu value:  1500 (strconv.Atoi: parsing " 1500": invalid syntax)
      com.docker.network.driver.mtu                    | ''        | failed to parse com.docker.network.driver.mtu value:  (strconv.Atoi: parsing "": invalid syntax)
      com.docker.network.driver.mtu                    | -         | failed to parse com.docker.network.driver.mtu value: - (strconv.Atoi: parsing "-": invalid syntax)
      com.docker.network.driver.mtu                    | 0x10      | failed to parse com.docker.network.driver.mtu value: 0x10 (strconv.Atoi: parsing "0x10": invalid syntax)
      com.docker.network.driver.mtu                    | 1_500     | failed to parse com.docker.network.driver.mtu value: 1_500 (strconv.Atoi: parsing "1_500": invalid syntax)
      com.docker.network.driver.mtu                    | 99999999999999999999 | failed to parse com.docker.network.driver.mtu value: 99999999999999999999 (strconv.Atoi: parsing "99999999999999999999": value out of range)
      com.docker.network.driver.mtu                    | -9223372036854775809 | failed to parse com.docker.network.driver.mtu value: -9223372036854775809 (strconv.Atoi: parsing "-9223372036854775809": value out of range)
      com.docker.network.driver.mtu                    | -5        | invalid MTU number: -5
      com.docker.network.driver.mtu                    | -9223372036854775808 | invalid MTU number: -9223372036854775808
      com.docker.network.bridge.host_binding_ipv4      | localhost | failed to parse com.docker.network.bridge.host_binding_ipv4 value: localhost (nil ip)
      com.docker.network.bridge.host_binding_ipv4      | 1.2.3.256 | failed to parse com.docker.network.bridge.host_binding_ipv4 value: 1.2.3.256 (nil ip)
      com.docker.network.host_ipv4                     | 10.0.0.0/8 | failed to parse com.docker.network.host_ipv4 value: 10.0.0.0/8 (nil ip)
      """)
  void bad_values_fail_with_dockers_message(String label, String value, String message) {
    assertThatThrownBy(() -> BridgeOptions.parse(Map.of(label, value)))
        .isExactlyInstanceOf(InvalidParameterException.class)
        .hasMessage(message)
        .extracting(e -> ((InvalidParameterException) e).kind()).isEqualTo(ErrorKind.INVALID_PARAMETER);
  }

  @Test
  void quoted_values_are_escaped_the_way_go_quotes() {
    assertThatThrownBy(() -> BridgeOptions.parse(Map.of(BridgeOptions.ENABLE_ICC, "a\"b\\c\td")))
        .hasMessage("failed to parse com.docker.network.bridge.enable_icc value: a\"b\\c\td"
            + " (strconv.ParseBool: parsing \"a\\\"b\\\\c\\td\": invalid syntax)");
  }

  @Test
  void mtu_accepts_sign_and_leading_zeros_like_atoi() {
    assertThat(BridgeOptions.parse(Map.of(BridgeOptions.MTU, "+01400")).mtu()).isEqualTo(1400);
    assertThat(BridgeOptions.parse(Map.of(BridgeOptions.MTU, "-0")).mtu()).isZero();
    assertThat(BridgeOptions.parse(Map.of(BridgeOptions.MTU, "9223372036854775807")).mtu()).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void host_binding_ip_accepts_ipv6_like_gos_parse_ip() {
    assertThat(BridgeOptions.parse(Map.of(BridgeOptions.HOST_BINDING_IPV4, "::1")).hostBindingIpv4())
        .contains(IpAddress.parse("::1"));
  }

  @Test
  void several_bad_values_report_the_first_key_in_sorted_order() {
    assertThatThrownBy(() -> BridgeOptions.parse(Map.of(
            BridgeOptions.MTU, "x", BridgeOptions.ENABLE_ICC, "x", BridgeOptions.ENABLE_IP_MASQUERADE, "x")))
        .hasMessageStartingWith("failed to parse com.docker.network.bridge.enable_icc value: x");
  }

  @Test
  void null_map_is_a_programming_error() {
    assertThatThrownBy(() -> BridgeOptions.parse(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void equality_follows_the_raw_map() {
    assertThat(BridgeOptions.parse(Map.of(BridgeOptions.MTU, "1400")))
        .isEqualTo(BridgeOptions.parse(Map.of(BridgeOptions.MTU, "1400")))
        .hasSameHashCodeAs(BridgeOptions.parse(Map.of(BridgeOptions.MTU, "1400")))
        .isNotEqualTo(BridgeOptions.parse(Map.of(BridgeOptions.MTU, "1500")));
  }
}
