package dev.cnm.core.json;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.api.ContainerInfo;
import dev.cnm.api.NetworkInfo;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.event.Event;
import dev.cnm.api.event.EventType;
import dev.cnm.api.image.Image;
import dev.cnm.api.image.ImageCatalog;
import dev.cnm.api.image.ImageDeleteItem;
import dev.cnm.api.image.ImageHistoryItem;
import dev.cnm.api.image.ProgressMessage;
import dev.cnm.api.process.WaitResult;
import java.time.Instant;
import java.util.List;

/**
 * The Docker Engine API (1.50, Docker 28) JSON views of cnm's snapshots, and the one place that
 * reads and writes that JSON.
 *
 * <p>Views are Jackson {@link ObjectNode} trees, built field by field so that their key order is
 * Docker's: Go struct order for structs, keys sorted as Go sorts them for maps. Go's
 * nil-versus-empty distinction is kept ({@code "Links": null} but {@code "Dns": []}), and every
 * sub-object is always present: the docker CLI dereferences them ({@code docker port} panics
 * without {@code NetworkSettings}). {@link #toJson(JsonNode)} writes the exact bytes the engine
 * sends and {@link GoJson#inspectOutput} what {@code docker inspect} prints.
 *
 * <p>Fields a real daemon fills with random or host-specific values get deterministic stand-ins
 * computed only from the snapshot: the image id is the SHA-256 of the normalised image name, the
 * sandbox id a SHA-256 of the container id and start time, the pid a number derived the same
 * way. Fields cnm does not model carry the values Docker 28 gives a container created by {@code
 * docker run -d} (runc, cgroup v2, overlay2, json-file logging). What the snapshots do not carry
 * (resolved legacy links, the names links give a container) comes in a {@link
 * ContainerJsonInput}, which can also override the snapshot's ports.
 *
 * <p><b>Round trips.</b> Every document parses back with {@link #parse} into a tree that
 * {@link #toJson(JsonNode)} writes byte for byte as before (Jackson keeps key order and the
 * <code>&#92;u003c</code> escapes decode to the characters they stand for). The network documents also
 * read into the typed {@link NetworkResource}, list items into {@link ContainerSummary}, endpoint
 * settings into {@link EndpointSettings} ({@link #read}), and write back identically ({@link
 * #toJson(Object)}). The full container document is left as a tree: the clients that read it
 * (docker CLI, docker-java) bring their own types, and a 90-field mirror would only restate
 * {@code ContainerView}.
 *
 * <pre>{@code
 * ObjectNode doc = DockerJson.network(engine.network("dev"));
 * String wire = DockerJson.toJson(doc);                      // the HTTP body, minus Go's newline
 * String shown = GoJson.inspectOutput(List.of(doc));         // what `docker network inspect dev` prints
 * NetworkResource typed = DockerJson.read(wire, NetworkResource.class);
 * }</pre>
 */
public final class DockerJson {
  /**
   * Configured once, to read as Go's {@code encoding/json} decodes into Docker's structs: keys
   * match case-insensitively, unknown keys are ignored, missing ones keep their zero value; key
   * order is kept; trailing garbage is an error, as with Go's decoder on a request body.
   */
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private DockerJson() {}

  // ---- containers ----------------------------------------------------------------------------

  /**
   * {@code GET /containers/{id}/json} with nothing beyond the snapshot (no ports, no links).
   *
   * @param container the container's snapshot
   * @return the document {@code GET /containers/{id}/json} returns (Docker's
   *     {@code ContainerJSON}), with nothing beyond the snapshot: no ports, no links
   */
  public static ObjectNode container(ContainerInfo container) {
    return container(container, ContainerJsonInput.none());
  }

  /**
   * {@code GET /containers/{id}/json}: Docker's {@code ContainerJSON}.
   *
   * @param container the container's snapshot
   * @param input what the snapshot does not hold: published ports, links, the image id
   * @return the document {@code GET /containers/{id}/json} returns: Docker's {@code ContainerJSON}
   */
  public static ObjectNode container(ContainerInfo container, ContainerJsonInput input) {
    return ContainerView.inspect(requireNonNull(container, "container"), requireNonNull(input, "input"));
  }

