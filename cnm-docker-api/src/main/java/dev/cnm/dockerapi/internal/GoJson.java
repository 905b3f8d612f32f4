package dev.cnm.dockerapi.internal;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * How Go's {@code encoding/json} Decoder sees a request body, for dockerd's error messages: the
 * first value is scanned byte by byte as Go's scanner does ({@code invalid character 'x' looking
 * for beginning of value}, {@code unexpected EOF}, {@code exceeded max depth}), and what follows
 * it is checked as {@code Decoder.More} does ({@code unexpected content after JSON}). Only the
 * syntax: the values themselves are read by Jackson once this finds nothing wrong.
 */
final class GoJson {
  /** Go's {@code maxNestingDepth}. */
  private static final int MAX_DEPTH = 10000;

  private GoJson() {}

  /** The error dockerd answers for {@code body} (after {@code invalid JSON: } where Go adds it), if any. */
  static Optional<String> error(String body) {
    return error(body.getBytes(StandardCharsets.UTF_8));
  }

  /** The same, over the bytes Go's decoder reads. */
  static Optional<String> error(byte[] body) {
    return new Scan(body).run();
  }

  /**
   * The error Go's {@code json.Unmarshal} gives for {@code text}, if any, as dockerd reports a
   * JSON query parameter ({@code buildargs}, {@code labels}): {@code unexpected end of JSON
   * input}, {@code invalid character 'x' after top-level value}.
   */
  static Optional<String> unmarshalError(String text) {
    return new Scan(text.getBytes(StandardCharsets.UTF_8)).unmarshal();
  }

  /** Whether an error from {@link #error} is one dockerd prefixes with {@code invalid JSON: }. */
  static boolean isSyntax(String error) {
    return !error.equals("unexpected content after JSON");
  }

  private static final class Scan {
    private final byte[] b;
    private int i;
    /** Open containers, innermost last: true for an object. */
    private final boolean[] stack = new boolean[MAX_DEPTH + 1];
    private int depth;

    Scan(byte[] b) {
      this.b = b;
    }

    Optional<String> run() {
      skipSpace();
      if (i == b.length) {
        return Optional.of("EOF");
      }
      String err = value();
      if (err != null) {
        return Optional.of(err);
      }
      skipSpace();
      if (i < b.length && b[i] != ']' && b[i] != '}') {
        return Optional.of("unexpected content after JSON");
      }
      return Optional.empty();
    }

    Optional<String> unmarshal() {
      skipSpace();
      String err = i == b.length ? "unexpected EOF" : value();
      if (err != null) {
        return Optional.of(err.equals("unexpected EOF") ? "unexpected end of JSON input" : err);
      }
      skipSpace();
      return i < b.length ? Optional.of(invalid(b[i], "after top-level value")) : Optional.empty();
    }

    private void skipSpace() {
      while (i < b.length && isSpace(b[i])) {
        i++;
      }
    }

