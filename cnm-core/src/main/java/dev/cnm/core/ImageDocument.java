package dev.cnm.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.api.Healthcheck;
import dev.cnm.api.image.ImageConfig;
import dev.cnm.api.image.ImageHistory;
import dev.cnm.api.port.ExposedPort;
import dev.cnm.core.json.GoJson;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An image's configuration document, the JSON Docker stores as the image and hashes into its id
 * (moby's {@code image.Image}: architecture, author, config, container_config, created,
 * docker_version, history, os, parent, rootfs), and its reading back. The configuration is
 * written in the shape of Docker's {@code container.Config}. The document is written once, in a
 * fixed key order, so that its bytes (and so the id) depend on the image's content alone.
 */
final class ImageDocument {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ImageDocument() {}

  /** What a new image is made of; {@link #record} turns it into a record with its id. */
  record Content(ImageConfig config, Instant created, String parent, List<ImageHistory> history,
      List<String> diffIds, String author, String comment, String dockerVersion, String architecture, String os,
      ImageConfig containerConfig, List<String> containerCmd) {}

  /** The record of {@code content}: its document written, its id the document's SHA-256. */
  static ImageRecord record(Content c) {
    String document = GoJson.compact(write(c));
    String buildKey = c.containerConfig() == null ? "" : buildKey(c.containerConfig(), c.containerCmd());
    return new ImageRecord("sha256:" + LayerRecord.sha256(document), document, c.config(), c.created(), c.parent(),
        c.history(), c.diffIds(), c.author(), c.comment(), c.dockerVersion(), c.architecture(), c.os(), buildKey);
  }

  /**
   * The cache key of a build step: its container configuration ({@code config} with {@code cmd}
   * as its command) as compact JSON, the parent left out (the cache looks among its children).
   */
  static String buildKey(ImageConfig config, List<String> cmd) {
    return GoJson.compact(config(config, cmd, ""));
  }

  private static ObjectNode write(Content c) {
    ObjectNode o = F.objectNode();
    o.put("architecture", c.architecture());
    if (!c.author().isEmpty()) {
      o.put("author", c.author());
    }
    if (!c.comment().isEmpty()) {
      o.put("comment", c.comment());
    }
    o.set("config", config(c.config(), c.config().cmd(), c.parent()));
    if (c.containerConfig() != null) {
      o.set("container_config", config(c.containerConfig(), c.containerCmd(), c.parent()));
    }
    o.put("created", c.created().toString());
    if (!c.dockerVersion().isEmpty()) {
      o.put("docker_version", c.dockerVersion());
    }
    ArrayNode history = o.putArray("history");
    for (ImageHistory h : c.history()) {
      ObjectNode ho = history.addObject();
      ho.put("created", h.created().toString());
      if (!h.author().isEmpty()) {
        ho.put("author", h.author());
      }
      if (!h.createdBy().isEmpty()) {
        ho.put("created_by", h.createdBy());
      }
      if (!h.comment().isEmpty()) {
        ho.put("comment", h.comment());
      }
      if (h.emptyLayer()) {
        ho.put("empty_layer", true);
      }
    }
    o.put("os", c.os());
    if (!c.parent().isEmpty()) {
      o.put("parent", c.parent());
    }
    ObjectNode rootfs = o.putObject("rootfs");
    rootfs.put("type", "layers");
    ArrayNode diffIds = rootfs.putArray("diff_ids");
    c.diffIds().forEach(diffIds::add);
    return o;
  }

  /** {@code config} alone, as Docker's {@code container.Config} (for the state document of a container). */
  static ObjectNode configNode(ImageConfig config) {
    return config(config, config.cmd(), "");
  }

  /** {@code config} as Docker's {@code container.Config}, with {@code cmd} as its {@code Cmd}. */
  private static ObjectNode config(ImageConfig c, List<String> cmd, String image) {
    ObjectNode o = F.objectNode();
    o.put("Hostname", "");
    o.put("Domainname", "");
    o.put("User", c.user());
    o.put("AttachStdin", false);
    o.put("AttachStdout", false);
    o.put("AttachStderr", false);
    if (!c.exposedPorts().isEmpty()) {
      ObjectNode ports = o.putObject("ExposedPorts");
      for (String key : new java.util.TreeSet<>(c.exposedPorts().stream().map(Object::toString).toList())) {
        ports.putObject(key);
      }
    }
    o.put("Tty", false);
    o.put("OpenStdin", false);
    o.put("StdinOnce", false);
    o.set("Env", stringsOrNull(c.env()));
    o.set("Cmd", stringsOrNull(cmd));
    c.healthcheck().ifPresent(h -> o.set("Healthcheck", health(h)));
    o.put("Image", image);
    if (c.volumes().isEmpty()) {
      o.putNull("Volumes");
    } else {
      ObjectNode volumes = o.putObject("Volumes");
      c.volumes().forEach(volumes::putObject);
    }
    o.put("WorkingDir", c.workingDir());
    o.set("Entrypoint", stringsOrNull(c.entrypoint()));
    o.set("OnBuild", stringsOrNull(c.onBuild()));
    if (c.labels().isEmpty()) {
      o.putNull("Labels");
    } else {
      ObjectNode labels = o.putObject("Labels");
      new TreeMap<>(c.labels()).forEach(labels::put);
    }
    c.stopSignal().ifPresent(s -> o.put("StopSignal", s));
    if (!c.shell().isEmpty()) {
      o.set("Shell", stringsOrNull(c.shell()));
    }
    return o;
  }