  /**
   * {@return one item of {@code GET /containers/json} (what {@code docker ps} reads);
   * {@code Status} is worded as of {@code now}}
   *
   * @param container the container's snapshot
   * @param input what the snapshot does not hold: published ports, links, the image id
   * @param now the time {@code Status} is worded as of
   */
  public static ObjectNode containerSummary(ContainerInfo container, ContainerJsonInput input, Instant now) {
    return ContainerView.summary(
        requireNonNull(container, "container"), requireNonNull(input, "input"), requireNonNull(now, "now"));
  }

  /**
   * {@return a container's {@code Status} as of {@code now}: {@code Up 5 seconds},
   * {@code Created}, {@code Exited (0) 2 seconds ago} (moby {@code State.String()} with go-units
   * wording)}
   *
   * @param container the container's snapshot
   * @param now the time the status is worded as of
   */
  public static String status(ContainerInfo container, Instant now) {
    return ContainerView.status(requireNonNull(container, "container"), requireNonNull(now, "now"));
  }

  /**
   * {@return a stand-in image id for {@code image}, for snapshots built without one ({@link
   * ContainerInfo#imageId()} empty): {@code sha256:} and the SHA-256 of Docker's normalised
   * reference ({@link ImageCatalog#normalize}), so {@code alpine}, {@code alpine:latest} and
   * {@code docker.io/library/alpine} share an id}
   *
   * @param image the image reference as the user wrote it
   * @throws IllegalArgumentException if {@code image} is empty
   */
  public static String imageId(String image) {
    return "sha256:" + Nodes.sha256Hex(ImageCatalog.normalize(image));
  }

  /**
   * {@return the {@code Pid} that {@code GET /exec/{id}/json} reports once the exec was started}
   * Docker gives the exec process's id and keeps it after the process exits (0 before the start).
   * cnm runs no process: as a container's {@code State.Pid}, it is a stand-in derived from the
   * exec's id, so a seeded engine reports the same each run.
   *
   * <pre>{@code
   * int pid = DockerJson.execPid(execId);   // in [1000, 65536), the same for the same id
   * }</pre>
   *
   * @param execId the exec's id
   */
  public static int execPid(String execId) {
    return ContainerView.standInPid("exec-pid:" + execId);
  }

  // ---- images --------------------------------------------------------------------------------

  /**
   * {@return {@code GET /images/{name}/json}: Docker's image {@code InspectResponse} (API 1.50:
   * {@code Config} is the OCI image configuration, its empty fields left out)}
   *
   * @param image the image's snapshot
   */
  public static ObjectNode image(Image image) {
    return ImageView.inspect(requireNonNull(image, "image"));
  }

  /**
   * {@return one item of {@code GET /images/json} (what {@code docker images} reads): Docker's
   * image {@code Summary}}
   *
   * @param image the image's snapshot
   */
  public static ObjectNode imageSummary(Image image) {
    return ImageView.summary(requireNonNull(image, "image"));
  }

  /**
   * {@return {@code GET /images/{name}/history}: the steps, newest first}
   *
   * @param history the image's history ({@code ImageService.history})
   */
  public static ArrayNode imageHistory(List<ImageHistoryItem> history) {
    return ImageView.history(requireNonNull(history, "history"));
  }

  /**
   * {@return {@code DELETE /images/{name}}: {@code [{"Untagged":"..."},{"Deleted":"..."}]}}
   *
   * @param items what {@code ImageService.remove} untagged and deleted
   */
  public static ArrayNode imageDeleted(List<ImageDeleteItem> items) {
    return ImageView.deleted(requireNonNull(items, "items"));
  }

