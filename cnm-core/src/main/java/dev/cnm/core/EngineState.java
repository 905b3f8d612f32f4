package dev.cnm.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.ContainerStatus;
import dev.cnm.api.EndpointSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.IpamPoolSpec;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.error.CnmException;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.MacAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.port.ExposedPort;
import dev.cnm.api.port.PortBinding;
import dev.cnm.api.port.PublishedPort;
import dev.cnm.core.ipam.NullIpamDriver;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The whole state of an engine as one JSON document, and its faithful restore: networks with
 * their ids, creation times and pools; containers with their ids, names, times, state and
 * configuration; the endpoints of running containers with their ids, addresses, MACs and host
 * ports. Restoring requests every pool, address and port again, as dockerd does at startup
 * (libnetwork {@code reservePools}), so the restored engine's IPAM and port tables hold exactly
 * what its containers hold. With a global store, the global-scope networks kept in the store
 * are written with {@code "inStore": true} but never restored from the document: a restored
 * engine built on the same store (and host name) adopts them from the store as they are now,
 * and its containers' endpoints on them keep the addresses the store holds for them (an engine
 * built without a store restores them as its own).
 *
 * <pre>{@code
 * byte[] saved = EngineState.export(engine);
 * Engine again = EngineState.restore(saved, Cnm.builder());
 * }</pre>
 */
public final class EngineState {
  /** The format version written in every document. */
  public static final int VERSION = 1;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private EngineState() {}