  /** A health check as Go's {@code container.HealthConfig}: durations in nanoseconds, zero values left out. */
  static ObjectNode health(Healthcheck h) {
    ObjectNode o = F.objectNode();
    if (!h.test().isEmpty()) {
      o.set("Test", stringsOrNull(h.test()));
    }
    putNanos(o, "Interval", h.interval().orElse(Duration.ZERO));
    putNanos(o, "Timeout", h.timeout().orElse(Duration.ZERO));
    putNanos(o, "StartPeriod", h.startPeriod().orElse(Duration.ZERO));
    putNanos(o, "StartInterval", h.startInterval().orElse(Duration.ZERO));
    if (h.retries() != 0) {
      o.put("Retries", h.retries());
    }
    return o;
  }

  private static void putNanos(ObjectNode o, String key, Duration d) {
    if (!d.isZero()) {
      o.put(key, d.toNanos());
    }
  }

  private static JsonNode stringsOrNull(List<String> values) {
    if (values.isEmpty()) {
      return F.nullNode();
    }
    ArrayNode a = F.arrayNode();
    values.forEach(a::add);
    return a;
  }

  // ---- reading back ---------------------------------------------------------------------------

  /**
   * The record a saved document describes, its id recomputed from the document's bytes.
   *
   * @throws IllegalArgumentException when the document is not one {@link #record} wrote
   */
  static ImageRecord read(String document) {
    JsonNode o;
    try {
      o = MAPPER.readTree(document);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("image document is not JSON: " + e.getOriginalMessage(), e);
    }
    if (o == null || !o.isObject()) {
      throw new IllegalArgumentException("image document is not an object");
    }
    List<ImageHistory> history = new ArrayList<>();
    for (JsonNode h : o.withArray("history")) {
      history.add(ImageHistory.builder()
          .created(time(h, "created"))
          .author(h.path("author").asText(""))
          .createdBy(h.path("created_by").asText(""))
          .comment(h.path("comment").asText(""))
          .emptyLayer(h.path("empty_layer").asBoolean(false))
          .build());
    }
    List<String> diffIds = strings(o.path("rootfs").path("diff_ids"));
    JsonNode cc = o.get("container_config");
    String buildKey = cc == null ? "" : GoJson.compact(withImage(cc, ""));
    String id = "sha256:" + LayerRecord.sha256(document);
    return new ImageRecord(id, document, readConfig(o.path("config")), time(o, "created"),
        o.path("parent").asText(""), history, diffIds, o.path("author").asText(""), o.path("comment").asText(""),
        o.path("docker_version").asText(""), o.path("architecture").asText("amd64"), o.path("os").asText("linux"),
        buildKey);
  }

  /** A document's time, refused by name when it does not parse. */
  private static Instant time(JsonNode node, String field) {
    String text = node.path(field).asText();
    try {
      return Instant.parse(text);
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("image document's \"" + field + "\" is not a time: \"" + text + "\"");
    }
  }

  /** {@code config} with {@code Image} replaced, as the build key leaves the parent out. */
  private static JsonNode withImage(JsonNode config, String image) {
    ObjectNode copy = ((ObjectNode) config).deepCopy();
    copy.put("Image", image);
    return copy;
  }

  static ImageConfig readConfig(JsonNode c) {
    ImageConfig.Builder b = ImageConfig.builder()
        .user(c.path("User").asText(""))
        .env(strings(c.get("Env")))
        .cmd(strings(c.get("Cmd")))
        .entrypoint(strings(c.get("Entrypoint")))
        .workingDir(c.path("WorkingDir").asText(""))
        .onBuild(strings(c.get("OnBuild")))
        .shell(strings(c.get("Shell")))
        .stopSignal(optionalText(c, "StopSignal"));
    for (Iterator<String> it = c.path("ExposedPorts").fieldNames(); it.hasNext(); ) {
      b.addExposedPort(ExposedPort.parse(it.next()));
    }
    for (Iterator<String> it = c.path("Volumes").fieldNames(); it.hasNext(); ) {
      b.addVolume(it.next());
    }
    Map<String, String> labels = new LinkedHashMap<>();
    c.path("Labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    b.labels(labels);
    JsonNode h = c.get("Healthcheck");
    if (h != null && h.isObject()) {
      b.healthcheck(Healthcheck.builder()
          .test(strings(h.get("Test")))
          .interval(nanos(h, "Interval"))
          .timeout(nanos(h, "Timeout"))
          .startPeriod(nanos(h, "StartPeriod"))
          .startInterval(nanos(h, "StartInterval"))
          .retries(h.path("Retries").asInt(0))
          .build());
    }
    return b.build();
  }

  /** A duration in nanoseconds, absent (zero) when left out. */
  private static java.util.Optional<Duration> nanos(JsonNode o, String key) {
    long n = o.path(key).asLong(0);
    return n == 0 ? java.util.Optional.empty() : java.util.Optional.of(Duration.ofNanos(n));
  }

  private static java.util.Optional<String> optionalText(JsonNode o, String key) {
    String s = o.path(key).asText("");
    return s.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(s);
  }

  private static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n != null && n.isArray()) {
      n.forEach(e -> out.add(e.asText()));
    }
    return out;
  }
}
