package dev.cnm.core.template;

import dev.cnm.core.template.Lexer.Item;
import dev.cnm.core.template.Lexer.Type;
import dev.cnm.core.template.Node.ActionNode;
import dev.cnm.core.template.Node.BoolNode;
import dev.cnm.core.template.Node.BranchNode;
import dev.cnm.core.template.Node.BreakNode;
import dev.cnm.core.template.Node.ChainNode;
import dev.cnm.core.template.Node.CommandNode;
import dev.cnm.core.template.Node.ContinueNode;
import dev.cnm.core.template.Node.DotNode;
import dev.cnm.core.template.Node.ElseNode;
import dev.cnm.core.template.Node.EndNode;
import dev.cnm.core.template.Node.FieldNode;
import dev.cnm.core.template.Node.IdentifierNode;
import dev.cnm.core.template.Node.ListNode;
import dev.cnm.core.template.Node.NilNode;
import dev.cnm.core.template.Node.NumberNode;
import dev.cnm.core.template.Node.PipeNode;
import dev.cnm.core.template.Node.StringNode;
import dev.cnm.core.template.Node.TemplateNode;
import dev.cnm.core.template.Node.TextNode;
import dev.cnm.core.template.Node.VariableNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Go's {@code text/template/parse} parser, producing the trees of one template text. */
final class Parser {
  /** Deepest nesting of parentheses and control structures accepted (Go allows 10000). */
  static final int MAX_STACK_DEPTH = 300;

  private final String parseName;
  private final List<Item> items;
  private final Set<String> functions;
  private final Map<String, ListNode> treeSet = new LinkedHashMap<>();
  private int index;
  private int maxFetched;
  private List<String> vars = new ArrayList<>();
  private int rangeDepth;
  private int stackDepth;
  private int actionLine;

  private Parser(String parseName, String text, Set<String> functions) {
    this.parseName = parseName;
    this.items = Lexer.lex(text);
    this.functions = functions;
  }

  /** Parses text; returns the trees by name, the top-level one under {@code name}. */
  static Map<String, ListNode> parse(String name, String text, Set<String> functions) {
    Parser p = new Parser(name, text, functions);
    p.vars.add("$");
    ListNode root = p.parseTop();
    p.add(name, root);
    return p.treeSet;
  }

  // ---- token stream

  private Item next() {
    Item it = items.get(Math.min(index, items.size() - 1));
    if (index < items.size() - 1) {
      index++;
    } else {
      index = items.size(); // stay at EOF/ERROR
    }
    maxFetched = Math.max(maxFetched, Math.min(index, items.size()) - 1);
    return it;
  }

  private void backup() {
    index--;
  }

  private Item peek() {
    Item it = next();
    backup();
    return it;
  }

  private Item nextNonSpace() {
    Item it;
    do {
      it = next();
    } while (it.type == Type.SPACE);
    return it;
  }

  private Item peekNonSpace() {
    Item it = nextNonSpace();
    backup();
    return it;
  }

  // ---- errors

  private TemplateException errorf(String message) {
    int line = items.get(Math.max(0, Math.min(maxFetched, items.size() - 1))).line;
    throw TemplateException.parse("template: " + parseName + ":" + line + ": " + message);
  }

  private Item expect(Type expected, String context) {
    Item token = nextNonSpace();
    if (token.type != expected) {
      unexpected(token, context);
    }
    return token;
  }

  private Item expectOneOf(Type a, Type b, String context) {
    Item token = nextNonSpace();
    if (token.type != a && token.type != b) {
      unexpected(token, context);
    }
    return token;
  }

  private void unexpected(Item token, String context) {
    if (token.type == Type.ERROR) {
      String extra = "";
      if (actionLine != 0 && actionLine != token.line) {
        extra = " in action started at " + parseName + ":" + actionLine;
        if (token.val.endsWith(" action")) {
          extra = extra.substring(" in action".length());
        }
      }
      throw errorf(token.val + extra);
    }
    throw errorf("unexpected " + token + " in " + context);
  }

  // ---- trees

  private static boolean isEmptyTree(Node n) {
    if (n == null) {
      return true;
    }
    if (n instanceof ListNode) {
      for (Node c : ((ListNode) n).nodes) {
        if (!isEmptyTree(c)) {
          return false;
        }
      }
      return true;
    }
    if (n instanceof TextNode) {
      return ((TextNode) n).text.strip().isEmpty() && isAllSpace(((TextNode) n).text);
    }
    return false;
  }

