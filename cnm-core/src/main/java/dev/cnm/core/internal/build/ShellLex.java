package dev.cnm.core.internal.build;

import dev.cnm.api.error.InvalidParameterException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The Dockerfile's word processing (BuildKit's {@code frontend/dockerfile/shell.Lex}): quotes,
 * escapes and variable substitution ({@code $A}, {@code ${A}}, {@code ${A:-word}}, {@code
 * ${A:+word}}, {@code ${A:?message}}, {@code ${A#pattern}}, {@code ${A%pattern}}, {@code
 * ${A/pattern/replacement}}) over the build's environment, as {@code ENV}, {@code LABEL}, {@code
 * WORKDIR}, {@code EXPOSE}, {@code USER}, {@code COPY} and {@code FROM} use it.
 *
 * <pre>{@code
 * ShellLex lex = new ShellLex('\\');
 * lex.processWord("${HOME:-/root}/app", Map.of());        // "/root/app"
 * lex.processWords("80 \"443/tcp\"", Map.of());           // [80, 443/tcp]
 * }</pre>
 */
public final class ShellLex {
  private static final int EOF = -1;

  private final int escapeToken;
  /** Keep the quotes in the result (the heredoc detection needs them). */
  boolean rawQuotes;
  /** Keep the escape characters in the result. */
  boolean rawEscapes;
  /** Leave {@code $A} as written when {@code A} is not set. */
  boolean skipUnsetEnv;

  /**
   * A lexer for a Dockerfile whose escape character is {@code escapeToken}.
   *
   * @param escapeToken {@code \} or {@code `} (the {@code # escape=} directive)
   */
  public ShellLex(char escapeToken) {
    this.escapeToken = escapeToken;
  }

  /**
   * {@return {@code word} with its quotes removed, escapes applied and variables substituted}
   *
   * @param word the text
   * @param env the variables, by name
   * @throws InvalidParameterException {@code failed to process "...": ...} for an unterminated
   *     quote or a bad substitution
   */
  public String processWord(String word, Map<String, String> env) {
    return new Word(word, env).process().result;
  }

  /**
   * {@return {@code word} split into words at unquoted white space, each processed as by {@link
   * #processWord}}
   *
   * @param word the text
   * @param env the variables, by name
   */
  public List<String> processWords(String word, Map<String, String> env) {
    return new Word(word, env).process().words;
  }

  /** The result of one pass: the whole text, and its words. */
  private static final class Processed {
    final String result;
    final List<String> words;

    Processed(String result, List<String> words) {
      this.result = result;
      this.words = words;
    }
  }

  /** Splits into words as BuildKit's {@code wordsStruct} does. */
  private static final class Words {
    private final StringBuilder buf = new StringBuilder();
    private final List<String> words = new ArrayList<>();
    private boolean inWord;

    void addChar(int ch) {
      if (isSpace(ch) && inWord) {
        if (buf.length() != 0) {
          words.add(buf.toString());
          buf.setLength(0);
          inWord = false;
        }
      } else if (!isSpace(ch)) {
        addRawChar(ch);
      }
    }

    void addRawChar(int ch) {
      buf.appendCodePoint(ch);
      inWord = true;
    }

    void addString(String s) {
      s.codePoints().forEach(this::addChar);
    }

    void addRawString(String s) {
      buf.append(s);
      inWord = true;
    }

    List<String> getWords() {
      if (buf.length() > 0) {
        words.add(buf.toString());
        buf.setLength(0);
        inWord = false;
      }
      return words;
    }
  }

  /** One word being processed: a scanner over its code points. */
  private final class Word {
    private final String source;
    private final int[] chars;
    private final Map<String, String> env;
    private int pos;
    private boolean escapesRaw = rawEscapes;

    Word(String source, Map<String, String> env) {
      this.source = source;
      this.chars = source.codePoints().toArray();
      this.env = env;
    }

