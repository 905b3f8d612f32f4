package dev.cnm.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.EndpointSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.IpamPoolSpec;
import dev.cnm.api.NetworkInfo;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.error.ConflictException;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.core.ipam.DefaultAddressPool;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Docker Engine 25–28 rules: static addresses only in user-configured subnets (moby v28
 * {@code validateEndpointSettings}), automatic IPv6 subnets from the host's ULA pool (Engine 27+
 * {@code deriveULABaseNetwork}), and Engine 28's message for a stopped namespace owner.
 */
class Engine28RulesTest {
  private Engine engine;

  @BeforeEach
  void setUp() {
    engine = TestDrivers.builder(28).build();
  }

  private static ContainerSpec withIp(String name, String network, String ip) {
    IpAddress address = IpAddress.parse(ip);
    EndpointSpec.Builder ep = EndpointSpec.builder();
    if (address.isV6()) {
      ep.ipv6Address(address);
    } else {
      ep.ipv4Address(address);
    }
    return ContainerSpec.builder().image("nginx").name(name).networkMode(NetworkMode.network(network))
        .putEndpoint(network, ep.build()).build();
  }

  private NetworkInfo networkWithSubnet(String name, String subnet, String ipRange) {
    IpamPoolSpec.Builder pool = IpamPoolSpec.builder().subnet(Subnet.parse(subnet));
    if (ipRange != null) {
      pool.ipRange(Subnet.parse(ipRange));
    }
    return engine.createNetwork(NetworkSpec.builder().name(name).addIpamConfig(pool.build()).build());
  }