    private static boolean isSpace(byte c) {
      return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /** Scans one value (with what it contains) from {@code i}; null when it is well formed. */
    private String value() {
      while (true) {
        skipSpace();
        if (i == b.length) {
          return "unexpected EOF";
        }
        byte c = b[i];
        String err;
        boolean opened = false;
        switch (c) {
          case '{' -> {
            i++;
            if (!push(true)) {
              return "exceeded max depth";
            }
            skipSpace();
            if (i == b.length) {
              return "unexpected EOF";
            }
            if (b[i] == '}') {
              i++;
              depth--;
              err = null;
            } else {
              err = key();
              opened = true;
            }
          }
          case '[' -> {
            i++;
            if (!push(false)) {
              return "exceeded max depth";
            }
            skipSpace();
            if (i == b.length) {
              return "unexpected EOF";
            }
            if (b[i] == ']') {
              i++;
              depth--;
              err = null;
            } else {
              opened = true;
              err = null;
            }
          }
          case '"' -> err = string();
          case 't' -> err = literal("true");
          case 'f' -> err = literal("false");
          case 'n' -> err = literal("null");
          default -> err = c == '-' || (c >= '0' && c <= '9') ? number() : invalid(c, "looking for beginning of value");
        }
        if (err != null) {
          return err;
        }
        if (opened) {
          continue; // the first element or member value follows
        }
        // after a complete value: close containers, or find the next element
        while (true) {
          if (depth == 0) {
            return null;
          }
          skipSpace();
          if (i == b.length) {
            return "unexpected EOF";
          }
          byte n = b[i];
          if (stack[depth - 1]) {
            if (n == ',') {
              i++;
              skipSpace();
              if (i == b.length) {
                return "unexpected EOF";
              }
              String k = key();
              if (k != null) {
                return k;
              }
              break;
            }
            if (n == '}') {
              i++;
              depth--;
              continue;
            }
            return invalid(n, "after object key:value pair");
          }
          if (n == ',') {
            i++;
            break;
          }
          if (n == ']') {
            i++;
            depth--;
            continue;
          }
          return invalid(n, "after array element");
        }
      }
    }

    private boolean push(boolean object) {
      if (depth >= MAX_DEPTH) {
        return false;
      }
      stack[depth++] = object;
      return true;
    }

    /** An object's key and the colon after it, at {@code i} (not space). */
    private String key() {
      if (b[i] != '"') {
        return invalid(b[i], "looking for beginning of object key string");
      }
      String err = string();
      if (err != null) {
        return err;
      }
      skipSpace();
      if (i == b.length) {
        return "unexpected EOF";
      }
      if (b[i] != ':') {
        return invalid(b[i], "after object key");
      }
      i++;
      return null;
    }

    private String string() {
      i++; // the opening quote
      while (i < b.length) {
        byte c = b[i++];
        if (c == '"') {
          return null;
        }
        if (c == '\\') {
          if (i == b.length) {
            return "unexpected EOF";
          }
          byte e = b[i++];
          switch (e) {
            case 'b', 'f', 'n', 'r', 't', '\\', '/', '"' -> {
              // a one-character escape
            }
            case 'u' -> {
              for (int k = 0; k < 4; k++) {
                if (i == b.length) {
                  return "unexpected EOF";
                }
                byte h = b[i++];
                if (!((h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') || (h >= 'A' && h <= 'F'))) {
                  return invalid(h, "in \\u hexadecimal character escape");
                }
              }
            }
            default -> {
              return invalid(e, "in string escape code");
            }
          }
        } else if ((c & 0xff) < 0x20) {
          return invalid(c, "in string literal");
        }
      }
      return "unexpected EOF";
    }

    private String literal(String word) {
      i++;
      for (int k = 1; k < word.length(); k++) {
        if (i == b.length) {
          return "unexpected EOF";
        }
        if (b[i] != word.charAt(k)) {
          return invalid(b[i], "in literal " + word + " (expecting " + quote((byte) word.charAt(k)) + ")");
        }
        i++;
      }
      return null;
    }

    private String number() {
      if (b[i] == '-') {
        i++;
        if (i == b.length) {
          return "unexpected EOF";
        }
        if (!isDigit(b[i])) {
          return invalid(b[i], "in numeric literal");
        }
      }
      if (b[i] == '0') {
        i++;
      } else {
        while (i < b.length && isDigit(b[i])) {
          i++;
        }
      }
      if (i < b.length && b[i] == '.') {
        i++;
        if (i == b.length) {
          return "unexpected EOF";
        }
        if (!isDigit(b[i])) {
          return invalid(b[i], "after decimal point in numeric literal");
        }
        while (i < b.length && isDigit(b[i])) {
          i++;
        }
      }
      if (i < b.length && (b[i] == 'e' || b[i] == 'E')) {
        i++;
        if (i < b.length && (b[i] == '+' || b[i] == '-')) {
          i++;
        }
        if (i == b.length) {
          return "unexpected EOF";
        }
        if (!isDigit(b[i])) {
          return invalid(b[i], "in exponent of numeric literal");
        }
        while (i < b.length && isDigit(b[i])) {
          i++;
        }
      }
      return null;
    }

    private static boolean isDigit(byte c) {
      return c >= '0' && c <= '9';
    }

    private static String invalid(byte c, String context) {
      return "invalid character " + quote(c) + " " + context;
    }
  }

  /** Go's {@code quoteChar}: the byte as {@code strconv.Quote} writes it, in single quotes. */
  static String quote(byte b) {
    int c = b & 0xff;
    if (c == '\'') {
      return "'\\''";
    }
    if (c == '"') {
      return "'\"'";
    }
    String q = switch (c) {
      case 0x07 -> "\\a";
      case 0x08 -> "\\b";
      case 0x0c -> "\\f";
      case 0x0a -> "\\n";
      case 0x0d -> "\\r";
      case 0x09 -> "\\t";
      case 0x0b -> "\\v";
      case '\\' -> "\\\\";
      default -> c < 0x20 || c == 0x7f ? String.format("\\x%02x", c)
          : c >= 0x80 && c < 0xa0 || c == 0xad ? String.format("\\u%04x", c) : String.valueOf((char) c);
    };
    return "'" + q + "'";
  }

  /** Go's {@code strconv.Quote} of a string: double quotes, Go's escapes for what does not print. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    s.codePoints().forEach(c -> {
      switch (c) {
        case 0x07 -> sb.append("\\a");
        case 0x08 -> sb.append("\\b");
        case 0x0c -> sb.append("\\f");
        case 0x0a -> sb.append("\\n");
        case 0x0d -> sb.append("\\r");
        case 0x09 -> sb.append("\\t");
        case 0x0b -> sb.append("\\v");
        case '\\' -> sb.append("\\\\");
        case '"' -> sb.append("\\\"");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format("\\x%02x", c));
          } else if (c < 0x7f || (c != 0xad && isPrint(c))) {
            sb.appendCodePoint(c);
          } else if (c < 0x10000) {
            sb.append(String.format("\\u%04x", c));
          } else {
            sb.append(String.format("\\U%08x", c));
          }
        }
      }
    });
    return sb.append('"').toString();
  }

  private static boolean isPrint(int c) {
    int t = Character.getType(c);
    return t != Character.CONTROL && t != Character.FORMAT && t != Character.UNASSIGNED && t != Character.SURROGATE
        && t != Character.PRIVATE_USE && t != Character.LINE_SEPARATOR && t != Character.PARAGRAPH_SEPARATOR
        && !(t == Character.SPACE_SEPARATOR && c != ' ');
  }
}