    Processed process() {
      try {
        return processStopOn(EOF, escapesRaw);
      } catch (SubstitutionException e) {
        throw new InvalidParameterException("failed to process " + Quote.go(source) + ": " + e.getMessage(), e);
      }
    }

    private int peek() {
      return pos < chars.length ? chars[pos] : EOF;
    }

    private int next() {
      return pos < chars.length ? chars[pos++] : EOF;
    }

    private Processed processStopOn(int stopChar, boolean raw) {
      StringBuilder result = new StringBuilder();
      Words words = new Words();
      boolean saved = escapesRaw;
      escapesRaw = raw;
      try {
        while (peek() != EOF) {
          int ch = peek();
          if (stopChar != EOF && ch == stopChar) {
            next();
            return new Processed(result.toString(), words.getWords());
          }
          String tmp = null;
          if (ch == '$') {
            tmp = processDollar();
            result.append(tmp);
            words.addString(tmp);
            continue;
          }
          if (ch == '<') {
            tmp = processPossibleHeredoc();
          } else if (ch == '\'') {
            tmp = processSingleQuote();
          } else if (ch == '"') {
            tmp = processDoubleQuote();
          }
          if (tmp != null) {
            result.append(tmp);
            words.addRawString(tmp);
            continue;
          }
          ch = next();
          if (ch == escapeToken) {
            if (escapesRaw) {
              words.addRawChar(ch);
              result.appendCodePoint(ch);
            }
            ch = next();
            if (ch == EOF) {
              break;
            }
            words.addRawChar(ch);
          } else {
            words.addChar(ch);
          }
          result.appendCodePoint(ch);
        }
        if (stopChar != EOF) {
          throw new SubstitutionException("unexpected end of statement while looking for matching "
              + new String(Character.toChars(stopChar)));
        }
        return new Processed(result.toString(), words.getWords());
      } finally {
        escapesRaw = saved;
      }
    }

    private String processSingleQuote() {
      StringBuilder result = new StringBuilder();
      int ch = next();
      if (rawQuotes) {
        result.appendCodePoint(ch);
      }
      while (true) {
        ch = next();
        if (ch == EOF) {
          throw new SubstitutionException("unexpected end of statement while looking for matching single-quote");
        }
        if (ch == '\'') {
          if (rawQuotes) {
            result.appendCodePoint(ch);
          }
          return result.toString();
        }
        result.appendCodePoint(ch);
      }
    }

    private String processDoubleQuote() {
      StringBuilder result = new StringBuilder();
      int ch = next();
      if (rawQuotes) {
        result.appendCodePoint(ch);
      }
      while (true) {
        int p = peek();
        if (p == EOF) {
          throw new SubstitutionException("unexpected end of statement while looking for matching double-quote");
        }
        if (p == '"') {
          ch = next();
          if (rawQuotes) {
            result.appendCodePoint(ch);
          }
          return result.toString();
        }
        if (p == '$') {
          result.append(processDollar());
          continue;
        }
        ch = next();
        if (ch == escapeToken) {
          if (escapesRaw) {
            result.appendCodePoint(ch);
          }
          int after = peek();
          if (after == EOF) {
            continue;
          }
          if (after == '"' || after == '$' || after == escapeToken) {
            ch = next();
          }
        }
        result.appendCodePoint(ch);
      }
    }

