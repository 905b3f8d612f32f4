package dev.cnm.plugins.internal;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.api.error.SystemException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading a plugin's answer as Go's {@code encoding/json} decodes it into libnetwork's response
 * structs: only the first JSON value counts, keys match field names case-insensitively, {@code
 * null} and missing fields leave Go's zero value, and a value of the wrong type fails with Go's
 * message ({@code json: cannot unmarshal number into Go struct field JoinResponse.Gateway of type
 * string}). Syntax errors get Go's words too ({@code EOF}, {@code unexpected EOF}, {@code invalid
 * character 'x' looking for beginning of value}).
 */
public final class GoValues {
  public static final ObjectMapper MAPPER = new ObjectMapper();
  public static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Pattern UNEXPECTED = Pattern.compile("Unexpected character \\('(.)' \\(code \\d+\\)\\)(.*)",
      Pattern.DOTALL);
  private static final Pattern UNRECOGNIZED = Pattern.compile("Unrecognized token '(.)", Pattern.DOTALL);

  private GoValues() {}

  /** An empty object, for building requests in Go's field order. */
  public static ObjectNode object() {
    return NODES.objectNode();
  }

  /** The request body as Go's {@code json.Encoder} writes it: compact, with a newline. */
  public static byte[] encode(JsonNode request) {
    try {
      return (MAPPER.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Decodes an answer into a struct named {@code goType} ({@code api.JoinResponse}).
   *
   * @throws SystemException with Go's decoding error
   */
  public static ObjectNode decode(String body, String goType) {
    if (body.isBlank()) {
      throw new SystemException("EOF");
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (JsonEOFException e) {
      throw new SystemException("unexpected EOF", e);
    } catch (JsonParseException e) {
      throw new SystemException(syntaxError(e), e);
    } catch (JsonProcessingException e) {
      throw new SystemException(e.getOriginalMessage(), e);
    }
    if (node == null || node.isMissingNode()) {
      throw new SystemException("EOF");
    }
    if (node.isNull()) {
      return object();
    }
    if (!node.isObject()) {
      throw new SystemException("json: cannot unmarshal " + kind(node) + " into Go value of type " + goType);
    }
    return (ObjectNode) node;
  }

  private static String syntaxError(JsonParseException e) {
    String m = e.getOriginalMessage();
    Matcher u = UNEXPECTED.matcher(m);
    if (u.matches()) {
      String c = u.group(1);
      String rest = u.group(2);
      String where = rest.contains("double-quote to start field name") ? "looking for beginning of object key string"
          : rest.contains("colon to separate field name") ? "after object key"
          : rest.contains("separate Object entries") ? "after object key:value pair"
          : rest.contains("separate Array entries") ? "after array element"
          : "looking for beginning of value";
      return "invalid character '" + c + "' " + where;
    }
    Matcher r = UNRECOGNIZED.matcher(m);
    if (r.find()) {
      return "invalid character '" + r.group(1) + "' looking for beginning of value";
    }
    if (m.toLowerCase(Locale.ROOT).contains("end-of-input")) {
      return "unexpected EOF";
    }
    return "invalid character in JSON: " + m;
  }

  /** The field of {@code o} Go would bind to {@code name}: an exact key, else one equal ignoring case. */
  public static Optional<JsonNode> field(ObjectNode o, String name) {
    JsonNode exact = o.get(name);
    if (exact != null) {
      return Optional.of(exact);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equalsIgnoreCase(name)) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  /** A string field; missing or null is "". */
  public static String string(ObjectNode o, String struct, String name) {
    JsonNode v = field(o, name).orElse(null);
    if (v == null || v.isNull()) {
      return "";
    }
    if (!v.isTextual()) {
      throw mismatch(v, struct, name, "string");
    }
    return v.asText();
  }

  /** A bool field; missing or null is false. */
  public static boolean bool(ObjectNode o, String struct, String name) {
    JsonNode v = field(o, name).orElse(null);
    if (v == null || v.isNull()) {
      return false;
    }
    if (!v.isBoolean()) {
      throw mismatch(v, struct, name, "bool");
    }
    return v.asBoolean();
  }

  /** An int field; missing or null is 0. */
  public static int integer(ObjectNode o, String struct, String name) {
    JsonNode v = field(o, name).orElse(null);
    if (v == null || v.isNull()) {
      return 0;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw mismatch(v, struct, name, "int");
    }
    return v.asInt();
  }

  /** A struct (pointer) field; missing or null is empty. */
  public static Optional<ObjectNode> struct(ObjectNode o, String struct, String name, String goType) {
    JsonNode v = field(o, name).orElse(null);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isObject()) {
      throw mismatch(v, struct, name, goType);
    }
    return Optional.of((ObjectNode) v);
  }

  /** An array field; missing or null is empty. */
  public static Iterable<JsonNode> array(ObjectNode o, String struct, String name, String goType) {
    JsonNode v = field(o, name).orElse(null);
    if (v == null || v.isNull()) {
      return java.util.List.of();
    }
    if (!v.isArray()) {
      throw mismatch(v, struct, name, goType);
    }
    return v;
  }

  /** A {@code map[string]string} field; missing or null is empty. */
  public static Map<String, String> stringMap(ObjectNode o, String struct, String name) {
    JsonNode v = field(o, name).orElse(null);
    Map<String, String> out = new java.util.LinkedHashMap<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isObject()) {
      throw mismatch(v, struct, name, "map[string]string");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual() && !e.getValue().isNull()) {
        throw mismatch(e.getValue(), struct, name + "." + e.getKey(), "string");
      }
      out.put(e.getKey(), e.getValue().asText(""));
    }
    return out;
  }

  public static SystemException mismatch(JsonNode v, String struct, String field, String goType) {
    return new SystemException("json: cannot unmarshal " + kind(v) + " into Go struct field " + struct + "." + field
        + " of type " + goType);
  }

  /**
   * A CIDR string as libnetwork's {@code types.ParseCIDR} reads it: the address kept with its
   * prefix length.
   *
   * @throws SystemException {@code invalid CIDR address: <s>}
   */
  public static dev.cnm.api.net.Subnet cidr(String s) {
    return dev.cnm.api.net.Subnet.tryParse(s).orElseThrow(() -> new SystemException("invalid CIDR address: " + s));
  }

  /**
   * A MAC address as Go's {@code net.ParseMAC} reads one.
   *
   * @throws SystemException {@code address <s>: invalid MAC address}
   */
  public static dev.cnm.api.net.MacAddress mac(String s) {
    return dev.cnm.api.net.MacAddress.tryParse(s).orElseThrow(() -> new SystemException("address " + s
        + ": invalid MAC address"));
  }

  private static String kind(JsonNode v) {
    if (v.isTextual()) {
      return "string";
    }
    if (v.isNumber()) {
      return "number";
    }
    if (v.isBoolean()) {
      return "bool";
    }
    if (v.isArray()) {
      return "array";
    }
    if (v.isObject()) {
      return "object";
    }
    return "null";
  }
}
