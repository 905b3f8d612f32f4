package dev.cnm.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.EndpointSpec;
import dev.cnm.api.ExecResult;
import dev.cnm.api.Healthcheck;
import dev.cnm.api.IpamPoolSpec;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.RestartPolicy;
import dev.cnm.api.event.Event;
import dev.cnm.api.event.EventType;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.MacAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.port.ExposedPort;
import dev.cnm.api.port.PortBinding;
import dev.cnm.api.process.ExecAnswer;
import dev.cnm.api.process.LogEntry;
import dev.cnm.api.process.LogStream;
import dev.cnm.api.process.Script;
import dev.cnm.api.process.Signal;
import dev.cnm.api.process.SignalReaction;
import dev.cnm.api.process.Step;
import java.time.Duration;
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
 * {@link EndpointSpec}, {@link ContainerSpec}, {@link Healthcheck}, {@link Script}, {@link
 * LogEntry}, {@link Event}) and the field readers that go with it: shared by the state document
 * ({@link EngineExport}, {@link EngineRestore}) and the network documents of the cluster store
 * ({@link GlobalNetworks}), so both read and write one format. Fields at their default are left
 * out, and a missing field reads as its default, so documents of earlier versions still load.
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
    if (!s.linkLocalIps().isEmpty()) {
      o.set("linkLocalIps", MAPPER.valueToTree(s.linkLocalIps().stream().map(IpAddress::toString).toList()));
    }
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
        .linkLocalIps(strings(o.get("linkLocalIps")).stream().map(IpAddress::parse).toList())
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
    if (!s.restartPolicy().isNone()) {
      o.put("restartPolicy", s.restartPolicy().mode().toString());
      o.put("maximumRetryCount", s.restartPolicy().maximumRetryCount());
    }
    s.healthcheck().ifPresent(h -> o.set("healthcheck", healthcheck(h)));
    s.stopSignal().ifPresent(v -> o.put("stopSignal", v));
    s.stopTimeout().ifPresent(v -> o.put("stopTimeout", v));
    if (s.tty()) {
      o.put("tty", true);
    }
    if (s.openStdin()) {
      o.put("openStdin", true);
    }
    s.entrypoint().ifPresent(v -> o.set("entrypoint", MAPPER.valueToTree(v)));
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
        .autoRemove(o.path("autoRemove").asBoolean())
        .restartPolicy(RestartPolicy.of(o.path("restartPolicy").asText(""), o.path("maximumRetryCount").asInt()))
        .tty(o.path("tty").asBoolean())
        .openStdin(o.path("openStdin").asBoolean());
    if (o.hasNonNull("healthcheck")) {
      b.healthcheck(healthcheck(o.get("healthcheck")));
    }
    if (o.hasNonNull("stopSignal")) {
      b.stopSignal(o.get("stopSignal").asText());
    }
    if (o.hasNonNull("stopTimeout")) {
      b.stopTimeout(o.get("stopTimeout").asInt());
    }
    if (o.hasNonNull("entrypoint")) {
      b.entrypoint(strings(o.get("entrypoint")));
    }
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

  static ObjectNode healthcheck(Healthcheck h) {
    ObjectNode o = MAPPER.createObjectNode();
    o.set("test", MAPPER.valueToTree(h.test()));
    h.interval().ifPresent(d -> o.put("interval", d.toString()));
    h.timeout().ifPresent(d -> o.put("timeout", d.toString()));
    h.startPeriod().ifPresent(d -> o.put("startPeriod", d.toString()));
    h.startInterval().ifPresent(d -> o.put("startInterval", d.toString()));
    if (h.retries() != 0) {
      o.put("retries", h.retries());
    }
    return o;
  }

  static Healthcheck healthcheck(JsonNode o) {
    return Healthcheck.builder()
        .test(strings(o.get("test")))
        .interval(optional(o, "interval", Duration::parse))
        .timeout(optional(o, "timeout", Duration::parse))
        .startPeriod(optional(o, "startPeriod", Duration::parse))
        .startInterval(optional(o, "startInterval", Duration::parse))
        .retries(o.path("retries").asInt())
        .build();
  }

  // ---- processes ------------------------------------------------------------------------------

  static ObjectNode script(Script s) {
    ObjectNode o = MAPPER.createObjectNode();
    ArrayNode steps = o.putArray("steps");
    for (Step st : s.steps()) {
      ObjectNode so = steps.addObject();
      so.put("kind", st.kind().name());
      if (st.condition() != Step.Condition.ALWAYS) {
        so.put("condition", st.condition().name());
      }
      if (st.stream() != LogStream.STDOUT) {
        so.put("stream", st.stream().name());
      }
      if (!st.text().isEmpty()) {
        so.put("text", st.text());
      }
      if (!st.duration().isZero()) {
        so.put("duration", st.duration().toString());
      }
      if (!st.command().isEmpty()) {
        so.set("command", MAPPER.valueToTree(st.command()));
      }
      if (st.code() != 0) {
        so.put("code", st.code());
      }
      if (st.oomKilled()) {
        so.put("oomKilled", true);
      }
      if (st.target() != 0) {
        so.put("target", st.target());
      }
    }
    if (!s.signalReactions().isEmpty()) {
      ObjectNode sig = o.putObject("signals");
      s.signalReactions().forEach((k, v) -> {
        ObjectNode r = sig.putObject(String.valueOf(k.number()));
        v.exitCode().ifPresent(c -> r.put("exitCode", c));
        if (!v.delay().isZero()) {
          r.put("delay", v.delay().toString());
        }
      });
    }
    if (s.ignoresUnhandledSignals()) {
      o.put("ignoresUnhandledSignals", true);
    }
    if (!s.healthCheckCodes().isEmpty()) {
      o.set("healthCheckCodes", MAPPER.valueToTree(s.healthCheckCodes()));
    }
    if (!s.execAnswers().isEmpty()) {
      ArrayNode answers = o.putArray("execAnswers");
      for (ExecAnswer a : s.execAnswers()) {
        ObjectNode ao = answers.addObject();
        ao.set("command", MAPPER.valueToTree(a.command()));
        ao.put("stdout", a.result().stdout());
        ao.put("stderr", a.result().stderr());
        ao.put("exitCode", a.result().exitCode());
      }
    }
    return o;
  }

  static Script script(JsonNode o) {
    Script.Builder b = Script.builder();
    for (JsonNode so : array(o, "steps")) {
      b.addStep(StepReader.read(so));
    }
    Iterator<Map.Entry<String, JsonNode>> sig = o.path("signals").fields();
    while (sig.hasNext()) {
      Map.Entry<String, JsonNode> e = sig.next();
      Signal signal = Signal.of(Integer.parseInt(e.getKey())).orElseThrow(
          () -> new IllegalArgumentException("no signal " + e.getKey()));
      JsonNode r = e.getValue();
      b.putSignalReaction(signal, r.has("exitCode")
          ? SignalReaction.exit(r.get("exitCode").asInt(), optional(r, "delay", Duration::parse).orElse(Duration.ZERO))
          : SignalReaction.ignore());
    }
    b.ignoresUnhandledSignals(o.path("ignoresUnhandledSignals").asBoolean());
    array(o, "healthCheckCodes").forEach(c -> b.addHealthCheckCode(c.asInt()));
    for (JsonNode a : array(o, "execAnswers")) {
      b.addExecAnswer(ExecAnswer.of(strings(a.get("command")),
          ExecResult.of(a.path("stdout").asText(), a.path("stderr").asText(), a.path("exitCode").asInt())));
    }
    return b.build();
  }

  /** Reads one step: the public factories, then the condition. */
  private static final class StepReader {
    static Step read(JsonNode so) {
      Step.Kind kind = enumValue(Step.Kind.class, so, "kind", null);
      Step s;
      switch (kind) {
        case PRINT:
          s = Step.print(enumValue(LogStream.class, so, "stream", LogStream.STDOUT), so.path("text").asText());
          break;
        case SLEEP:
          s = Step.sleep(so.has("duration") ? duration(so, "duration") : Duration.ZERO);
          break;
        case RUN:
          s = Step.run(strings(so.get("command")));
          if (so.has("duration")) {
            s = s.taking(duration(so, "duration"));
          }
          break;
        case EXEC:
          s = Step.exec(strings(so.get("command")));
          break;
        case EXIT:
          s = Step.exit(so.path("code").asInt());
          break;
        case EXIT_LAST:
          s = Step.exitWithLastStatus();
          break;
        case CRASH:
          s = Step.crash(so.path("code").asInt(), so.path("oomKilled").asBoolean());
          break;
        case WAIT:
          s = Step.waitForever();
          break;
        case JUMP:
          s = Step.jump(so.path("target").asInt());
          break;
        default:
          throw new IllegalArgumentException("unknown step " + kind);
      }
      switch (enumValue(Step.Condition.class, so, "condition", Step.Condition.ALWAYS)) {
        case IF_SUCCESS:
          return s.ifSuccess();
        case IF_FAILURE:
          return s.ifFailure();
        default:
          return s;
      }
    }
  }

  static ObjectNode logEntry(LogEntry e) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("stream", e.stream().name());
    o.put("time", e.time().toString());
    o.put("text", e.text());
    return o;
  }

  static LogEntry logEntry(JsonNode o) {
    return LogEntry.of(enumValue(LogStream.class, o, "stream", null), instant(o, "time"), o.path("text").asText());
  }

  static ObjectNode event(Event e) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("type", e.type().name());
    o.put("action", e.action());
    o.put("actorId", e.actorId());
    o.set("attributes", MAPPER.valueToTree(e.attributes()));
    if (!e.scope().equals("local")) {
      o.put("scope", e.scope());
    }
    o.put("time", e.time().toString());
    return o;
  }

  static Event event(JsonNode o) {
    return Event.builder().type(enumValue(EventType.class, o, "type", null)).action(text(o, "action"))
        .actorId(text(o, "actorId")).attributes(stringMap(o.get("attributes")))
        .scope(o.path("scope").asText("local")).time(instant(o, "time")).build();
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

  /** A saved {@code Duration} ({@code PT1.5S}), refused by name when it does not parse. */
  static Duration duration(JsonNode node, String field) {
    String text = text(node, field);
    try {
      return Duration.parse(text);
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("field \"" + field + "\" is not a duration: \"" + text + "\"");
    }
  }

  /**
   * A saved enum constant, refused by name when it is none of {@code type}'s; {@code absent} when
   * the field is missing (null: required).
   */
  static <E extends Enum<E>> E enumValue(Class<E> type, JsonNode node, String field, E absent) {
    if (absent != null && !node.has(field)) {
      return absent;
    }
    String text = text(node, field);
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(text)) {
        return e;
      }
    }
    throw new IllegalArgumentException("field \"" + field + "\" is not one of "
        + java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList() + ": \"" + text + "\"");
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