    private String processDollar() {
      next();
      if (peek() != '{') {
        String name = processName();
        if (name.isEmpty()) {
          return "$";
        }
        String value = env.get(name);
        if (value == null && skipUnsetEnv) {
          return "$" + name;
        }
        return value == null ? "" : value;
      }
      next();
      int p = peek();
      if (p == EOF) {
        throw new SubstitutionException("syntax error: missing '}'");
      }
      if (p == '{' || p == '}' || p == ':') {
        throw new SubstitutionException("syntax error: bad substitution");
      }
      String name = processName();
      int ch = next();
      String chs = runeString(ch);
      boolean nullIsUnset = false;
      if (ch == '}') {
        String value = env.get(name);
        if (value == null && skipUnsetEnv) {
          return "${" + name + "}";
        }
        return value == null ? "" : value;
      }
      if (ch == '/') {
        return processReplacement(name);
      }
      if (ch == ':') {
        nullIsUnset = true;
        ch = next();
        chs += runeString(ch);
      } else if (ch != '+' && ch != '-' && ch != '?' && ch != '#' && ch != '%') {
        throw new SubstitutionException("unsupported modifier (" + chs + ") in substitution");
      }
      boolean rawEsc = ch == '#' || ch == '%';
      if (nullIsUnset && rawEsc) {
        throw new SubstitutionException("unsupported modifier (" + chs + ") in substitution");
      }
      String word;
      try {
        word = processStopOn('}', rawEsc).result;
      } catch (SubstitutionException e) {
        if (peek() == EOF) {
          throw new SubstitutionException("syntax error: missing '}'");
        }
        throw e;
      }
      String value = env.get(name);
      boolean set = value != null;
      if (skipUnsetEnv && !set) {
        return "${" + name + chs + word + "}";
      }
      String v = set ? value : "";
      switch (ch) {
        case '-':
          return !set || (nullIsUnset && v.isEmpty()) ? word : v;
        case '+':
          return !set || (nullIsUnset && v.isEmpty()) ? "" : word;
        case '?':
          if (!set) {
            throw new SubstitutionException(name + ": " + (word.isEmpty() ? "is not allowed to be unset" : word));
          }
          if (nullIsUnset && v.isEmpty()) {
            throw new SubstitutionException(name + ": " + (word.isEmpty() ? "is not allowed to be empty" : word));
          }
          return v;
        case '%':
        case '#':
          boolean greedy = false;
          String pattern = word;
          if (!pattern.isEmpty() && pattern.codePointAt(0) == ch) {
            greedy = true;
            pattern = pattern.substring(Character.charCount(ch));
          }
          return ch == '%' ? trimSuffix(pattern, v, greedy) : trimPrefix(pattern, v, greedy);
        default:
          throw new SubstitutionException("unsupported modifier (" + chs + ") in substitution");
      }
    }

    private String processReplacement(String name) {
      boolean replaceAll = peek() == '/';
      if (replaceAll) {
        next();
      }
      String pattern;
      try {
        pattern = processStopOn('/', true).result;
      } catch (SubstitutionException e) {
        if (peek() == EOF) {
          throw new SubstitutionException("syntax error: missing '/' in ${}");
        }
        throw e;
      }
      String replacement;
      try {
        replacement = processStopOn('}', true).result;
      } catch (SubstitutionException e) {
        if (peek() == EOF) {
          throw new SubstitutionException("syntax error: missing '}'");
        }
        throw e;
      }
      String value = env.get(name);
      if (skipUnsetEnv && value == null) {
        return "${" + name + "/" + pattern + "/" + replacement + "}";
      }
      String v = value == null ? "" : value;
      Pattern re = shellPattern(pattern, true, false);
      Matcher m = re.matcher(v);
      if (replaceAll) {
        return m.replaceAll(Matcher.quoteReplacement(replacement));
      }
      return m.find() ? v.substring(0, m.start()) + replacement + v.substring(m.end()) : v;
    }

    private String processName() {
      StringBuilder name = new StringBuilder();
      while (peek() != EOF) {
        int ch = peek();
        if (name.length() == 0 && Character.isDigit(ch)) {
          while (peek() != EOF && Character.isDigit(peek())) {
            name.appendCodePoint(next());
          }
          return name.toString();
        }
        if (name.length() == 0 && isSpecialParam(ch)) {
          return runeString(next());
        }
        if (!Character.isLetter(ch) && !Character.isDigit(ch) && ch != '_') {
          break;
        }
        name.appendCodePoint(next());
      }
      return name.toString();
    }

