package dev.cnm.core.template;

import static dev.cnm.core.template.Fn.Param.ANY;
import static dev.cnm.core.template.Fn.Param.REFLECT;
import static dev.cnm.core.template.Fn.Param.STRING;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Go's text/template builtin functions (funcs.go), over the {@link GoValues} model. */
final class Builtins {
  private Builtins() {}

  static Map<String, Fn> all() {
    Map<String, Fn> m = new LinkedHashMap<>();
    put(m, new Fn("and", List.of(REFLECT), REFLECT, (args, b) -> args.get(args.size() - 1)));
    put(m, new Fn("or", List.of(REFLECT), REFLECT, (args, b) -> args.get(args.size() - 1)));
    put(m, new Fn("not", List.of(REFLECT), null, (args, b) -> !GoValues.isTrue(args.get(0))));
    put(m, new Fn("call", List.of(REFLECT), REFLECT, (args, b) -> call(args)));
    put(m, new Fn("html", List.of(), ANY, (args, b) -> htmlEscape(evalArgs(args, b), b)));
    put(m, new Fn("js", List.of(), ANY, (args, b) -> jsEscape(evalArgs(args, b), b)));
    put(m, new Fn("urlquery", List.of(), ANY, (args, b) -> queryEscape(evalArgs(args, b), b)));
    put(m, new Fn("index", List.of(REFLECT), REFLECT, (args, b) -> index(args)));
    put(m, new Fn("slice", List.of(REFLECT), REFLECT, (args, b) -> slice(args)));
    put(m, new Fn("len", List.of(REFLECT), null, (args, b) -> length(args.get(0))));
    put(m, new Fn("print", List.of(), ANY, GoFmt::sprint));
    put(m, new Fn("println", List.of(), ANY, GoFmt::sprintln));
    put(m, new Fn("printf", List.of(STRING), ANY,
        (args, b) -> GoFmt.sprintf((String) args.get(0), args.subList(1, args.size()), b)));
    put(m, new Fn("eq", List.of(REFLECT), REFLECT,
        (args, b) -> eq(args.get(0), args.subList(1, args.size()))));
    put(m, new Fn("ne", List.of(REFLECT, REFLECT), null,
        (args, b) -> !eq(args.get(0), args.subList(1, 2))));
    put(m, new Fn("lt", List.of(REFLECT, REFLECT), null, (args, b) -> lt(args.get(0), args.get(1))));
    put(m, new Fn("le", List.of(REFLECT, REFLECT), null, (args, b) -> le(args.get(0), args.get(1))));
    put(m, new Fn("gt", List.of(REFLECT, REFLECT), null, (args, b) -> !le(args.get(0), args.get(1))));
    put(m, new Fn("ge", List.of(REFLECT, REFLECT), null, (args, b) -> !lt(args.get(0), args.get(1))));
    return m;
  }

  private static void put(Map<String, Fn> m, Fn fn) {
    m.put(fn.name, fn);
  }

  static IllegalArgumentException error(String message) {
    return new IllegalArgumentException(message);
  }

  // ---- call

  private static Object call(List<Object> args) {
    // args: callee name (added by the interpreter), fn, fn args...
    String name = (String) args.get(0);
    Object fn = GoValues.concrete(args.get(1));
    if (fn == null) {
      throw error("call of nil");
    }
    throw error("non-function " + name + " of type " + GoValues.concreteTypeName(fn));
  }

  // ---- comparison

  private enum Kind {
    INVALID, BOOL, INT, FLOAT, STRING
  }

  private static Kind kind(Object v) {
    if (v instanceof Boolean) {
      return Kind.BOOL;
    }
    if (v instanceof Long) {
      return Kind.INT;
    }
    if (v instanceof Double) {
      return Kind.FLOAT;
    }
    if (v instanceof String) {
      return Kind.STRING;
    }
    return Kind.INVALID;
  }

