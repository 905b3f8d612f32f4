package dev.cnm.core.internal.build;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Dockerfile's syntax (BuildKit's {@code frontend/dockerfile/parser}, as Docker 28's classic
 * builder uses it): parser directives ({@code # escape=`}), comments, line continuations (with
 * the empty-continuation warning), heredocs, builder flags ({@code --from=x}), and each
 * instruction's argument forms (JSON arrays, {@code key=value} pairs and legacy {@code ENV k v},
 * white-space separated words, raw strings). What the instructions mean is {@link Instructions}'.
 *
 * <pre>{@code
 * DockerfileParser.Result r = DockerfileParser.parse("FROM alpine\nCMD [\"echo\", \"hi\"]\n");
 * r.nodes().get(1).args();   // [echo, hi]
 * r.nodes().get(1).json();   // true
 * }</pre>
 */
public final class DockerfileParser {
  /** bufio.Scanner's limit: a longer line is an error. */
  static final int MAX_LINE = 64 * 1024;

  private static final Pattern WHITESPACE = Pattern.compile("[\\t\\x0B\\f\\r ]+");
  private static final Pattern HEREDOC = Pattern.compile("^(\\d*)<<(-?)\\s*([^<]*)$");
  private static final Pattern DIRECTIVE = Pattern.compile("^#\\s*([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(.+?)\\s*$");
  private static final Set<String> VALID_DIRECTIVES = Set.of("syntax", "escape", "check");
  private static final Set<String> HEREDOC_DIRECTIVES = Set.of("add", "copy", "run");
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private DockerfileParser() {}

  /** A heredoc of a {@code RUN}, {@code COPY} or {@code ADD}: its name, its content, how it expands. */
  public record Heredoc(String name, int fileDescriptor, boolean expand, boolean chomp, String content) {}

  /**
   * One instruction: its keyword as written, the whole logical line ({@code original}), builder
   * flags, arguments, whether they were a JSON array, its lines (1-based, inclusive), its heredocs.
   */
  public record Node(String value, String original, List<String> flags, List<String> args, boolean json,
      int startLine, int endLine, List<Heredoc> heredocs) {
    /** The keyword in lower case ({@code from}). */
    public String keyword() {
      return value.toLowerCase(Locale.ROOT);
    }
  }

  /** The instructions, the escape character, and the warnings to print before the build. */
  public record Result(List<Node> nodes, char escapeToken, List<String> warnings) {}

  /** A syntax error, with the lines it is on; its message is BuildKit's. */
  public static final class ParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int line;

    ParseException(String message, int line) {
      super(message, null, false, false);
      this.line = line;
    }

