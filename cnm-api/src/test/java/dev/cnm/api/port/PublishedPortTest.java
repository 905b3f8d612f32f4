package dev.cnm.api.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.net.IpAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublishedPortTest {
  private static final IpAddress LO = IpAddress.parse("127.0.0.1");

  private final List<PublishedPort> ports = List.of(
      PublishedPort.of(ExposedPort.tcp(9002), IpAddress.ANY_V6, 9002),
      PublishedPort.of(ExposedPort.tcp(80), IpAddress.ANY_V6, 32768),
      PublishedPort.of(ExposedPort.udp(53), LO, 5353),
      PublishedPort.of(ExposedPort.tcp(80), IpAddress.ANY_V4, 32768),
      PublishedPort.of(ExposedPort.tcp(9002), IpAddress.ANY_V4, 9002),
      PublishedPort.of(ExposedPort.tcp(443), IpAddress.ANY_V4, 8443));

  @Test
  void port_lines_natural_order_join_host_port() {
    assertThat(PublishedPort.portLines(ports)).containsExactly(
        "53/udp -> 127.0.0.1:5353",
        "80/tcp -> 0.0.0.0:32768",
        "80/tcp -> [::]:32768",
        "443/tcp -> 0.0.0.0:8443",
        "9002/tcp -> 0.0.0.0:9002",
        "9002/tcp -> [::]:9002");
  }

  @Test
  void host_addresses_one_port() {
    assertThat(PublishedPort.hostAddresses(ports, "80")).containsExactly("0.0.0.0:32768", "[::]:32768");
    assertThat(PublishedPort.hostAddresses(ports, "80/tcp")).containsExactly("0.0.0.0:32768", "[::]:32768");
    assertThat(PublishedPort.hostAddresses(ports, "53/udp")).containsExactly("127.0.0.1:5353");
    assertThat(PublishedPort.hostAddresses(ports, "53")).isEmpty();
    assertThat(PublishedPort.hostAddresses(ports, "81")).isEmpty();
    assertThat(PublishedPort.noPublicPortMessage("81", "ticktock"))
        .isEqualTo("Error: No public port '81' published for ticktock");
  }

  @Test
  void host_addresses_invalid_port() {
    assertThatThrownBy(() -> PublishedPort.hostAddresses(ports, "http/tcp"))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("Error: invalid port (http): strconv.ParseUint: parsing \"http\": invalid syntax");
    assertThat(PublishedPort.invalidPortMessage("70000"))
        .isEqualTo("Error: invalid port (70000): strconv.ParseUint: parsing \"70000\": value out of range");
  }

  @Test
  void values() {
    PublishedPort p = PublishedPort.of(ExposedPort.tcp(80), IpAddress.ANY_V4, 8080);
    assertThat(p.hostAddress()).isEqualTo("0.0.0.0:8080");
    assertThat(p).hasToString("80/tcp -> 0.0.0.0:8080")
        .isEqualTo(PublishedPort.of(ExposedPort.tcp(80), IpAddress.ANY_V4, 8080))
        .isNotEqualTo(PublishedPort.of(ExposedPort.tcp(80), IpAddress.ANY_V6, 8080));
    assertThatThrownBy(() -> PublishedPort.of(ExposedPort.tcp(80), IpAddress.ANY_V4, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
