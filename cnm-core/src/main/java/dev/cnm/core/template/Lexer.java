package dev.cnm.core.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Go's {@code text/template/parse} lexer: turns template text into items. Positions are char
 * offsets into the text; error locations convert them to Go's byte columns.
 */
final class Lexer {
  enum Type {
    ERROR, BOOL, CHAR, CHAR_CONSTANT, COMPLEX, ASSIGN, DECLARE, EOF, FIELD, IDENTIFIER, LEFT_DELIM,
    LEFT_PAREN, NUMBER, PIPE, RAW_STRING, RIGHT_DELIM, RIGHT_PAREN, SPACE, STRING, TEXT, VARIABLE,
    // keywords
    BLOCK, BREAK, CONTINUE, DOT, DEFINE, ELSE, END, IF, NIL, RANGE, TEMPLATE, WITH;

    boolean isKeyword() {
      return ordinal() >= BLOCK.ordinal();
    }
  }

  /** One lexed item. */
  static final class Item {
    final Type type;
    final int pos;
    final String val;
    final int line;

    Item(Type type, int pos, String val, int line) {
      this.type = type;
      this.pos = pos;
      this.val = val;
      this.line = line;
    }

    /** Go's item.String(), used in parse error messages. */
    @Override
    public String toString() {
      if (type == Type.EOF) {
        return "EOF";
      }
      if (type == Type.ERROR) {
        return val;
      }
      if (type.isKeyword()) {
        return "<" + val + ">";
      }
      if (val.codePointCount(0, val.length()) > 10) {
        int end = val.offsetByCodePoints(0, 10);
        return GoFmt.quote(val.substring(0, end)) + "...";
      }
      return GoFmt.quote(val);
    }
  }

  private static final Map<String, Type> KEYWORDS =
      Map.ofEntries(
          Map.entry(".", Type.DOT),
          Map.entry("block", Type.BLOCK),
          Map.entry("break", Type.BREAK),
          Map.entry("continue", Type.CONTINUE),
          Map.entry("define", Type.DEFINE),
          Map.entry("else", Type.ELSE),
          Map.entry("end", Type.END),
          Map.entry("if", Type.IF),
          Map.entry("range", Type.RANGE),
          Map.entry("nil", Type.NIL),
          Map.entry("template", Type.TEMPLATE),
          Map.entry("with", Type.WITH));

  private static final String LEFT = "{{";
  private static final String RIGHT = "}}";
  private static final String LEFT_COMMENT = "/*";
  private static final String RIGHT_COMMENT = "*/";
  private static final int EOF_CHAR = -1;

  private final String input;
  private final List<Item> items = new ArrayList<>();
  private int pos;
  private int start;
  private int width;
  private int line = 1;
  private int startLine = 1;
  private int parenDepth;
  private boolean insideAction;
  private boolean done;

  private Lexer(String input) {
    this.input = input;
  }

  /** Lexes the whole input; the list always ends with an EOF or ERROR item. */
  static List<Item> lex(String input) {
    Lexer l = new Lexer(input);
    l.run();
    return l.items;
  }

  private void run() {
    while (!done) {
      if (insideAction) {
        lexInsideAction();
      } else {
        lexText();
      }
    }
  }

  private int next() {
    if (pos >= input.length()) {
      width = 0;
      return EOF_CHAR;
    }
    int r = input.codePointAt(pos);
    width = Character.charCount(r);
    pos += width;
    if (r == '\n') {
      line++;
    }
    return r;
  }

  private int peek() {
    int r = next();
    backup();
    return r;
  }

  private void backup() {
    if (width > 0) {
      pos -= width;
      if (input.charAt(pos) == '\n') {
        line--;
      }
      width = 0;
    }
  }

  private void emit(Type t) {
    items.add(new Item(t, start, input.substring(start, pos), startLine));
    start = pos;
    startLine = line;
  }

  private void ignore() {
    line += count(input, start, pos);
    start = pos;
    startLine = line;
  }