  /**
   * The state of {@code engine} as JSON bytes.
   *
   * @throws IllegalArgumentException if the engine was not built by {@link Cnm}
   */
  public static byte[] export(Engine engine) {
    DefaultEngine e = cast(engine);
    ObjectNode root = MAPPER.createObjectNode();
    root.put("version", VERSION);
    synchronized (e.lock) {
      ArrayNode networks = root.putArray("networks");
      for (NetworkRecord n : e.networks.all()) {
        ObjectNode o = networks.addObject();
        o.put("id", n.id);
        if (n.inStore) {
          o.put("inStore", true); // the store's copy is the network; a restored engine reads it from there
        }
        o.put("created", n.created.toString());
        o.put("predefined", n.predefined);
        o.set("spec", network(n.spec));
        // sorted: the record's map iterates in an order that varies between JVMs and restores,
        // and a state must export to the same bytes every time
        o.set("options", MAPPER.valueToTree(new TreeMap<>(n.options)));
        ArrayNode pools = o.putArray("pools");
        List<PoolRecord> all = new ArrayList<>(n.v4Pools);
        all.addAll(n.v6Pools);
        for (PoolRecord p : all) {
          pools.add(pool(IpamPoolSpec.builder().subnet(p.pool).ipRange(p.ipRange).gateway(p.gateway)
              .auxAddresses(p.auxAddresses).build()));
        }
      }
      ArrayNode containers = root.putArray("containers");
      for (ContainerRecord c : e.containers.all()) {
        ObjectNode o = containers.addObject();
        o.put("id", c.id);
        o.put("name", c.name);
        o.put("hostname", c.hostname);
        o.put("created", c.created().toString());
        o.put("status", c.status.name());
        c.startedAt().ifPresent(t -> o.put("startedAt", t.toString()));
        c.finishedAt().ifPresent(t -> o.put("finishedAt", t.toString()));
        o.put("exitCode", c.exitCode);
        if (c.networkGone) {
          o.put("networkGone", true);
        }
        o.set("env", MAPPER.valueToTree(c.env));
        o.set("command", MAPPER.valueToTree(c.command));
        if (!c.entrypoint.isEmpty()) {
          o.set("entrypoint", MAPPER.valueToTree(c.entrypoint));
        }
        o.set("exposedPorts", strings(c.exposedPorts));
        o.set("spec", container(c.spec));
        ArrayNode attachments = o.putArray("attachments");
        for (Attachment a : c.attachments.values()) {
          ObjectNode ao = attachments.addObject();
          ao.put("networkName", a.networkName);
          ao.put("networkId", a.networkId);
          ao.set("settings", endpoint(a.settings));
        }
        if (c.sandbox != null) {
          o.put("sandboxId", c.sandbox.id());
          if (c.sandbox.gatewayEndpoint != null) {
            // the key its endpoint is written under, which restore compares it with
            o.put("gatewayNetwork", attachmentKey(c, c.sandbox.gatewayEndpoint));
          }
          ArrayNode eps = o.putArray("endpoints");
          for (EndpointRecord ep : c.sandbox.endpoints) {
            ObjectNode eo = eps.addObject();
            eo.put("network", attachmentKey(c, ep));
            eo.put("id", ep.id);
            ep.ipv4().ifPresent(a -> eo.put("ipv4", a.address().toString()));
            ep.ipv6().ifPresent(a -> eo.put("ipv6", a.address().toString()));
            ep.mac().ifPresent(m -> eo.put("mac", m.toString()));
            ArrayNode published = eo.putArray("published");
            for (PublishedPort p : ep.published) {
              ObjectNode po = published.addObject();
              po.put("containerPort", p.containerPort().toString());
              po.put("hostIp", p.hostIp().toString());
              po.put("hostPort", p.hostPort());
            }
          }
        }
      }
    }
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    } catch (IOException ex) {
      throw new IllegalStateException(ex);
    }
  }

  private static String attachmentKey(ContainerRecord c, EndpointRecord ep) {
    for (Map.Entry<String, Attachment> a : c.attachments.entrySet()) {
      if (a.getValue().networkId.equals(ep.network.id)) {
        return a.getKey();
      }
    }
    return ep.network.name;
  }

  /**
   * An engine built by {@code builder} holding the state in {@code state}.
   *
   * @throws InvalidParameterException {@code invalid engine state: ...} when the document is not
   *     a state this version wrote, or cannot be restored
   */
  public static Engine restore(byte[] state, EngineBuilder builder) {
    JsonNode root;
    try {
      root = MAPPER.readTree(state);
    } catch (IOException e) {
      throw new InvalidParameterException("invalid engine state: " + e.getMessage(), e);
    }
    if (root == null || root.path("version").asInt(-1) != VERSION) {
      throw new InvalidParameterException("invalid engine state: unsupported version "
          + (root == null ? "" : root.path("version")));
    }
    try {
      DefaultEngine e = builder.buildEmpty();
      for (JsonNode n : array(root, "networks")) {
        if (n.path("inStore").asBoolean() && e.services.global != null) {
          continue; // adopted from the store (as it is now) at the first lookup, never created twice
        }
        List<IpamPoolSpec> pools = new ArrayList<>();
        array(n, "pools").forEach(p -> pools.add(pool(p)));
        NetworkSpec spec = network(n.get("spec"));
        // the null IPAM driver refuses a specific pool and always hands out 0.0.0.0/0 (and ::/0):
        // its networks ask for no pool on restore, and get the same ones back
        boolean nullIpam = spec.ipamDriver().equals(NullIpamDriver.NAME);
        e.restoreNetwork(spec, hexId(n, "id"), Instant.parse(text(n, "created")),
            n.path("predefined").asBoolean(), stringMap(n.get("options")), nullIpam ? null : pools);
      }
      for (JsonNode c : array(root, "containers")) {
        ContainerSpec spec = container(c.get("spec"));
        List<ExposedPort> exposed = new ArrayList<>();
        array(c, "exposedPorts").forEach(p -> exposed.add(ExposedPort.parse(p.asText())));
        ContainerRecord r = new ContainerRecord(hexId(c, "id"), text(c, "name"), spec, text(c, "hostname"),
            strings(c.get("env")), strings(c.get("command")), exposed, Instant.parse(text(c, "created")));
        r.entrypoint = c.has("entrypoint") ? strings(c.get("entrypoint")) : List.of();
        r.status = ContainerStatus.valueOf(text(c, "status"));
        r.startedAt(optional(c, "startedAt", Instant::parse));
        r.finishedAt(optional(c, "finishedAt", Instant::parse));
        r.exitCode = c.path("exitCode").asInt();
        r.networkGone = c.path("networkGone").asBoolean(false);
        for (JsonNode a : array(c, "attachments")) {
          // a running container's attachments are resolved to their network's full id, which
          // the export matches its endpoints with; "" is a network not yet looked up
          String networkId = text(a, "networkId");
          if (!networkId.isEmpty() || r.status == ContainerStatus.RUNNING) {
            hexId(a, "networkId");
          }
          r.attachments.put(text(a, "networkName"),
              new Attachment(text(a, "networkName"), networkId, endpoint(a.get("settings"))));
        }
        List<DefaultEngine.SavedEndpoint> eps = new ArrayList<>();
        for (JsonNode ep : array(c, "endpoints")) {
          List<PublishedPort> published = new ArrayList<>();
          array(ep, "published").forEach(p -> published.add(PublishedPort.of(
              ExposedPort.parse(text(p, "containerPort")), IpAddress.parse(text(p, "hostIp")), p.path("hostPort").asInt())));
          String network = text(ep, "network");
          if (!r.attachments.containsKey(network) && !network.equals(Sandboxes.GW_NETWORK)) {
            throw new IllegalArgumentException("endpoint on network \"" + network
                + "\" without an attachment to it");
          }
          eps.add(new DefaultEngine.SavedEndpoint(network, new Sandboxes.Restored(text(ep, "id"),
              optional(ep, "ipv4", IpAddress::parse), optional(ep, "ipv6", IpAddress::parse),
              optional(ep, "mac", MacAddress::parse)), published));
        }
        e.restoreContainer(r, c.path("sandboxId").asText(""), eps, c.path("gatewayNetwork").asText(""));
      }
      return e;
    } catch (CnmException | IllegalArgumentException ex) {
      throw new InvalidParameterException("invalid engine state: " + ex.getMessage(), ex);
    } catch (RuntimeException ex) {
      throw new InvalidParameterException("invalid engine state: " + ex, ex);
    }
  }

  private static DefaultEngine cast(Engine engine) {
    if (!(engine instanceof DefaultEngine)) {
      throw new IllegalArgumentException("not an engine built by Cnm: " + engine.getClass().getName());
    }
    return (DefaultEngine) engine;
  }

  // ---- values to JSON and back ---------------------------------------------------------------

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

  private static ObjectNode pool(IpamPoolSpec p) {
    ObjectNode o = MAPPER.createObjectNode();
    p.subnet().ifPresent(v -> o.put("subnet", v.toString()));
    p.ipRange().ifPresent(v -> o.put("ipRange", v.toString()));
    p.gateway().ifPresent(v -> o.put("gateway", v.toString()));
    ObjectNode aux = o.putObject("auxAddresses");
    new TreeMap<>(p.auxAddresses()).forEach((k, v) -> aux.put(k, v.toString()));
    return o;
  }

  private static IpamPoolSpec pool(JsonNode node) {
    JsonNode o = object(node, "pool");
    IpamPoolSpec.Builder b = IpamPoolSpec.builder()
        .subnet(optional(o, "subnet", Subnet::parse))
        .ipRange(optional(o, "ipRange", Subnet::parse))
        .gateway(optional(o, "gateway", IpAddress::parse));
    stringMap(o.get("auxAddresses")).forEach((k, v) -> b.putAuxAddress(k, IpAddress.parse(v)));
    return b.build();
  }

  private static ObjectNode endpoint(EndpointSpec s) {
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

  private static EndpointSpec endpoint(JsonNode node) {
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

  private static ObjectNode container(ContainerSpec s) {
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

  private static ContainerSpec container(JsonNode node) {
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

  private static ArrayNode strings(List<?> values) {
    ArrayNode a = MAPPER.createArrayNode();
    values.forEach(v -> a.add(v.toString()));
    return a;
  }

  private static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node != null) {
      node.forEach(n -> out.add(n.asText()));
    }
    return out;
  }

  private static Map<String, String> stringMap(JsonNode node) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node != null) {
      node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    }
    return out;
  }

  /** {@code node} itself when it is a JSON object; a document of the wrong shape is refused. */
  private static JsonNode object(JsonNode node, String what) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(what + " is not an object");
    }
    return node;
  }

  /** The array {@code field} of {@code node}, empty when absent or null. */
  private static JsonNode array(JsonNode node, String field) {
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
  private static String hexId(JsonNode node, String field) {
    String id = text(node, field);
    if (id.length() != 64 || !id.chars().allMatch(ch -> (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) {
      throw new IllegalArgumentException("field \"" + field + "\" is not an id of 64 hexadecimal digits: \""
          + id + "\"");
    }
    return id;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isValueNode()) {
      throw new IllegalArgumentException("missing field \"" + field + "\"");
    }
    return v.asText();
  }

  private static <T> Optional<T> optional(JsonNode node, String field, Function<String, T> parse) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(parse.apply(v.asText()));
  }
}