    /** {@return the line the error is on (1-based; 0 before the first)} */
    public int line() {
      return line;
    }
  }

  /** The parser's state: the escape character and the continuation pattern it implies. */
  private static final class Directives {
    char escapeToken = '\\';
    Pattern continuation = continuationFor('\\');
    int line;
    boolean done;
    final Set<String> seen = new HashSet<>();

    static Pattern continuationFor(char escape) {
      String e = Pattern.quote(String.valueOf(escape));
      return Pattern.compile("([^" + (escape == '\\' ? "\\\\" : "`") + "])" + e + "[ \\t]*$|^" + e + "[ \\t]*$");
    }

    /** Whether {@code line} is a parser directive; {@code escape} changes the escape character. */
    boolean possibleDirective(String text) {
      line++;
      if (done) {
        return false;
      }
      Matcher m = DIRECTIVE.matcher(text);
      if (!m.matches()) {
        done = true;
        return false;
      }
      String k = m.group(1).toLowerCase(Locale.ROOT);
      if (!VALID_DIRECTIVES.contains(k)) {
        done = true;
        return false;
      }
      if (!seen.add(k)) {
        throw new ParseException("only one " + k + " parser directive can be used", line);
      }
      if (k.equals("escape")) {
        String v = m.group(2);
        if (!v.equals("`") && !v.equals("\\")) {
          throw new ParseException("invalid escape token '" + v + "' does not match ` or \\", line);
        }
        escapeToken = v.charAt(0);
        continuation = continuationFor(escapeToken);
      }
      return true;
    }
  }

  /**
   * Parses a Dockerfile.
   *
   * @param text the Dockerfile
   * @return its instructions
   * @throws ParseException with BuildKit's message ({@code file with no instructions}, {@code ENV
   *     must have two arguments}, ...)
   */
  public static Result parse(String text) {
    List<String> lines = new ArrayList<>();
    boolean tooLong = scanLines(text, lines);
    Directives d = new Directives();
    List<Node> nodes = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    int currentLine = 0;
    int i = 0;
    while (i < lines.size()) {
      String raw = lines.get(i++);
      if (currentLine == 0 && raw.startsWith("\uFEFF")) {
        raw = raw.substring(1);
      }
      String bytes = processLine(d, raw, true, currentLine);
      currentLine++;
      int startLine = currentLine;
      String[] trimmed = trimContinuation(bytes, d);
      boolean endOfLine = trimmed[1] != null;
      if (endOfLine && trimmed[0].isEmpty()) {
        continue;
      }
      StringBuilder buf = new StringBuilder(trimmed[0]);
      boolean emptyContinuation = false;
      while (!endOfLine && i < lines.size()) {
        String next = lines.get(i++);
        String processed = processLine(d, next, false, currentLine);
        currentLine++;
        if (isComment(next)) {
          continue;
        }
        if (trimLeadingWhitespace(trimNewline(processed)).isEmpty()) {
          emptyContinuation = true;
          continue;
        }
        trimmed = trimContinuation(processed, d);
        endOfLine = trimmed[1] != null;
        buf.append(trimmed[0]);
      }
      String line = buf.toString();
      if (emptyContinuation) {
        warnings.add("Empty continuation line found in: " + line);
      }
      Node child;
      try {
        child = newNodeFromLine(line, d, startLine, currentLine);
      } catch (ParseException e) {
        throw new ParseException(e.getMessage(), startLine);
      }
      if (canContainHeredoc(child) && line.contains("<<")) {
        List<Heredoc> docs = new ArrayList<>();
        for (Heredoc h : heredocsFromLine(line)) {
          StringBuilder content = new StringBuilder();
          boolean terminated = false;
          while (i < lines.size()) {
            String l = lines.get(i++);
            currentLine++;
            String possible = trimNewline(l);
            if (h.chomp()) {
              possible = possible.replaceFirst("^\\t+", "");
            }
            if (possible.equals(h.name())) {
              terminated = true;
              break;
            }
            content.append(l);
          }
          if (!terminated) {
            throw new ParseException("unterminated heredoc", startLine);
          }
          docs.add(new Heredoc(h.name(), h.fileDescriptor(), h.expand(), h.chomp(), content.toString()));
        }
        child = new Node(child.value(), child.original(), child.flags(), child.args(), child.json(), startLine,
            currentLine, List.copyOf(docs));
      } else {
        child = new Node(child.value(), child.original(), child.flags(), child.args(), child.json(), startLine,
            currentLine, List.of());
      }
      nodes.add(child);
    }
    if (nodes.isEmpty()) {
      throw new ParseException("file with no instructions", currentLine);
    }
    if (tooLong) {
      throw new ParseException("dockerfile line greater than max allowed size of " + (MAX_LINE - 1), currentLine);
    }
    if (!warnings.isEmpty()) {
      warnings.add("Empty continuation lines will become errors in a future release.");
    }
    return new Result(List.copyOf(nodes), d.escapeToken, List.copyOf(warnings));
  }

  /**
   * bufio.Scanner with BuildKit's {@code scanLines}: each line keeps its {@code \n}. A line longer
   * than the scanner's buffer ends the scan there; returns whether that happened.
   */
  private static boolean scanLines(String text, List<String> lines) {
    int start = 0;
    while (start < text.length()) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? text.length() : nl + 1;
      String line = text.substring(start, end);
      if (line.getBytes(StandardCharsets.UTF_8).length > MAX_LINE) {
        return true;
      }
      lines.add(line);
      start = end;
    }
    return false;
  }

  private static String processLine(Directives d, String token, boolean stripLeft, int line) {
    String t = trimNewline(token);
    if (stripLeft) {
      t = trimLeadingWhitespace(t);
    }
    try {
      d.possibleDirective(t);
    } catch (ParseException e) {
      throw new ParseException(e.getMessage(), line);
    }
    return isComment(t) ? "" : t;
  }

  static String trimNewline(String s) {
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
      end--;
    }
    return s.substring(0, end);
  }

  static String trimLeadingWhitespace(String s) {
    int i = 0;
    while (i < s.length() && ShellLex.isSpace(s.codePointAt(i))) {
      i += Character.charCount(s.codePointAt(i));
    }
    return s.substring(i);
  }

  private static boolean isComment(String line) {
    String t = trimLeadingWhitespace(line);
    return !t.isEmpty() && t.charAt(0) == '#';
  }

  /** The line without its continuation character, and a non-null second element when the line ends there. */
  private static String[] trimContinuation(String line, Directives d) {
    Matcher m = d.continuation.matcher(line);
    if (m.find()) {
      return new String[] {line.substring(0, m.start()) + (m.group(1) == null ? "" : m.group(1)), null};
    }
    return new String[] {line, "end"};
  }

  /** Whether the instruction may open heredocs: RUN, COPY, ADD (or an ONBUILD of one), not in JSON form. */
  private static boolean canContainHeredoc(Node node) {
    String keyword = node.keyword();
    if (keyword.equals("onbuild") && !node.args().isEmpty()) {
      keyword = node.args().get(0).toLowerCase(Locale.ROOT); // an ONBUILD node's json is its trigger's
    }
    return HEREDOC_DIRECTIVES.contains(keyword) && !node.json();
  }

  /** {@code heredocsFromLine}: the heredocs a line opens, in order. */
  private static List<Heredoc> heredocsFromLine(String line) {
    ShellLex lex = new ShellLex('\\');
    lex.rawQuotes = true;
    lex.rawEscapes = true;
    lex.skipUnsetEnv = true;
    List<String> words;
    try {
      words = lex.processWords(line, java.util.Map.of());
    } catch (RuntimeException e) {
      words = List.of();
    }
    List<Heredoc> docs = new ArrayList<>();
    for (String word : words) {
      Heredoc h = parseHeredoc(word);
      if (h != null) {
        docs.add(h);
      }
    }
    return docs;
  }

  /** {@code ParseHeredoc}: the heredoc a word such as {@code <<EOF} or {@code <<-"EOT"} opens, or null. */
  static Heredoc parseHeredoc(String src) {
    Matcher m = HEREDOC.matcher(src);
    if (!m.matches()) {
      return null;
    }
    String rest = m.group(3);
    if (rest.isEmpty()) {
      return null;
    }
    int fd = 0;
    try {
      fd = m.group(1).isEmpty() ? 0 : Integer.parseInt(m.group(1));
    } catch (NumberFormatException e) {
      fd = 0;
    }
    ShellLex lex = new ShellLex('\\');
    lex.skipUnsetEnv = true;
    List<String> words;
    List<String> raw;
    try {
      words = lex.processWords(rest, java.util.Map.of());
      if (words.size() != 1) {
        return null;
      }
      lex.rawQuotes = true;
      raw = lex.processWords(rest, java.util.Map.of());
    } catch (RuntimeException e) {
      throw new ParseException(e.getMessage(), 0);
    }
    if (raw.size() != words.size()) {
      throw new ParseException("internal lexing of heredoc produced inconsistent results: " + rest, 0);
    }
    String word = words.get(0);
    boolean expand = quotes(word) == quotes(raw.get(0));
    return new Heredoc(word, fd, expand, m.group(2).equals("-"), "");
  }

  private static int quotes(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\'' || s.charAt(i) == '"') {
        n++;
      }
    }
    return n;
  }

  /** What {@code splitCommand} splits a line into. */
  private record Split(String cmd, List<String> flags, String args) {}

  private static Split splitCommand(String line, Directives d) {
    String[] cmdline = WHITESPACE.split(line.strip(), 2);
    if (cmdline.length < 2) {
      return new Split(cmdline[0], List.of(), "");
    }
    List<String> flags = new ArrayList<>();
    String args = extractBuilderFlags(cmdline[1], d.escapeToken, flags);
    return new Split(cmdline[0], List.copyOf(flags), args.strip());
  }

  /** {@code extractBuilderFlags}: the leading {@code --flag=value} words, and the rest of the line. */
  private static String extractBuilderFlags(String line, char escape, List<String> words) {
    final int inSpaces = 0;
    final int inWord = 1;
    final int inQuote = 2;
    int phase = inSpaces;
    StringBuilder word = new StringBuilder();
    char quote = 0;
    boolean blankOk = false;
    for (int pos = 0; pos <= line.length(); pos++) {
      char ch = pos != line.length() ? line.charAt(pos) : 0;
      if (phase == inSpaces) {
        if (pos == line.length()) {
          break;
        }
        if (ShellLex.isSpace(ch)) {
          continue;
        }
        if (ch != '-' || pos + 1 == line.length() || line.charAt(pos + 1) != '-') {
          return line.substring(pos);
        }
        phase = inWord;
      }
      if (pos == line.length()) {
        String w = word.toString();
        if (!w.equals("--") && (blankOk || !w.isEmpty())) {
          words.add(w);
        }
        break;
      }
      if (phase == inWord) {
        if (ShellLex.isSpace(ch)) {
          String w = word.toString();
          phase = inSpaces;
          if (w.equals("--")) {
            return line.substring(pos);
          }
          if (blankOk || !w.isEmpty()) {
            words.add(w);
          }
          word.setLength(0);
          blankOk = false;
          continue;
        }
        if (ch == '\'' || ch == '"') {
          quote = ch;
          blankOk = true;
          phase = inQuote;
          continue;
        }
        if (ch == escape) {
          if (pos + 1 == line.length()) {
            continue;
          }
          pos++;
          ch = line.charAt(pos);
        }
        word.append(ch);
        continue;
      }
      if (ch == quote) {
        phase = inWord;
        continue;
      }
      if (ch == escape) {
        if (pos + 1 == line.length()) {
          phase = inWord;
          continue;
        }
        pos++;
        ch = line.charAt(pos);
      }
      word.append(ch);
    }
    return "";
  }

  /** {@code newNodeFromLine}: the keyword's argument parser applied to the rest of the line. */
  private static Node newNodeFromLine(String line, Directives d, int start, int end) {
    Split s = splitCommand(line, d);
    String keyword = s.cmd().toLowerCase(Locale.ROOT);
    Parsed p = parseArgs(keyword, s.args(), d);
    return new Node(s.cmd(), line, s.flags(), p.args, p.json, start, end, List.of());
  }

  /** The arguments of one instruction ({@code nodeArgs}) and whether they were JSON. */
  private record Parsed(List<String> args, boolean json) {}

  private static final Parsed NONE = new Parsed(List.of(), false);

  private static Parsed parseArgs(String keyword, String rest, Directives d) {
    switch (keyword) {
      case "add":
      case "copy":
      case "volume":
        return parseMaybeJsonToList(rest);
      case "arg":
        return new Parsed(parseWords(rest, d.escapeToken), false);
      case "cmd":
      case "entrypoint":
      case "run":
      case "shell":
        return parseMaybeJson(rest);
      case "env":
        return parseNameVal(rest, "ENV", d);
      case "label":
        return parseNameVal(rest, "LABEL", d);
      case "expose":
      case "from":
        return parseStringsWhitespaceDelimited(rest);
      case "healthcheck":
        return parseHealthConfig(rest);
      case "maintainer":
      case "stopsignal":
      case "user":
      case "workdir":
        return rest.isEmpty() ? NONE : new Parsed(List.of(rest), false);
      case "onbuild":
        if (rest.isEmpty()) {
          return NONE;
        }
        Node child = newNodeFromLine(rest, d, 0, 0);
        List<String> args = new ArrayList<>();
        args.add(child.value());
        args.addAll(child.args());
        return new Parsed(List.copyOf(args), child.json());
      default:
        return NONE;
    }
  }

  /** {@code parseWords}: words split at white space, quotes kept, escapes applied (ARG, ENV, LABEL). */
  static List<String> parseWords(String rest, char escape) {
    final int inSpaces = 0;
    final int inWord = 1;
    final int inQuote = 2;
    List<String> words = new ArrayList<>();
    int phase = inSpaces;
    int quote = 0;
    boolean blankOk = false;
    StringBuilder sb = new StringBuilder();
    int[] cps = rest.codePoints().toArray();
    for (int pos = 0; pos <= cps.length; pos++) {
      int ch = pos != cps.length ? cps[pos] : 0;
      if (phase == inSpaces) {
        if (pos == cps.length) {
          break;
        }
        if (ShellLex.isSpace(ch)) {
          continue;
        }
        phase = inWord;
      }
      if (pos == cps.length) {
        if (blankOk || sb.length() > 0) {
          words.add(sb.toString());
        }
        break;
      }
      if (phase == inWord) {
        if (ShellLex.isSpace(ch)) {
          phase = inSpaces;
          if (blankOk || sb.length() > 0) {
            words.add(sb.toString());
          }
          sb.setLength(0);
          blankOk = false;
          continue;
        }
        if (ch == '\'' || ch == '"') {
          quote = ch;
          blankOk = true;
          phase = inQuote;
        }
        if (ch == escape) {
          if (pos + 1 == cps.length) {
            continue;
          }
          sb.appendCodePoint(ch);
          pos++;
          ch = cps[pos];
        }
        sb.appendCodePoint(ch);
        continue;
      }
      if (ch == quote) {
        phase = inWord;
      }
      if (ch == escape && quote != '\'') {
        if (pos + 1 == cps.length) {
          phase = inWord;
          continue;
        }
        pos++;
        sb.appendCodePoint(ch);
        ch = cps[pos];
      }
      sb.appendCodePoint(ch);
    }
    return words;
  }

  /**
   * {@code parseNameVal}: {@code key=value} words, or the legacy {@code ENV key value}; arguments
   * come in threes (key, value, separator), as the instructions read them.
   */
  private static Parsed parseNameVal(String rest, String key, Directives d) {
    List<String> words = parseWords(rest, d.escapeToken);
    if (words.isEmpty()) {
      return NONE;
    }
    List<String> args = new ArrayList<>();
    if (!words.get(0).contains("=")) {
      String[] parts = WHITESPACE.split(rest, 2);
      if (parts.length < 2) {
        throw new ParseException(key + " must have two arguments", 0);
      }
      args.add(parts[0]);
      args.add(parts[1]);
      args.add("");
      return new Parsed(List.copyOf(args), false);
    }
    for (String word : words) {
      int eq = word.indexOf('=');
      if (eq < 0) {
        throw new ParseException("Syntax error - can't find = in " + Quote.go(word)
            + ". Must be of the form: name=value", 0);
      }
      args.add(word.substring(0, eq));
      args.add(word.substring(eq + 1));
      args.add("=");
    }
    return new Parsed(List.copyOf(args), false);
  }

  private static Parsed parseStringsWhitespaceDelimited(String rest) {
    if (rest.isEmpty()) {
      return NONE;
    }
    return new Parsed(List.of(WHITESPACE.split(rest, -1)), false);
  }

  /** {@code parseJSON}: the strings of a JSON array, or null when the text is no JSON array. */
  private static List<String> parseJson(String rest) {
    String t = trimLeadingWhitespace(rest);
    if (!t.startsWith("[")) {
      return null;
    }
    JsonNode node;
    try {
      node = JSON.readTree(t);
    } catch (JsonProcessingException e) {
      return null;
    }
    if (node == null || !node.isArray()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (JsonNode e : node) {
      if (!e.isTextual()) {
        throw new ParseException("when using JSON array syntax, arrays must be comprised of strings only", 0);
      }
      out.add(e.textValue());
    }
    return out;
  }

  private static Parsed parseMaybeJson(String rest) {
    if (rest.isEmpty()) {
      return NONE;
    }
    List<String> json = parseJson(rest);
    if (json != null) {
      return new Parsed(List.copyOf(json), true);
    }
    return new Parsed(List.of(rest), false);
  }

  private static Parsed parseMaybeJsonToList(String rest) {
    List<String> json = parseJson(rest);
    if (json != null) {
      return new Parsed(List.copyOf(json), true);
    }
    return parseStringsWhitespaceDelimited(rest);
  }

  /** {@code parseHealthConfig}: the type word, then the command in either form. */
  private static Parsed parseHealthConfig(String rest) {
    int sep = 0;
    while (sep < rest.length() && !ShellLex.isSpace(rest.charAt(sep))) {
      sep++;
    }
    int next = sep;
    while (next < rest.length() && ShellLex.isSpace(rest.charAt(next))) {
      next++;
    }
    if (sep == 0) {
      return NONE;
    }
    Parsed cmd = parseMaybeJson(rest.substring(next));
    List<String> args = new ArrayList<>();
    args.add(rest.substring(0, sep));
    args.addAll(cmd.args);
    return new Parsed(List.copyOf(args), cmd.json);
  }
}
