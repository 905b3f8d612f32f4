package dev.cnm.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Small builders for Docker-shaped trees: Go's nil-versus-empty and Go's sorted map keys. */
final class Nodes {
  static final JsonNodeFactory F = JsonNodeFactory.instance;

  /**
   * Go's {@code encoding/json} writes map keys sorted by their UTF-8 bytes, which is code point
   * order (not {@code String.compareTo}'s UTF-16 order).
   */
  static final Comparator<String> GO_KEY_ORDER = Nodes::compareCodePoints;

  private Nodes() {}

  static ObjectNode object() {
    return F.objectNode();
  }

  static ArrayNode array() {
    return F.arrayNode();
  }

  /** A Go {@code []string} that is never nil: {@code []} when empty. */
  static ArrayNode strings(Collection<String> values) {
    ArrayNode a = F.arrayNode(values.size());
    values.forEach(a::add);
    return a;
  }

  /** A Go {@code []string} that is nil when empty: {@code null}. */
  static JsonNode stringsOrNull(Collection<String> values) {
    return values.isEmpty() ? NullNode.instance : strings(values);
  }

  /** A Go {@code map[string]string} that is never nil, keys sorted. */
  static ObjectNode stringMap(Map<String, String> map) {
    ObjectNode o = F.objectNode();
    sortedKeys(map.keySet()).forEach(k -> o.put(k, map.get(k)));
    return o;
  }

  /** A Go {@code map[string]string} that is nil when empty. */
  static JsonNode stringMapOrNull(Map<String, String> map) {
    return map.isEmpty() ? NullNode.instance : stringMap(map);
  }

  /** A Go map of values, keys sorted. */
  static <V> ObjectNode sortedObject(Map<String, V> map, Function<V, JsonNode> value) {
    ObjectNode o = F.objectNode();
    sortedKeys(map.keySet()).forEach(k -> o.set(k, value.apply(map.get(k))));
    return o;
  }

  static List<String> sortedKeys(Collection<String> keys) {
    List<String> sorted = new ArrayList<>(keys);
    sorted.sort(GO_KEY_ORDER);
    return sorted;
  }

  /** Lower-case hex SHA-256 of the UTF-8 bytes of {@code text}. */
  static String sha256Hex(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