  @Test
  void static_ip_on_a_network_without_a_user_subnet_is_refused_at_create() {
    engine.createNetwork(NetworkSpec.of("dev")); // 172.18.0.0/16 from the predefined pools

    assertThatThrownBy(() -> engine.createContainer(withIp("web", "dev", "172.18.0.5")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("invalid config for network dev: invalid endpoint settings:\n"
            + "user specified IP address is supported only when connecting to networks with user configured subnets");
    assertThat(engine.containers()).isEmpty();
    assertThat(engine.createContainer(ContainerSpec.builder().image("nginx").name("web").build()).name())
        .isEqualTo("web"); // the name was never taken
  }

  @Test
  void static_ip_outside_every_subnet_is_refused_at_create_with_no_container_created() {
    networkWithSubnet("dev", "10.9.0.0/24", null);

    assertThatThrownBy(() -> engine.run(withIp("web", "dev", "10.8.0.5")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("invalid config for network dev: invalid endpoint settings:\n"
            + "no configured subnet or ip-range contain the IP address 10.8.0.5");
    assertThat(engine.containers()).isEmpty();
  }

  @Test
  void static_ip_in_the_subnet_but_outside_the_ip_range_is_accepted_as_moby_checks_the_subnet() {
    networkWithSubnet("dev", "10.9.0.0/24", "10.9.0.128/25");

    ContainerInfo web = engine.run(withIp("web", "dev", "10.9.0.5"));

    assertThat(web.ipAddress("dev")).isEqualTo(IpAddress.parse("10.9.0.5"));
  }

  @Test
  void static_ip_on_the_default_bridge_is_refused_as_not_user_defined() {
    assertThatThrownBy(() -> engine.createContainer(withIp("web", "bridge", "172.17.0.5")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("invalid config for network bridge: invalid endpoint settings:\n"
            + "user specified IP address is supported on user defined networks only");
  }

  @Test
  void every_bad_address_is_reported_as_mobys_multierror_lists_them() {
    networkWithSubnet("dev", "10.9.0.0/24", null);
    ContainerSpec spec = ContainerSpec.builder().image("nginx").name("web").networkMode(NetworkMode.network("dev"))
        .putEndpoint("dev", EndpointSpec.builder().ipv4Address(IpAddress.parse("10.8.0.5"))
            .ipv6Address(IpAddress.parse("fd00::5")).build())
        .build();

    assertThatThrownBy(() -> engine.createContainer(spec))
        .hasMessage("invalid config for network dev: invalid endpoint settings:\n"
            + "* no configured subnet or ip-range contain the IP address 10.8.0.5\n"
            + "* user specified IP address is supported only when connecting to networks with user configured subnets");
  }

  @Test
  void connect_with_a_static_ip_outside_the_subnets_is_refused_running_or_not() {
    networkWithSubnet("dev", "10.9.0.0/24", null);
    engine.run(ContainerSpec.builder().image("nginx").name("web").build());
    engine.createContainer(ContainerSpec.builder().image("nginx").name("idle").build());
    EndpointSpec outside = EndpointSpec.builder().ipv4Address(IpAddress.parse("10.8.0.5")).build();

    for (String c : new String[] {"web", "idle"}) {
      assertThatThrownBy(() -> engine.connect("dev", c, outside))
          .isInstanceOf(InvalidParameterException.class)
          .hasMessage("invalid endpoint settings:\nno configured subnet or ip-range contain the IP address 10.8.0.5");
      assertThat(engine.container(c).networks()).containsOnlyKeys("bridge");
    }
  }

  @Test
  void a_network_created_after_the_container_is_checked_at_start() {
    engine.createContainer(withIp("web", "dev", "172.18.0.5"));
    engine.createNetwork(NetworkSpec.of("dev"));

    assertThatThrownBy(() -> engine.start("web"))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("failed to set up container networking: invalid endpoint settings:\n"
            + "user specified IP address is supported only when connecting to networks with user configured subnets");
    assertThat(engine.container("web").isRunning()).isFalse();
  }

  @Test
  void ipv6_network_without_a_subnet_gets_a_slash64_of_the_hosts_ula_pool() {
    Subnet ula = DefaultAddressPool.derivedUla("localhost").base();

    NetworkInfo v6 = engine.createNetwork(NetworkSpec.builder().name("v6").enableIpv6(true).build());
    NetworkInfo next = engine.createNetwork(NetworkSpec.builder().name("next").enableIpv6(true).build());

    Subnet first = v6.ipamConfigs().stream().map(p -> p.subnet()).filter(Subnet::isV6).findFirst().orElseThrow();
    Subnet second = next.ipamConfigs().stream().map(p -> p.subnet()).filter(Subnet::isV6).findFirst().orElseThrow();
    assertThat(first).isEqualTo(Subnet.of(ula.network(), 64));
    assertThat(ula.contains(second.network())).isTrue();
    assertThat(second.prefixLength()).isEqualTo(64);
    assertThat(second).isNotEqualTo(first);
    assertThat(ula.toString()).startsWith("fd");
    assertThat(v6.ipamConfigs()).anyMatch(p -> p.subnet().toString().equals("172.18.0.0/16"));
  }

  @Test
  void the_ula_pool_is_derived_from_the_host_name() {
    Engine other = TestDrivers.builder(28).hostName("host-b").build();

    Subnet here = engine.createNetwork(NetworkSpec.builder().name("v6").enableIpv6(true).build())
        .ipamConfigs().stream().map(p -> p.subnet()).filter(Subnet::isV6).findFirst().orElseThrow();
    Subnet there = other.createNetwork(NetworkSpec.builder().name("v6").enableIpv6(true).build())
        .ipamConfigs().stream().map(p -> p.subnet()).filter(Subnet::isV6).findFirst().orElseThrow();

    assertThat(there).isEqualTo(Subnet.of(DefaultAddressPool.derivedUla("host-b").base().network(), 64))
        .isNotEqualTo(here);
  }

  @Test
  void joining_the_namespace_of_a_stopped_container_fails_with_engine_28s_message() {
    engine.createContainer(ContainerSpec.builder().image("nginx").name("vpn").build());
    engine.createContainer(ContainerSpec.builder().image("alpine").name("app")
        .networkMode(NetworkMode.container("vpn")).build());

    assertThatThrownBy(() -> engine.start("app"))
        .isInstanceOf(ConflictException.class)
        .hasMessage("cannot join network namespace of a non running container: container vpn is created");
    engine.start("vpn");
    engine.stop("vpn");
    assertThatThrownBy(() -> engine.start("app"))
        .hasMessage("cannot join network namespace of a non running container: container vpn is exited");
    assertThat(engine.container("app").isRunning()).isFalse();
  }
}
