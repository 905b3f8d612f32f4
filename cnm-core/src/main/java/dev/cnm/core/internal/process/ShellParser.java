package dev.cnm.core.internal.process;

import dev.cnm.api.error.CnmException;
import dev.cnm.api.process.Signal;
import dev.cnm.api.process.SignalReaction;
import dev.cnm.api.process.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of a POSIX shell that {@code sh -c "..."} scripts in containers use, turned into {@link
 * Step}s: lists with {@code ;}, {@code &&}, {@code ||}, {@code &} and newlines; single and double
 * quotes, backslashes, comments and {@code $NAME} / {@code ${NAME}} / {@code ${NAME:-default}}
 * from the container's environment; {@code exit [N]}, {@code sleep N}, {@code exec prog},
 * {@code trap 'exit N' SIG...} / {@code trap '' SIG...}, {@code while true; do ...; done}, and
 * no-op builtins ({@code cd}, {@code set}, {@code export}...). Redirections are read and dropped:
 * output always goes to the log. A one-shot command ({@link #ONE_SHOT}) becomes a {@link
 * Step.Kind#RUN} step; any other program a {@link Step.Kind#EXEC} step, which hands the process
 * over to it (a simplification: a shell would run it as a child and go on after it).
 *
 * <p>Anything else (pipes, subshells, {@code if}, {@code for}, {@code case}, command substitution)
 * is beyond the model: {@link #parse} returns empty and the caller treats the script as a program
 * it does not know, which keeps running.
 *
 * <pre>{@code
 * ShellParser.parse("getent hosts db && echo found || exit 3", Map.of()).orElseThrow().steps();
 * }</pre>
 */
public final class ShellParser {
  /**
   * Commands that run and finish at once, evaluated against the model ({@link Step.Kind#RUN}); the
   * probes among them ({@code curl}, {@code redis-cli}...) answer what the container's program
   * scripts, else they are not found.
   */
  public static final Set<String> ONE_SHOT = Set.of("echo", "true", "false", ":", "env", "printenv", "hostname",
      "cat", "getent", "nslookup", "ip", "ping", "date", "printf", "pwd", "id", "whoami", "uname", "mkdir", "touch",
      "rm", "cp", "mv", "chmod", "chown", "ln", "curl", "wget", "nc", "redis-cli", "pg_isready", "mysqladmin",
      "psql", "mysql");
  /** Builtins that only change the shell's own state: each a no-op with status 0 here. */
  private static final Set<String> NO_OP = Set.of("cd", "set", "export", "unset", "umask", "ulimit", "shift",
      "readonly", "local", "wait", "shopt", "source", ".");
  private static final Set<String> UNSUPPORTED_WORDS = Set.of("if", "then", "else", "elif", "fi", "for", "case",
      "esac", "until", "{", "}", "function", "select", "!");
  private static final Pattern REDIRECT = Pattern.compile("([0-9]*)(>>|>&|>|<&|<|&>)(.*)");
  private static final Pattern TRAP_EXIT = Pattern.compile("(?:^|.*[;&|\\s])exit\\s+([0-9]+)\\s*;?\\s*$", Pattern.DOTALL);

  /** What a script reads as: its steps, the reactions {@code trap} set, and, for a script that is one command, that command. */
  public record Parsed(List<Step> steps, Map<Signal, SignalReaction> traps, Optional<List<String>> single) {}

  /** A token: a word (with whether any of it was quoted) or an operator. */
  private record Token(String text, boolean operator, boolean quoted) {}

  /** Thrown inside the parser for syntax beyond it. */
  private static final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unsupported() {
      super(null, null, false, false);
    }
  }

  private final List<Token> tokens;
  private final Map<Signal, SignalReaction> traps = new LinkedHashMap<>();
  private int pos;
  private int commands;
  private List<String> lastCommand;
  private boolean lastWasBuiltin;

  private ShellParser(List<Token> tokens) {
    this.tokens = tokens;
  }

  /**
   * {@return the script {@code text} as steps, or empty when it uses syntax beyond the model}
   *
   * @param text the script, as given to {@code sh -c}
   * @param env the environment its variables expand from
   */
  public static Optional<Parsed> parse(String text, Map<String, String> env) {
    try {
      ShellParser p = new ShellParser(tokenize(text, env));
      List<Step> steps = new ArrayList<>();
      p.list(steps, Set.of());
      if (p.pos < p.tokens.size()) {
        throw new Unsupported();
      }
      boolean single = p.commands == 1 && !p.lastWasBuiltin && steps.size() == 1
          && steps.get(0).condition() == Step.Condition.ALWAYS;
      return Optional.of(new Parsed(steps, Map.copyOf(p.traps), single ? Optional.of(p.lastCommand) : Optional.empty()));
    } catch (Unsupported e) {
      return Optional.empty();
    }
  }

  // ---- grammar --------------------------------------------------------------------------------

  private Token peek() {
    return pos < tokens.size() ? tokens.get(pos) : null;
  }

  private boolean atOperator(String op) {
    Token t = peek();
    return t != null && t.operator && t.text.equals(op);
  }

  private boolean atWord(String word) {
    Token t = peek();
    return t != null && !t.operator && !t.quoted && t.text.equals(word);
  }

  /** A list, up to the end or an unquoted word of {@code stop} at the start of a command. */
  private void list(List<Step> out, Set<String> stop) {
    while (true) {
      while (atOperator(";") || atOperator("\n") || atOperator("&")) {
        pos++;
      }
      Token t = peek();
      if (t == null || (!t.operator && !t.quoted && stop.contains(t.text))) {
        return;
      }
      andOr(out);
      Token after = peek();
      if (after != null && !(after.operator && (after.text.equals(";") || after.text.equals("\n")
          || after.text.equals("&")))) {
        if (!after.operator && !after.quoted && stop.contains(after.text)) {
          return;
        }
        throw new Unsupported();
      }
    }
  }

  private void andOr(List<Step> out) {
    command(out, Step.Condition.ALWAYS);
    while (atOperator("&&") || atOperator("||")) {
      Step.Condition c = peek().text.equals("&&") ? Step.Condition.IF_SUCCESS : Step.Condition.IF_FAILURE;
      pos++;
      while (atOperator("\n")) {
        pos++;
      }
      command(out, c);
    }
  }

  private void command(List<Step> out, Step.Condition condition) {
    Token t = peek();
    if (t == null || t.operator) {
      throw new Unsupported();
    }
    if (!t.quoted && (t.text.equals("while"))) {
      whileLoop(out, condition);
      return;
    }
    if (!t.quoted && UNSUPPORTED_WORDS.contains(t.text)) {
      throw new Unsupported();
    }
    List<String> argv = new ArrayList<>();
    boolean leading = true;
    while (true) {
      Token w = peek();
      if (w == null || w.operator) {
        break;
      }
      pos++;
      if (!w.quoted) {
        Matcher m = REDIRECT.matcher(w.text);
        if (m.matches()) {
          if (m.group(3).isEmpty() && !m.group(2).endsWith("&")) {
            Token target = peek();
            if (target == null || target.operator) {
              throw new Unsupported();
            }
            pos++; // the file it redirects to: dropped, as the output goes to the log anyway
          }
          continue;
        }
      }
      if (leading && !w.quoted && w.text.matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
        continue; // an assignment before the command: the command's environment only
      }
      leading = false;
      argv.add(w.text);
    }
    if (atOperator("|") || atOperator("(") || atOperator(")")) {
      throw new Unsupported();
    }
    commands++;
    lastCommand = argv;
    lastWasBuiltin = false;
    if (argv.isEmpty()) {
      out.add(cond(Step.run("true"), condition));
      lastWasBuiltin = true;
      return;
    }
    simple(out, argv, condition);
  }

  /** {@code while true; do ...; done}: the body, then a jump back to it. */
  private void whileLoop(List<Step> out, Step.Condition condition) {
    if (condition != Step.Condition.ALWAYS) {
      throw new Unsupported();
    }
    pos++;
    List<Step> test = new ArrayList<>();
    int before = commands;
    list(test, Set.of("do"));
    if (!atWord("do") || test.size() != 1 || test.get(0).kind() != Step.Kind.RUN
        || !List.of("true", ":").contains(test.get(0).command().get(0))) {
      throw new Unsupported();
    }
    pos++;
    int start = out.size();
    list(out, Set.of("done"));
    if (!atWord("done")) {
      throw new Unsupported();
    }
    pos++;
    if (out.size() == start) {
      throw new Unsupported(); // an empty body spins without time passing
    }
    out.add(Step.jump(start));
    commands = before + 2; // never a single command
    lastWasBuiltin = true;
  }

  private void simple(List<Step> out, List<String> argv, Step.Condition condition) {
    String name = argv.get(0);
    List<String> args = argv.subList(1, argv.size());
    switch (name) {
      case "exit":
        lastWasBuiltin = true;
        if (args.isEmpty()) {
          out.add(cond(Step.exitWithLastStatus(), condition));
        } else if (args.get(0).matches("[0-9]+")) {
          out.add(cond(Step.exit((int) (Long.parseLong(args.get(0)) & 0xff)), condition));
        } else {
          out.add(cond(Step.stderr("sh: exit: Illegal number: " + args.get(0)), condition));
          out.add(cond(Step.exit(2), condition));
        }
        return;
      case "exec":
        lastWasBuiltin = true;
        if (!args.isEmpty()) {
          out.add(cond(Step.exec(List.copyOf(args)), condition));
        }
        return;
      case "trap":
        lastWasBuiltin = true;
        trap(args);
        out.add(cond(Step.run("true"), condition));
        return;
      case "sleep":
        SleepArgs.Parsed s = SleepArgs.parse(args);
        if (s.forever()) {
          out.add(cond(Step.waitForever(), condition));
        } else if (s.duration().isPresent()) {
          out.add(cond(Step.sleep(s.duration().get()), condition));
        } else {
          out.add(cond(Step.run(argv), condition));
        }
        return;
      case "tail":
        if (args.contains("-f") || args.contains("-F")) {
          out.add(cond(Step.waitForever(), condition));
          return;
        }
        out.add(cond(Step.run(argv), condition));
        return;
      default:
        break;
    }
    if (NO_OP.contains(name)) {
      lastWasBuiltin = true;
      out.add(cond(Step.run("true"), condition));
      return;
    }
    String base = name.substring(name.lastIndexOf('/') + 1);
    if (ONE_SHOT.contains(base)) {
      Step run = Step.run(argv);
      if (base.equals("ping")) {
        run = BuiltinPrograms.timedPing(argv);
      }
      out.add(cond(run, condition));
      return;
    }
    out.add(cond(Step.exec(argv), condition));
  }

  private static Step cond(Step s, Step.Condition c) {
    return c == Step.Condition.IF_SUCCESS ? s.ifSuccess() : c == Step.Condition.IF_FAILURE ? s.ifFailure() : s;
  }

  /** {@code trap ACTION SIG...}: {@code exit N} (possibly after other commands), {@code ''} ignores, {@code -} resets. */
  private void trap(List<String> args) {
    if (args.size() < 2) {
      return;
    }
    String action = args.get(0);
    for (String name : args.subList(1, args.size())) {
      Signal sig;
      try {
        sig = Signal.parse(name);
      } catch (CnmException e) {
        continue; // EXIT, ERR, DEBUG: the shell's pseudo-signals, nothing the runtime sends
      }
      if (sig.equals(Signal.KILL) || sig.equals(Signal.of(19).orElseThrow())) {
        continue;
      }
      if (action.equals("-")) {
        traps.remove(sig);
      } else if (action.isEmpty()) {
        traps.put(sig, SignalReaction.ignore());
      } else {
        Matcher m = TRAP_EXIT.matcher(action);
        traps.put(sig, m.matches() ? SignalReaction.exit((int) (Long.parseLong(m.group(1)) & 0xff))
            : SignalReaction.ignore()); // a handler that carries on
      }
    }
  }

  // ---- tokens ---------------------------------------------------------------------------------

  private static List<Token> tokenize(String s, Map<String, String> env) {
    List<Token> out = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    boolean quoted = false;
    int i = 0;
    while (i < s.length()) {
      char ch = s.charAt(i);
      if (ch == '\'') {
        int end = s.indexOf('\'', i + 1);
        if (end < 0) {
          throw new Unsupported();
        }
        word.append(s, i + 1, end);
        inWord = true;
        quoted = true;
        i = end + 1;
      } else if (ch == '"') {
        i++;
        while (true) {
          if (i >= s.length()) {
            throw new Unsupported();
          }
          char c = s.charAt(i);
          if (c == '"') {
            i++;
            break;
          }
          if (c == '\\' && i + 1 < s.length() && "\"\\$`\n".indexOf(s.charAt(i + 1)) >= 0) {
            if (s.charAt(i + 1) != '\n') {
              word.append(s.charAt(i + 1));
            }
            i += 2;
          } else if (c == '$') {
            i = expand(s, i, env, word);
          } else if (c == '`') {
            throw new Unsupported();
          } else {
            word.append(c);
            i++;
          }
        }
        inWord = true;
        quoted = true;
      } else if (ch == '\\') {
        if (i + 1 < s.length()) {
          if (s.charAt(i + 1) != '\n') {
            word.append(s.charAt(i + 1));
            inWord = true;
          }
          i += 2;
        } else {
          i++;
        }
      } else if (ch == '$') {
        i = expand(s, i, env, word);
        inWord = true;
      } else if (ch == '`') {
        throw new Unsupported();
      } else if (ch == '#' && !inWord) {
        while (i < s.length() && s.charAt(i) != '\n') {
          i++;
        }
      } else if (ch == ' ' || ch == '\t') {
        if (inWord) {
          out.add(new Token(word.toString(), false, quoted));
          word.setLength(0);
          inWord = false;
          quoted = false;
        }
        i++;
      } else if (ch == ';' || ch == '&' || ch == '|' || ch == '\n' || ch == '(' || ch == ')') {
        // A redirection such as 2>&1 or &> is one word with its operator characters.
        if (ch == '&' && inWord && !quoted && word.length() > 0 && word.charAt(word.length() - 1) == '>') {
          word.append(ch);
          i++;
          continue;
        }
        if (ch == '&' && i + 1 < s.length() && s.charAt(i + 1) == '>' && !inWord) {
          word.append("&>");
          inWord = true;
          i += 2;
          continue;
        }
        if (inWord) {
          out.add(new Token(word.toString(), false, quoted));
          word.setLength(0);
          inWord = false;
          quoted = false;
        }
        String op = String.valueOf(ch);
        if ((ch == '&' || ch == '|' || ch == ';') && i + 1 < s.length() && s.charAt(i + 1) == ch) {
          op = op + ch;
        }
        if (op.equals(";;")) {
          throw new Unsupported();
        }
        out.add(new Token(op, true, false));
        i += op.length();
      } else {
        word.append(ch);
        inWord = true;
        i++;
      }
    }
    if (inWord) {
      out.add(new Token(word.toString(), false, quoted));
    }
    return out;
  }

  /** Expands the parameter at {@code s[i] == '$'}; returns the index after it. */
  private static int expand(String s, int i, Map<String, String> env, StringBuilder word) {
    if (i + 1 >= s.length()) {
      word.append('$');
      return i + 1;
    }
    char next = s.charAt(i + 1);
    if (next == '(') {
      throw new Unsupported();
    }
    if (next == '{') {
      int end = s.indexOf('}', i + 2);
      if (end < 0) {
        throw new Unsupported();
      }
      String inner = s.substring(i + 2, end);
      int dflt = inner.indexOf(":-");
      String name = dflt < 0 ? inner : inner.substring(0, dflt);
      if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new Unsupported();
      }
      String v = env.get(name);
      word.append(v != null && !v.isEmpty() ? v : dflt < 0 ? "" : inner.substring(dflt + 2));
      return end + 1;
    }
    if (next == '$') {
      word.append('1');
      return i + 2;
    }
    if (next == '?') {
      throw new Unsupported(); // known only when the script runs
    }
    if (Character.isDigit(next) || next == '@' || next == '*' || next == '#') {
      return i + 2; // no positional parameters after sh -c "script"
    }
    int j = i + 1;
    while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
      j++;
    }
    if (j == i + 1) {
      word.append('$');
      return i + 1;
    }
    word.append(env.getOrDefault(s.substring(i + 1, j), ""));
    return j;
  }

  /** A ping's duration: a second per packet after the first ({@code -c N}). */
  static Duration pingDuration(int count) {
    return Duration.ofSeconds(Math.max(0, count - 1));
  }
}
