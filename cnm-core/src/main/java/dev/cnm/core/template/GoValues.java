package dev.cnm.core.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The Go value model used during execution. A value is one of:
 *
 * <ul>
 *   <li>{@code null}: Go's invalid reflect.Value ("no value", e.g. a missing map key);
 *   <li>{@link #NIL}: a nil {@code interface{}} (JSON null, or the literal {@code nil});
 *   <li>{@link String} (string), {@link Long} (int), {@link Double} (float64), {@link Boolean};
 *   <li>{@link ObjectNode} (map[string]interface {}), {@link ArrayNode} ([]interface {});
 *   <li>a {@link List} of strings ([]string, e.g. what {@code split} returns);
 *   <li>a {@link TemplateObject} (a struct with methods, e.g. docker's formatter contexts);
 *   <li>{@link Boxed}: a value read out of a map or slice, whose static Go type is {@code
 *       interface {}}; it matters only for some error messages.
 * </ul>
 */
final class GoValues {
  private GoValues() {}

  /** The nil interface value. */
  enum Nil {
    NIL
  }

  static final Object NIL = Nil.NIL;

  /** A non-nil value whose static type is interface{} (it came out of a map or a slice). */
  static final class Boxed {
    final Object value;

    Boxed(Object value) {
      this.value = value;
    }
  }

  static Object boxed(Object v) {
    if (v == null || v == NIL || v instanceof Boxed) {
      return v;
    }
    return new Boxed(v);
  }

  static Object unbox(Object v) {
    return v instanceof Boxed ? ((Boxed) v).value : v;
  }

  /** Go's indirectInterface: the concrete value, or null for a nil interface. */
  static Object concrete(Object v) {
    Object u = unbox(v);
    return u == NIL ? null : u;
  }

  /** Converts a JSON node (as a map element or the root) to a Go value. */
  static Object fromJson(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return NIL;
    }
    if (n.isTextual()) {
      return n.textValue();
    }
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    if (n.isIntegralNumber()) {
      if (n.canConvertToLong()) {
        return n.longValue();
      }
      return n.doubleValue();
    }
    if (n.isNumber()) {
      return n.doubleValue();
    }
    if (n.isObject() || n.isArray()) {
      return n;
    }
    return n.asText();
  }

  /** Converts a value returned by a function to the model; IllegalArgumentException if alien. */
  static Object normalize(Object v) {
    if (v == null || v == NIL || v instanceof String || v instanceof Long || v instanceof Double
        || v instanceof Boolean || v instanceof ObjectNode || v instanceof ArrayNode
        || v instanceof TemplateObject || v instanceof Boxed) {
      return v;
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Float) {
      return ((Float) v).doubleValue();
    }
    if (v instanceof JsonNode) {
      return fromJson((JsonNode) v);
    }
    if (v instanceof List) {
      List<String> out = new ArrayList<>();
      for (Object o : (List<?>) v) {
        if (!(o instanceof String)) {
          throw new IllegalArgumentException("unsupported list element type " + o);
        }
        out.add((String) o);
      }
      return List.copyOf(out);
    }
    throw new IllegalArgumentException("unsupported value type " + v.getClass().getName());
  }

  /** Go's type name of a value, as reflect prints it; Boxed and NIL are interface {}. */
  static String typeName(Object v) {
    if (v == NIL || v instanceof Boxed) {
      return "interface {}";
    }
    return concreteTypeName(v);
  }

  static String concreteTypeName(Object v) {
    v = unbox(v);
    if (v == null) {
      return "<nil>";
    }
    if (v == NIL) {
      return "interface {}";
    }
    if (v instanceof String) {
      return "string";
    }
    if (v instanceof Long) {
      return "int";
    }
    if (v instanceof Double) {
      return "float64";
    }
    if (v instanceof Boolean) {
      return "bool";
    }
    if (v instanceof ObjectNode) {
      return "map[string]interface {}";
    }
    if (v instanceof ArrayNode) {
      return "[]interface {}";
    }
    if (v instanceof List) {
      return "[]string";
    }
    if (v instanceof TemplateObject) {
      return ((TemplateObject) v).typeName();
    }
    return v.getClass().getSimpleName();
  }

  /** Go's isTrue on an already concrete value. */
  static boolean isTrue(Object v) {
    v = concrete(v);
    if (v == null) {
      return false;
    }
    if (v instanceof String) {
      return !((String) v).isEmpty();
    }
    if (v instanceof Boolean) {
      return (Boolean) v;
    }
    if (v instanceof Long) {
      return (Long) v != 0;
    }
    if (v instanceof Double) {
      return (Double) v != 0;
    }
    if (v instanceof JsonNode) {
      return ((JsonNode) v).size() > 0;
    }
    if (v instanceof List) {
      return !((List<?>) v).isEmpty();
    }
    return true;
  }

  /** Map keys in Go's sorted order (byte order of UTF-8, i.e. code point order). */
  static List<String> sortedKeys(ObjectNode node) {
    List<String> keys = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      keys.add(it.next());
    }
    keys.sort(GoValues::compareStrings);
    return keys;
  }

  static int compareStrings(String a, String b) {
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
