package dev.cnm.api.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.error.ErrorKind;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.net.IpAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PortSpecTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "1.2.3:80:80          | Invalid ip address: 1.2.3",
      "localhost:80:80      | Invalid ip address: localhost",
      "[::1:80:80           | Invalid ip address: [::1",
      "[foo]:80:80          | Invalid ip address: foo",
      "300.1.1.1::80        | Invalid ip address: 300.1.1.1",
      "8080:                | No port specified: 8080:<empty>",
      "127.0.0.1:8080:      | No port specified: 127.0.0.1:8080:<empty>",
      "/udp                 | No port specified: /udp<empty>",
      "8080:http            | Invalid containerPort: http",
      "8080:70000           | Invalid containerPort: 70000",
      "8080:0               | Invalid containerPort: 0",
      "8080:-1              | Invalid containerPort: -1",
      "90-80                | Invalid containerPort: 90-80",
      "80-90-100            | Invalid containerPort: 80-90-100",
      "80-                  | Invalid containerPort: 80-",
      "x:80                 | Invalid hostPort: x",
      "65536:80             | Invalid hostPort: 65536",
      "9000-8000:80         | Invalid hostPort: 9000-8000",
      "127.0.0.1:x:80/udp   | Invalid hostPort: x",
      "8000-8001:80-82      | Invalid ranges specified for container and host Ports: 80-82 and 8000-8001",
      "8000:80-81/udp       | Invalid ranges specified for container and host Ports: 80-81 and 8000",
      "80/icmp              | Invalid proto: icmp",
      "8080:80/tcp/udp      | Invalid proto: tcp/udp",
      "1.2.3:x:y/icmp       | Invalid ip address: 1.2.3",
      "x:y/icmp             | Invalid containerPort: y",
      "x:80/icmp            | Invalid hostPort: x",
  })
  void parse_rejects_with_dockers_message(String spec, String message) {
    assertThatThrownBy(() -> PortSpec.parse(spec))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage(message)
        .extracting(e -> ((InvalidParameterException) e).kind()).isEqualTo(ErrorKind.INVALID_PARAMETER);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "80                        | 80/tcp",
      "80/udp                    | 80/udp",
      "80/UDP                    | 80/udp",
      "80/                       | 80/tcp",
      "8080:80                   | 8080:80/tcp",
      "0:80                      | 80/tcp",
      "00080:080                 | 80:80/tcp",
      "127.0.0.1:8080:80         | 127.0.0.1:8080:80/tcp",
      "127.0.0.1::80             | 127.0.0.1::80/tcp",
      "[::1]:8080:80             | [::1]:8080:80/tcp",
      "::1:8080:80               | [::1]:8080:80/tcp",
      "[::]::53/udp              | [::]::53/udp",
      "9000-9100:80              | 9000-9100:80/tcp",
      "8000-8000:80              | 8000:80/tcp",
      "8000-8001:80-81/sctp      | 8000:80/sctp,8001:81/sctp",
      "7000-7002                 | 7000/tcp,7001/tcp,7002/tcp",
      "10.0.0.1::7000-7001       | 10.0.0.1::7000/tcp,10.0.0.1::7001/tcp",
  })
  void parse_accepts_docker_grammar(String spec, String expected) {
    List<PortBinding> bindings = PortSpec.parse(spec);
    assertThat(bindings).extracting(PortBinding::toString).containsExactly(expected.split(","));
  }

  @Test
  void parse_exact_fields() {
    PortBinding b = PortSpec.parse("127.0.0.1:9000-9100:80/udp").get(0);
    assertThat(b.containerPort()).isEqualTo(ExposedPort.udp(80));
    assertThat(b.hostIp()).contains(IpAddress.parse("127.0.0.1"));
    assertThat(b.hostPortStart()).isEqualTo(9000);
    assertThat(b.hostPortEnd()).isEqualTo(9100);
    assertThat(b.hostPortText()).isEqualTo("9000-9100");
    assertThat(b.isEphemeral()).isFalse();
    assertThat(b.isFixed()).isFalse();

    PortBinding e = PortSpec.parse("80").get(0);
    assertThat(e).isEqualTo(PortBinding.ephemeral(ExposedPort.tcp(80)));
    assertThat(e.hostIp()).isEmpty();
    assertThat(e.hostPortText()).isEmpty();
    assertThat(e.hostIpText()).isEmpty();

    assertThat(PortSpec.parse("8000-8001:80-81")).containsExactly(
        PortBinding.of(ExposedPort.tcp(80), 8000), PortBinding.of(ExposedPort.tcp(81), 8001));
    assertThat(PortSpec.parse("[2001:db8::1]::80").get(0))
        .isEqualTo(PortBinding.of(ExposedPort.tcp(80), Optional.of(IpAddress.parse("2001:db8::1")), 0, 0));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "80:80           | invalid port format for --expose: 80:80",
      "abc             | invalid range format for --expose: abc, error: strconv.ParseUint: parsing \"abc\": invalid syntax",
      "70000/udp       | invalid range format for --expose: 70000/udp, error: strconv.ParseUint: parsing \"70000\": value out of range",
      "7010-7000       | invalid range format for --expose: 7010-7000, error: Invalid range specified for the Port: 7010-7000",
      "/tcp            | invalid range format for --expose: /tcp, error: Empty string specified for ports.",
      "7000-x          | invalid range format for --expose: 7000-x, error: strconv.ParseUint: parsing \"x\": invalid syntax",
      "7000/icmp       | Invalid proto: icmp",
  })
  void parse_expose_rejects(String expose, String message) {
    assertThatThrownBy(() -> PortSpec.parseExpose(expose))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage(message);
  }

  @Test
  void parse_expose_accepts_ports_and_ranges() {
    assertThat(PortSpec.parseExpose("80")).containsExactly(ExposedPort.tcp(80));
    assertThat(PortSpec.parseExpose("53/udp")).containsExactly(ExposedPort.udp(53));
    assertThat(PortSpec.parseExpose("7000-7002/tcp"))
        .containsExactly(ExposedPort.tcp(7000), ExposedPort.tcp(7001), ExposedPort.tcp(7002));
  }
}
