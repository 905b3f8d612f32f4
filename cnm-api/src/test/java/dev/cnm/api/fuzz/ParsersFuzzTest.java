package dev.cnm.api.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.MacAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.port.ExposedPort;
import dev.cnm.api.port.PortBinding;
import dev.cnm.api.port.PortSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Coverage-guided fuzzing of the parsers that read user text: port specs ({@code -p}, {@code
 * --expose}), CIDR blocks, IP and MAC addresses, network modes. Each either returns a value that
 * prints back to itself, or throws the one exception its Javadoc names: {@link
 * InvalidParameterException} for Docker input, {@link IllegalArgumentException} for the
 * address parsers. Anything else is a crash.
 *
 * <p>In {@code mvn verify} the seeds under {@code src/test/resources/.../ParsersFuzzTestInputs}
 * run as regression tests; {@code -Pfuzz} fuzzes (docs/TESTING.md).
 */
class ParsersFuzzTest {
  private static String text(byte[] input) {
    return new String(input, StandardCharsets.UTF_8);
  }

  @FuzzTest(maxDuration = "10m")
  @DictionaryEntries({":", "/tcp", "/udp", "/sctp", "-", "[", "]", "::", "127.0.0.1", "0.0.0.0",
      "::1", "65535", "65536", "0", "%", "::ffff:"})
  void port_specs(byte[] input) {
    String spec = text(input);
    List<PortBinding> bindings;
    try {
      bindings = PortSpec.parse(spec);
    } catch (InvalidParameterException e) {
      assertThat(e.getMessage()).isNotBlank();
      bindings = null;
    }
    if (bindings != null) {
      assertThat(bindings).isNotEmpty();
      for (PortBinding b : bindings) {
        assertThat(b.containerPort().port()).isBetween(1, 65535);
        // a binding prints as a spec that parses back to itself
        assertThat(PortSpec.parse(b.toString())).containsExactly(b);
      }
    }
    try {
      List<ExposedPort> exposed = PortSpec.parseExpose(spec);
      for (ExposedPort p : exposed) {
        assertThat(ExposedPort.parse(p.toString())).isEqualTo(p);
      }
    } catch (InvalidParameterException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
    try {
      ExposedPort p = ExposedPort.parse(spec);
      assertThat(ExposedPort.parse(p.toString())).isEqualTo(p);
    } catch (InvalidParameterException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @FuzzTest(maxDuration = "10m")
  @DictionaryEntries({".", ":", "::", "/", "/0", "/24", "/32", "/64", "/128", "255", "256",
      "0x", "%eth0", "::ffff:", "1.2.3.4", "fe80::", "-", "ff:"})
  void addresses_and_subnets(byte[] input) {
    String s = text(input);
    Optional<Subnet> subnet;
    try {
      subnet = Optional.of(Subnet.parse(s));
    } catch (IllegalArgumentException e) {
      subnet = Optional.empty();
    }
    assertThat(Subnet.isValid(s)).isEqualTo(subnet.isPresent());
    assertThat(Subnet.tryParse(s)).isEqualTo(subnet);
    subnet.ifPresent(n -> {
      assertThat(Subnet.parse(n.toString())).isEqualTo(n);
      assertThat(n.prefixLength()).isBetween(0, n.isV6() ? 128 : 32);
    });

    Optional<IpAddress> ip;
    try {
      ip = Optional.of(IpAddress.parse(s));
    } catch (IllegalArgumentException e) {
      ip = Optional.empty();
    }
    assertThat(IpAddress.isValid(s)).isEqualTo(ip.isPresent());
    assertThat(IpAddress.tryParse(s)).isEqualTo(ip);
    ip.ifPresent(a -> assertThat(IpAddress.parse(a.toString())).isEqualTo(a));

    Optional<MacAddress> mac;
    try {
      mac = Optional.of(MacAddress.parse(s));
    } catch (IllegalArgumentException e) {
      mac = Optional.empty();
    }
    assertThat(MacAddress.isValid(s)).isEqualTo(mac.isPresent());
    mac.ifPresent(m -> assertThat(MacAddress.parse(m.toString())).isEqualTo(m));
  }

  @FuzzTest(maxDuration = "10m")
  @DictionaryEntries({"container:", "bridge", "host", "none", "default", ":"})
  void network_modes(byte[] input) {
    String s = text(input);
    try {
      NetworkMode mode = NetworkMode.parse(s);
      assertThat(NetworkMode.parse(mode.toString())).isEqualTo(mode);
    } catch (InvalidParameterException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