  static boolean eq(Object a1, List<Object> rest) {
    Object arg1 = GoValues.concrete(a1);
    if (rest.isEmpty()) {
      throw error("missing argument for comparison");
    }
    Kind k1 = kind(arg1);
    for (Object r : rest) {
      Object arg = GoValues.concrete(r);
      Kind k2 = kind(arg);
      boolean truth;
      if (k1 != k2) {
        if (arg1 != null && arg != null) {
          throw error("incompatible types for comparison");
        }
        truth = false;
      } else if (k1 != Kind.INVALID) {
        truth = arg1.equals(arg) || (k1 == Kind.FLOAT && ((Double) arg1).doubleValue()
            == ((Double) arg).doubleValue());
      } else if (arg1 == null || arg == null) {
        truth = arg1 == null && arg == null;
      } else {
        String t1 = GoValues.concreteTypeName(arg1);
        String t2 = GoValues.concreteTypeName(arg);
        if (!t1.equals(t2)) {
          throw error("non-comparable types " + GoFmt.sprintf("%s", List.of(arg1)) + ": " + t1
              + ", " + t2 + ": " + GoFmt.formatV(arg));
        }
        if (arg instanceof JsonNode || arg instanceof List) {
          throw error("non-comparable type " + GoFmt.sprintf("%s", List.of(arg)) + ": " + t2);
        }
        truth = arg1 == arg;
      }
      if (truth) {
        return true;
      }
    }
    return false;
  }

  static boolean lt(Object a1, Object a2) {
    Object arg1 = GoValues.concrete(a1);
    Kind k1 = kind(arg1);
    if (k1 == Kind.INVALID) {
      throw error("invalid type for comparison");
    }
    Object arg2 = GoValues.concrete(a2);
    Kind k2 = kind(arg2);
    if (k2 == Kind.INVALID) {
      throw error("invalid type for comparison");
    }
    if (k1 != k2) {
      throw error("incompatible types for comparison");
    }
    switch (k1) {
      case INT:
        return (Long) arg1 < (Long) arg2;
      case FLOAT:
        return (Double) arg1 < (Double) arg2;
      case STRING:
        return GoValues.compareStrings((String) arg1, (String) arg2) < 0;
      default:
        throw error("invalid type for comparison");
    }
  }

  static boolean le(Object a1, Object a2) {
    return lt(a1, a2) || eq(a1, List.of(a2 == null ? GoValues.NIL : a2));
  }

  // ---- len, index, slice

  private static Object length(Object raw) {
    Object v = GoValues.unbox(raw);
    if (v == GoValues.NIL) {
      throw error("len of nil pointer");
    }
    if (v == null) {
      throw error("reflect: call of reflect.Value.Type on zero Value");
    }
    if (v instanceof String) {
      return (long) GoFmt.utf8Length((String) v);
    }
    if (v instanceof JsonNode) {
      return (long) ((JsonNode) v).size();
    }
    if (v instanceof List) {
      return (long) ((List<?>) v).size();
    }
    throw error("len of type " + GoValues.concreteTypeName(v));
  }

  private static int indexArg(Object index, int cap) {
    Object x = GoValues.concrete(index);
    if (x == null) {
      throw error("cannot index slice/array with nil");
    }
    if (!(x instanceof Long)) {
      throw error("cannot index slice/array with type " + GoValues.concreteTypeName(x));
    }
    long i = (Long) x;
    if (i < 0 || i > cap) {
      throw error("index out of range: " + i);
    }
    return (int) i;
  }

  private static Object index(List<Object> args) {
    Object item = GoValues.concrete(args.get(0));
    if (item == null) {
      throw error("index of untyped nil");
    }
    for (Object index : args.subList(1, args.size())) {
      Object it = GoValues.unbox(item);
      if (it == GoValues.NIL || it == null) {
        throw error("index of nil pointer");
      }
      if (it instanceof ArrayNode || it instanceof List || it instanceof String) {
        int len = it instanceof String
            ? ((String) it).getBytes(StandardCharsets.UTF_8).length
            : it instanceof ArrayNode ? ((ArrayNode) it).size() : ((List<?>) it).size();
        int x = indexArg(index, len);
        if (x == len) {
          throw error(it instanceof String
              ? "reflect: string index out of range" : "reflect: slice index out of range");
        }
        if (it instanceof String) {
          item = (long) (((String) it).getBytes(StandardCharsets.UTF_8)[x] & 0xff);
        } else if (it instanceof ArrayNode) {
          item = GoValues.boxed(GoValues.fromJson(((ArrayNode) it).get(x)));
        } else {
          item = ((List<?>) it).get(x);
        }
      } else if (it instanceof ObjectNode) {
        Object key = GoValues.concrete(index);
        if (key == null) {
          throw error("value is nil; should be of type string");
        }
        if (!(key instanceof String)) {
          throw error("value has type " + GoValues.concreteTypeName(key) + "; should be string");
        }
        JsonNode child = ((ObjectNode) it).get((String) key);
        item = child == null ? GoValues.NIL : GoValues.boxed(GoValues.fromJson(child));
      } else {
        throw error("can't index item of type " + GoValues.concreteTypeName(it));
      }
    }
    return item;
  }

