package dev.cnm.core.json;

import static dev.cnm.core.json.Nodes.array;
import static dev.cnm.core.json.Nodes.object;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.api.Healthcheck;
import dev.cnm.api.image.Image;
import dev.cnm.api.image.ImageConfig;
import dev.cnm.api.image.ImageDeleteItem;
import dev.cnm.api.image.ImageHistoryItem;
import dev.cnm.api.image.ProgressMessage;
import dev.cnm.api.port.ExposedPort;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The image documents of the Engine API 1.50 (moby's {@code api/types/image}): {@code
 * InspectResponse}, the {@code Summary} list item, {@code HistoryResponseItem}, {@code
 * DeleteResponse}, and the {@code JSONMessage} lines of pulls and builds. Field order is the Go
 * struct order, {@code omitempty} fields are left out when empty.
 */
final class ImageView {
  private static final String OVERLAY_DIR = "/var/lib/docker/overlay2/";

  private ImageView() {}

  /** {@code GET /images/{name}/json}. */
  static ObjectNode inspect(Image i) {
    ObjectNode o = object();
    o.put("Id", i.id());
    o.set("RepoTags", Nodes.strings(i.repoTags()));
    o.set("RepoDigests", Nodes.strings(i.repoDigests()));
    o.put("Parent", i.parent().orElse(""));
    o.put("Comment", i.comment());
    o.put("Created", DockerTime.format(i.created()));
    o.put("DockerVersion", i.dockerVersion());
    o.put("Author", i.author());
    o.set("Config", config(i.config()));
    o.put("Architecture", i.architecture());
    o.put("Os", i.os());
    o.put("Size", i.size());
    ObjectNode graphDriver = object();
    graphDriver.set("Data", graphDriverData(i));
    graphDriver.put("Name", "overlay2");
    o.set("GraphDriver", graphDriver);
    ObjectNode rootFs = object().put("Type", "layers");
    if (!i.layers().isEmpty()) {
      rootFs.set("Layers", Nodes.strings(i.layers()));
    }
    o.set("RootFS", rootFs);
    o.set("Metadata", object().put("LastTagTime", DockerTime.format(i.lastTagTime())));
    return o;
  }

  /**
   * The image's {@code DockerOCIImageConfig}: the OCI image configuration, then Docker's {@code
   * Healthcheck}, {@code OnBuild} and {@code Shell}; every field {@code omitempty}.
   */
  static ObjectNode config(ImageConfig c) {
    ObjectNode o = object();
    if (!c.user().isEmpty()) {
      o.put("User", c.user());
    }
    if (!c.exposedPorts().isEmpty()) {
      ObjectNode ports = object();
      List<String> keys = new ArrayList<>();
      for (ExposedPort p : c.exposedPorts()) {
        keys.add(p.toString());
      }
      Nodes.sortedKeys(keys).forEach(k -> ports.set(k, object()));
      o.set("ExposedPorts", ports);
    }
    if (!c.env().isEmpty()) {
      o.set("Env", Nodes.strings(c.env()));
    }
    if (!c.entrypoint().isEmpty()) {
      o.set("Entrypoint", Nodes.strings(c.entrypoint()));
    }
    if (!c.cmd().isEmpty()) {
      o.set("Cmd", Nodes.strings(c.cmd()));
    }
    if (!c.volumes().isEmpty()) {
      ObjectNode volumes = object();
      Nodes.sortedKeys(c.volumes()).forEach(v -> volumes.set(v, object()));
      o.set("Volumes", volumes);
    }
    if (!c.workingDir().isEmpty()) {
      o.put("WorkingDir", c.workingDir());
    }
    if (!c.labels().isEmpty()) {
      o.set("Labels", Nodes.stringMap(c.labels()));
    }
    c.stopSignal().ifPresent(s -> o.put("StopSignal", s));
    c.healthcheck().ifPresent(h -> o.set("Healthcheck", healthcheck(h)));
    if (!c.onBuild().isEmpty()) {
      o.set("OnBuild", Nodes.strings(c.onBuild()));
    }
    if (!c.shell().isEmpty()) {
      o.set("Shell", Nodes.strings(c.shell()));
    }
    return o;
  }

  /** {@code container.HealthConfig}: durations in nanoseconds, each field {@code omitempty}. */
  static ObjectNode healthcheck(Healthcheck h) {
    ObjectNode o = object();
    if (!h.test().isEmpty()) {
      o.set("Test", Nodes.strings(h.test()));
    }
    nanos(o, "Interval", h.interval().orElse(Duration.ZERO));
    nanos(o, "Timeout", h.timeout().orElse(Duration.ZERO));
    nanos(o, "StartPeriod", h.startPeriod().orElse(Duration.ZERO));
    nanos(o, "StartInterval", h.startInterval().orElse(Duration.ZERO));
    if (h.retries() != 0) {
      o.put("Retries", h.retries());
    }
    return o;
  }

  private static void nanos(ObjectNode o, String key, Duration d) {
    if (!d.isZero()) {
      o.put(key, d.toNanos());
    }
  }

