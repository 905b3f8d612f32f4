package dev.cnm.testkit.assertions;

import static dev.cnm.testkit.assertions.CnmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.ContainerSpec;
import dev.cnm.api.EndpointSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.port.PortSpec;
import dev.cnm.core.Cnm;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CnmAssertionsTest {
  private static Engine docker;

  @BeforeEach
  void build() {
    docker = Cnm.builder().seed(9).build();
    docker.createNetwork(NetworkSpec.of("dev"));
    docker.run(ContainerSpec.builder().image("nginx").name("web").networkMode(NetworkMode.bridge())
        .portBindings(PortSpec.parse("127.0.0.1:8080:80")).build());
    docker.connect("dev", "web", EndpointSpec.builder().addAliases("front").build());
  }

  @Test
  void passing_checks_chain() {
    assertThat(docker).hasNetworkNames("bridge", "host", "none", "dev")
        .doesNotHaveNetwork("prod").doesNotHaveContainer("db");
    assertThat(docker).hasNetwork("dev").hasName("dev").hasDriver("bridge").hasEndpointFor("web").hasAddressIn("172.18.0.0/16");
    assertThat(docker).hasContainer("web").hasName("web").isRunning().hasAddressIn("172.17.0.0/16")
        .publishes(80).on("127.0.0.1", 8080).publishes("80/tcp").on(8080)
        .isConnectedTo("bridge").hasGateway("172.17.0.1").hasAddress("172.17.0.2");
    assertThat(docker).hasContainer("web").isConnectedTo("dev").hasAlias("front").hasDnsName("front");
    assertThat(docker.network("bridge")).hasOption("com.docker.network.bridge.name", "docker0");
    assertThat(docker.container("web").endpoint("dev").orElseThrow()).hasAddress("172.18.0.2");
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of((ThrowingCallable) () -> assertThat(docker).hasNetwork("prod"),
            "Expecting a network prod but the networks were [none, host, bridge, dev]"),
        Arguments.of((ThrowingCallable) () -> assertThat(docker).hasContainer("db"),
            "Expecting a container db but the containers were [web]"),
        Arguments.of((ThrowingCallable) () -> assertThat(docker).hasNetwork("dev").hasSubnet("10.0.0.0/8"),
            "Expecting subnet 10.0.0.0/8 but was:\nnetwork dev ("),
        Arguments.of((ThrowingCallable) () -> assertThat(docker).hasNetwork("dev").hasGateway("172.18.0.254"),
            "ipam: [subnet 172.18.0.0/16 gateway 172.18.0.1]"),
        Arguments.of((ThrowingCallable) () -> assertThat(docker).hasNetwork("dev").hasNoEndpoints(),
            "endpoints: [web 172.18.0.2/16]"),
        Arguments.of((ThrowingCallable) () -> assertThat(docker).hasContainer("web").publishes(80).on(9090),
            "Expecting 80/tcp published on host port 9090 but was:"),
        Arguments.of((ThrowingCallable) () -> assertThat(docker).hasContainer("web").publishes(443),
            "ports: [80/tcp -> 127.0.0.1:8080]"),
        Arguments.of((ThrowingCallable) () -> assertThat(docker).hasContainer("web").isConnectedTo("dev").hasAlias("db"),
            "Expecting alias db but was:\nendpoint web on dev: address 172.18.0.2/16"),
        Arguments.of((ThrowingCallable) () -> assertThat(docker).hasContainer("web").hasNoPublishedPorts(),
            "Expecting no published port but was:\ncontainer web ("),
        Arguments.of((ThrowingCallable) () -> assertThat(docker).hasContainer("web").isNotConnectedTo("dev"),
            "Expecting no attachment to dev but was:"),
        Arguments.of((ThrowingCallable) () -> assertThat(docker).hasContainer("web").hasAddressIn("10.0.0.0/8"),
            "dev: address 172.18.0.2/16, gateway 172.18.0.1"));
  }

  @ParameterizedTest
  @MethodSource("failures")
  void failures_show_the_relevant_model(ThrowingCallable check, String expected) {
    assertThatThrownBy(check).isInstanceOf(AssertionError.class).hasMessageContaining(expected);
  }

  @Test
  void endpoint_address_is_compared_without_prefix() {
    assertThatThrownBy(() -> assertThat(docker).hasContainer("web").isConnectedTo("dev")
        .hasAddress(IpAddress.parse("172.18.0.3").toString()))
        .hasMessageContaining("Expecting address 172.18.0.3 but was:");
  }
}
