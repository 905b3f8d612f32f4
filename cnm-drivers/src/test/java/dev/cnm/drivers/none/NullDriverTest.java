package dev.cnm.drivers.none;

import static dev.cnm.drivers.Requests.endpoint;
import static dev.cnm.drivers.Requests.id;
import static dev.cnm.drivers.Requests.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.error.ForbiddenException;
import dev.cnm.api.spi.DriverCapability;
import dev.cnm.api.spi.EndpointCreateRequest;
import dev.cnm.api.spi.JoinInfo;
import dev.cnm.api.spi.NetworkCreateRequest;
import dev.cnm.api.spi.NetworkDriver;
import dev.cnm.drivers.TestDriverContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NullDriverTest {
  private static final String NET = id("aaaa");
  private final NetworkDriver driver = new NullDriverProvider().create(TestDriverContext.seeded(1));

  private static NetworkCreateRequest request(String networkId) {
    // No IPAM: the engine skips it for host and null networks.
    return NetworkCreateRequest.builder().networkId(networkId).networkName("null").options(Map.of()).build();
  }

  @Test
  void typeAndCapability() {
    assertThat(driver.type()).isEqualTo("null");
    assertThat(new NullDriverProvider().type()).isEqualTo("null");
    assertThat(driver.capability()).isEqualTo(DriverCapability.local());
  }

  @Test
  void createNetwork_secondInstance_isForbidden() {
    driver.createNetwork(request(NET));
    for (String other : List.of(NET, id("bbbb"))) {
      assertThatThrownBy(() -> driver.createNetwork(request(other)))
          .isExactlyInstanceOf(ForbiddenException.class)
          .hasMessage("only one instance of \"null\" network is allowed");
    }
  }

  @Test
  void deleteNetwork_isAlwaysForbidden_evenForAnUnknownId() {
    driver.createNetwork(request(NET));
    for (String any : List.of(NET, id("bbbb"))) {
      assertThatThrownBy(() -> driver.deleteNetwork(any))
          .isExactlyInstanceOf(ForbiddenException.class)
          .hasMessage("network of type \"null\" cannot be deleted");
    }
    // Still the one instance.
    assertThatThrownBy(() -> driver.createNetwork(request(id("cccc")))).isInstanceOf(ForbiddenException.class);
  }

  @Test
  void endpointCalls_areNoOps_andJoinGivesNoInterfaceAndNoGateway() {
    driver.createNetwork(request(NET));
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
      // libnetwork's null driver never looks at the ids.
      driver.leave(id("ffff"), id("eeee"));
      driver.deleteEndpoint(id("ffff"), id("eeee"));
    }).doesNotThrowAnyException();
  }
}
