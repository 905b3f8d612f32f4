package dev.cnm.core.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.core.template.Template;
import dev.cnm.core.template.TemplateObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** docker/cli {@code formatter.ContainerContext} over one {@code /containers/json} item. */
final class ContainerContext implements TemplateObject {
  static final List<String> METHODS = List.of("Command", "CreatedAt", "ID", "Image", "Labels",
      "LocalVolumes", "Mounts", "Names", "Networks", "Ports", "RunningFor", "Size", "State",
      "Status");

  static ObjectNode headers() {
    ObjectNode h = JsonNodeFactory.instance.objectNode();
    h.put("ID", "CONTAINER ID");
    h.put("Names", "NAMES");
    h.put("Image", "IMAGE");
    h.put("Command", "COMMAND");
    h.put("CreatedAt", "CREATED AT");
    h.put("RunningFor", "CREATED");
    h.put("Ports", "PORTS");
    h.put("State", "STATE");
    h.put("Status", "STATUS");
    h.put("Size", "SIZE");
    h.put("Labels", "LABELS");
    h.put("Mounts", "MOUNTS");
    h.put("LocalVolumes", "LOCAL VOLUMES");
    h.put("Networks", "NETWORKS");
    return h;
  }

  private static final Template SIZE = Template.parse("{{printf \"%.3g\" .}}");
  private static final Template QUOTE = Template.parse("{{printf \"%q\" .}}");

  private final JsonNode c;
  private final boolean trunc;
  private final Instant now;

  ContainerContext(JsonNode c, boolean trunc, Instant now) {
    this.c = c;
    this.trunc = trunc;
    this.now = now;
  }

  @Override
  public String typeName() {
    return "*formatter.ContainerContext";
  }

  @Override
  public int arity(String name) {
    if (name.equals("Label")) {
      return 1;
    }
    return METHODS.contains(name) ? 0 : -1;
  }

  @Override
  public Object invoke(String name, List<String> args) {
    switch (name) {
      case "ID":
        return trunc ? DockerText.truncateId(text("Id")) : text("Id");
      case "Names":
        return names();
      case "Image":
        return image();
      case "Command": {
        String command = text("Command");
        if (trunc) {
          command = DockerText.ellipsis(command, 20);
        }
        return quote(command);
      }
      case "CreatedAt":
        return DockerText.goTimeString(Instant.ofEpochSecond(c.path("Created").asLong(0)));
      case "RunningFor":
        return DockerText.humanDuration(
            Duration.between(Instant.ofEpochSecond(c.path("Created").asLong(0)), now)) + " ago";
      case "Ports":
        return DockerText.displayablePorts(c.get("Ports"));
      case "State":
        return text("State");
      case "Status":
        return text("Status");
      case "Size":
        return size();
      case "Labels":
        return labels(c.get("Labels"));
      case "Label":
        return c.path("Labels").path(args.get(0)).asText("");
      case "Mounts":
        return mounts();
      case "LocalVolumes": {
        int count = 0;
        for (JsonNode m : c.path("Mounts")) {
          if (m.path("Driver").asText("").equals("local")) {
            count++;
          }
        }
        return Integer.toString(count);
      }
      case "Networks": {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = c.path("NetworkSettings").path("Networks").fieldNames();
            it.hasNext(); ) {
          names.add(it.next());
        }
        names.sort(String::compareTo);
        return String.join(",", names);
      }
      default:
        throw new IllegalArgumentException("no method " + name);
    }
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    for (String m : METHODS) {
      o.put(m, (String) invoke(m, List.of()));
    }
    return o;
  }

  private String text(String field) {
    JsonNode n = c.get(field);
    return n == null || n.isNull() ? "" : n.asText();
  }

  private String names() {
    List<String> names = new ArrayList<>();
    for (JsonNode n : c.path("Names")) {
      String s = n.asText("");
      names.add(s.startsWith("/") ? s.substring(1) : s);
    }
    if (trunc) {
      for (String name : names) {
        if (name.split("/", -1).length == 1) {
          names = List.of(name);
          break;
        }
      }
    }
    return String.join(",", names);
  }

  private String image() {
    String image = text("Image");
    if (image.isEmpty()) {
      return "<no image>";
    }
    if (trunc) {
      String truncImageId = DockerText.truncateId(text("ImageID"));
      if (truncImageId.equals(DockerText.truncateId(image))) {
        return truncImageId;
      }
      // drop a digest and the docker.io/library/ prefix: reference.FamiliarString
      int at = image.indexOf('@');
      String named = at >= 0 ? image.substring(0, at) : image;
      if (named.startsWith("docker.io/library/")) {
        named = named.substring("docker.io/library/".length());
      } else if (named.startsWith("docker.io/")) {
        named = named.substring("docker.io/".length());
      }
      return named;
    }
    return image;
  }

  private String size() {
    long rw = c.path("SizeRw").asLong(0);
    long rootFs = c.path("SizeRootFs").asLong(0);
    String srw = humanSize(rw);
    if (rootFs > 0) {
      return srw + " (virtual " + humanSize(rootFs) + ")";
    }
    return srw;
  }

  /** go-units HumanSizeWithPrecision(size, 3): decimal units, {@code %.3g}. */
  static String humanSize(double size) {
    String[] units = {"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
    int i = 0;
    while (size >= 1000 && i < units.length - 1) {
      size /= 1000;
      i++;
    }
    return SIZE.execute(JsonNodeFactory.instance.numberNode(size)) + units[i];
  }

  private String mounts() {
    List<String> mounts = new ArrayList<>();
    for (JsonNode m : c.path("Mounts")) {
      String name = m.path("Name").asText("");
      if (name.isEmpty()) {
        name = m.path("Source").asText("");
      }
      if (trunc) {
        name = DockerText.ellipsis(name, 15);
      }
      mounts.add(name);
    }
    return String.join(",", mounts);
  }

  static String labels(JsonNode labels) {
    if (labels == null || !labels.isObject()) {
      return "";
    }
    List<String> kv = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      kv.add(e.getKey() + "=" + e.getValue().asText(""));
    }
    kv.sort(String::compareTo);
    return String.join(",", kv);
  }

  /** strconv.Quote. */
  static String quote(String s) {
    return QUOTE.execute(JsonNodeFactory.instance.textNode(s));
  }
}