  private static boolean isAllSpace(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\u000b' && c != '\f'
          && c != '\u0085' && c != '\u00a0') {
        return false;
      }
    }
    return true;
  }

  private void add(String name, ListNode root) {
    ListNode existing = treeSet.get(name);
    if (existing == null || isEmptyTree(existing)) {
      treeSet.put(name, root);
      return;
    }
    if (!isEmptyTree(root)) {
      throw errorf("template: multiple definition of template " + GoFmt.quote(name));
    }
  }

  private ListNode parseTop() {
    ListNode root = new ListNode(peek().pos);
    while (peek().type != Type.EOF) {
      if (peek().type == Type.LEFT_DELIM) {
        int mark = index;
        next();
        if (nextNonSpace().type == Type.DEFINE) {
          parseDefinition();
          continue;
        }
        index = mark;
      }
      Node n = textOrAction();
      if (n instanceof EndNode || n instanceof ElseNode) {
        throw errorf("unexpected " + n);
      }
      root.nodes.add(n);
    }
    return root;
  }

  private void parseDefinition() {
    String context = "define clause";
    Item nameToken = expectOneOf(Type.STRING, Type.RAW_STRING, context);
    String name = unquote(nameToken.val);
    expect(Type.RIGHT_DELIM, context);
    List<String> savedVars = vars;
    int savedRange = rangeDepth;
    vars = new ArrayList<>(List.of("$"));
    rangeDepth = 0;
    ListNode list = new ListNode(peekNonSpace().pos);
    Node end = itemList(list);
    if (!(end instanceof EndNode)) {
      throw errorf("unexpected " + end + " in " + context);
    }
    add(name, list);
    vars = savedVars;
    rangeDepth = savedRange;
  }

  /** Fills list up to an end or else, which it returns. */
  private Node itemList(ListNode list) {
    while (peekNonSpace().type != Type.EOF) {
      Node n = textOrAction();
      if (n instanceof EndNode || n instanceof ElseNode) {
        return n;
      }
      list.nodes.add(n);
    }
    throw errorf("unexpected EOF");
  }

  private ListNode newListAt() {
    return new ListNode(peekNonSpace().pos);
  }

  private Node textOrAction() {
    Item token = nextNonSpace();
    switch (token.type) {
      case TEXT:
        return new TextNode(token.pos, token.val);
      case LEFT_DELIM:
        incrStackDepth();
        actionLine = token.line;
        try {
          return action();
        } finally {
          stackDepth--;
          actionLine = 0;
        }
      default:
        unexpected(token, "input");
        return null;
    }
  }

  private void incrStackDepth() {
    stackDepth++;
    if (stackDepth >= MAX_STACK_DEPTH) {
      throw errorf("max expression depth exceeded");
    }
  }

  private Node action() {
    Item token = nextNonSpace();
    switch (token.type) {
      case BLOCK:
        return blockControl();
      case BREAK:
        return breakControl(token, "{{break}}");
      case CONTINUE:
        return breakControl(token, "{{continue}}");
      case ELSE:
        return elseControl();
      case END:
        return new EndNode(expect(Type.RIGHT_DELIM, "end").pos);
      case IF:
        return control("if");
      case RANGE:
        return control("range");
      case TEMPLATE:
        return templateControl();
      case WITH:
        return control("with");
      default:
        break;
    }
    backup();
    Item first = peek();
    return new ActionNode(first.pos, pipeline("command"));
  }

  private Node breakControl(Item keyword, String context) {
    Item token = nextNonSpace();
    if (token.type != Type.RIGHT_DELIM) {
      unexpected(token, context);
    }
    if (rangeDepth == 0) {
      throw errorf(context + " outside {{range}}");
    }
    return context.equals("{{break}}") ? new BreakNode(keyword.pos) : new ContinueNode(keyword.pos);
  }

  private Node elseControl() {
    Item peek = peekNonSpace();
    if (peek.type == Type.IF || peek.type == Type.WITH) {
      return new ElseNode(peek.pos);
    }
    Item token = expect(Type.RIGHT_DELIM, "else");
    return new ElseNode(token.pos);
  }

  private BranchNode control(String context) {
    int savedVars = vars.size();
    try {
      PipeNode pipe = pipeline(context);
      if (context.equals("range")) {
        rangeDepth++;
      }
      ListNode list = newListAt();
      Node next = itemList(list);
      if (context.equals("range")) {
        rangeDepth--;
      }
      ListNode elseList = null;
      if (next instanceof ElseNode) {
        if (context.equals("if") && peek().type == Type.IF) {
          next();
          elseList = new ListNode(next.pos);
          incrStackDepth();
          try {
            elseList.nodes.add(control("if"));
          } finally {
            stackDepth--;
          }
        } else if (context.equals("with") && peek().type == Type.WITH) {
          next();
          elseList = new ListNode(next.pos);
          incrStackDepth();
          try {
            elseList.nodes.add(control("with"));
          } finally {
            stackDepth--;
          }
        } else {
          elseList = newListAt();
          Node end = itemList(elseList);
          if (!(end instanceof EndNode)) {
            throw errorf("expected end; found " + end);
          }
        }
      }
      return new BranchNode(context, pipe.pos, pipe, list, elseList);
    } finally {
      while (vars.size() > savedVars) {
        vars.remove(vars.size() - 1);
      }
    }
  }

  private Node blockControl() {
    String context = "block clause";
    Item token = nextNonSpace();
    String name = parseTemplateName(token, context);
    PipeNode pipe = pipeline(context);
    List<String> savedVars = vars;
    int savedRange = rangeDepth;
    vars = new ArrayList<>(List.of("$"));
    rangeDepth = 0;
    ListNode list = newListAt();
    Node end = itemList(list);
    if (!(end instanceof EndNode)) {
      throw errorf("unexpected " + end + " in " + context);
    }
    add(name, list);
    vars = savedVars;
    rangeDepth = savedRange;
    return new TemplateNode(token.pos, name, pipe);
  }

  private Node templateControl() {
    String context = "template clause";
    Item token = nextNonSpace();
    String name = parseTemplateName(token, context);
    PipeNode pipe = null;
    if (nextNonSpace().type != Type.RIGHT_DELIM) {
      backup();
      pipe = pipeline(context);
    }
    return new TemplateNode(token.pos, name, pipe);
  }

  private String parseTemplateName(Item token, String context) {
    if (token.type == Type.STRING || token.type == Type.RAW_STRING) {
      return unquote(token.val);
    }
    unexpected(token, context);
    return null;
  }

  private PipeNode pipeline(String context) {
    Item first = peekNonSpace();
    PipeNode pipe = new PipeNode(first.pos);
    decls:
    while (true) {
      Item v = peekNonSpace();
      if (v.type == Type.VARIABLE) {
        int mark = index;
        nextNonSpace();
        Item next = peekNonSpace();
        if (next.type == Type.ASSIGN || next.type == Type.DECLARE) {
          pipe.isAssign = next.type == Type.ASSIGN;
          nextNonSpace();
          pipe.decl.add(new VariableNode(v.pos, v.val));
          vars.add(v.val);
        } else if (next.type == Type.CHAR && next.val.equals(",")) {
          nextNonSpace();
          pipe.decl.add(new VariableNode(v.pos, v.val));
          vars.add(v.val);
          if (context.equals("range") && pipe.decl.size() < 2) {
            Type t = peekNonSpace().type;
            if (t == Type.VARIABLE || t == Type.RIGHT_DELIM || t == Type.RIGHT_PAREN) {
              continue decls;
            }
            throw errorf("range can only initialize variables");
          }
          throw errorf("too many declarations in " + context);
        } else {
          // An argument variable, not a declaration: push it back.
          index = mark;
        }
      }
      break;
    }
    while (true) {
      Item token = nextNonSpace();
      switch (token.type) {
        case RIGHT_DELIM:
        case RIGHT_PAREN:
          checkPipeline(pipe, context);
          if (token.type == Type.RIGHT_PAREN) {
            backup();
          }
          return pipe;
        case BOOL:
        case CHAR_CONSTANT:
        case COMPLEX:
        case DOT:
        case FIELD:
        case IDENTIFIER:
        case NUMBER:
        case NIL:
        case RAW_STRING:
        case STRING:
        case VARIABLE:
        case LEFT_PAREN:
          backup();
          pipe.cmds.add(command());
          break;
        default:
          unexpected(token, context);
      }
    }
  }

  private void checkPipeline(PipeNode pipe, String context) {
    if (pipe.cmds.isEmpty()) {
      throw errorf("missing value for " + context);
    }
    for (int i = 1; i < pipe.cmds.size(); i++) {
      Node first = pipe.cmds.get(i).args.get(0);
      if (first instanceof BoolNode || first instanceof DotNode || first instanceof NilNode
          || first instanceof NumberNode || first instanceof StringNode) {
        throw errorf("non executable command in pipeline stage " + (i + 1));
      }
    }
  }

  private CommandNode command() {
    CommandNode cmd = new CommandNode(peekNonSpace().pos);
    while (true) {
      peekNonSpace();
      Node operand = operand();
      if (operand != null) {
        cmd.args.add(operand);
      }
      Item token = next();
      switch (token.type) {
        case SPACE:
          continue;
        case ERROR:
          throw errorf(token.val);
        case RIGHT_DELIM:
        case RIGHT_PAREN:
          backup();
          break;
        case PIPE:
          break;
        default:
          throw errorf("unexpected " + token + " in operand");
      }
      break;
    }
    if (cmd.args.isEmpty()) {
      throw errorf("empty command");
    }
    return cmd;
  }

  private Node operand() {
    Node node = term();
    if (node == null) {
      return null;
    }
    if (peek().type == Type.FIELD) {
      ChainNode chain = new ChainNode(peek().pos, node);
      while (peek().type == Type.FIELD) {
        chain.add(next().val);
      }
      if (node instanceof FieldNode) {
        return new FieldNode(chain.pos, chain.toString());
      }
      if (node instanceof VariableNode) {
        return new VariableNode(chain.pos, chain.toString());
      }
      if (node instanceof BoolNode || node instanceof StringNode || node instanceof NumberNode
          || node instanceof NilNode || node instanceof DotNode) {
        throw errorf("unexpected . after term " + GoFmt.quote(node.toString()));
      }
      return chain;
    }
    return node;
  }

  private Node term() {
    Item token = nextNonSpace();
    switch (token.type) {
      case ERROR:
        throw errorf(token.val);
      case IDENTIFIER:
        if (!functions.contains(token.val)) {
          throw errorf("function " + GoFmt.quote(token.val) + " not defined");
        }
        return new IdentifierNode(token.pos, token.val);
      case DOT:
        return new DotNode(token.pos);
      case NIL:
        return new NilNode(token.pos);
      case VARIABLE:
        return useVar(token.pos, token.val);
      case FIELD:
        return new FieldNode(token.pos, token.val);
      case BOOL:
        return new BoolNode(token.pos, token.val.equals("true"));
      case CHAR_CONSTANT:
      case COMPLEX:
      case NUMBER:
        return newNumber(token);
      case LEFT_PAREN:
        incrStackDepth();
        try {
          PipeNode pipe = pipeline("parenthesized pipeline");
          Item close = next();
          if (close.type != Type.RIGHT_PAREN) {
            throw errorf("unclosed right paren: unexpected " + close);
          }
          return pipe;
        } finally {
          stackDepth--;
        }
      case STRING:
      case RAW_STRING:
        return new StringNode(token.pos, token.val, unquote(token.val));
      default:
        backup();
        return null;
    }
  }

  private Node useVar(int pos, String name) {
    VariableNode v = new VariableNode(pos, name);
    if (vars.contains(v.ident.get(0))) {
      return v;
    }
    throw errorf("undefined variable " + GoFmt.quote(v.ident.get(0)));
  }

  private String unquote(String quoted) {
    try {
      return GoStrings.unquote(quoted);
    } catch (IllegalArgumentException e) {
      throw errorf("invalid syntax");
    }
  }

  private Node newNumber(Item token) {
    String text = token.val;
    NumberNode n = new NumberNode(token.pos, text);
    if (token.type == Type.CHAR_CONSTANT) {
      int[] rune;
      try {
        rune = GoStrings.unquoteChar(text, 1, '\'');
      } catch (IllegalArgumentException e) {
        throw errorf("invalid syntax");
      }
      if (rune[1] != text.length() - 1 || text.charAt(text.length() - 1) != '\'') {
        throw errorf("malformed character constant: " + text);
      }
      n.isInt = true;
      n.intValue = rune[0];
      n.isFloat = true;
      n.floatValue = rune[0];
      return n;
    }
    if (token.type == Type.COMPLEX || text.endsWith("i")) {
      throw errorf("complex constants are not supported: " + GoFmt.quote(text));
    }
    BigInteger big = GoStrings.parseInt(text);
    if (big != null && big.bitLength() < 64) {
      n.isInt = true;
      n.intValue = big.longValue();
      n.isFloat = true;
      n.floatValue = big.doubleValue();
    } else if (big != null && big.signum() > 0 && big.bitLength() == 64) {
      // a uint64: Go accepts the constant but it overflows int when used
      n.isFloat = true;
      n.floatValue = big.doubleValue();
      n.isUint = true;
    } else {
      Double f = GoStrings.parseFloat(text);
      if (f != null) {
        if (!containsAny(text, ".eEpP")) {
          throw errorf("integer overflow: " + GoFmt.quote(text));
        }
        n.isFloat = true;
        n.floatValue = f;
        if (f == Math.rint(f) && Math.abs(f) < 9.2e18) {
          n.isInt = true;
          n.intValue = (long) (double) f;
        }
      }
    }
    if (!n.isInt && !n.isFloat && !n.isUint) {
      throw errorf("illegal number syntax: " + GoFmt.quote(text));
    }
    return n;
  }

  static boolean containsAny(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }
}
