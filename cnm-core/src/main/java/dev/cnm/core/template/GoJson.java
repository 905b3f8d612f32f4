package dev.cnm.core.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Go's encoding/json Encoder with SetEscapeHTML(false), as docker's {@code json} function. */
final class GoJson {
  private GoJson() {}

  static String encode(Object v) {
    StringBuilder sb = new StringBuilder();
    write(sb, v, 0, false);
    return sb.toString();
  }

  /**
   * {@code html}: inside a formatter context's JSON, which docker/cli's {@code MarshalJSON} makes
   * with {@code json.Marshal}, so {@code <}, {@code >} and {@code &} come out escaped even through
   * the template's non-escaping encoder ({@code "<none>"} is {@code "\u003cnone\u003e"}).
   */
  private static void write(StringBuilder sb, Object v, int depth, boolean html) {
    v = GoValues.unbox(v);
    if (v == null || v == GoValues.NIL) {
      sb.append("null");
    } else if (v instanceof String) {
      string(sb, (String) v, html);
    } else if (v instanceof Boolean || v instanceof Long) {
      sb.append(v);
    } else if (v instanceof Double) {
      double d = (Double) v;
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException(
            "json: unsupported value: " + GoFloat.format(d, 'g', -1));
      }
      sb.append(GoFloat.json(d));
    } else if (v instanceof ObjectNode) {
      ObjectNode m = (ObjectNode) v;
      sb.append('{');
      int k = 0;
      for (String key : GoValues.sortedKeys(m)) {
        if (k++ > 0) {
          sb.append(',');
        }
        string(sb, key, html);
        sb.append(':');
        write(sb, GoValues.fromJson(m.get(key)), depth + 1, html);
      }
      sb.append('}');
    } else if (v instanceof ArrayNode) {
      sb.append('[');
      int k = 0;
      for (JsonNode n : (ArrayNode) v) {
        if (k++ > 0) {
          sb.append(',');
        }
        write(sb, GoValues.fromJson(n), depth + 1, html);
      }
      sb.append(']');
    } else if (v instanceof List) {
      sb.append('[');
      int k = 0;
      for (Object o : (List<?>) v) {
        if (k++ > 0) {
          sb.append(',');
        }
        write(sb, o, depth + 1, html);
      }
      sb.append(']');
    } else if (v instanceof TemplateObject) {
      write(sb, ((TemplateObject) v).toJson(), depth + 1, true);
    } else {
      string(sb, v.toString(), html);
    }
  }

  /** encoding/json string escaping, HTML escaping on when {@code html}. */
  private static void string(StringBuilder sb, String s, boolean html) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        case '\b':
          sb.append("\\b");
          break;
        case '\f':
          sb.append("\\f");
          break;
        case '<':
        case '>':
        case '&':
          if (html) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
          break;
        case '\u2028':
          sb.append("\\u2028");
          break;
        case '\u2029':
          sb.append("\\u2029");
          break;
        default:
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            sb.append(c).append(s.charAt(i + 1));
            i++;
          } else if (Character.isSurrogate(c)) {
            sb.append("\\ufffd");
          } else {
            sb.append(c);
          }
      }
    }
    sb.append('"');
  }
}
