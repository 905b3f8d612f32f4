package dev.cnm.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.EndpointSpec;
import dev.cnm.api.IpamPoolSpec;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.MacAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.port.ExposedPort;
import dev.cnm.api.port.PortBinding;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The JSON form of the API values the engine saves ({@link NetworkSpec}, {@link IpamPoolSpec},
 * {@link EndpointSpec}, {@link ContainerSpec}) and the field readers that go with it: shared by
 * the state document ({@link EngineExport}, {@link EngineRestore}) and the network documents of
 * the cluster store ({@link GlobalNetworks}), so both read and write one format.
 */
final class ValueCodecs {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private ValueCodecs() {}

  static ObjectNode network(NetworkSpec s) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("name", s.name());
    o.put("driver", s.driver());
    o.put("ipamDriver", s.ipamDriver());
    o.set("ipamOptions", MAPPER.valueToTree(s.ipamOptions()));
    ArrayNode pools = o.putArray("ipamConfigs");
    s.ipamConfigs().forEach(p -> pools.add(pool(p)));
    o.put("internal", s.internal());
    o.put("attachable", s.attachable());
    o.put("ingress", s.ingress());
    o.put("enableIpv4", s.enableIpv4());
    o.put("enableIpv6", s.enableIpv6());
    o.set("labels", MAPPER.valueToTree(s.labels()));
    o.set("options", MAPPER.valueToTree(s.options()));
    s.scope().ifPresent(v -> o.put("scope", v));
    return o;
  }

  static NetworkSpec network(JsonNode node) {
    JsonNode o = object(node, "network spec");
    NetworkSpec.Builder b = NetworkSpec.builder()
        .name(text(o, "name"))
        .driver(text(o, "driver"))
        .ipamDriver(text(o, "ipamDriver"))
        .ipamOptions(stringMap(o.get("ipamOptions")))
        .internal(o.path("internal").asBoolean())
        .attachable(o.path("attachable").asBoolean())
        .ingress(o.path("ingress").asBoolean())
        .enableIpv4(o.path("enableIpv4").asBoolean(true))
        .enableIpv6(o.path("enableIpv6").asBoolean())
        .labels(stringMap(o.get("labels")))
        .options(stringMap(o.get("options")))
        .scope(optional(o, "scope", Function.identity()));
    array(o, "ipamConfigs").forEach(p -> b.addIpamConfig(pool(p)));
    return b.build();
  }

  static ObjectNode pool(IpamPoolSpec p) {
    ObjectNode o = MAPPER.createObjectNode();
    p.subnet().ifPresent(v -> o.put("subnet", v.toString()));
    p.ipRange().ifPresent(v -> o.put("ipRange", v.toString()));
    p.gateway().ifPresent(v -> o.put("gateway", v.toString()));
    ObjectNode aux = o.putObject("auxAddresses");
    new TreeMap<>(p.auxAddresses()).forEach((k, v) -> aux.put(k, v.toString())); // sorted: stable bytes
    return o;
  }

  static IpamPoolSpec pool(JsonNode node) {
    JsonNode o = object(node, "pool");
    IpamPoolSpec.Builder b = IpamPoolSpec.builder()
        .subnet(optional(o, "subnet", Subnet::parse))
        .ipRange(optional(o, "ipRange", Subnet::parse))
        .gateway(optional(o, "gateway", IpAddress::parse));
    stringMap(o.get("auxAddresses")).forEach((k, v) -> b.putAuxAddress(k, IpAddress.parse(v)));
    return b.build();
  }

  static ObjectNode endpoint(EndpointSpec s) {
    ObjectNode o = MAPPER.createObjectNode();
    o.set("aliases", MAPPER.valueToTree(s.aliases()));
    o.set("links", MAPPER.valueToTree(s.links()));
    s.ipv4Address().ifPresent(v -> o.put("ipv4Address", v.toString()));
    s.ipv6Address().ifPresent(v -> o.put("ipv6Address", v.toString()));
    s.macAddress().ifPresent(v -> o.put("macAddress", v.toString()));
    o.put("gwPriority", s.gwPriority());
    o.set("driverOptions", MAPPER.valueToTree(s.driverOptions()));
    return o;
  }

  static EndpointSpec endpoint(JsonNode node) {
    JsonNode o = object(node, "endpoint settings");
    return EndpointSpec.builder()
        .aliases(strings(o.get("aliases")))
        .links(strings(o.get("links")))
        .ipv4Address(optional(o, "ipv4Address", IpAddress::parse))
        .ipv6Address(optional(o, "ipv6Address", IpAddress::parse))
        .macAddress(optional(o, "macAddress", MacAddress::parse))
        .gwPriority(o.path("gwPriority").asInt())
        .driverOptions(stringMap(o.get("driverOptions")))
        .build();
  }

  static ObjectNode container(ContainerSpec s) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("image", s.image());
    s.name().ifPresent(v -> o.put("name", v));
    o.set("command", MAPPER.valueToTree(s.command()));
    o.set("env", MAPPER.valueToTree(s.env()));
    o.set("labels", MAPPER.valueToTree(s.labels()));
    s.hostname().ifPresent(v -> o.put("hostname", v));
    s.domainname().ifPresent(v -> o.put("domainname", v));
    o.put("networkMode", s.networkMode().toString());
    ObjectNode eps = o.putObject("endpoints");
    s.endpoints().forEach((k, v) -> eps.set(k, endpoint(v)));
    ArrayNode bindings = o.putArray("portBindings");
    for (PortBinding b : s.portBindings()) {
      ObjectNode bo = bindings.addObject();
      bo.put("containerPort", b.containerPort().toString());
      b.hostIp().ifPresent(ip -> bo.put("hostIp", ip.toString()));
      bo.put("hostPortStart", b.hostPortStart());
      bo.put("hostPortEnd", b.hostPortEnd());
    }
    o.put("publishAllPorts", s.publishAllPorts());
    o.set("exposedPorts", strings(s.exposedPorts()));
    o.set("links", MAPPER.valueToTree(s.links()));
    o.set("extraHosts", MAPPER.valueToTree(s.extraHosts()));
    o.set("dns", MAPPER.valueToTree(s.dns()));
    o.put("autoRemove", s.autoRemove());
    return o;
  }

  static ContainerSpec container(JsonNode node) {
    JsonNode o = object(node, "container spec");
    ContainerSpec.Builder b = ContainerSpec.builder()
        .image(text(o, "image"))
        .name(optional(o, "name", Function.identity()))
        .command(strings(o.get("command")))
        .env(strings(o.get("env")))
        .labels(stringMap(o.get("labels")))
        .hostname(optional(o, "hostname", Function.identity()))
        .domainname(optional(o, "domainname", Function.identity()))
        .networkMode(NetworkMode.parse(text(o, "networkMode")))
        .publishAllPorts(o.path("publishAllPorts").asBoolean())
        .links(strings(o.get("links")))
        .extraHosts(strings(o.get("extraHosts")))
        .dns(strings(o.get("dns")))
        .autoRemove(o.path("autoRemove").asBoolean());
    Iterator<Map.Entry<String, JsonNode>> eps = o.path("endpoints").fields();
    while (eps.hasNext()) {
      Map.Entry<String, JsonNode> e = eps.next();
      b.putEndpoint(e.getKey(), endpoint(e.getValue()));
    }
    for (JsonNode bo : array(o, "portBindings")) {
      b.addPortBinding(PortBinding.of(ExposedPort.parse(text(bo, "containerPort")),
          optional(bo, "hostIp", IpAddress::parse), bo.path("hostPortStart").asInt(), bo.path("hostPortEnd").asInt()));
    }
    array(o, "exposedPorts").forEach(p -> b.addExposedPort(ExposedPort.parse(p.asText())));
    return b.build();
  }

  // ---- helpers --------------------------------------------------------------------------------

  static ArrayNode strings(List<?> values) {
    ArrayNode a = MAPPER.createArrayNode();
    values.forEach(v -> a.add(v.toString()));
    return a;
  }

  static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node != null) {
      node.forEach(n -> out.add(n.asText()));
    }
    return out;
  }

  static Map<String, String> stringMap(JsonNode node) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node != null) {
      node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    }
    return out;
  }

  /** {@code node} itself when it is a JSON object; a document of the wrong shape is refused. */
  static JsonNode object(JsonNode node, String what) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(what + " is not an object");
    }
    return node;
  }

  /** The array {@code field} of {@code node}, empty when absent or null. */
  static JsonNode array(JsonNode node, String field) {
    JsonNode v = object(node, "parent of \"" + field + "\"").get(field);
    if (v == null || v.isNull()) {
      return MAPPER.createArrayNode();
    }
    if (!v.isArray()) {
      throw new IllegalArgumentException("field \"" + field + "\" is not an array");
    }
    return v;
  }

  /** A Docker id: 64 lowercase hexadecimal digits, as the engine makes them. */
  static String hexId(JsonNode node, String field) {
    String id = text(node, field);
    if (id.length() != 64 || !id.chars().allMatch(ch -> (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) {
      throw new IllegalArgumentException("field \"" + field + "\" is not an id of 64 hexadecimal digits: \""
          + id + "\"");
    }
    return id;
  }

  static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isValueNode()) {
      throw new IllegalArgumentException("missing field \"" + field + "\"");
    }
    return v.asText();
  }

  /** The time in {@code field}: ISO-8601 as exported; anything else is refused by name. */
  static Instant instant(JsonNode node, String field) {
    String text = text(node, field);
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("field \"" + field + "\" is not a time: \"" + text + "\"");
    }
  }

  /** An optional time, as {@link #instant}. */
  static Optional<Instant> optionalInstant(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(instant(node, field));
  }

  static <T> Optional<T> optional(JsonNode node, String field, Function<String, T> parse) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(parse.apply(v.asText()));
  }
}