  /**
   * overlay2's directories for the image's layers, as the graph driver reports them: the top
   * layer's merged, upper and work directories, and the lower layers' (top first); null for an
   * image without layers. The layers' cache ids stand in for the random ones a daemon draws:
   * the SHA-256 of the layer's chain id.
   */
  private static JsonNode graphDriverData(Image i) {
    List<String> chains = chainIds(i.layers());
    if (chains.isEmpty()) {
      return NullNode.instance;
    }
    List<String> dirs = new ArrayList<>();
    for (String chain : chains) {
      dirs.add(OVERLAY_DIR + Nodes.sha256Hex("cache " + chain));
    }
    String top = dirs.get(dirs.size() - 1);
    ObjectNode data = object();
    if (dirs.size() > 1) {
      List<String> lower = new ArrayList<>();
      for (int k = dirs.size() - 2; k >= 0; k--) {
        lower.add(dirs.get(k) + "/diff");
      }
      data.put("LowerDir", String.join(":", lower));
    }
    data.put("MergedDir", top + "/merged");
    data.put("UpperDir", top + "/diff");
    data.put("WorkDir", top + "/work");
    return data;
  }

  private static List<String> chainIds(List<String> diffIds) {
    List<String> out = new ArrayList<>();
    String chain = "";
    for (String diff : diffIds) {
      chain = chain.isEmpty() ? diff : "sha256:" + Nodes.sha256Hex(chain + " " + diff);
      out.add(chain);
    }
    return out;
  }

  /**
   * One item of {@code GET /images/json}: {@code Containers} and {@code SharedSize} are -1 ("not
   * computed") as the daemon answers without {@code shared-size}; {@code Labels} null without
   * labels.
   */
  static ObjectNode summary(Image i) {
    ObjectNode o = object();
    o.put("Containers", -1);
    o.put("Created", i.created().getEpochSecond());
    o.put("Id", i.id());
    o.set("Labels", Nodes.stringMapOrNull(i.config().labels()));
    o.put("ParentId", i.parent().orElse(""));
    o.set("RepoDigests", Nodes.strings(i.repoDigests()));
    o.set("RepoTags", Nodes.strings(i.repoTags()));
    o.put("SharedSize", -1);
    o.put("Size", i.size());
    return o;
  }

  /** {@code GET /images/{name}/history}: newest step first; {@code Tags} null for a step without. */
  static ArrayNode history(List<ImageHistoryItem> items) {
    ArrayNode out = array();
    for (ImageHistoryItem h : items) {
      ObjectNode o = out.addObject();
      o.put("Comment", h.comment());
      o.put("Created", h.created().getEpochSecond());
      o.put("CreatedBy", h.createdBy());
      o.put("Id", h.id());
      o.put("Size", h.size());
      o.set("Tags", Nodes.stringsOrNull(h.tags()));
    }
    return out;
  }

  /** {@code DELETE /images/{name}}: {@code Untagged} or {@code Deleted}, one per item. */
  static ArrayNode deleted(List<ImageDeleteItem> items) {
    ArrayNode out = array();
    for (ImageDeleteItem i : items) {
      out.addObject().put(i.isUntagged() ? "Untagged" : "Deleted", i.value());
    }
    return out;
  }

  /**
   * One {@code JSONMessage} line: {@code stream}, {@code status}, {@code progressDetail}, {@code
   * progress} (the daemon's rendering of the counts), {@code id}, {@code aux}.
   */
  static ObjectNode progress(ProgressMessage m) {
    ObjectNode o = object();
    if (!m.stream().isEmpty()) {
      o.put("stream", m.stream());
    }
    if (!m.status().isEmpty()) {
      o.put("status", m.status());
    }
    if (m.hasProgress()) {
      ObjectNode detail = object();
      if (m.current() != 0) {
        detail.put("current", m.current());
      }
      if (m.total() != 0) {
        detail.put("total", m.total());
      }
      o.set("progressDetail", detail);
      String bar = progressBar(m.current(), m.total());
      if (!bar.isEmpty()) {
        o.put("progress", bar);
      }
    }
    if (!m.id().isEmpty()) {
      o.put("id", m.id());
    }
    m.auxId().ifPresent(id -> o.set("aux", object().put("ID", id)));
    return o;
  }

  /**
   * {@code JSONProgress.String()} as the daemon renders it (no terminal: 200 columns): a 50-wide
   * bar, then {@code current/total} in go-units' {@code HumanSize}; empty without counts.
   */
  static String progressBar(long current, long total) {
    if (current <= 0 && total <= 0) {
      return "";
    }
    if (total <= 0) {
      return String.format(Locale.ROOT, "%8s", humanSize(current, 4));
    }
    int percentage = (int) ((double) current / total * 100) / 2;
    if (percentage > 50) {
      percentage = 50;
    }
    String bar = "[" + "=".repeat(percentage) + ">" + " ".repeat(Math.max(0, 50 - percentage)) + "] ";
    String numbers = current > total ? String.format(Locale.ROOT, "%8s", humanSize(current, 4))
        : String.format(Locale.ROOT, "%8s", humanSize(current, 4)) + "/" + humanSize(total, 4);
    return bar + numbers;
  }

  /** go-units' {@code HumanSizeWithPrecision}: decimal units, {@code %.<precision>g}. */
  static String humanSize(double size, int precision) {
    String[] units = {"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
    int i = 0;
    while (size >= 1000 && i < units.length - 1) {
      size /= 1000;
      i++;
    }
    return goG(size, precision) + units[i];
  }

  /** Go's {@code %.<p>g}: {@code p} significant digits, no trailing zeros, an exponent when it is large. */
  static String goG(double v, int p) {
    if (v == 0) {
      return "0";
    }
    java.math.BigDecimal d = new java.math.BigDecimal(v).round(new java.math.MathContext(p,
        java.math.RoundingMode.HALF_EVEN));
    int exp = d.precision() - d.scale() - 1;
    if (exp < -4 || exp >= p) {
      String mantissa = d.movePointLeft(exp).stripTrailingZeros().toPlainString();
      return mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }
    return d.stripTrailingZeros().toPlainString();
  }
}
