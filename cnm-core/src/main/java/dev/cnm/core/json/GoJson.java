package dev.cnm.core.json;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes Jackson trees exactly as Go's {@code encoding/json} does, so that cnm's bytes equal
 * Docker's.
 *
 * <ul>
 *   <li>{@link #compact} is what the engine sends ({@code json.NewEncoder(w).Encode(v)} in
 *       moby's {@code httputils.WriteJSON}, HTML escaping left on): no spaces, {@code <},
 *       {@code >} and {@code &} written as <code>&#92;u003c</code>, <code>&#92;u003e</code>, <code>&#92;u0026</code>, U+2028
 *       and U+2029 escaped, control characters as {@code \b \f \n \r \t} or <code>&#92;u00XX</code> with
 *       lower-case hex (Go 1.22 and later), unpaired surrogates as <code>&#92;ufffd</code>. Go's encoder
 *       adds a newline after the value; {@code compact} does not (the HTTP layer adds it).
 *   <li>{@link #indent} is Go's {@code json.Indent(dst, src, "", "    ")} of that compact form:
 *       four spaces per level, {@code ": "} after keys, and empty objects and arrays kept as
 *       {@code {}} and {@code []}. Strings stay escaped as the server escaped them, which is why
 *       {@code docker inspect} shows <code>&#92;u003c</code> for {@code <}.
 *   <li>{@link #inspectOutput} is the whole of {@code docker inspect}'s standard output for
 *       some documents: the CLI joins the raw server documents into one array, indents it and
 *       adds a newline; no documents print {@code []}.
 * </ul>
 *
 * <p>Keys are written in the tree's order; the views in this package already put them in
 * Docker's order.
 *
 * <pre>{@code
 * String wire = GoJson.compact(DockerJson.network(bridge));
 * String printed = GoJson.inspectOutput(List.of(DockerJson.network(bridge)));
 * }</pre>
 */
public final class GoJson {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final String INDENT = "    ";

  private GoJson() {}

  /**
   * {@return the compact form Docker's engine sends}
   *
   * @param node a JSON document
   */
  public static String compact(JsonNode node) {
    requireNonNull(node, "node");
    StringBuilder out = new StringBuilder(256);
    write(node, out, -1);
    return out.toString();
  }

  /**
   * {@return the indented form ({@code json.Indent} with four spaces), without a trailing newline}
   *
   * @param node a JSON document
   */
  public static String indent(JsonNode node) {
    requireNonNull(node, "node");
    StringBuilder out = new StringBuilder(512);
    write(node, out, 0);
    return out.toString();
  }

  /**
   * {@return what {@code docker inspect} (without {@code --format}) prints for {@code documents}:
   * one indented JSON array and a newline; {@code "[]\n"} when there is none}
   *
   * @param documents the documents, in order
   */
  public static String inspectOutput(List<? extends JsonNode> documents) {
    requireNonNull(documents, "documents");
    if (documents.isEmpty()) {
      return "[]\n";
    }
    StringBuilder out = new StringBuilder(1024 * documents.size());
    out.append('[');
    for (int i = 0; i < documents.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      newline(out, 1);
      write(requireNonNull(documents.get(i), "document"), out, 1);
    }
    newline(out, 0);
    out.append("]\n");
    return out.toString();
  }

  /** {@code depth < 0} means compact. */
  private static void write(JsonNode node, StringBuilder out, int depth) {
    switch (node.getNodeType()) {
      case OBJECT:
        writeObject(node, out, depth);
        break;
      case ARRAY:
        writeArray(node, out, depth);
        break;
      case STRING:
        quote(node.textValue(), out);
        break;
      case NUMBER:
        if (!node.isIntegralNumber()) {
          throw new IllegalArgumentException("Docker's JSON views hold integers only: " + node);
        }
        out.append(node.bigIntegerValue());
        break;
      case BOOLEAN:
        out.append(node.booleanValue());
        break;
      case NULL:
        out.append("null");
        break;
      default:
        throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
    }
  }

  private static void writeObject(JsonNode node, StringBuilder out, int depth) {
    out.append('{');
    if (node.isEmpty()) {
      out.append('}');
      return;
    }
    boolean first = true;
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!first) {
        out.append(',');
      }
      first = false;
      newline(out, depth < 0 ? -1 : depth + 1);
      quote(field.getKey(), out);
      out.append(depth < 0 ? ":" : ": ");
      write(field.getValue(), out, depth < 0 ? -1 : depth + 1);
    }
    newline(out, depth);
    out.append('}');
  }

  private static void writeArray(JsonNode node, StringBuilder out, int depth) {
    out.append('[');
    if (node.isEmpty()) {
      out.append(']');
      return;
    }
    for (int i = 0; i < node.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      newline(out, depth < 0 ? -1 : depth + 1);
      write(node.get(i), out, depth < 0 ? -1 : depth + 1);
    }
    newline(out, depth);
    out.append(']');
  }

  private static void newline(StringBuilder out, int depth) {
    if (depth < 0) {
      return;
    }
    out.append('\n');
    for (int i = 0; i < depth; i++) {
      out.append(INDENT);
    }
  }

  /** Go's {@code encodeState.string} with {@code escapeHTML} on. */
  static void quote(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\b':
          out.append("\\b");
          break;
        case '\f':
          out.append("\\f");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        case '<':
        case '>':
        case '&':
        case '\u2028':
        case '\u2029':
          unicodeEscape(c, out);
          break;
        default:
          if (c < 0x20) {
            unicodeEscape(c, out);
          } else if (Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            out.append(c).append(s.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            // Go writes invalid UTF-8 as the replacement character.
            out.append("\\ufffd");
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }

  private static void unicodeEscape(char c, StringBuilder out) {
    out.append("\\u")
        .append(HEX[(c >> 12) & 0xF])
        .append(HEX[(c >> 8) & 0xF])
        .append(HEX[(c >> 4) & 0xF])
        .append(HEX[c & 0xF]);
  }
}
