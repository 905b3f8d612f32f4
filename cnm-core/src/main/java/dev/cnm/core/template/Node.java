package dev.cnm.core.template;

import java.util.ArrayList;
import java.util.List;

/** Parse tree nodes, as in Go's {@code text/template/parse}; {@link #toString()} is Go's. */
abstract class Node {
  final int pos;

  Node(int pos) {
    this.pos = pos;
  }

  static final class ListNode extends Node {
    final List<Node> nodes = new ArrayList<>();

    ListNode(int pos) {
      super(pos);
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder();
      for (Node n : nodes) {
        sb.append(n);
      }
      return sb.toString();
    }
  }

  static final class TextNode extends Node {
    final String text;

    TextNode(int pos, String text) {
      super(pos);
      this.text = text;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  static final class ActionNode extends Node {
    final PipeNode pipe;

    ActionNode(int pos, PipeNode pipe) {
      super(pos);
      this.pipe = pipe;
    }

    @Override
    public String toString() {
      return "{{" + pipe + "}}";
    }
  }

  static final class PipeNode extends Node {
    boolean isAssign;
    final List<VariableNode> decl = new ArrayList<>();
    final List<CommandNode> cmds = new ArrayList<>();

    PipeNode(int pos) {
      super(pos);
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder();
      if (!decl.isEmpty()) {
        for (int i = 0; i < decl.size(); i++) {
          if (i > 0) {
            sb.append(", ");
          }
          sb.append(decl.get(i));
        }
        sb.append(isAssign ? " = " : " := ");
      }
      for (int i = 0; i < cmds.size(); i++) {
        if (i > 0) {
          sb.append(" | ");
        }
        sb.append(cmds.get(i));
      }
      return sb.toString();
    }
  }

  static final class CommandNode extends Node {
    final List<Node> args = new ArrayList<>();

    CommandNode(int pos) {
      super(pos);
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < args.size(); i++) {
        if (i > 0) {
          sb.append(' ');
        }
        Node arg = args.get(i);
        if (arg instanceof PipeNode) {
          sb.append('(').append(arg).append(')');
        } else {
          sb.append(arg);
        }
      }
      return sb.toString();
    }
  }

  static final class IdentifierNode extends Node {
    final String ident;

    IdentifierNode(int pos, String ident) {
      super(pos);
      this.ident = ident;
    }

    @Override
    public String toString() {
      return ident;
    }
  }

  static final class VariableNode extends Node {
    final List<String> ident;

    VariableNode(int pos, String text) {
      super(pos);
      this.ident = List.of(text.split("\\.", -1));
    }

    @Override
    public String toString() {
      return String.join(".", ident);
    }
  }

  static final class DotNode extends Node {
    DotNode(int pos) {
      super(pos);
    }

    @Override
    public String toString() {
      return ".";
    }
  }

  static final class NilNode extends Node {
    NilNode(int pos) {
      super(pos);
    }

    @Override
    public String toString() {
      return "nil";
    }
  }

  static final class FieldNode extends Node {
    final List<String> ident;

    FieldNode(int pos, String text) {
      super(pos);
      this.ident = List.of(text.substring(1).split("\\.", -1));
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder();
      for (String id : ident) {
        sb.append('.').append(id);
      }
      return sb.toString();
    }
  }

  static final class ChainNode extends Node {
    final Node node;
    final List<String> field = new ArrayList<>();

    ChainNode(int pos, Node node) {
      super(pos);
      this.node = node;
    }

    void add(String f) {
      // f starts with '.'; it may contain several fields.
      for (String part : f.substring(1).split("\\.", -1)) {
        field.add(part);
      }
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder();
      if (node instanceof PipeNode) {
        sb.append('(').append(node).append(')');
      } else {
        sb.append(node);
      }
      for (String f : field) {
        sb.append('.').append(f);
      }
      return sb.toString();
    }
  }

  static final class BoolNode extends Node {
    final boolean value;

    BoolNode(int pos, boolean value) {
      super(pos);
      this.value = value;
    }

    @Override
    public String toString() {
      return value ? "true" : "false";
    }
  }

  static final class NumberNode extends Node {
    final String text;
    boolean isInt;
    boolean isFloat;
    boolean isComplex;
    boolean isUint;
    long intValue;
    double floatValue;

    NumberNode(int pos, String text) {
      super(pos);
      this.text = text;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  static final class StringNode extends Node {
    final String quoted;
    final String text;

    StringNode(int pos, String quoted, String text) {
      super(pos);
      this.quoted = quoted;
      this.text = text;
    }

    @Override
    public String toString() {
      return quoted;
    }
  }

  /** The end of a control structure; only lives during parsing. */
  static final class EndNode extends Node {
    EndNode(int pos) {
      super(pos);
    }

    @Override
    public String toString() {
      return "{{end}}";
    }
  }

  /** An else action; only lives during parsing. */
  static final class ElseNode extends Node {
    ElseNode(int pos) {
      super(pos);
    }

    @Override
    public String toString() {
      return "{{else}}";
    }
  }

  static final class BreakNode extends Node {
    BreakNode(int pos) {
      super(pos);
    }

    @Override
    public String toString() {
      return "{{break}}";
    }
  }

  static final class ContinueNode extends Node {
    ContinueNode(int pos) {
      super(pos);
    }

    @Override
    public String toString() {
      return "{{continue}}";
    }
  }

  /** if, range and with. */
  static final class BranchNode extends Node {
    final String kind;
    final PipeNode pipe;
    final ListNode list;
    final ListNode elseList;

    BranchNode(String kind, int pos, PipeNode pipe, ListNode list, ListNode elseList) {
      super(pos);
      this.kind = kind;
      this.pipe = pipe;
      this.list = list;
      this.elseList = elseList;
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder();
      sb.append("{{").append(kind).append(' ').append(pipe).append("}}").append(list);
      if (elseList != null) {
        sb.append("{{else}}").append(elseList);
      }
      return sb.append("{{end}}").toString();
    }
  }

  static final class TemplateNode extends Node {
    final String name;
    final PipeNode pipe;

    TemplateNode(int pos, String name, PipeNode pipe) {
      super(pos);
      this.name = name;
      this.pipe = pipe;
    }

    @Override
    public String toString() {
      if (pipe == null) {
        return "{{template " + GoFmt.quote(name) + "}}";
      }
      return "{{template " + GoFmt.quote(name) + " " + pipe + "}}";
    }
  }
}
