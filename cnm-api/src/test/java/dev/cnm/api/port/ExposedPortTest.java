package dev.cnm.api.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.error.InvalidParameterException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExposedPortTest {

  @Test
  void parse_and_print() {
    assertThat(ExposedPort.parse("80/tcp")).hasToString("80/tcp").isEqualTo(ExposedPort.tcp(80));
    assertThat(ExposedPort.parse("53/udp").protocol()).isEqualTo(PortProtocol.UDP);
    assertThat(ExposedPort.parse("8080")).isEqualTo(ExposedPort.tcp(8080));
    assertThat(ExposedPort.parse("9/SCTP")).hasToString("9/sctp");
  }

  @Test
  void parse_rejects() {
    assertThatThrownBy(() -> ExposedPort.parse("http/tcp")).isInstanceOf(InvalidParameterException.class)
        .hasMessage("Invalid containerPort: http");
    assertThatThrownBy(() -> ExposedPort.parse("0/tcp")).hasMessage("Invalid containerPort: 0");
    assertThatThrownBy(() -> ExposedPort.parse("80/icmp")).hasMessage("Invalid proto: icmp");
    assertThatThrownBy(() -> ExposedPort.of(0, PortProtocol.TCP)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ExposedPort.of(65536, PortProtocol.TCP)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void natural_order_port_then_protocol_name() {
    List<ExposedPort> ports = new ArrayList<>(List.of(ExposedPort.udp(80), ExposedPort.tcp(443),
        ExposedPort.of(80, PortProtocol.SCTP), ExposedPort.tcp(80), ExposedPort.tcp(9)));
    ports.sort(null);
    assertThat(ports).extracting(ExposedPort::toString)
        .containsExactly("9/tcp", "80/sctp", "80/tcp", "80/udp", "443/tcp");
  }

  @Test
  void protocol_parse() {
    assertThat(PortProtocol.parse("Tcp")).isEqualTo(PortProtocol.TCP).hasToString("tcp");
    assertThatThrownBy(() -> PortProtocol.parse("")).isInstanceOf(InvalidParameterException.class)
        .hasMessage("Invalid proto: ");
  }
}
