package dev.cnm.testkit.contract;

import dev.cnm.api.net.MacAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.spi.EndpointCreateRequest;
import dev.cnm.api.spi.EndpointInterface;
import dev.cnm.api.spi.IpamData;
import dev.cnm.api.spi.JoinRequest;
import dev.cnm.api.spi.NetworkCreateRequest;
import java.util.Map;

/** Typical SPI requests, built the way the engine builds them. */
final class Requests {
  private Requests() {}

  /** A 64-hex id whose first characters are {@code prefix} (padded with zeros). */
  public static String id(String prefix) {
    StringBuilder sb = new StringBuilder(prefix);
    while (sb.length() < 64) {
      sb.append('0');
    }
    return sb.toString();
  }

  /** IPv4 IPAM data for {@code pool} with the gateway at its first address. */
  public static IpamData v4(String pool) {
    Subnet p = Subnet.parse(pool);
    return IpamData.builder().addressSpace("LocalDefault").pool(p)
        .gateway(Subnet.of(p.addressAt(1), p.prefixLength())).build();
  }

  /** IPv6 IPAM data for {@code pool} with the gateway at its first address. */
  public static IpamData v6(String pool) {
    return v4(pool);
  }

  /** A network with one IPv4 pool and the given options. */
  public static NetworkCreateRequest network(String id, String pool, Map<String, String> options) {
    return NetworkCreateRequest.builder().networkId(id).networkName("net-" + id.substring(0, 4))
        .options(options).addIpv4Data(v4(pool)).build();
  }

  /** An endpoint with an IPv4 address and no MAC. */
  public static EndpointCreateRequest endpoint(String networkId, String endpointId, String address) {
    return EndpointCreateRequest.builder().networkId(networkId).endpointId(endpointId)
        .endpointName("ep-" + endpointId.substring(0, 4))
        .iface(EndpointInterface.builder().ipv4Address(Subnet.parse(address)).build()).build();
  }

  /** An endpoint with an IPv4 address and the given MAC. */
  public static EndpointCreateRequest endpoint(String networkId, String endpointId, String address, String mac) {
    return EndpointCreateRequest.builder().networkId(networkId).endpointId(endpointId)
        .endpointName("ep-" + endpointId.substring(0, 4))
        .iface(EndpointInterface.builder().ipv4Address(Subnet.parse(address)).macAddress(MacAddress.parse(mac)).build())
        .build();
  }

  /** A join of the endpoint to a sandbox. */
  public static JoinRequest join(String networkId, String endpointId) {
    return JoinRequest.builder().networkId(networkId).endpointId(endpointId)
        .sandboxKey("/var/run/docker/netns/" + endpointId.substring(0, 12)).containerId(id("c0ffee"))
        .build();
  }
}
