package dev.cnm.core.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.core.internal.GoQuote;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Go's fmt package (Sprint, Sprintln, Sprintf) over the {@link GoValues} model. */
final class GoFmt {
  private GoFmt() {}

  /** Printf flags and width/precision of one verb. */
  private static final class Flags {
    boolean minus;
    boolean plus;
    boolean sharp;
    boolean space;
    boolean zero;
    boolean plusV;
    boolean sharpV;
    int wid = -1;
    int prec = -1;

    boolean widPresent() {
      return wid >= 0;
    }

    boolean precPresent() {
      return prec >= 0;
    }
  }

  private static final Flags PLAIN = new Flags();

  // ---- strconv helpers

  /** strconv.Quote. */
  static String quote(String s) {
    return GoQuote.quote(s);
  }

  static String quoteWith(String s, char q, boolean asciiOnly) {
    return GoQuote.quoteWith(s, q, asciiOnly);
  }

  /** Go's unicode.IsPrint / strconv.IsPrint. */
  static boolean isPrint(int r) {
    return GoQuote.isPrint(r);
  }

  /** fmt's %#U: {@code U+002B '+'}. */
  static String unicodeRepr(int r) {
    String s = String.format("U+%04X", r);
    if (r >= 0 && isPrint(r)) {
      s += " '" + new String(Character.toChars(r)) + "'";
    }
    return s;
  }

  static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  // ---- Sprint family

  /** fmt.Sprint: spaces between operands when neither side is a string. */
  static String sprint(List<Object> args) {
    return sprint(args, Budget.UNLIMITED);
  }

  /** fmt.Sprint within an execution's budget. */
  static String sprint(List<Object> args, Budget budget) {
    StringBuilder sb = new StringBuilder();
    boolean prevString = false;
    for (int i = 0; i < args.size(); i++) {
      Object a = GoValues.unbox(args.get(i));
      boolean isString = a instanceof String;
      if (i > 0 && !isString && !prevString) {
        sb.append(' ');
      }
      printArg(sb, a, 'v', PLAIN, 0);
      budget.check(sb);
      prevString = isString;
    }
    return sb.toString();
  }

