package dev.cnm.core.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One item of {@code GET /containers/json} (moby {@code container.Summary}) as a typed value: what
 * {@code docker ps} reads. It reads every item {@link DockerJson#containerSummary} produces and
 * writes it back byte for byte.
 *
 * <pre>{@code
 * ContainerSummary web = DockerJson.read(item, ContainerSummary.class);
 * web.status();                  // "Up 5 seconds"
 * web.ports().get(0).publicPort(); // 8080
 * }</pre>
 *
 * @param id the 64-hex id
 * @param names the name with its slash, then legacy link names
 * @param image the image as given
 * @param imageId the image id
 * @param command path and arguments joined by spaces
 * @param created creation time in Unix seconds
 * @param ports published and exposed ports
 * @param labels labels
 * @param state {@code created}, {@code running} or {@code exited}
 * @param status the human status, e.g. {@code Up 5 seconds}
 * @param hostConfig the network mode
 * @param networkSettings the endpoint settings by network name
 * @param mounts mounts (always empty in cnm)
 */
@JsonPropertyOrder({
  "Id", "Names", "Image", "ImageID", "Command", "Created", "Ports", "Labels", "State", "Status",
  "HostConfig", "NetworkSettings", "Mounts"
})
public record ContainerSummary(
    @JsonProperty("Id") String id,
    @JsonProperty("Names") List<String> names,
    @JsonProperty("Image") String image,
    @JsonProperty("ImageID") String imageId,
    @JsonProperty("Command") String command,
    @JsonProperty("Created") long created,
    @JsonProperty("Ports") List<Port> ports,
    @JsonProperty("Labels") Map<String, String> labels,
    @JsonProperty("State") String state,
    @JsonProperty("Status") String status,
    @JsonProperty("HostConfig") HostConfig hostConfig,
    @JsonProperty("NetworkSettings") NetworkSettings networkSettings,
    @JsonProperty("Mounts") List<JsonNode> mounts) {

  /**
   * One port ({@code container.Port}); {@code IP} and {@code PublicPort} are omitted when empty.
   *
   * @param ip the host address, or empty for an exposed-only port
   * @param privatePort the container port
   * @param publicPort the host port, or 0 for an exposed-only port
   * @param type {@code tcp}, {@code udp} or {@code sctp}
   */
  @JsonPropertyOrder({"IP", "PrivatePort", "PublicPort", "Type"})
  public record Port(
      @JsonProperty("IP") @JsonInclude(JsonInclude.Include.NON_EMPTY) String ip,
      @JsonProperty("PrivatePort") int privatePort,
      @JsonProperty("PublicPort") @JsonInclude(JsonInclude.Include.NON_DEFAULT) int publicPort,
      @JsonProperty("Type") String type) {}

  /**
   * The summary's {@code HostConfig}.
   *
   * @param networkMode the network mode
   */
  public record HostConfig(@JsonProperty("NetworkMode") String networkMode) {}

  /**
   * The summary's {@code NetworkSettings}.
   *
   * @param networks endpoint settings by network name
   */
  public record NetworkSettings(@JsonProperty("Networks") Map<String, EndpointSettings> networks) {}
}
