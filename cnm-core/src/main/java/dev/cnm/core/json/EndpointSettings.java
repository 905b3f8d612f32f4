package dev.cnm.core.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * Docker's {@code EndpointSettings} as a typed value: the value of {@code
 * NetworkSettings.Networks.<name>} in inspect documents and list items, and the shape clients
 * send in {@code EndpointsConfig.<name>} ({@code POST /containers/create}) and {@code
 * EndpointConfig} ({@code POST /networks/{id}/connect}). Go's nil slices and maps are Java
 * {@code null}s; a field missing from a request reads as its zero value, as in Go.
 *
 * <pre>{@code
 * EndpointSettings asked = DockerJson.read(
 *     "{\"Aliases\":[\"search\"],\"IPAMConfig\":{\"IPv4Address\":\"172.18.0.9\"}}", EndpointSettings.class);
 * asked.aliases();                  // [search]
 * asked.ipamConfig().ipv4Address(); // "172.18.0.9"
 * }</pre>
 *
 * @param ipamConfig static addresses asked for, or {@code null}
 * @param links links on a user-defined network, {@code name:alias}
 * @param aliases network-scoped aliases
 * @param macAddress the MAC address (asked for, or assigned while running)
 * @param driverOpts driver options
 * @param gwPriority the gateway priority
 * @param networkId the network's id
 * @param endpointId the endpoint's id while running
 * @param gateway the IPv4 gateway while running
 * @param ipAddress the IPv4 address while running
 * @param ipPrefixLen the IPv4 prefix length while running
 * @param ipv6Gateway the IPv6 gateway while running
 * @param globalIpv6Address the IPv6 address while running
 * @param globalIpv6PrefixLen the IPv6 prefix length while running
 * @param dnsNames the names the endpoint answers to on a user-defined network
 */
@JsonPropertyOrder({
  "IPAMConfig", "Links", "Aliases", "MacAddress", "DriverOpts", "GwPriority", "NetworkID",
  "EndpointID", "Gateway", "IPAddress", "IPPrefixLen", "IPv6Gateway", "GlobalIPv6Address",
  "GlobalIPv6PrefixLen", "DNSNames"
})
public record EndpointSettings(
    @JsonProperty("IPAMConfig") IpamConfig ipamConfig,
    @JsonProperty("Links") List<String> links,
    @JsonProperty("Aliases") List<String> aliases,
    @JsonProperty("MacAddress") String macAddress,
    @JsonProperty("DriverOpts") Map<String, String> driverOpts,
    @JsonProperty("GwPriority") int gwPriority,
    @JsonProperty("NetworkID") String networkId,
    @JsonProperty("EndpointID") String endpointId,
    @JsonProperty("Gateway") String gateway,
    @JsonProperty("IPAddress") String ipAddress,
    @JsonProperty("IPPrefixLen") int ipPrefixLen,
    @JsonProperty("IPv6Gateway") String ipv6Gateway,
    @JsonProperty("GlobalIPv6Address") String globalIpv6Address,
    @JsonProperty("GlobalIPv6PrefixLen") int globalIpv6PrefixLen,
    @JsonProperty("DNSNames") List<String> dnsNames) {

  /**
   * Go's zero values for the string fields a request may leave out.
   *
   * @param ipamConfig static addresses asked for, or {@code null}
   * @param links links on a user-defined network, {@code name:alias}
   * @param aliases network-scoped aliases
   * @param macAddress the MAC address (asked for, or assigned while running)
   * @param driverOpts driver options
   * @param gwPriority the gateway priority
   * @param networkId the network's id
   * @param endpointId the endpoint's id while running
   * @param gateway the IPv4 gateway while running
   * @param ipAddress the IPv4 address while running
   * @param ipPrefixLen the IPv4 prefix length while running
   * @param ipv6Gateway the IPv6 gateway while running
   * @param globalIpv6Address the IPv6 address while running
   * @param globalIpv6PrefixLen the IPv6 prefix length while running
   * @param dnsNames the names the endpoint answers to on a user-defined network
   */
  public EndpointSettings {
    macAddress = macAddress == null ? "" : macAddress;
    networkId = networkId == null ? "" : networkId;
    endpointId = endpointId == null ? "" : endpointId;
    gateway = gateway == null ? "" : gateway;
    ipAddress = ipAddress == null ? "" : ipAddress;
    ipv6Gateway = ipv6Gateway == null ? "" : ipv6Gateway;
    globalIpv6Address = globalIpv6Address == null ? "" : globalIpv6Address;
  }

  /**
   * {@code EndpointIPAMConfig}: every field is omitted when empty.
   *
   * @param ipv4Address the static IPv4 address ({@code --ip}), or {@code null}
   * @param ipv6Address the static IPv6 address ({@code --ip6}), or {@code null}
   * @param linkLocalIps link-local addresses ({@code --link-local-ip}), or {@code null}
   */
  @JsonPropertyOrder({"IPv4Address", "IPv6Address", "LinkLocalIPs"})
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record IpamConfig(
      @JsonProperty("IPv4Address") String ipv4Address,
      @JsonProperty("IPv6Address") String ipv6Address,
      @JsonProperty("LinkLocalIPs") List<String> linkLocalIps) {}
}