  /**
   * {@return an event as {@code GET /events} streams it and {@code docker events --format '{{json
   * .}}'} prints it (moby's {@code events.Message}): the deprecated {@code status}, {@code id}
   * and {@code from} that dockerd 28 still fills for container events ({@code from} is the
   * {@code image} attribute) and image events (no {@code from}), then {@code Type}, {@code
   * Action}, {@code Actor} ({@code ID}, {@code Attributes} with sorted keys), {@code scope},
   * {@code time} and {@code timeNano}}
   *
   * <pre>{@code
   * {"status":"start","id":"4a5b...","from":"nginx","Type":"container","Action":"start",
   *  "Actor":{"ID":"4a5b...","Attributes":{"image":"nginx","name":"web"}},"scope":"local",
   *  "time":1748854800,"timeNano":1748854800000000000}
   * }</pre>
   *
   * @param event the event
   */
  public static ObjectNode event(Event event) {
    requireNonNull(event, "event");
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    if (event.type() == EventType.CONTAINER || event.type() == EventType.IMAGE) {
      o.put("status", event.action());
      o.put("id", event.actorId());
      String from = event.type() == EventType.CONTAINER ? event.attribute("image") : "";
      if (!from.isEmpty()) {
        o.put("from", from);
      }
    }
    o.put("Type", event.type().toString());
    o.put("Action", event.action());
    ObjectNode actor = o.putObject("Actor");
    actor.put("ID", event.actorId());
    actor.set("Attributes", Nodes.stringMap(event.attributes()));
    o.put("scope", event.scope());
    o.put("time", event.timeSeconds());
    o.put("timeNano", event.timeNano());
    return o;
  }

  /**
   * {@return the reply of {@code POST /containers/{id}/wait} (moby's {@code WaitResponse}): {@code
   * {"StatusCode":137}}, with {@code "Error":{"Message":"..."}} first when the wait ended in an
   * error}
   *
   * @param result the engine's wait result
   */
  public static ObjectNode waitResponse(WaitResult result) {
    requireNonNull(result, "result");
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    result.error().filter(m -> !m.isEmpty()).ifPresent(m -> o.putObject("Error").put("Message", m));
    o.put("StatusCode", result.statusCode());
    return o;
  }

  /**
   * {@return one progress message of a pull or a build as the daemon writes it (moby's {@code
   * JSONMessage}), such as {@code {"status":"Pulling from library/nginx","id":"latest"}} or
   * {@code {"stream":"Step 1/2 : FROM alpine"}}}
   *
   * @param message the message
   */
  public static ObjectNode progress(ProgressMessage message) {
    return ImageView.progress(requireNonNull(message, "message"));
  }

  /**
   * {@return a progress stream's line: the compact message and {@code \r\n}, as moby's {@code
   * streamformatter} ends each}
   *
   * @param message the message
   */
  public static String progressLine(ProgressMessage message) {
    return GoJson.compact(progress(message)) + "\r\n";
  }

