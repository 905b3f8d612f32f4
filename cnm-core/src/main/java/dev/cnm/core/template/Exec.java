package dev.cnm.core.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.core.template.Fn.Param;
import dev.cnm.core.template.Node.ActionNode;
import dev.cnm.core.template.Node.BoolNode;
import dev.cnm.core.template.Node.BranchNode;
import dev.cnm.core.template.Node.BreakNode;
import dev.cnm.core.template.Node.ChainNode;
import dev.cnm.core.template.Node.CommandNode;
import dev.cnm.core.template.Node.ContinueNode;
import dev.cnm.core.template.Node.DotNode;
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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One execution of a template: Go's exec.go state. Not thread-safe; one per execute call. */
final class Exec {
  /** Deepest {@code {{template}}} nesting (Go allows 100000 on a much larger stack). */
  static final int MAX_EXEC_DEPTH = 300;

  private static final Object MISSING = new Object();

  /** Unwinds a range iteration; carries no stack trace. */
  private static final class Signal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Signal() {
      super(null, null, false, false);
    }
  }

  private static final Signal BREAK = new Signal();
  private static final Signal CONTINUE = new Signal();

  private static final class Var {
    final String name;
    Object value;

    Var(String name, Object value) {
      this.name = name;
      this.value = value;
    }
  }

  private final String text;
  private final String parseName;
  private final Map<String, ListNode> trees;
  private final TemplateFunctions functions;
  private final MissingKey missingKey;
  private final Map<String, String> fieldAliases;
  private final StringBuilder out;
  private final int outStart;
  private final Budget budget;
  private String tmplName;
  private Node node;
  private List<Var> vars = new ArrayList<>();
  private int depth;

  Exec(String text, String parseName, Map<String, ListNode> trees, TemplateFunctions functions,
      MissingKey missingKey, Map<String, String> fieldAliases, StringBuilder out,
      TemplateLimits limits) {
    this.text = text;
    this.parseName = parseName;
    this.trees = trees;
    this.functions = functions;
    this.missingKey = missingKey;
    this.fieldAliases = fieldAliases;
    this.out = out;
    this.outStart = out.length();
    this.budget = Budget.start(limits);
  }

  void run(String name, Object data) {
    tmplName = name;
    ListNode root = trees.get(name);
    vars.add(new Var("$", data));
    if (root == null) {
      throw errorf(GoFmt.quote(name) + " is an incomplete or empty template");
    }
    try {
      walk(data, root);
    } catch (Budget.Exceeded e) {
      throw limitError(e);
    }
  }

  /** The overrun as an execution error at the current action, as Go reports its own. */
  private TemplateLimitException limitError(Budget.Exceeded e) {
    return new TemplateLimitException(errorf(e.getMessage()).getMessage(), e.limit);
  }

  /** Appends to the output, within the budget. */
  private void write(String s) {
    budget.checkChars((long) out.length() - outStart + s.length());
    out.append(s);
  }

  // ---- errors

  private TemplateException errorf(String message) {
    if (node == null) {
      return TemplateException.exec("template: " + tmplName + ": " + message);
    }
    int pos = Math.min(node.pos, text.length());
    String before = text.substring(0, pos);
    int nl = before.lastIndexOf('\n');
    int line = 1;
    for (int i = 0; i < before.length(); i++) {
      if (before.charAt(i) == '\n') {
        line++;
      }
    }
    int col = before.substring(nl + 1).getBytes(StandardCharsets.UTF_8).length;
    return TemplateException.exec("template: " + parseName + ":" + line + ":" + col
        + ": executing " + GoFmt.quote(tmplName) + " at <" + node + ">: " + message);
  }

  private void at(Node n) {
    node = n;
  }

  // ---- variables

  private int mark() {
    return vars.size();
  }

  private void pop(int mark) {
    while (vars.size() > mark) {
      vars.remove(vars.size() - 1);
    }
  }

  private void setVar(String name, Object value) {
    for (int i = vars.size() - 1; i >= 0; i--) {
      if (vars.get(i).name.equals(name)) {
        vars.get(i).value = value;
        return;
      }
    }
    throw errorf("undefined variable: " + name);
  }

  private void setTopVar(int n, Object value) {
    vars.get(vars.size() - n).value = value;
  }

  private Object varValue(String name) {
    for (int i = vars.size() - 1; i >= 0; i--) {
      if (vars.get(i).name.equals(name)) {
        return vars.get(i).value;
      }
    }
    throw errorf("undefined variable: " + name);
  }

  // ---- walking

  private void walk(Object dot, Node n) {
    at(n);
    budget.checkTime();
    if (n instanceof ActionNode) {
      ActionNode a = (ActionNode) n;
      Object val = evalPipeline(dot, a.pipe);
      if (a.pipe.decl.isEmpty()) {
        printValue(n, val);
      }
    } else if (n instanceof BranchNode) {
      BranchNode b = (BranchNode) n;
      if (b.kind.equals("range")) {
        walkRange(dot, b);
      } else {
        walkIfOrWith(b.kind.equals("with"), dot, b);
      }
    } else if (n instanceof ListNode) {
      for (Node c : ((ListNode) n).nodes) {
        walk(dot, c);
      }
    } else if (n instanceof TextNode) {
      write(((TextNode) n).text);
    } else if (n instanceof TemplateNode) {
      walkTemplate(dot, (TemplateNode) n);
    } else if (n instanceof BreakNode) {
      throw BREAK;
    } else if (n instanceof ContinueNode) {
      throw CONTINUE;
    } else {
      throw errorf("unknown node: " + n);
    }
  }

  private void walkIfOrWith(boolean isWith, Object dot, BranchNode b) {
    int mark = mark();
    try {
      Object val = evalPipeline(dot, b.pipe);
      if (GoValues.isTrue(val)) {
        walk(isWith ? val : dot, b.list);
      } else if (b.elseList != null) {
        walk(dot, b.elseList);
      }
    } finally {
      pop(mark);
    }
  }

  private void walkRange(Object dot, BranchNode r) {
    at(r);
    int outer = mark();
    try {
      Object val = GoValues.concrete(evalPipeline(dot, r.pipe));
      int mark = mark();
      boolean ran = false;
      try {
        if (val instanceof ArrayNode) {
          ArrayNode a = (ArrayNode) val;
          for (int i = 0; i < a.size(); i++) {
            ran = true;
            oneIteration(r, mark, (long) i, GoValues.boxed(GoValues.fromJson(a.get(i))));
          }
        } else if (val instanceof List) {
          List<?> l = (List<?>) val;
          for (int i = 0; i < l.size(); i++) {
            ran = true;
            oneIteration(r, mark, (long) i, l.get(i));
          }
        } else if (val instanceof ObjectNode) {
          ObjectNode m = (ObjectNode) val;
          for (String key : GoValues.sortedKeys(m)) {
            ran = true;
            oneIteration(r, mark, key, GoValues.boxed(GoValues.fromJson(m.get(key))));
          }
        } else if (val instanceof Long) {
          if (r.pipe.decl.size() > 1) {
            throw errorf("can't use " + GoFmt.formatV(val)
                + " to iterate over more than one variable");
          }
          long n = (Long) val;
          for (long i = 0; i < n; i++) {
            ran = true;
            oneIteration(r, mark, i, i);
          }
        } else if (val != null) {
          throw errorf("range can't iterate over " + GoFmt.formatV(val));
        }
      } catch (Signal s) {
        if (s != BREAK) {
          throw s;
        }
        pop(mark);
      }
      if (!ran && r.elseList != null) {
        walk(dot, r.elseList);
      }
    } finally {
      pop(outer);
    }
  }

  private void oneIteration(BranchNode r, int mark, Object index, Object elem) {
    at(r.pipe); // an overrun names the ranged value, not the whole body
    budget.iteration();
    List<VariableNode> decl = r.pipe.decl;
    if (!decl.isEmpty()) {
      if (r.pipe.isAssign) {
        setVar(decl.get(0).ident.get(0), decl.size() > 1 ? index : elem);
      } else {
        setTopVar(1, elem);
      }
    }
    if (decl.size() > 1) {
      if (r.pipe.isAssign) {
        setVar(decl.get(1).ident.get(0), elem);
      } else {
        setTopVar(2, index);
      }
    }
    try {
      walk(elem, r.list);
    } catch (Signal s) {
      if (s != CONTINUE) {
        throw s;
      }
    } finally {
      pop(mark);
    }
  }

  private void walkTemplate(Object dot, TemplateNode t) {
    at(t);
    ListNode tmpl = trees.get(t.name);
    if (tmpl == null) {
      throw errorf("template " + GoFmt.quote(t.name) + " not defined");
    }
    if (depth == MAX_EXEC_DEPTH) {
      throw errorf("exceeded maximum template depth (" + MAX_EXEC_DEPTH + ")");
    }
    Object newDot = evalPipeline(dot, t.pipe);
    String savedName = tmplName;
    List<Var> savedVars = vars;
    depth++;
    tmplName = t.name;
    vars = new ArrayList<>();
    vars.add(new Var("$", newDot));
    try {
      walk(newDot, tmpl);
    } finally {
      depth--;
      tmplName = savedName;
      vars = savedVars;
    }
  }

  // ---- evaluation

  /** Evaluates a pipeline; the result is dug out of any interface (never Boxed or NIL). */
  private Object evalPipeline(Object dot, PipeNode pipe) {
    if (pipe == null) {
      return null;
    }
    at(pipe);
    Object value = MISSING;
    for (CommandNode cmd : pipe.cmds) {
      value = evalCommand(dot, cmd, value);
      value = GoValues.concrete(value);
    }
    for (VariableNode v : pipe.decl) {
      if (pipe.isAssign) {
        setVar(v.ident.get(0), value);
      } else {
        vars.add(new Var(v.ident.get(0), value));
      }
    }
    return value;
  }

  private void notAFunction(List<Node> args, Object fin) {
    if (args.size() > 1 || fin != MISSING) {
      throw errorf("can't give argument to non-function " + args.get(0));
    }
  }

  private Object evalCommand(Object dot, CommandNode cmd, Object fin) {
    Node first = cmd.args.get(0);
    if (first instanceof FieldNode) {
      return evalFieldNode(dot, (FieldNode) first, cmd.args, fin);
    }
    if (first instanceof ChainNode) {
      return evalChainNode(dot, (ChainNode) first, cmd.args, fin);
    }
    if (first instanceof IdentifierNode) {
      return evalFunction(dot, (IdentifierNode) first, cmd, cmd.args, fin);
    }
    if (first instanceof PipeNode) {
      notAFunction(cmd.args, fin);
      return evalPipeline(dot, (PipeNode) first);
    }
    if (first instanceof VariableNode) {
      return evalVariableNode(dot, (VariableNode) first, cmd.args, fin);
    }
    at(first);
    notAFunction(cmd.args, fin);
    if (first instanceof BoolNode) {
      return ((BoolNode) first).value;
    }
    if (first instanceof DotNode) {
      return dot;
    }
    if (first instanceof NilNode) {
      throw errorf("nil is not a command");
    }
    if (first instanceof NumberNode) {
      return idealConstant((NumberNode) first);
    }
    if (first instanceof StringNode) {
      return ((StringNode) first).text;
    }
    throw errorf("can't evaluate command " + GoFmt.quote(first.toString()));
  }

  private Object idealConstant(NumberNode c) {
    at(c);
    boolean hexInt = c.text.length() > 2 && c.text.charAt(0) == '0'
        && (c.text.charAt(1) == 'x' || c.text.charAt(1) == 'X') && !Parser.containsAny(c.text, "pP");
    boolean runeInt = c.text.startsWith("'");
    if (c.isFloat && !hexInt && !runeInt && Parser.containsAny(c.text, ".eEpP")) {
      return c.floatValue;
    }
    if (c.isInt) {
      return c.intValue;
    }
    if (c.isUint) {
      throw errorf(c.text + " overflows int");
    }
    return null;
  }

  private Object evalFieldNode(Object dot, FieldNode field, List<Node> args, Object fin) {
    at(field);
    return evalFieldChain(dot, dot, field, field.ident, args, fin);
  }

  private Object evalChainNode(Object dot, ChainNode chain, List<Node> args, Object fin) {
    at(chain);
    if (chain.node instanceof NilNode) {
      throw errorf("indirection through explicit nil in " + chain);
    }
    Object pipe = evalArg(dot, null, chain.node);
    return evalFieldChain(dot, pipe, chain, chain.field, args, fin);
  }

  private Object evalVariableNode(Object dot, VariableNode v, List<Node> args, Object fin) {
    at(v);
    Object value = varValue(v.ident.get(0));
    if (v.ident.size() == 1) {
      notAFunction(args == null ? List.of(v) : args, fin);
      return value;
    }
    return evalFieldChain(dot, value, v, v.ident.subList(1, v.ident.size()), args, fin);
  }

  private Object evalFieldChain(Object dot, Object receiver, Node n, List<String> ident,
      List<Node> args, Object fin) {
    int count = ident.size();
    for (int i = 0; i < count - 1; i++) {
      receiver = evalField(dot, ident.get(i), n, null, MISSING, receiver);
    }
    return evalField(dot, ident.get(count - 1), n, args, fin, receiver);
  }

  private Object evalFunction(Object dot, IdentifierNode n, Node cmd, List<Node> args,
      Object fin) {
    at(n);
    Fn fn = functions.get(n.ident);
    if (fn == null) {
      throw errorf(GoFmt.quote(n.ident) + " is not a defined function");
    }
    return evalCall(dot, fn, true, cmd, n.ident, args, fin);
  }

  private Object evalField(Object dot, String fieldName, Node n, List<Node> args, Object fin,
      Object receiver) {
    if (receiver == null) {
      if (missingKey == MissingKey.ERROR) {
        throw errorf("nil data; no entry for key " + GoFmt.quote(fieldName));
      }
      return null;
    }
    String typ = GoValues.typeName(receiver);
    Object r = GoValues.unbox(receiver);
    if (r == GoValues.NIL) {
      throw errorf("nil pointer evaluating " + typ + "." + fieldName);
    }
    if (r instanceof TemplateObject) {
      TemplateObject obj = (TemplateObject) r;
      int arity = obj.arity(fieldName);
      if (arity >= 0) {
        List<Param> params = new ArrayList<>();
        for (int i = 0; i < arity; i++) {
          params.add(Param.STRING);
        }
        Fn method = new Fn(fieldName, params, null, (a, b) -> {
          List<String> strings = new ArrayList<>();
          for (Object o : a) {
            strings.add((String) o);
          }
          return GoValues.normalize(obj.invoke(fieldName, List.copyOf(strings)));
        });
        return evalCall(dot, method, false, n, fieldName, args, fin);
      }
      throw errorf("can't evaluate field " + fieldName + " in type " + typ);
    }
    boolean hasArgs = (args != null && args.size() > 1) || fin != MISSING;
    if (r instanceof ObjectNode) {
      if (hasArgs) {
        throw errorf(fieldName + " is not a method but has arguments");
      }
      JsonNode child = ((ObjectNode) r).get(fieldName);
      if (child == null && fieldAliases.containsKey(fieldName)) {
        child = ((ObjectNode) r).get(fieldAliases.get(fieldName));
      }
      if (child == null) {
        switch (missingKey) {
          case ZERO:
            return GoValues.NIL;
          case ERROR:
            throw errorf("map has no entry for key " + GoFmt.quote(fieldName));
          default:
            return null;
        }
      }
      return GoValues.boxed(GoValues.fromJson(child));
    }
    throw errorf("can't evaluate field " + fieldName + " in type " + typ);
  }

  private Object evalCall(Object dot, Fn fn, boolean isBuiltinCandidate, Node n, String name,
      List<Node> argNodes, Object fin) {
    List<Node> args = argNodes == null ? List.of() : argNodes.subList(1, argNodes.size());
    int numIn = args.size() + (fin != MISSING ? 1 : 0);
    int numFixed = args.size();
    if (fn.variadic != null) {
      numFixed = fn.fixed.size();
      if (numIn < numFixed) {
        throw errorf("wrong number of args for " + name + ": want at least " + fn.fixed.size()
            + " got " + args.size());
      }
    } else if (numIn != fn.fixed.size()) {
      throw errorf("wrong number of args for " + name + ": want " + fn.fixed.size() + " got "
          + numIn);
    }
    boolean builtin = isBuiltinCandidate && fn == Builtins0.get(name);
    if (builtin && (name.equals("and") || name.equals("or"))) {
      boolean isOr = name.equals("or");
      Object v = null;
      for (Node arg : args) {
        v = evalArg(dot, Param.REFLECT, arg);
        if (GoValues.isTrue(v) == isOr) {
          return v;
        }
      }
      if (fin != MISSING) {
        v = validateType(fin, Param.REFLECT);
      }
      return v;
    }
    List<Object> argv = new ArrayList<>();
    int i = 0;
    for (; i < numFixed && i < args.size(); i++) {
      argv.add(evalArg(dot, fn.fixed.get(i), args.get(i)));
    }
    if (fn.variadic != null) {
      for (; i < args.size(); i++) {
        argv.add(evalArg(dot, fn.variadic, args.get(i)));
      }
    }
    if (fin != MISSING) {
      Param t;
      if (fn.variadic != null) {
        t = numIn - 1 < numFixed ? fn.fixed.get(numIn - 1) : fn.variadic;
      } else {
        t = fn.fixed.get(fn.fixed.size() - 1);
      }
      argv.add(validateType(fin, t));
    }
    if (builtin && name.equals("call")) {
      argv.add(0, args.isEmpty() ? "" : args.get(0).toString());
    }
    try {
      budget.checkTime();
      Object result = fn.impl.apply(argv, budget);
      budget.checkValue(result);
      return result;
    } catch (IllegalArgumentException e) {
      at(n);
      throw errorf("error calling " + name + ": " + e.getMessage());
    } catch (Budget.Exceeded e) {
      at(n); // an overrun is reported at the call that built the value
      throw e;
    }
  }

  private Object validateType(Object value, Param typ) {
    if (value == null) {
      if (typ == null || typ == Param.REFLECT) {
        return null;
      }
      if (typ == Param.ANY) {
        return GoValues.NIL;
      }
      if (typ == Param.STRINGS) {
        return List.of();
      }
      throw errorf("invalid value; expected " + typ.goName);
    }
    if (typ == null || typ == Param.REFLECT) {
      return value;
    }
    Object c = GoValues.unbox(value);
    switch (typ) {
      case ANY:
        return c;
      case STRING:
        if (c instanceof String) {
          return c;
        }
        break;
      case INT:
        if (c instanceof Long) {
          return c;
        }
        break;
      case STRINGS:
        if (c instanceof List) {
          return c;
        }
        if (c instanceof ArrayNode) {
          List<String> strings = new ArrayList<>();
          boolean ok = true;
          for (JsonNode e : (ArrayNode) c) {
            if (!e.isTextual()) {
              ok = false;
              break;
            }
            strings.add(e.textValue());
          }
          if (ok) {
            return List.copyOf(strings);
          }
        }
        break;
      default:
        break;
    }
    throw errorf("wrong type for value; expected " + typ.goName + "; got "
        + GoValues.concreteTypeName(c));
  }

  private Object evalArg(Object dot, Param typ, Node n) {
    at(n);
    if (n instanceof DotNode) {
      return validateType(dot, typ);
    }
    if (n instanceof NilNode) {
      if (typ == Param.ANY || typ == Param.STRINGS) {
        return typ == Param.ANY ? GoValues.NIL : List.of();
      }
      if (typ == Param.REFLECT) {
        return null;
      }
      throw errorf("cannot assign nil to " + (typ == null ? "<nil>" : typ.goName));
    }
    if (n instanceof FieldNode) {
      return validateType(evalFieldNode(dot, (FieldNode) n, List.of(n), MISSING), typ);
    }
    if (n instanceof VariableNode) {
      return validateType(evalVariableNode(dot, (VariableNode) n, null, MISSING), typ);
    }
    if (n instanceof PipeNode) {
      return validateType(evalPipeline(dot, (PipeNode) n), typ);
    }
    if (n instanceof IdentifierNode) {
      return validateType(evalFunction(dot, (IdentifierNode) n, n, null, MISSING), typ);
    }
    if (n instanceof ChainNode) {
      return validateType(evalChainNode(dot, (ChainNode) n, null, MISSING), typ);
    }
    if (typ == null) {
      throw errorf("can't handle " + n + " for arg of type <nil>");
    }
    switch (typ) {
      case STRING:
        if (n instanceof StringNode) {
          return ((StringNode) n).text;
        }
        throw errorf("expected string; found " + n);
      case INT:
        if (n instanceof NumberNode && ((NumberNode) n).isInt) {
          return ((NumberNode) n).intValue;
        }
        throw errorf("expected integer; found " + n);
      case ANY:
      case REFLECT:
        return evalEmptyInterface(n);
      default:
        throw errorf("can't handle " + n + " for arg of type " + typ.goName);
    }
  }

  private Object evalEmptyInterface(Node n) {
    at(n);
    if (n instanceof BoolNode) {
      return ((BoolNode) n).value;
    }
    if (n instanceof NumberNode) {
      return idealConstant((NumberNode) n);
    }
    if (n instanceof StringNode) {
      return ((StringNode) n).text;
    }
    throw errorf("can't handle assignment of " + n + " to empty interface argument");
  }

  private void printValue(Node n, Object v) {
    at(n);
    Object c = GoValues.concrete(v);
    if (c == null) {
      write("<no value>");
      return;
    }
    write(GoFmt.formatV(c));
  }

  /** The builtin function table, to tell a builtin from a user function of the same name. */
  private static final class Builtins0 {
    private static final Map<String, Fn> ALL = TemplateFunctions.builtins().asMap();

    static Fn get(String name) {
      return ALL.get(name);
    }
  }
}