    private String processPossibleHeredoc() {
      next();
      if (peek() != '<') {
        return "<";
      }
      next();
      StringBuilder space = new StringBuilder();
      int n = peek();
      while (n == '\t' || n == '\r' || n == ' ') {
        space.appendCodePoint(n);
        next();
        n = peek();
      }
      return "<<" + space;
    }
  }

  private static boolean isSpecialParam(int ch) {
    return ch == '@' || ch == '*' || ch == '#' || ch == '?' || ch == '-' || ch == '$' || ch == '!' || ch == '0';
  }

  /** Go's {@code string(rune)}: the replacement character for an invalid rune such as EOF. */
  private static String runeString(int ch) {
    return ch < 0 || !Character.isValidCodePoint(ch) ? "\uFFFD" : new String(Character.toChars(ch));
  }

  /** Go's {@code unicode.IsSpace}. */
  static boolean isSpace(int ch) {
    switch (ch) {
      case '\t':
      case '\n':
      case 0x0B:
      case '\f':
      case '\r':
      case ' ':
      case 0x85:
      case 0xA0:
        return true;
      default:
        return ch > 0xFF && Character.isSpaceChar(ch);
    }
  }

  /** BuildKit's {@code convertShellPatternToRegex}. */
  private static Pattern shellPattern(String pattern, boolean greedy, boolean anchored) {
    StringBuilder out = new StringBuilder();
    if (anchored) {
      out.append('^');
    }
    String star = greedy ? ".*" : ".*?";
    int[] cps = pattern.codePoints().toArray();
    for (int i = 0; i < cps.length; i++) {
      int tok = cps[i];
      switch (tok) {
        case '*':
          out.append(star);
          continue;
        case '?':
          out.append('.');
          continue;
        case '\\':
          int peek = i + 1 < cps.length ? cps[i + 1] : EOF;
          if (peek == '}' || peek == '/') {
            continue;
          }
          out.append('\\');
          i++;
          tok = peek;
          if (tok != '*' && tok != '?' && tok != '\\') {
            throw new SubstitutionException("invalid pattern (" + pattern + ") in substitution: invalid escape '\\"
                + runeString(tok) + "'");
          }
          break;
        case '[':
        case ']':
        case '{':
        case '}':
        case '.':
        case '+':
        case '(':
        case ')':
        case '|':
        case '^':
        case '$':
          out.append('\\');
          break;
        default:
          break;
      }
      out.appendCodePoint(tok);
    }
    try {
      return Pattern.compile(out.toString());
    } catch (PatternSyntaxException e) {
      throw new SubstitutionException("invalid pattern (" + pattern + ") in substitution: " + e.getDescription());
    }
  }

  private static String trimPrefix(String pattern, String value, boolean greedy) {
    Matcher m = shellPattern(pattern, greedy, true).matcher(value);
    return m.find() ? value.substring(m.end()) : value;
  }

  private static String trimSuffix(String pattern, String value, boolean greedy) {
    String reversed = trimPrefix(reversePattern(pattern), new StringBuilder(value).reverse().toString(), greedy);
    return new StringBuilder(reversed).reverse().toString();
  }

  private static String reversePattern(String pattern) {
    int[] in = pattern.codePoints().toArray();
    int[] out = new int[in.length];
    int last = in.length - 1;
    for (int i = 0; i <= last; ) {
      int tok = in[i];
      int outIdx = last - i;
      if (tok == '\\' && i != last) {
        out[outIdx - 1] = tok;
        out[outIdx] = in[i + 1];
        i += 2;
      } else {
        out[outIdx] = tok;
        i++;
      }
    }
    return new String(out, 0, out.length);
  }

  /** A failure inside one word, reported with the word by {@link Word#process}. */
  private static final class SubstitutionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SubstitutionException(String message) {
      super(message, null, false, false);
    }
  }
}