  private static Object slice(List<Object> args) {
    Object item = GoValues.concrete(args.get(0));
    if (item == null) {
      throw error("slice of untyped nil");
    }
    List<Object> indexes = args.subList(1, args.size());
    if (indexes.size() > 3) {
      throw error("too many slice indexes: " + indexes.size());
    }
    int len;
    byte[] bytes = null;
    if (item instanceof String) {
      if (indexes.size() == 3) {
        throw error("cannot 3-index slice a string");
      }
      bytes = ((String) item).getBytes(StandardCharsets.UTF_8);
      len = bytes.length;
    } else if (item instanceof ArrayNode) {
      len = ((ArrayNode) item).size();
    } else if (item instanceof List) {
      len = ((List<?>) item).size();
    } else {
      throw error("can't slice item of type " + GoValues.concreteTypeName(item));
    }
    int[] idx = {0, len, len};
    for (int i = 0; i < indexes.size(); i++) {
      idx[i] = indexArg(indexes.get(i), len);
    }
    if (idx[0] > idx[1]) {
      throw error("invalid slice index: " + idx[0] + " > " + idx[1]);
    }
    if (indexes.size() == 3 && idx[1] > idx[2]) {
      throw error("invalid slice index: " + idx[1] + " > " + idx[2]);
    }
    if (bytes != null) {
      return new String(bytes, idx[0], idx[1] - idx[0], StandardCharsets.UTF_8);
    }
    if (item instanceof ArrayNode) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      for (int i = idx[0]; i < idx[1]; i++) {
        out.add(((ArrayNode) item).get(i));
      }
      return out;
    }
    return List.copyOf(((List<?>) item).subList(idx[0], idx[1]));
  }

  // ---- escapers

  /** text/template's evalArgs: one string as is, else Sprint with no-value shown. */
  static String evalArgs(List<Object> args, Budget budget) {
    if (args.size() == 1 && GoValues.concrete(args.get(0)) instanceof String) {
      return (String) GoValues.concrete(args.get(0));
    }
    List<Object> printable = new ArrayList<>();
    for (Object a : args) {
      Object c = GoValues.concrete(a);
      printable.add(c == null ? "<no value>" : c);
    }
    return GoFmt.sprint(printable, budget);
  }

  static String htmlEscape(String s, Budget budget) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      budget.checkChars(sb.length());
      char c = s.charAt(i);
      switch (c) {
        case '\0':
          sb.append('\uFFFD');
          break;
        case '"':
          sb.append("&#34;");
          break;
        case '\'':
          sb.append("&#39;");
          break;
        case '&':
          sb.append("&amp;");
          break;
        case '<':
          sb.append("&lt;");
          break;
        case '>':
          sb.append("&gt;");
          break;
        default:
          sb.append(c);
      }
    }
    return sb.toString();
  }

  static String jsEscape(String s, Budget budget) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); ) {
      budget.checkChars(sb.length());
      int r = s.codePointAt(i);
      i += Character.charCount(r);
      switch (r) {
        case '\\':
          sb.append("\\\\");
          break;
        case '\'':
          sb.append("\\'");
          break;
        case '"':
          sb.append("\\\"");
          break;
        case '<':
          sb.append("\\u003C");
          break;
        case '>':
          sb.append("\\u003E");
          break;
        case '&':
          sb.append("\\u0026");
          break;
        case '=':
          sb.append("\\u003D");
          break;
        default:
          if (r < ' ') {
            sb.append(String.format("\\u%04X", r));
          } else if (r < 0x80 || GoFmt.isPrint(r)) {
            sb.appendCodePoint(r);
          } else {
            sb.append(String.format("\\u%04X", r));
          }
      }
    }
    return sb.toString();
  }

  static String queryEscape(String s, Budget budget) {
    StringBuilder sb = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      budget.checkChars(sb.length());
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
          || c == '_' || c == '.' || c == '~') {
        sb.append((char) c);
      } else if (c == ' ') {
        sb.append('+');
      } else {
        sb.append('%').append(String.format("%02X", c));
      }
    }
    return sb.toString();
  }
}