  /** fmt.Sprintln: always spaces, then a newline. */
  static String sprintln(List<Object> args, Budget budget) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < args.size(); i++) {
      if (i > 0) {
        sb.append(' ');
      }
      printArg(sb, GoValues.unbox(args.get(i)), 'v', PLAIN, 0);
      budget.check(sb);
    }
    return sb.append('\n').toString();
  }

  /** fmt.Sprint of one value. */
  static String formatV(Object v) {
    StringBuilder sb = new StringBuilder();
    printArg(sb, GoValues.unbox(v), 'v', PLAIN, 0);
    return sb.toString();
  }

  /** fmt.Sprintf, including explicit argument indexes ({@code %[2]d}). */
  static String sprintf(String format, List<Object> args) {
    return sprintf(format, args, Budget.UNLIMITED);
  }

  /** fmt's tooLarge: widths and precisions beyond a million are refused. */
  private static boolean tooLarge(long x) {
    return x > 1_000_000 || x < -1_000_000;
  }

  /** The parsing state of one Sprintf call (fmt's pp fields that matter for parsing). */
  private static final class Parse {
    final String format;
    final int end;
    final int numArgs;
    boolean reordered;
    boolean goodArgNum;
    int i;
    int argNum;
    boolean afterIndex;

    Parse(String format, int numArgs) {
      this.format = format;
      this.end = format.length();
      this.numArgs = numArgs;
    }

    /**
     * fmt's parsenum at {@link #i}: {num, isnum ? 1 : 0}, moving {@link #i} past the digits. A
     * number that overflows (more than seven digits) consumes the rest of the format, which then
     * ends in {@code %!(NOVERB)}: that is how Go refuses {@code %.999999999f}.
     */
    int[] parsenum() {
      int[] r = GoFmt.parsenum(format, i, end);
      i = r[2];
      return new int[] {r[0], r[1]};
    }

    /** fmt's argNumber at {@link #i}: a bracketed one-based index selects the next argument. */
    void argNumber() {
      afterIndex = false;
      if (i >= end || format.charAt(i) != '[') {
        return;
      }
      reordered = true;
      // parseArgNumber: [index, width, ok]
      int index = 0;
      int width = 1;
      boolean ok = false;
      if (end - i >= 3) {
        for (int j = i + 1; j < end; j++) {
          if (format.charAt(j) == ']') {
            int[] n = GoFmt.parsenum(format, i + 1, j);
            width = j - i + 1;
            if (n[1] == 1 && n[2] == j) {
              index = n[0] - 1;
              ok = true;
            }
            break;
          }
        }
      }
      if (ok && index >= 0 && index < numArgs) {
        argNum = index;
        i += width;
        afterIndex = true;
        return;
      }
      goodArgNum = false;
      i += width;
      afterIndex = ok;
    }
  }

  /** fmt's parsenum over {@code s[start:end]}: {num, isnum ? 1 : 0, newi}. */
  private static int[] parsenum(String s, int start, int end) {
    if (start >= end) {
      return new int[] {0, 0, end};
    }
    int num = 0;
    boolean isnum = false;
    int newi = start;
    for (; newi < end && s.charAt(newi) >= '0' && s.charAt(newi) <= '9'; newi++) {
      if (tooLarge(num)) {
        return new int[] {0, 0, end}; // overflow: a crazy long number
      }
      num = num * 10 + (s.charAt(newi) - '0');
      isnum = true;
    }
    return new int[] {num, isnum ? 1 : 0, newi};
  }

  /** fmt's intFromArg: {num, isInt ? 1 : 0}; a too large number is not an int. */
  private static long[] intFromArg(List<Object> args, Parse p) {
    long num = 0;
    boolean isInt = false;
    if (p.argNum < args.size()) {
      Object a = GoValues.concrete(args.get(p.argNum));
      if (a instanceof Long) {
        num = (Long) a;
        isInt = true;
      }
      p.argNum++;
      if (tooLarge(num)) {
        num = 0;
        isInt = false;
      }
    }
    return new long[] {num, isInt ? 1 : 0};
  }

  /**
   * fmt.Sprintf within an execution's budget, including explicit argument indexes ({@code
   * %[2]d}); parsing follows fmt's doPrintf step by step.
   */
  static String sprintf(String format, List<Object> args, Budget budget) {
    StringBuilder sb = new StringBuilder();
    Parse p = new Parse(format, args.size());
    int end = p.end;
    while (p.i < end) {
      p.goodArgNum = true;
      int lasti = p.i;
      while (p.i < end && format.charAt(p.i) != '%') {
        p.i++;
      }
      if (p.i > lasti) {
        sb.append(format, lasti, p.i);
      }
      if (p.i >= end) {
        break;
      }
      p.i++; // skip %
      Flags f = new Flags();
      flags:
      for (; p.i < end; p.i++) {
        switch (format.charAt(p.i)) {
          case '#':
            f.sharp = true;
            break;
          case '0':
            f.zero = !f.minus;
            break;
          case '+':
            f.plus = true;
            break;
          case '-':
            f.minus = true;
            f.zero = false;
            break;
          case ' ':
            f.space = true;
            break;
          default:
            break flags;
        }
      }
      p.argNumber();
      // width
      if (p.i < end && format.charAt(p.i) == '*') {
        p.i++;
        long[] w = intFromArg(args, p);
        if (w[1] == 0) {
          sb.append("%!(BADWIDTH)");
        } else {
          if (w[0] < 0) {
            f.minus = true;
            f.zero = false;
            w[0] = -w[0];
          }
          f.wid = (int) w[0];
        }
        p.afterIndex = false;
      } else {
        int[] w = p.parsenum();
        if (w[1] == 1) {
          f.wid = w[0];
          if (p.afterIndex) {
            p.goodArgNum = false;
          }
        }
      }
      // precision: a '.' only counts when something follows it
      if (p.i + 1 < end && format.charAt(p.i) == '.') {
        p.i++;
        if (p.afterIndex) {
          p.goodArgNum = false;
        }
        p.argNumber();
        if (p.i < end && format.charAt(p.i) == '*') {
          p.i++;
          long[] q = intFromArg(args, p);
          if (q[1] == 0 || q[0] < 0) {
            f.prec = -1;
            sb.append("%!(BADPREC)");
          } else {
            f.prec = (int) q[0];
          }
          p.afterIndex = false;
        } else {
          int[] q = p.parsenum();
          f.prec = q[1] == 1 ? q[0] : 0;
        }
      }
      if (!p.afterIndex) {
        p.argNumber();
      }
      if (p.i >= end) {
        sb.append("%!(NOVERB)");
        break;
      }
      int verb = format.codePointAt(p.i);
      p.i += Character.charCount(verb);
      if (verb == '%') {
        sb.append('%');
        continue;
      }
      if (!p.goodArgNum) {
        sb.append("%!").appendCodePoint(verb).append("(BADINDEX)");
        continue;
      }
      if (p.argNum >= args.size()) {
        sb.append("%!").appendCodePoint(verb).append("(MISSING)");
        continue;
      }
      if (verb == 'w') {
        verb = 'v';
      }
      if (verb == 'v') {
        if (f.sharp) {
          f.sharp = false;
          f.sharpV = true;
        }
        if (f.plus) {
          f.plus = false;
          f.plusV = true;
        }
      }
      printArg(sb, GoValues.unbox(args.get(p.argNum)), verb, f, 0);
      budget.check(sb);
      p.argNum++;
    }
    if (!p.reordered && p.argNum < args.size()) {
      sb.append("%!(EXTRA ");
      for (int k = p.argNum; k < args.size(); k++) {
        if (k > p.argNum) {
          sb.append(", ");
        }
        Object a = GoValues.unbox(args.get(k));
        if (a == null || a == GoValues.NIL) {
          sb.append("<nil>");
        } else {
          sb.append(GoValues.concreteTypeName(a)).append('=');
          printArg(sb, a, 'v', PLAIN, 0);
        }
        budget.check(sb);
      }
      sb.append(')');
    }
    return sb.toString();
  }

  // ---- printing one argument

  private static void badVerb(StringBuilder sb, Object arg, int verb) {
    sb.append("%!").appendCodePoint(verb).append('(');
    if (arg == null || arg == GoValues.NIL) {
      sb.append("<nil>");
    } else {
      sb.append(GoValues.concreteTypeName(arg)).append('=');
      printArg(sb, arg, 'v', PLAIN, 0);
    }
    sb.append(')');
  }

  private static void printArg(StringBuilder sb, Object arg, int verb, Flags f, int depth) {
    arg = GoValues.unbox(arg);
    if (arg == null || arg == GoValues.NIL) {
      if (depth > 0) {
        pad(sb, f, "<nil>");
        return;
      }
      if (verb == 'T' || verb == 'v') {
        pad(sb, f, "<nil>");
      } else {
        badVerb(sb, arg, verb);
      }
      return;
    }
    if (verb == 'T') {
      pad(sb, f, GoValues.concreteTypeName(arg));
      return;
    }
    if (verb == 'p') {
      badVerb(sb, arg, verb);
      return;
    }
    if (arg instanceof Boolean) {
      if (verb == 't' || verb == 'v') {
        pad(sb, f, arg.toString());
      } else {
        badVerb(sb, arg, verb);
      }
    } else if (arg instanceof Long) {
      fmtInteger(sb, (Long) arg, verb, f);
    } else if (arg instanceof Double) {
      fmtFloat(sb, (Double) arg, verb, f);
    } else if (arg instanceof String) {
      fmtString(sb, (String) arg, verb, f);
    } else if (arg instanceof ArrayNode || arg instanceof List) {
      if (f.sharpV) {
        sb.append(arg instanceof List ? "[]string{" : "[]interface {}{");
        int k = 0;
        for (Object e : elements(arg)) {
          if (k++ > 0) {
            sb.append(", ");
          }
          printSharpElem(sb, e, f, depth);
        }
        sb.append('}');
        return;
      }
      sb.append('[');
      int k = 0;
      for (Object e : elements(arg)) {
        if (k++ > 0) {
          sb.append(' ');
        }
        printArg(sb, e, verb, f, depth + 1);
      }
      sb.append(']');
    } else if (arg instanceof ObjectNode) {
      ObjectNode m = (ObjectNode) arg;
      if (f.sharpV) {
        sb.append("map[string]interface {}{");
        int k = 0;
        for (String key : GoValues.sortedKeys(m)) {
          if (k++ > 0) {
            sb.append(", ");
          }
          sb.append(quote(key)).append(':');
          printSharpElem(sb, GoValues.fromJson(m.get(key)), f, depth);
        }
        sb.append('}');
        return;
      }
      sb.append("map[");
      int k = 0;
      for (String key : GoValues.sortedKeys(m)) {
        if (k++ > 0) {
          sb.append(' ');
        }
        printArg(sb, key, verb, f, depth + 1);
        sb.append(':');
        printArg(sb, GoValues.fromJson(m.get(key)), verb, f, depth + 1);
      }
      sb.append(']');
    } else if (arg instanceof TemplateObject) {
      pad(sb, f, "&{}");
    } else {
      badVerb(sb, arg, verb);
    }
  }

  private static void printSharpElem(StringBuilder sb, Object e, Flags f, int depth) {
    e = GoValues.unbox(e);
    if (e == null || e == GoValues.NIL) {
      sb.append("interface {}(nil)");
    } else {
      printArg(sb, e, 'v', f, depth + 1);
    }
  }

  static Iterable<Object> elements(Object list) {
    java.util.ArrayList<Object> out = new java.util.ArrayList<>();
    if (list instanceof ArrayNode) {
      for (JsonNode n : (ArrayNode) list) {
        out.add(GoValues.fromJson(n));
      }
    } else {
      out.addAll((List<?>) list);
    }
    return out;
  }

  private static void pad(StringBuilder sb, Flags f, String s) {
    if (!f.widPresent()) {
      sb.append(s);
      return;
    }
    int n = f.wid - s.codePointCount(0, s.length());
    if (n <= 0) {
      sb.append(s);
      return;
    }
    if (f.minus) {
      sb.append(s);
      sb.append(" ".repeat(n));
    } else {
      sb.append((f.zero ? "0" : " ").repeat(n));
      sb.append(s);
    }
  }

  private static void padNoZero(StringBuilder sb, Flags f, String s) {
    boolean z = f.zero;
    f.zero = false;
    pad(sb, f, s);
    f.zero = z;
  }

  private static void fmtString(StringBuilder sb, String s, int verb, Flags f) {
    switch (verb) {
      case 'v':
        if (f.sharpV) {
          pad(sb, f, quote(s));
        } else {
          pad(sb, f, truncate(s, f));
        }
        return;
      case 's':
        pad(sb, f, truncate(s, f));
        return;
      case 'x':
      case 'X': {
        byte[] b = truncate(s, f).getBytes(StandardCharsets.UTF_8);
        StringBuilder h = new StringBuilder();
        for (int i = 0; i < b.length; i++) {
          if (f.space && i > 0) {
            h.append(' ');
          }
          if (f.sharp && (f.space || i == 0)) {
            h.append(verb == 'x' ? "0x" : "0X");
          }
          String x = String.format("%02x", b[i] & 0xff);
          h.append(verb == 'X' ? x.toUpperCase(java.util.Locale.ROOT) : x);
        }
        pad(sb, f, h.toString());
        return;
      }
      case 'q': {
        String t = truncate(s, f);
        if (f.sharp && canBackquote(t)) {
          pad(sb, f, "`" + t + "`");
        } else {
          pad(sb, f, quoteWith(t, '"', f.plus));
        }
        return;
      }
      default:
        badVerb(sb, s, verb);
    }
  }

  private static boolean canBackquote(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '`' || c == '\uFEFF' || (c < ' ' && c != '\t') || c == 0x7f) {
        return false;
      }
    }
    return true;
  }

  private static String truncate(String s, Flags f) {
    if (f.precPresent() && s.codePointCount(0, s.length()) > f.prec) {
      return s.substring(0, s.offsetByCodePoints(0, f.prec));
    }
    return s;
  }

  private static void fmtInteger(StringBuilder sb, long v, int verb, Flags f) {
    switch (verb) {
      case 'v':
      case 'd':
        integer(sb, v, 10, verb, f, "0123456789abcdefx");
        return;
      case 'b':
        integer(sb, v, 2, verb, f, "0123456789abcdefx");
        return;
      case 'o':
      case 'O':
        integer(sb, v, 8, verb, f, "0123456789abcdefx");
        return;
      case 'x':
        integer(sb, v, 16, verb, f, "0123456789abcdefx");
        return;
      case 'X':
        integer(sb, v, 16, verb, f, "0123456789ABCDEFX");
        return;
      case 'c': {
        int r = validRune(v);
        padNoZero(sb, f, new String(Character.toChars(r)));
        return;
      }
      case 'q': {
        int r = validRune(v);
        StringBuilder q = new StringBuilder("'");
        if (r == '\'') {
          q.append("\\'");
        } else if (r == '"') {
          q.append('"');
        } else {
          GoQuote.appendEscapedRune(q, r, '\'', f.plus);
        }
        q.append('\'');
        padNoZero(sb, f, q.toString());
        return;
      }
      case 'U': {
        String u = String.format("U+%04X", v);
        if (f.sharp && v >= 0 && v <= Character.MAX_CODE_POINT && isPrint((int) v)) {
          u += " '" + new String(Character.toChars((int) v)) + "'";
        }
        padNoZero(sb, f, u);
        return;
      }
      default:
        badVerb(sb, v, verb);
    }
  }

  private static int validRune(long v) {
    if (v < 0 || v > Character.MAX_CODE_POINT || (v >= 0xD800 && v < 0xE000)) {
      return 0xFFFD;
    }
    return (int) v;
  }

  private static void integer(StringBuilder sb, long v, int base, int verb, Flags f, String digits) {
    boolean negative = v < 0;
    String mag = negative ? Long.toUnsignedString(-v, base) : Long.toString(v, base);
    if (digits.charAt(10) == 'A') {
      mag = mag.toUpperCase(java.util.Locale.ROOT);
    }
    int prec = -1;
    if (f.precPresent()) {
      prec = f.prec;
      if (prec == 0 && v == 0) {
        padNoZero(sb, f, "");
        return;
      }
    } else if (f.zero && f.widPresent()) {
      prec = f.wid;
      if (negative || f.plus || f.space) {
        prec--;
      }
    }
    StringBuilder num = new StringBuilder();
    if (prec > mag.length()) {
      num.append("0".repeat(prec - mag.length()));
    }
    num.append(mag);
    if (f.sharp) {
      if (base == 2) {
        num.insert(0, "0b");
      } else if (base == 8 && num.charAt(0) != '0') {
        num.insert(0, '0');
      } else if (base == 16) {
        num.insert(0, digits.charAt(16) == 'X' ? "0X" : "0x");
      }
    }
    if (verb == 'O') {
      num.insert(0, "0o");
    }
    if (negative) {
      num.insert(0, '-');
    } else if (f.plus) {
      num.insert(0, '+');
    } else if (f.space) {
      num.insert(0, ' ');
    }
    padNoZero(sb, f, num.toString());
  }

  private static void fmtFloat(StringBuilder sb, double v, int verb, Flags f) {
    char fmt;
    int prec;
    switch (verb) {
      case 'v':
        fmt = 'g';
        prec = -1;
        break;
      case 'g':
      case 'G':
        fmt = (char) verb;
        prec = -1;
        break;
      case 'f':
      case 'F':
        fmt = 'f';
        prec = 6;
        break;
      case 'e':
      case 'E':
        fmt = (char) verb;
        prec = 6;
        break;
      case 'b':
      case 'x':
      case 'X':
        fmt = (char) verb;
        prec = -1;
        break;
      default:
        badVerb(sb, v, verb);
        return;
    }
    if (f.precPresent()) {
      prec = f.prec;
    }
    String num;
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      num = GoFloat.format(v, 'g', -1);
    } else if (fmt == 'b') {
      num = GoFloat.formatB(v);
    } else if (fmt == 'x' || fmt == 'X') {
      num = GoFloat.formatX(v, prec, fmt == 'X');
    } else {
      num = GoFloat.format(v, fmt, prec);
    }
    if (num.startsWith("-") || num.startsWith("+")) {
      // keep
    } else {
      num = "+" + num;
    }
    if (f.space && num.charAt(0) == '+' && !f.plus) {
      num = " " + num.substring(1);
    }
    if (num.charAt(1) == 'I' || num.charAt(1) == 'N') {
      if (num.charAt(1) == 'N' && !f.space && !f.plus) {
        num = num.substring(1);
      }
      padNoZero(sb, f, num);
      return;
    }
    if (f.sharp && verb != 'b') {
      num = sharpFloat(num, verb, prec);
    }
    if (f.plus || num.charAt(0) != '+') {
      if (f.zero && f.widPresent() && f.wid > num.length()) {
        sb.append(num.charAt(0));
        sb.append("0".repeat(f.wid - num.length()));
        sb.append(num, 1, num.length());
        return;
      }
      pad(sb, f, num);
      return;
    }
    pad(sb, f, num.substring(1));
  }

  /** The # flag: always a decimal point; %g keeps trailing zeros. */
  private static String sharpFloat(String num, int verb, int prec) {
    int digits = 0;
    if (verb == 'v' || verb == 'g' || verb == 'G') {
      digits = prec < 0 ? 6 : prec;
      if (digits == 0) {
        digits = 1;
      }
    }
    String tail = "";
    int e = Math.max(num.indexOf('e'), num.indexOf('E'));
    if (e >= 0) {
      tail = num.substring(e);
      num = num.substring(0, e);
    }
    boolean sawNonzero = false;
    boolean hasDot = false;
    for (int i = 1; i < num.length(); i++) {
      char c = num.charAt(i);
      if (c == '.') {
        hasDot = true;
      } else if (c >= '0' && c <= '9') {
        if (c != '0') {
          sawNonzero = true;
        }
        if (sawNonzero) {
          digits--;
        }
      }
    }
    if (!hasDot) {
      if (num.length() == 2 && num.charAt(1) == '0') {
        digits--;
      }
      num += ".";
    }
    if (verb == 'v' || verb == 'g' || verb == 'G') {
      if (digits > 0) {
        num += "0".repeat(digits);
      }
    }
    return num + tail;
  }
}
