package dev.cnm.testkit.contract;

import dev.cnm.api.net.MacAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.spi.EndpointCreateRequest;
import dev.cnm.api.spi.EndpointInterface;
import dev.cnm.api.spi.IpamData;
import dev.cnm.api.spi.JoinRequest;
import dev.cnm.api.spi.NetworkCreateRequest;
import java.util.Map;

/**
 * Typical SPI requests, built the way the engine builds them, for a driver's own unit tests: a
 * network with one pool, an endpoint with an address, a join. The contracts use them; so can a
 * test that drives a driver directly, with a {@link TestDriverContext} as its host.
 *
 * <pre>{@code
 * NetworkDriver bridge = new BridgeDriverProvider().create(TestDriverContext.seeded(42));
 * String net = Requests.id("a1");
 * bridge.createNetwork(Requests.network(net, "172.18.0.0/16", Map.of()));
 * bridge.createEndpoint(Requests.endpoint(net, Requests.id("e1"), "172.18.0.2/16"));
 * JoinInfo info = bridge.join(Requests.join(net, Requests.id("e1")));
 * }</pre>
 */
public final class Requests {
  private Requests() {}

  /**
   * {@return a 64-character id whose first characters are {@code prefix}, padded with zeros}
   *
   * @param prefix the id's first characters: hex digits, at most 64 of them
   */
  public static String id(String prefix) {
    StringBuilder sb = new StringBuilder(prefix);
    while (sb.length() < 64) {
      sb.append('0');
    }
    return sb.toString();
  }

  /**
   * {@return IPv4 IPAM data for {@code pool} in the local address space, with the gateway at the
   * pool's first address}
   *
   * @param pool the pool in CIDR form, such as {@code 172.18.0.0/16}
   */
  public static IpamData v4(String pool) {
    Subnet p = Subnet.parse(pool);
    return IpamData.builder().addressSpace("LocalDefault").pool(p)
        .gateway(Subnet.of(p.addressAt(1), p.prefixLength())).build();
  }

  /**
   * {@return IPv6 IPAM data for {@code pool} in the local address space, with the gateway at the
   * pool's first address}
   *
   * @param pool the pool in CIDR form, such as {@code fd00:1::/64}
   */
  public static IpamData v6(String pool) {
    return v4(pool);
  }

  /**
   * {@return a request to create network {@code id}, named {@code net-} and the id's first four
   * characters, with one IPv4 pool}
   *
   * @param id the network's 64-character id (see {@link #id})
   * @param pool the network's IPv4 pool in CIDR form; the gateway is its first address
   * @param options the driver options, as {@code docker network create -o} gives them
   */
  public static NetworkCreateRequest network(String id, String pool, Map<String, String> options) {
    return NetworkCreateRequest.builder().networkId(id).networkName("net-" + id.substring(0, 4))
        .options(options).addIpv4Data(v4(pool)).build();
  }

  /**
   * {@return a request to create endpoint {@code endpointId} on network {@code networkId}, with an
   * IPv4 address and no MAC, so that the driver chooses one}
   *
   * @param networkId the id of a network the driver created
   * @param endpointId the endpoint's 64-character id
   * @param address the endpoint's IPv4 address with its prefix length, such as {@code 172.18.0.2/16}
   */
  public static EndpointCreateRequest endpoint(String networkId, String endpointId, String address) {
    return EndpointCreateRequest.builder().networkId(networkId).endpointId(endpointId)
        .endpointName("ep-" + endpointId.substring(0, 4))
        .iface(EndpointInterface.builder().ipv4Address(Subnet.parse(address)).build()).build();
  }

  /**
   * {@return a request to create endpoint {@code endpointId} on network {@code networkId}, with an
   * IPv4 address and the MAC the user asked for}
   *
   * @param networkId the id of a network the driver created
   * @param endpointId the endpoint's 64-character id
   * @param address the endpoint's IPv4 address with its prefix length, such as {@code 172.18.0.2/16}
   * @param mac the endpoint's MAC address, such as {@code 02:42:ac:12:00:02}
   */
  public static EndpointCreateRequest endpoint(String networkId, String endpointId, String address, String mac) {
    return EndpointCreateRequest.builder().networkId(networkId).endpointId(endpointId)
        .endpointName("ep-" + endpointId.substring(0, 4))
        .iface(EndpointInterface.builder().ipv4Address(Subnet.parse(address)).macAddress(MacAddress.parse(mac)).build())
        .build();
  }

  /**
   * {@return a request to join endpoint {@code endpointId} to a container's sandbox, as the engine
   * makes it when the container starts}
   *
   * @param networkId the id of the endpoint's network
   * @param endpointId the id of an endpoint the driver created
   */
  public static JoinRequest join(String networkId, String endpointId) {
    return JoinRequest.builder().networkId(networkId).endpointId(endpointId)
        .sandboxKey("/var/run/docker/netns/" + endpointId.substring(0, 12)).containerId(id("c0ffee"))
        .build();
  }
}
