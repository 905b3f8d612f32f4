package dev.cnm.core.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * Docker's {@code NetworkResource} ({@code GET /networks/{id}} and the items of {@code GET
 * /networks}) as a typed value, field for field as moby's {@code network.Inspect} struct. It
 * reads every document {@link DockerJson#network} and {@link DockerJson#networkSummary} produce
 * and writes it back byte for byte ({@link DockerJson#toJson(Object)}); Go's nil maps and slices
 * are Java {@code null}s.
 *
 * <pre>{@code
 * NetworkResource dev = DockerJson.read(body, NetworkResource.class);
 * dev.ipam().config().get(0).subnet(); // "172.18.0.0/16"
 * }</pre>
 *
 * @param name the network's name
 * @param id the 64-hex id
 * @param created RFC 3339 with nanoseconds
 * @param scope {@code local}, {@code global} or {@code swarm}
 * @param driver the driver's type
 * @param enableIpv4 whether IPv4 is enabled
 * @param enableIpv6 whether IPv6 is enabled
 * @param ipam the IPAM driver, options and pools
 * @param internal whether the network is internal
 * @param attachable whether the network is attachable
 * @param ingress whether this is the ingress network
 * @param configFrom the config-only network this one takes its configuration from
 * @param configOnly whether this is a config-only network
 * @param containers running endpoints by container id
 * @param options driver options
 * @param labels labels
 */
@JsonPropertyOrder({
  "Name", "Id", "Created", "Scope", "Driver", "EnableIPv4", "EnableIPv6", "IPAM", "Internal",
  "Attachable", "Ingress", "ConfigFrom", "ConfigOnly", "Containers", "Options", "Labels"
})
public record NetworkResource(
    @JsonProperty("Name") String name,
    @JsonProperty("Id") String id,
    @JsonProperty("Created") String created,
    @JsonProperty("Scope") String scope,
    @JsonProperty("Driver") String driver,
    @JsonProperty("EnableIPv4") boolean enableIpv4,
    @JsonProperty("EnableIPv6") boolean enableIpv6,
    @JsonProperty("IPAM") Ipam ipam,
    @JsonProperty("Internal") boolean internal,
    @JsonProperty("Attachable") boolean attachable,
    @JsonProperty("Ingress") boolean ingress,
    @JsonProperty("ConfigFrom") ConfigReference configFrom,
    @JsonProperty("ConfigOnly") boolean configOnly,
    @JsonProperty("Containers") Map<String, EndpointResource> containers,
    @JsonProperty("Options") Map<String, String> options,
    @JsonProperty("Labels") Map<String, String> labels) {

  /**
   * {@code IPAM}: the driver, its options and the pools.
   *
   * @param driver the IPAM driver's name
   * @param options IPAM options; {@code null} on the predefined networks
   * @param config the pools; {@code null} when there is none
   */
  @JsonPropertyOrder({"Driver", "Options", "Config"})
  public record Ipam(
      @JsonProperty("Driver") String driver,
      @JsonProperty("Options") Map<String, String> options,
      @JsonProperty("Config") List<IpamConfig> config) {}

  /**
   * One pool ({@code IPAMConfig}); every field but the subnet is omitted when empty.
   *
   * @param subnet the pool's CIDR
   * @param ipRange the sub-range dynamic addresses come from, or {@code null}
   * @param gateway the gateway, or {@code null}
   * @param auxiliaryAddresses reserved addresses by name, or {@code null}
   */
  @JsonPropertyOrder({"Subnet", "IPRange", "Gateway", "AuxiliaryAddresses"})
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record IpamConfig(
      @JsonProperty("Subnet") String subnet,
      @JsonProperty("IPRange") String ipRange,
      @JsonProperty("Gateway") String gateway,
      @JsonProperty("AuxiliaryAddresses") Map<String, String> auxiliaryAddresses) {}

  /**
   * {@code ConfigFrom}.
   *
   * @param network the config-only network's name, or empty
   */
  public record ConfigReference(@JsonProperty("Network") String network) {}

  /**
   * One running endpoint ({@code Containers.<id>}).
   *
   * @param name the container's name, without slash
   * @param endpointId the 64-hex endpoint id
   * @param macAddress the MAC, or empty
   * @param ipv4Address the IPv4 address as a CIDR, or empty
   * @param ipv6Address the IPv6 address as a CIDR, or empty
   */
  @JsonPropertyOrder({"Name", "EndpointID", "MacAddress", "IPv4Address", "IPv6Address"})
  public record EndpointResource(
      @JsonProperty("Name") String name,
      @JsonProperty("EndpointID") String endpointId,
      @JsonProperty("MacAddress") String macAddress,
      @JsonProperty("IPv4Address") String ipv4Address,
      @JsonProperty("IPv6Address") String ipv6Address) {}
}
