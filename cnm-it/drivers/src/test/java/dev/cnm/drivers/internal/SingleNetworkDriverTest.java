package dev.cnm.drivers.internal;

import static dev.cnm.testkit.contract.Requests.endpoint;
import static dev.cnm.testkit.contract.Requests.id;
import static dev.cnm.testkit.contract.Requests.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.error.ForbiddenException;
import dev.cnm.api.spi.DriverCapability;
import dev.cnm.api.spi.EndpointCreateRequest;
import dev.cnm.api.spi.JoinInfo;
import dev.cnm.api.spi.NetworkCreateRequest;
import dev.cnm.api.spi.NetworkDriver;
import dev.cnm.api.spi.NetworkDriverProvider;
import dev.cnm.testkit.contract.TestDriverContext;
import dev.cnm.drivers.host.HostDriverProvider;
import dev.cnm.drivers.none.NullDriverProvider;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The host and null drivers: one instance each, never deleted, endpoints without interfaces. */
class SingleNetworkDriverTest {
  private static final String NET = id("aaaa");

  static List<NetworkDriverProvider> providers() {
    return List.of(new HostDriverProvider(), new NullDriverProvider());
  }

  private static NetworkDriver driver(NetworkDriverProvider provider) {
    return provider.create(TestDriverContext.seeded(1));
  }

  private static NetworkCreateRequest request(String networkId, String name) {
    // No IPAM: the engine skips it for host and null networks.
    return NetworkCreateRequest.builder().networkId(networkId).networkName(name).options(Map.of()).build();
  }

  @ParameterizedTest
  @MethodSource("providers")
  void type_and_capability(NetworkDriverProvider provider) {
    NetworkDriver driver = driver(provider);
    assertThat(driver.type()).isEqualTo(provider.type()).isIn("host", "null");
    assertThat(driver.capability()).isEqualTo(DriverCapability.local());
  }

  @ParameterizedTest
  @MethodSource("providers")
  void create_network_second_instance_is_forbidden(NetworkDriverProvider provider) {
    NetworkDriver driver = driver(provider);
    driver.createNetwork(request(NET, provider.type()));
    for (String other : List.of(NET, id("bbbb"))) {
      assertThatThrownBy(() -> driver.createNetwork(request(other, provider.type())))
          .isExactlyInstanceOf(ForbiddenException.class)
          .hasMessage("only one instance of \"" + provider.type() + "\" network is allowed");
    }
  }

  @ParameterizedTest
  @MethodSource("providers")
  void delete_network_is_always_forbidden_even_for_an_unknown_id(NetworkDriverProvider provider) {
    NetworkDriver driver = driver(provider);
    driver.createNetwork(request(NET, provider.type()));
    for (String any : List.of(NET, id("bbbb"))) {
      assertThatThrownBy(() -> driver.deleteNetwork(any))
          .isExactlyInstanceOf(ForbiddenException.class)
          .hasMessage("network of type \"" + provider.type() + "\" cannot be deleted");
    }
    // Still the one instance.
    assertThatThrownBy(() -> driver.createNetwork(request(id("cccc"), provider.type())))
        .isInstanceOf(ForbiddenException.class);
  }

  @ParameterizedTest
  @MethodSource("providers")
  void endpoint_calls_are_no_ops_and_join_gives_no_interface_and_no_gateway(NetworkDriverProvider provider) {
    NetworkDriver driver = driver(provider);
    driver.createNetwork(request(NET, provider.type()));
    EndpointCreateRequest ep = endpoint(NET, id("e1"), "10.0.0.2/24");
    assertThat(driver.createEndpoint(ep)).isEqualTo(ep.iface());
    JoinInfo info = driver.join(join(NET, id("e1")));
    assertThat(info).isEqualTo(JoinInfo.none());
    assertThat(info.interfaceSourceName()).isEmpty();
    assertThat(info.gateway()).isEmpty();
    assertThat(info.ipv6Gateway()).isEmpty();
    assertThatCode(() -> {
      driver.leave(NET, id("e1"));
      driver.deleteEndpoint(NET, id("e1"));
      // libnetwork's host and null drivers never look at the ids.
      driver.leave(id("ffff"), id("eeee"));
      driver.deleteEndpoint(id("ffff"), id("eeee"));
    }).doesNotThrowAnyException();
  }
}