  private static int count(String s, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == '\n') {
        n++;
      }
    }
    return n;
  }

  private boolean accept(String valid) {
    int r = next();
    if (r != EOF_CHAR && valid.indexOf(r) >= 0) {
      return true;
    }
    backup();
    return false;
  }

  private void acceptRun(String valid) {
    while (true) {
      int r = next();
      if (r == EOF_CHAR || valid.indexOf(r) < 0) {
        backup();
        return;
      }
    }
  }

  private void errorf(String message) {
    items.add(new Item(Type.ERROR, start, message, startLine));
    done = true;
  }

  private void lexText() {
    int x = input.indexOf(LEFT, pos);
    if (x >= 0) {
      int delimPos = x;
      int trimLength = 0;
      if (hasLeftTrimMarker(delimPos + LEFT.length())) {
        trimLength = rightTrimLength(input.substring(start, delimPos));
      }
      line += count(input, pos, delimPos);
      pos = delimPos - trimLength;
      if (pos > start) {
        emit(Type.TEXT);
      }
      // Skip the trimmed space.
      line += count(input, pos, delimPos);
      pos = delimPos;
      start = pos;
      startLine = line;
      lexLeftDelim();
      return;
    }
    line += count(input, pos, input.length());
    pos = input.length();
    if (pos > start) {
      emit(Type.TEXT);
    }
    emit(Type.EOF);
    done = true;
  }

  private static boolean isSpace(int r) {
    return r == ' ' || r == '\t' || r == '\r' || r == '\n';
  }

  private static int rightTrimLength(String s) {
    int i = s.length();
    while (i > 0 && isSpace(s.charAt(i - 1))) {
      i--;
    }
    return s.length() - i;
  }

  private static int leftTrimLength(String s) {
    int i = 0;
    while (i < s.length() && isSpace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private boolean hasLeftTrimMarker(int at) {
    return at + 1 < input.length() && input.charAt(at) == '-' && isSpace(input.charAt(at + 1));
  }

  /** Returns 0 if not at a right delimiter, 1 if at one, 2 if at one with a trim marker. */
  private int atRightDelim() {
    if (input.startsWith(" -" + RIGHT, pos) || input.startsWith("\t-" + RIGHT, pos)
        || input.startsWith("\r-" + RIGHT, pos) || input.startsWith("\n-" + RIGHT, pos)) {
      return 2;
    }
    if (input.startsWith(RIGHT, pos)) {
      return 1;
    }
    return 0;
  }

  private void lexLeftDelim() {
    pos += LEFT.length();
    boolean trimSpace = hasLeftTrimMarker(pos);
    int afterMarker = trimSpace ? 2 : 0;
    if (input.startsWith(LEFT_COMMENT, pos + afterMarker)) {
      pos += afterMarker;
      ignore();
      lexComment();
      return;
    }
    emit(Type.LEFT_DELIM);
    pos += afterMarker;
    ignore();
    parenDepth = 0;
    insideAction = true;
  }

  private void lexComment() {
    pos += LEFT_COMMENT.length();
    int x = input.indexOf(RIGHT_COMMENT, pos);
    if (x < 0) {
      errorf("unclosed comment");
      return;
    }
    pos = x + RIGHT_COMMENT.length();
    int delim = atRightDelim();
    if (delim == 0) {
      errorf("comment ends before closing delimiter");
      return;
    }
    boolean trim = delim == 2;
    pos += trim ? 2 + RIGHT.length() : RIGHT.length();
    if (trim) {
      pos += leftTrimLength(input.substring(pos));
    }
    ignore();
    insideAction = false;
  }

  private void lexRightDelim(boolean trimSpace) {
    if (trimSpace) {
      pos += 2; // space and '-'
      ignore();
    }
    pos += RIGHT.length();
    emit(Type.RIGHT_DELIM);
    if (trimSpace) {
      pos += leftTrimLength(input.substring(pos));
      ignore();
    }
    insideAction = false;
  }

  private void lexInsideAction() {
    int delim = atRightDelim();
    if (delim != 0) {
      if (parenDepth == 0) {
        lexRightDelim(delim == 2);
        return;
      }
      errorf("unclosed left paren");
      return;
    }
    int r = next();
    if (r == EOF_CHAR) {
      errorf("unclosed action");
    } else if (isSpace(r)) {
      backup();
      lexSpace();
    } else if (r == '=') {
      emit(Type.ASSIGN);
    } else if (r == ':') {
      if (next() != '=') {
        errorf("expected :=");
        return;
      }
      emit(Type.DECLARE);
    } else if (r == '|') {
      emit(Type.PIPE);
    } else if (r == '"') {
      lexQuote();
    } else if (r == '`') {
      lexRawQuote();
    } else if (r == '$') {
      lexVariable();
    } else if (r == '\'') {
      lexChar();
    } else if (r == '.') {
      if (pos < input.length()) {
        char c = input.charAt(pos);
        if (c < '0' || '9' < c) {
          lexFieldOrVariable(Type.FIELD);
          return;
        }
      }
      backup();
      lexNumber();
    } else if (r == '+' || r == '-' || ('0' <= r && r <= '9')) {
      backup();
      lexNumber();
    } else if (isAlphaNumeric(r)) {
      backup();
      lexIdentifier();
    } else if (r == '(') {
      emit(Type.LEFT_PAREN);
      parenDepth++;
    } else if (r == ')') {
      emit(Type.RIGHT_PAREN);
      parenDepth--;
      if (parenDepth < 0) {
        errorf("unexpected right paren");
      }
    } else if (r <= 0x7f && r >= 0x20 && r != 0x7f) {
      emit(Type.CHAR);
    } else {
      errorf("unrecognized character in action: " + GoFmt.unicodeRepr(r));
    }
  }

  private void lexSpace() {
    int numSpaces = 0;
    while (true) {
      int r = peek();
      if (!isSpace(r)) {
        break;
      }
      next();
      numSpaces++;
    }
    // Be careful about a trim-marked closing delimiter, which has a minus after a space.
    if (numSpaces > 0 && input.startsWith("-" + RIGHT, pos)) {
      pos--; // before the space that belongs to the trim marker
      if (input.charAt(pos) == '\n') {
        line--;
      }
      if (numSpaces == 1) {
        return;
      }
    }
    emit(Type.SPACE);
  }

  private void lexIdentifier() {
    while (true) {
      int r = next();
      if (!isAlphaNumeric(r)) {
        backup();
        String word = input.substring(start, pos);
        if (!atTerminator()) {
          errorf("bad character " + GoFmt.unicodeRepr(peekOrEof()));
          return;
        }
        Type kw = KEYWORDS.get(word);
        if (kw != null && kw.isKeyword()) {
          emit(kw);
        } else if (word.charAt(0) == '.') {
          emit(Type.FIELD);
        } else if (word.equals("true") || word.equals("false")) {
          emit(Type.BOOL);
        } else {
          emit(Type.IDENTIFIER);
        }
        return;
      }
    }
  }

  private int peekOrEof() {
    return peek();
  }

  private void lexVariable() {
    if (atTerminator()) {
      emit(Type.VARIABLE);
      return;
    }
    lexFieldOrVariable(Type.VARIABLE);
  }

  private void lexFieldOrVariable(Type type) {
    if (atTerminator()) {
      emit(type == Type.VARIABLE ? Type.VARIABLE : Type.DOT);
      return;
    }
    int r;
    while (true) {
      r = next();
      if (!isAlphaNumeric(r)) {
        backup();
        break;
      }
    }
    if (!atTerminator()) {
      errorf("bad character " + GoFmt.unicodeRepr(r));
      return;
    }
    emit(type);
  }

  private boolean atTerminator() {
    int r = peek();
    if (isSpace(r)) {
      return true;
    }
    switch (r) {
      case EOF_CHAR:
      case '.':
      case ',':
      case '|':
      case ':':
      case ')':
      case '(':
        return true;
      default:
        return r == RIGHT.charAt(0);
    }
  }

  private void lexChar() {
    while (true) {
      int r = next();
      if (r == '\\') {
        int n = next();
        if (n != EOF_CHAR && n != '\n') {
          continue;
        }
        errorf("unterminated character constant");
        return;
      }
      if (r == EOF_CHAR || r == '\n') {
        errorf("unterminated character constant");
        return;
      }
      if (r == '\'') {
        break;
      }
    }
    emit(Type.CHAR_CONSTANT);
  }

  private void lexNumber() {
    if (!scanNumber()) {
      errorf("bad number syntax: " + GoFmt.quote(input.substring(start, pos)));
      return;
    }
    int sign = peek();
    if (sign == '+' || sign == '-') {
      if (!scanNumber() || input.charAt(pos - 1) != 'i') {
        errorf("bad number syntax: " + GoFmt.quote(input.substring(start, pos)));
        return;
      }
      emit(Type.COMPLEX);
    } else {
      emit(Type.NUMBER);
    }
  }

  private boolean scanNumber() {
    accept("+-");
    String digits = "0123456789_";
    if (accept("0")) {
      if (accept("xX")) {
        digits = "0123456789abcdefABCDEF_";
      } else if (accept("oO")) {
        digits = "01234567_";
      } else if (accept("bB")) {
        digits = "01_";
      }
    }
    acceptRun(digits);
    if (accept(".")) {
      acceptRun(digits);
    }
    if (digits.length() == 11 && accept("eE")) {
      accept("+-");
      acceptRun("0123456789_");
    }
    if (digits.length() == 23 && accept("pP")) {
      accept("+-");
      acceptRun("0123456789_");
    }
    accept("i");
    if (isAlphaNumeric(peek())) {
      next();
      return false;
    }
    return true;
  }

  private void lexQuote() {
    while (true) {
      int r = next();
      if (r == '\\') {
        int n = next();
        if (n != EOF_CHAR && n != '\n') {
          continue;
        }
        errorf("unterminated quoted string");
        return;
      }
      if (r == EOF_CHAR || r == '\n') {
        errorf("unterminated quoted string");
        return;
      }
      if (r == '"') {
        break;
      }
    }
    emit(Type.STRING);
  }

  private void lexRawQuote() {
    while (true) {
      int r = next();
      if (r == EOF_CHAR) {
        errorf("unterminated raw quoted string");
        return;
      }
      if (r == '`') {
        break;
      }
    }
    emit(Type.RAW_STRING);
  }

  static boolean isAlphaNumeric(int r) {
    return r == '_' || Character.isLetter(r) || Character.isDigit(r);
  }
}
