package dev.cnm.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cnm.api.ContainerSpec;
import dev.cnm.api.EndpointSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.IpamPoolSpec;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.spi.DriverCapability;
import dev.cnm.api.spi.EndpointCreateRequest;
import dev.cnm.api.spi.EndpointInterface;
import dev.cnm.api.spi.JoinInfo;
import dev.cnm.api.spi.JoinRequest;
import dev.cnm.api.spi.NetworkCreateRequest;
import dev.cnm.api.spi.NetworkDriver;
import dev.cnm.api.spi.NetworkDriverProvider;
import dev.cnm.api.spi.StaticRoute;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code ip route} inside a container shows the static routes a driver returned from {@code join}. */
class StaticRoutesExecTest {
  private Engine engine;

  /**
   * A bridge-like driver whose join adds routes: via a next hop on its own subnet, on the default
   * bridge's, on no subnet at all; a connected one; an IPv6 one.
   */
  static final class Routed implements NetworkDriver {
    private final TestDrivers.Bridge bridge;

    Routed(TestDrivers.Bridge bridge) {
      this.bridge = bridge;
    }

    @Override
    public String type() {
      return "routed";
    }

    @Override
    public DriverCapability capability() {
      return DriverCapability.local();
    }

    @Override
    public void createNetwork(NetworkCreateRequest request) {
      bridge.createNetwork(request);
    }

    @Override
    public void deleteNetwork(String networkId) {
      bridge.deleteNetwork(networkId);
    }

    @Override
    public EndpointInterface createEndpoint(EndpointCreateRequest request) {
      return bridge.createEndpoint(request);
    }

    @Override
    public void deleteEndpoint(String networkId, String endpointId) {
      bridge.deleteEndpoint(networkId, endpointId);
    }

    @Override
    public JoinInfo join(JoinRequest request) {
      return JoinInfo.builder().from(bridge.join(request))
          .addStaticRoute(StaticRoute.builder().destination(Subnet.parse("10.50.0.0/16"))
              .type(StaticRoute.Type.NEXT_HOP).nextHop(IpAddress.parse("10.77.0.254")).build())
          .addStaticRoute(StaticRoute.builder().destination(Subnet.parse("10.60.0.0/16"))
              .type(StaticRoute.Type.NEXT_HOP).nextHop(IpAddress.parse("172.17.0.1")).build())
          .addStaticRoute(StaticRoute.builder().destination(Subnet.parse("10.70.0.0/16"))
              .type(StaticRoute.Type.NEXT_HOP).nextHop(IpAddress.parse("10.99.0.1")).build())
          .addStaticRoute(StaticRoute.builder().destination(Subnet.parse("192.168.77.0/24"))
              .type(StaticRoute.Type.CONNECTED).build())
          .addStaticRoute(StaticRoute.builder().destination(Subnet.parse("fd00:77::/64"))
              .type(StaticRoute.Type.CONNECTED).build())
          .build();
    }

    @Override
    public void leave(String networkId, String endpointId) {
      bridge.leave(networkId, endpointId);
    }
  }

  @BeforeEach
  void setUp() {
    engine = TestDrivers.builder(5)
        .driver(NetworkDriverProvider.of("routed", ctx -> new Routed(new TestDrivers.Bridge(ctx))))
        .build();
    engine.createNetwork(NetworkSpec.builder().name("r").driver("routed")
        .addIpamConfig(IpamPoolSpec.ofSubnet(Subnet.parse("10.77.0.0/24"))).build());
  }

  private String ipRoute(String container) {
    return engine.exec(container, List.of("ip", "route")).stdout();
  }

  @Test
  void ip_route_lists_the_drivers_static_routes_in_the_kernels_order_on_their_interfaces() {
    engine.run(ContainerSpec.builder().image("alpine").tty(true).name("app").build());
    engine.connect("r", "app", EndpointSpec.empty());

    assertThat(ipRoute("app")).isEqualTo(
        "default via 172.17.0.1 dev eth0 \n"
            + "10.50.0.0/16 via 10.77.0.254 dev eth1 \n"
            + "10.60.0.0/16 via 172.17.0.1 dev eth0 \n"
            + "10.70.0.0/16 via 10.99.0.1 dev eth0 \n"
            + "10.77.0.0/24 dev eth1 scope link  src 10.77.0.2 \n"
            + "172.17.0.0/16 dev eth0 scope link  src 172.17.0.2 \n"
            + "192.168.77.0/24 dev eth1 scope link \n");
  }

  @Test
  void the_routes_leave_with_the_endpoint() {
    engine.run(ContainerSpec.builder().image("alpine").tty(true).name("app").build());
    engine.connect("r", "app", EndpointSpec.empty());
    engine.disconnect("r", "app");

    assertThat(ipRoute("app")).isEqualTo(
        "default via 172.17.0.1 dev eth0 \n"
            + "172.17.0.0/16 dev eth0 scope link  src 172.17.0.2 \n");
  }

  @Test
  void on_its_only_network_every_route_is_on_its_interface() {
    engine.run(ContainerSpec.builder().image("alpine").tty(true).name("app").network("r").build());

    // Only on r: the hops off its subnet leave by the default route, r's own gateway.
    assertThat(ipRoute("app")).isEqualTo(
        "default via 10.77.0.1 dev eth0 \n"
            + "10.50.0.0/16 via 10.77.0.254 dev eth0 \n"
            + "10.60.0.0/16 via 172.17.0.1 dev eth0 \n"
            + "10.70.0.0/16 via 10.99.0.1 dev eth0 \n"
            + "10.77.0.0/24 dev eth0 scope link  src 10.77.0.2 \n"
            + "192.168.77.0/24 dev eth0 scope link \n");
  }
}