  /**
   * {@return the line a progress stream ends with when the operation fails after it began:
   * {@code {"errorDetail":{"message":"..."},"error":"..."}} and {@code \r\n}}
   *
   * @param message the error's message
   */
  public static String progressErrorLine(String message) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.putObject("errorDetail").put("message", message);
    o.put("error", message);
    return GoJson.compact(o) + "\r\n";
  }

  /**
   * {@return go-units' {@code HumanSizeWithPrecision(size, 3)}, as {@code docker images} shows a
   * size: {@code 192MB}, {@code 8.31MB}}
   *
   * @param bytes the size in bytes
   */
  public static String humanSize(long bytes) {
    return ImageView.humanSize(bytes, 3);
  }

  /**
   * {@return go-units' {@code HumanSizeWithPrecision(size, precision)}: {@code precision}
   * significant digits ({@code HumanSize} is 4)}
   *
   * @param bytes the size in bytes
   * @param precision the significant digits
   */
  public static String humanSize(long bytes, int precision) {
    return ImageView.humanSize(bytes, precision);
  }

  // ---- networks ------------------------------------------------------------------------------

  /**
   * {@code GET /networks/{id}}: Docker's {@code NetworkResource}, with its running endpoints.
   *
   * @param network the network's snapshot
   * @return the document {@code GET /networks/{id}} returns: Docker's {@code NetworkResource}, with
   *     its running endpoints
   */
  public static ObjectNode network(NetworkInfo network) {
    return NetworkView.inspect(requireNonNull(network, "network"), true);
  }

  /**
   * {@code GET /networks/{id}?verbose=true} ({@code network inspect --verbose}): {@link
   * #network(NetworkInfo)} and, for a network shared through a cluster store, Docker's {@code
   * Peers} (the hosts with endpoints on it, {@code [{"Name": ..., "IP": ...}]}) after {@code
   * Labels}; omitted when empty, as Docker omits it. The swarm-only {@code Services} is omitted.
   *
   * @param network the network's snapshot
   * @param verbose whether the peers are wanted
   * @return the document
   */
  public static ObjectNode network(NetworkInfo network, boolean verbose) {
    ObjectNode doc = network(network);
    if (verbose && !network.peers().isEmpty()) {
      com.fasterxml.jackson.databind.node.ArrayNode peers = doc.putArray("Peers");
      network.peers().forEach(p -> peers.addObject().put("Name", p.name()).put("IP", p.ip()));
    }
    return doc;
  }

  /**
   * {@return one item of {@code GET /networks}: as {@link #network} but {@code "Containers": {}}}
   *
   * @param network the network's snapshot
   */
  public static ObjectNode networkSummary(NetworkInfo network) {
    return NetworkView.inspect(requireNonNull(network, "network"), false);
  }

  // ---- reading and writing -------------------------------------------------------------------

  /**
   * {@return the compact bytes Docker's engine writes for {@code document} (see {@link GoJson})}
   *
   * @param document a JSON document
   */
  public static String toJson(JsonNode document) {
    return GoJson.compact(document);
  }

  /**
   * {@return the whole HTTP response body Docker's engine writes for {@code document}: the compact
   * form and the newline Go's {@code json.Encoder} adds}
   *
   * @param document a JSON document
   */
  public static String httpBody(JsonNode document) {
    return GoJson.compact(document) + "\n";
  }

  /**
   * {@return the compact bytes Docker's engine writes for a typed value such as
   * {@link NetworkResource}}
   *
   * @param value a value of one of this package's Docker types
   */
  public static String toJson(Object value) {
    requireNonNull(value, "value");
    return GoJson.compact(MAPPER.valueToTree(value));
  }

  /**
   * {@return what {@code docker inspect} prints for {@code documents}; see
   * {@link GoJson#inspectOutput}}
   *
   * @param documents the documents, in order
   */
  public static String inspectOutput(List<? extends JsonNode> documents) {
    return GoJson.inspectOutput(documents);
  }

  /**
   * Parses a JSON document, keeping key order.
   *
   * @param json the text
   * @return the document
   * @throws InvalidParameterException {@code invalid JSON: ...} for malformed input, as the
   *     engine answers a malformed request body (moby {@code httputils.ReadJSON}; the detail
   *     after the colon is Jackson's, not Go's)
   */
  public static JsonNode parse(String json) {
    requireNonNull(json, "json");
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidParameterException("invalid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Reads a JSON document into a typed value such as {@link NetworkResource}, {@link
   * ContainerSummary} or {@link EndpointSettings}, the way Go decodes into Docker's structs
   * (unknown keys ignored, keys matched case-insensitively).
   *
   * @param <T> the type to read into
   * @param json the text
   * @param type the type to read into
   * @return the value
   * @throws InvalidParameterException {@code invalid JSON: ...} for malformed or mismatched input
   */
  public static <T> T read(String json, Class<T> type) {
    requireNonNull(json, "json");
    requireNonNull(type, "type");
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new InvalidParameterException("invalid JSON: " + e.getOriginalMessage(), e);
    }
  }
}
