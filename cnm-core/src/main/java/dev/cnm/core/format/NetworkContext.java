package dev.cnm.core.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.core.template.TemplateObject;
import java.util.List;

/** docker/cli {@code network.networkContext} over one {@code GET /networks} item. */
final class NetworkContext implements TemplateObject {
  static final List<String> METHODS =
      List.of("CreatedAt", "Driver", "ID", "IPv4", "IPv6", "Internal", "Labels", "Name", "Scope");

  static ObjectNode headers() {
    ObjectNode h = JsonNodeFactory.instance.objectNode();
    h.put("ID", "NETWORK ID");
    h.put("Name", "NAME");
    h.put("Driver", "DRIVER");
    h.put("Scope", "SCOPE");
    h.put("IPv4", "IPV4");
    h.put("IPv6", "IPV6");
    h.put("Internal", "INTERNAL");
    h.put("Labels", "LABELS");
    h.put("CreatedAt", "CREATED AT");
    return h;
  }

  private final JsonNode n;
  private final boolean trunc;

  NetworkContext(JsonNode n, boolean trunc) {
    this.n = n;
    this.trunc = trunc;
  }

  String name() {
    return text("Name");
  }

  @Override
  public String typeName() {
    return "*network.networkContext";
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
      case "Name":
        return text("Name");
      case "Driver":
        return text("Driver");
      case "Scope":
        return text("Scope");
      case "IPv4":
        return Boolean.toString(n.path("EnableIPv4").asBoolean(false));
      case "IPv6":
        return Boolean.toString(n.path("EnableIPv6").asBoolean(false));
      case "Internal":
        return Boolean.toString(n.path("Internal").asBoolean(false));
      case "Labels":
        return ContainerContext.labels(n.get("Labels"));
      case "Label":
        return n.path("Labels").path(args.get(0)).asText("");
      case "CreatedAt":
        return DockerText.goTimeString(text("Created"));
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
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? "" : v.asText();
  }
}
